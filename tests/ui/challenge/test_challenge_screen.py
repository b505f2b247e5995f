"""Pilot tests for the Challenge screen, its forms and Today's help pane."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, Static

from coach.challenge import helps as challenge
from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.session import Coach, open_coach
from screens.app import CoachApp, make_app
from screens.challenge.challenge import ChallengeScreen
from screens.challenge.help_forms import GoalForm, HelpForm
from screens.common.confirm import ConfirmScreen
from screens.today.today import TodayScreen
from tests.conftest import own_notes
from tests.ui.helpers import SnapCompare, settle

THIS_MONDAY = date(2026, 11, 16)  # the clock fixture is Sunday 22 November 2026


def seed_weeks(coach: Coach) -> None:
    """Five past weeks (3, 5, 6, 2, 4 people) and two helps this week."""
    for weeks_ago, count in zip(range(5, 0, -1), [3, 5, 6, 2, 4], strict=True):
        monday = THIS_MONDAY - timedelta(weeks=weeks_ago)
        for i in range(count):
            challenge.log_help(coach, f"Person {i}", "advice", day=monday + timedelta(days=i % 7))
    challenge.log_help(coach, "Ann", "reviewed her pricing", client=True, day=THIS_MONDAY)
    challenge.log_help(coach, "Bo", "an intro to a printer", day=THIS_MONDAY + timedelta(days=3))


def error_text(form: HelpForm | GoalForm) -> str:
    error = form.query_one(".form-error", Static)
    return str(error.render()) if error.display else ""


async def test_log_edit_and_delete_a_help(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, ChallengeScreen)
        assert screen.query_one("#no-entries").display

        # log: the empty form is refused inline, then a full one is saved
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, HelpForm)
        await pilot.press("enter")
        assert "name is empty" in error_text(form)
        await pilot.press(*"[bold red]Ann[/]", "tab", *"pricing", "tab", "space", "tab", "enter")
        await settle(pilot)
        assert screen.is_current
        assert screen.week is not None and screen.week.count == 1
        (entry,) = screen.week.helps
        assert (entry.who, entry.how, entry.client) == ("[bold red]Ann[/]", "pricing", True)
        prompt = screen.query_one("#entries", OptionList).get_option_at_index(0).prompt
        assert "[bold red]Ann[/]" in str(prompt)  # user text shown literally

        # edit: a future day is refused, then the change is saved
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, HelpForm)
        assert form.query_one("#how", Input).value == "pricing"
        form.query_one("#day", Input).value = "2026-11-23"
        form.query_one("#how", Input).value = "pricing and terms"
        await pilot.press("ctrl+s")
        assert "in the future" in error_text(form)
        form.query_one("#day", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        (entry,) = screen.week.helps
        assert (entry.how, entry.day) == ("pricing and terms", date(2026, 11, 20))

        # delete: escape keeps it, y deletes it
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.week.count == 1
        await pilot.press("d", "y")
        await settle(pilot)
        assert screen.week.count == 0
        assert screen.query_one("#no-entries").display
        assert not screen.check_action("delete_help", ())
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)

    stored = open_coach(data_dir, clock=clock, library=library)
    assert challenge.this_week(stored).helps == ()


async def test_goal_form_validates_and_keeps_past_weeks(app: CoachApp, coach: Coach) -> None:
    seed_weeks(coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ChallengeScreen)
        await pilot.press("g")
        form = app.screen
        assert isinstance(form, GoalForm)
        form.query_one("#goal", Input).value = "0"
        await pilot.press("enter")
        assert "1 to 100" in error_text(form)
        form.query_one("#goal", Input).value = "2"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.week is not None and screen.week.goal == 2 and screen.week.met
        assert "goal met" in str(screen.query_one("#score", Static).render())
        assert screen.past is not None
        assert [r.goal for r in screen.past.weeks] == [5, 5, 5, 5, 5]
        assert screen.past.streak == 1


async def test_week_closed_result_shows_once(
    app: CoachApp, coach: Coach, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    seed_weeks(coach)  # last week: 4 of 5
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TodayScreen) and screen.today is not None
        assert len(own_notes(screen.today.notes)) == 1
        await settle(pilot)  # the help pane marked it seen...
        screen.reload()
        assert len(own_notes(screen.today.notes)) == 1  # ...and it stays for this open
        await pilot.press("h")
        banner = app.screen.query_one("#closed-week", Static)
        assert banner.display
        assert "4 people, 1 short" in str(banner.render())
        await settle(pilot)

    again = make_app(data_dir, clock=clock, library=library)
    async with again.run_test(size=(80, 24)) as pilot:
        assert isinstance(again.screen, TodayScreen)
        assert again.screen.today is not None and own_notes(again.screen.today.notes) == ()
        await pilot.press("h")
        assert not again.screen.query_one("#closed-week").display


async def test_today_shows_the_result_once_and_logs_a_help(
    app: CoachApp, coach: Coach, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    seed_weeks(coach)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TodayScreen) and screen.today is not None
        (note,) = own_notes(screen.today.notes)
        assert note.startswith("Last week you helped 4 people")
        screen.select_step("help")
        await pilot.pause()
        detail = screen.query_one("#pane-help .pane-detail", Static)
        assert str(detail.render()) == "2 of 5 this week, 3 to go"
        await pilot.press("enter")  # into the pane: "Mark done" has the focus
        await pilot.press("tab", "enter")  # "Log a help"
        assert isinstance(app.screen, HelpForm)
        await pilot.press(*"Cy", "enter")  # on to the description
        assert app.screen.focused is app.screen.query_one("#how", Input)
        await pilot.press(*"a reference", "enter")
        await settle(pilot)
        assert screen.is_current
        assert str(detail.render()) == "3 of 5 this week, 2 to go"
        assert screen.today is not None and screen.today.step("help").done
        assert str(screen.query_one("#pane-help .done-button", Button).label) == "Undo done"
    stored = open_coach(data_dir, clock=clock, library=library)
    assert challenge.pending_result(stored) is None  # Today marked it seen


def test_challenge_screen_snapshot(snap_compare: SnapCompare, app: CoachApp, coach: Coach) -> None:
    seed_weeks(coach)

    async def open_challenge(pilot: Pilot[int]) -> None:
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_challenge)


async def test_screen_follows_other_processes_and_the_new_week(
    app: CoachApp, coach: Coach, clock: FixedClock
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, ChallengeScreen) and screen.week is not None
        challenge.log_help(coach, "Dee", "a CV review")  # as `coach helped` would, elsewhere
        screen.check_external_changes()
        await settle(pilot)
        assert screen.week.count == 1
        clock.advance(timedelta(hours=20))  # Monday 04:30: a new week
        screen.check_day()
        await settle(pilot)
        assert screen.week.count == 0 and screen.week.days_left == 7
        assert screen.past is not None and screen.past.weeks[-1].count == 1
        assert "1 person, 4 short" in str(screen.query_one("#closed-week", Static).render())


async def test_palette_commands_reach_the_challenge_forms(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await app.run_action("screen.set_goal")
        await pilot.pause()
        assert isinstance(app.screen, GoalForm)
        await pilot.press("escape")
        await app.run_action("screen.log_help")
        await pilot.pause()
        assert isinstance(app.screen, HelpForm)
