"""Pilot and snapshot tests for the Loss screen and the record-a-loss form."""

from __future__ import annotations

from datetime import date

from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, Static

from coach.loss.losses import add_loss, all_losses
from screens.app import CoachApp
from screens.loss.loss import LossScreen
from screens.loss.record_loss import RecordLossScreen
from tests.conftest import Reopen
from tests.ui.helpers import SnapCompare, settle, text_of, wait_for


def palette_offers(app: CoachApp, name: str) -> bool:
    """The command palette is open and lists a command named `name`."""
    palette = app.screen
    if not isinstance(palette, CommandPalette):
        return False
    found = palette.query_one(CommandList)
    return any(name in str(found.get_option_at_index(i).prompt) for i in range(found.option_count))


async def test_record_a_loss_through_the_form(reopen: Reopen, app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, LossScreen)
        assert "No losses recorded" in text_of(app, "#loss-title")
        await pilot.press("a")
        assert isinstance(app.screen, RecordLossScreen)
        form = app.screen
        # nothing typed: the form says what is missing and stays open
        await pilot.press("ctrl+s")
        assert "name is empty" in str(form.query_one("#record-error", Static).render())
        form.query_one("#loss-client", Input).value = "[bold red]x[/]"
        form.query_one("#loss-left", Input).value = "2026-11-23"
        await pilot.press("ctrl+s")
        assert "in the future" in str(form.query_one("#record-error", Static).render())
        form.query_one("#loss-left", Input).value = "2026-11-19"
        await pilot.press("ctrl+s")
        assert "at least one reason" in str(form.query_one("#record-error", Static).render())
        reasons = form.query_one("#loss-reasons", SelectionList)
        reasons.select("price")
        reasons.select("too-busy")
        form.query_one("#loss-said", Input).value = "We found someone cheaper."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LossScreen)
        # user text is shown literally, never as markup
        assert text_of(app, "#loss-title") == "[bold red]x[/]"
        assert "Day 3 since [bold red]x[/] left" in text_of(app, "#loss-when")
        assert "early days" in text_of(app, "#loss-when")
        assert "price, i was too busy with another client" in text_of(app, "#loss-why")
        assert "next check-in 19 Feb 2027" in text_of(app, "#loss-rows")
    [loss] = all_losses(reopen())
    assert loss.left == date(2026, 11, 19)
    assert loss.reasons == ("price", "too-busy")
    assert loss.said == "We found someone cheaper."


async def test_cancel_records_nothing(reopen: Reopen, app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "a")
        app.screen.query_one("#loss-client", Input).value = "Acme"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LossScreen)
    assert all_losses(reopen()) == []


async def test_bindings_need_a_loss(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        screen = app.screen
        assert screen.check_action("postmortem", ()) is None
        await pilot.press("m")
        assert isinstance(app.screen, LossScreen)


async def test_several_losses_newest_first(reopen: Reopen, app: CoachApp) -> None:
    coach = reopen()
    add_loss(coach, "Old Co", date(2024, 5, 2), ["merger"])
    add_loss(coach, "Acme", date(2026, 11, 12), ["price"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert text_of(app, "#loss-title") == "Acme"
        await pilot.press("down")
        assert text_of(app, "#loss-title") == "Old Co"
        assert "steady days" in text_of(app, "#loss-when")  # left in 2024: months ago


def test_loss_screen_snapshot(app: CoachApp, reopen: Reopen, snap_compare: SnapCompare) -> None:
    coach = reopen()
    add_loss(
        coach,
        "Acme Ltd",
        date(2026, 11, 17),
        ["acquisition", "communication"],
        tenure="4 years",
        value="£18,000 a year",
        said="The new owners have their own agency.",
    )
    add_loss(coach, "Northwind", date(2025, 3, 3), ["price"])

    async def open_loss(pilot: Pilot[int]) -> None:
        await pilot.press("l")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_loss)


async def test_today_shows_day_n_since_and_a_due_checkin(reopen: Reopen, app: CoachApp) -> None:
    coach = reopen()
    add_loss(coach, "Old Co", date(2026, 8, 22), ["merger"])  # its 3-month check-in is today
    add_loss(coach, "[b]Acme[/b]", date(2026, 11, 15), ["price"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notes = text_of(app, "#notes")
        assert "day 7 since [b]Acme[/b] left" in notes
        assert "Check in with Old Co (today): 3 months since they left" in notes


async def test_palette_records_a_loss(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "ctrl+p")
        await pilot.press(*"Record a lost")
        await wait_for(pilot, lambda: palette_offers(app, "Record a lost client"), "the palette")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordLossScreen)


async def test_forget_a_loss_asks_first(reopen: Reopen, app: CoachApp) -> None:
    from screens.common.confirm import ConfirmScreen

    coach = reopen()
    add_loss(coach, "Old Co", date(2024, 5, 2), ["merger"])
    add_loss(coach, "Oops", date(2026, 11, 12), ["price"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # focus starts on "Keep it"
        await settle(pilot)
        assert [x.client for x in all_losses(coach)] == ["Oops", "Old Co"]
        await pilot.press("delete", "tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LossScreen)
        assert text_of(app, "#loss-title") == "Old Co"
    assert [x.client for x in all_losses(coach)] == ["Old Co"]
