"""Pilot tests for Today: marking steps, reflecting, Start my morning, rollover, other processes."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from textual.widgets import Button, OptionList, TextArea

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.journal.prompts import prompt_for
from coach.routine.features import wire
from coach.routine.today import STEP_IDS, build_today, set_done, skipped_steps
from coach.session import open_coach
from screens.app import CoachApp, make_app
from screens.today.today import TodayScreen
from tests.ui.helpers import open_step, settle, shown, wait_for

DAY = date(2026, 11, 22)


def today_screen(app: CoachApp) -> TodayScreen:
    assert isinstance(app.screen, TodayScreen)
    return app.screen


def done_on_screen(app: CoachApp) -> list[str]:
    today = today_screen(app).today
    assert today is not None
    return [s.id for s in today.steps if s.done]


def done_on_disk(data_dir: Path, clock: FixedClock, library: Library) -> list[str]:
    today = build_today(open_coach(data_dir, clock=clock, library=library))
    return [s.id for s in today.steps if s.done]


async def test_space_marks_each_step_done_and_they_stay_done(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = today_screen(app)
        assert screen.focused is screen.query_one("#steps", OptionList)
        for position, step_id in enumerate(STEP_IDS):
            assert screen.current_step == step_id
            await pilot.press("space")
            await settle(pilot)
            assert done_on_screen(app) == list(STEP_IDS[: position + 1])
            assert done_on_disk(data_dir, clock, library) == list(STEP_IDS[: position + 1])
            await pilot.press("down")
        assert "4 of 4 done" in shown(screen.query_one("#progress-label"))
        await pilot.press("up", "space")  # space again: not done after all
        await settle(pilot)
        assert done_on_disk(data_dir, clock, library) == ["walk", "call", "help"]
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert app.return_value == 0

    again = make_app(data_dir, clock=clock, library=library)
    async with again.run_test(size=(80, 24)):
        assert done_on_screen(again) == list(STEP_IDS)
        assert "4 of 4 done" in shown(today_screen(again).query_one("#progress-label"))


async def test_the_mouse_marks_steps_done(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = today_screen(app)
        for index, step_id in enumerate(("walk", "call", "help")):
            # each step takes one or two lines in the list: click on its title
            await pilot.click("#steps", offset=(4, 1 + _row_of(screen, index)))
            await pilot.pause()
            assert screen.current_step == step_id
            button = screen.query_one(f"#{step_id}-done", Button)
            assert str(button.label) == "Mark done"
            await pilot.click(f"#{step_id}-done")
            await settle(pilot)
            assert step_id in done_on_disk(data_dir, clock, library)
            assert str(button.label) == "Undo done"
        # the reflection is marked done by saving it
        await pilot.click("#steps", offset=(4, 1 + _row_of(screen, 3)))
        await pilot.pause()
        await pilot.click("#answer")
        await pilot.press(*"Calm.")
        await pilot.click("#reflect-save")
        await settle(pilot)
    assert done_on_disk(data_dir, clock, library) == list(STEP_IDS)


def _row_of(screen: TodayScreen, index: int) -> int:
    """The first line of step `index` in the list (options may be two lines tall)."""
    steps = screen.query_one("#steps", OptionList)
    return sum(len(str(steps.get_option_at_index(i).prompt).split("\n")) for i in range(index))


async def test_saving_a_reflection_survives_restart(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = today_screen(app)
        await pilot.press("end", "enter")  # the reflect step; enter goes into its pane
        area = screen.query_one("#answer", TextArea)
        assert screen.focused is area
        await pilot.press(*"Good work.")
        assert "not saved yet" in shown(screen.query_one(".save-state"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(screen.query_one(".save-state")) == "saved"
        assert done_on_screen(app) == ["reflect"]
        await pilot.press("ctrl+q")

    coach = open_coach(data_dir, clock=clock, library=library)
    entries = coach.store.log("reflections").on(DAY)
    assert [e["text"] for e in entries] == ["Good work."]
    prompt = prompt_for(wire(coach), DAY)  # this folder's prompt of the day
    assert prompt is not None and entries[0]["prompt_id"] == prompt.id

    again = make_app(data_dir, clock=clock, library=library)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = today_screen(again)
        await open_step(pilot, "reflect")
        assert screen.query_one("#answer", TextArea).text == "Good work."
        assert done_on_screen(again) == ["reflect"]
        # editing updates the same entry instead of adding one
        await pilot.press("end", "enter", "end", *" Yes.", "ctrl+s")
        await settle(pilot)
    entries = open_coach(data_dir, clock=clock, library=library).store.log("reflections").on(DAY)
    assert [e["text"] for e in entries] == ["Good work. Yes."]


async def test_an_empty_reflection_is_not_saved(app: CoachApp, data_dir: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", "enter", "space", "ctrl+s")
        await settle(pilot)
        assert any("empty" in n.message for n in app._notifications)
        assert done_on_screen(app) == []


async def test_start_my_morning_walks_the_steps_in_order(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = today_screen(app)
        await pilot.press("m")
        assert screen.morning
        assert screen.current_step == "walk"
        assert screen.focused is screen.query_one("#walk-done", Button)
        await pilot.press("enter")  # presses "Mark done"
        await settle(pilot)
        assert screen.current_step == "call"
        assert screen.focused is screen.query_one("#call-done", Button)
        assert done_on_disk(data_dir, clock, library) == ["walk"]
        await pilot.press("ctrl+q")  # interrupted after one step

    again = make_app(data_dir, clock=clock, library=library)
    async with again.run_test(size=(80, 24)) as pilot:
        screen = today_screen(again)
        await pilot.press("m")
        assert screen.current_step == "call"  # resumes at the first step not done
        assert any("Picking up at step 2" in n.message for n in again._notifications)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current_step == "help"
        await pilot.press("enter")
        await settle(pilot)
        assert screen.current_step == "reflect"
        assert screen.focused is screen.query_one("#answer", TextArea)
        await pilot.press(*"Done.", "ctrl+s")
        await settle(pilot)
        assert not screen.morning
        assert done_on_screen(again) == list(STEP_IDS)
        assert any("morning done" in n.message for n in again._notifications)


async def test_skip_moves_on_in_morning_mode_only(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = today_screen(app)
        await pilot.press("n")  # not in morning mode: nothing happens
        await settle(pilot)
        assert screen.current_step == "walk"
        assert not screen.morning
        assert skipped_steps(open_coach(data_dir, clock=clock, library=library), DAY) == ()

        await pilot.press("m", "n")
        await settle(pilot)
        assert screen.current_step == "call"
        await pilot.press("n")
        await settle(pilot)
        assert screen.current_step == "help"
        assert done_on_screen(app) == []  # skipping is not doing
        coach = open_coach(data_dir, clock=clock, library=library)
        assert skipped_steps(coach, DAY) == ("walk", "call")
        await pilot.press("enter")  # help done
        await settle(pilot)
        assert screen.current_step == "reflect"
        await pilot.press("escape", "n")  # leave the text area, skip the reflection
        await settle(pilot)
        # every step is done or skipped: back to the first one skipped
        assert screen.current_step == "walk"


async def test_start_my_morning_when_all_is_done(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    coach = open_coach(data_dir, clock=clock, library=library)
    for step_id in STEP_IDS:
        set_done(coach, DAY, step_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        assert not today_screen(app).morning
        assert any("Every step is done" in n.message for n in app._notifications)


async def test_the_screen_follows_the_day_past_the_rollover(
    data_dir: Path, library: Library
) -> None:
    clock = FixedClock(datetime(2026, 11, 22, 23, 50, tzinfo=tz.gettz("Europe/London")))
    app = make_app(data_dir, clock=clock, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = today_screen(app)
        await pilot.press("space")
        await settle(pilot)
        assert done_on_screen(app) == ["walk"]
        assert screen.sub_title == "Sunday 22 November 2026"

        clock.advance(timedelta(hours=4, minutes=9))  # 03:59: still Sunday for the user
        screen.check_rollover()
        await pilot.pause()
        assert screen.today is not None and screen.today.day == DAY

        clock.advance(timedelta(minutes=1))  # 04:00 Monday
        screen.check_rollover()
        await pilot.pause()
        assert screen.today is not None and screen.today.day == date(2026, 11, 23)
        assert screen.sub_title == "Monday 23 November 2026"
        assert done_on_screen(app) == []
        assert "0 of 4 done" in shown(screen.query_one("#progress-label"))
        assert any("new day" in n.message for n in app._notifications)
        await pilot.press("space")  # a tick now belongs to Monday
        await settle(pilot)
    coach = open_coach(data_dir, clock=clock, library=library)
    assert [s.id for s in build_today(coach, DAY).steps if s.done] == ["walk"]
    assert [s.id for s in build_today(coach, date(2026, 11, 23)).steps if s.done] == ["walk"]


async def test_the_screen_picks_up_what_another_process_saved(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = today_screen(app)
        assert done_on_screen(app) == []
        other = open_coach(data_dir, clock=clock, library=library)  # e.g. a CLI command
        set_done(other, DAY, "call")
        # this check, or the app's own data watch if it looked first (it posts DataChanged)
        screen.check_external_changes()
        await wait_for(pilot, lambda: done_on_screen(app) == ["call"], "the other tick shown")
        await pilot.press("space")  # and our own save keeps theirs
        await settle(pilot)
    assert done_on_disk(data_dir, clock, library) == ["walk", "call"]


async def test_quitting_right_after_a_tick_still_saves_it(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "down", "space", "ctrl+q")  # no waiting in between
    assert app.return_value == 0
    assert done_on_disk(data_dir, clock, library) == ["walk", "call"]


async def test_the_reflect_pane_fits_80x24_with_a_note_on_top(
    data_dir: Path, clock: FixedClock, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.routine import features

    def note(coach: object, day: date) -> list[str]:
        return ["day 3 since Acme Ltd left"]

    monkeypatch.setattr(features, "NOTES", (*features.NOTES, note))
    app = make_app(data_dir, clock=clock, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end")
        await pilot.pause()
        screen = today_screen(app)
        pane = screen.query_one("#pane-reflect")
        save = screen.query_one("#reflect-save", Button)
        assert pane.max_scroll_y == 0  # nothing hidden below
        assert pane.region.contains_region(save.region)
        assert screen.query_one("#answer", TextArea).region.height >= 4
