"""Pilot flows for the Walk screen: the timer across pause and screen switches, logging, errors."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Digits, Input

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.session import open_coach
from coach.walk.walks import Walk, log_walk, walks_between
from screens.app import CoachApp
from screens.today.today import TodayScreen
from screens.today.walk_pane import WalkPane
from screens.walk.walk import WalkScreen
from tests.ui.helpers import SnapCompare, first_focus, settle, text_of, wait_for

SUNDAY = date(2026, 11, 22)


def stored(data_dir: Path, clock: FixedClock, library: Library) -> list[tuple[date, int, str]]:
    coach = open_coach(data_dir, clock=clock, library=library)
    return [(w.day, w.minutes, w.note) for w in walks_between(coach, None, None)]


def clock_text(app: CoachApp) -> str:
    screen = app.screen
    assert isinstance(screen, WalkScreen)
    screen.show_timer()
    return screen.query_one("#walk-clock", Digits).value


async def test_the_timer_keeps_going_across_screens_and_pauses(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, WalkScreen)
        await pilot.press("space")  # start
        clock.advance(timedelta(minutes=10))
        assert clock_text(app) == "10:00"
        await pilot.press("t")  # away to Today...
        assert isinstance(app.screen, TodayScreen)
        clock.advance(timedelta(minutes=5))
        await pilot.press("w")  # ...and back: still counting
        assert clock_text(app) == "15:00"
        await pilot.press("space")  # pause
        clock.advance(timedelta(minutes=30))
        assert clock_text(app) == "15:00"
        await pilot.press("t", "w")
        assert clock_text(app) == "15:00"
        await pilot.press("space")  # resume
        clock.advance(timedelta(minutes=4, seconds=50))
        assert clock_text(app) == "19:50"
        await pilot.press("f")  # finish: saved at once
        await settle(pilot)
        assert stored(data_dir, clock, library) == [(SUNDAY, 20, "")]
        assert clock_text(app) == "00:00"
        assert app.focused is app.screen.query_one("#form-note")
        await pilot.press(*"felt lighter", "enter")  # the optional note
        await settle(pilot)
        assert stored(data_dir, clock, library) == [(SUNDAY, 20, "felt lighter")]
        assert "20 min" in text_of(app, "#recent-days")
        assert "Walking streak: 1 day\n" in text_of(app, "#streaks")
        await pilot.press("t")
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.today is not None and app.screen.today.step("walk").done


async def test_finish_is_off_until_the_timer_starts(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        assert app.screen.query_one("#timer-finish").disabled
        await pilot.press("f")
        await pilot.press("space")
        assert not app.screen.query_one("#timer-finish").disabled


async def test_logging_a_walk_after_the_fact(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "n")
        assert app.focused is app.screen.query_one("#form-minutes")
        await pilot.press("3", "5", "tab")
        app.screen.query_one("#form-date", Input).value = "2026-11-20"
        await pilot.press("tab", *"[bold red]x[/]")
        await pilot.click("#form-save")
        await settle(pilot)
        assert stored(data_dir, clock, library) == [(date(2026, 11, 20), 35, "[bold red]x[/]")]
        assert "Logged 35 minutes" in text_of(app, "#form-message")
        assert "[bold red]x[/]" in text_of(app, "#recent-days")
        assert "35 of 140 min" in text_of(app, "#week-minutes")


async def test_bad_form_values_are_named_and_nothing_is_saved(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "n", "enter")
        assert "minutes must be a whole number" in text_of(app, "#form-message").lower()
        await pilot.press("9", "9", "9", "enter")
        assert "Minutes must be 1..600" in text_of(app, "#form-message")
        minutes = app.screen.query_one("#form-minutes", Input)
        minutes.value = "30"
        app.screen.query_one("#form-date", Input).value = "2026-11-31"
        await pilot.press("ctrl+s")
        assert "YYYY-MM-DD" in text_of(app, "#form-message")
        app.screen.query_one("#form-date", Input).value = "2026-11-23"
        await pilot.press("ctrl+s")
        assert "future" in text_of(app, "#form-message")
        await app.workers.wait_for_complete()
        assert stored(data_dir, clock, library) == []


async def test_the_log_shows_weeks_and_streaks(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    coach = open_coach(data_dir, clock=clock, library=library)
    for n in (0, 1, 2, 10, 11, 12, 13):
        log_walk(coach, SUNDAY - timedelta(days=n), 20)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await settle(pilot)
        assert text_of(app, "#streaks") == "Walking streak: 3 days\nLongest: 4 days"
        weeks = text_of(app, "#recent-weeks").splitlines()
        assert weeks[0].split() == ["16", "Nov", "60", "min", "3", "days"]
        assert weeks[1].split() == ["09", "Nov", "80", "min", "4", "days"]
        assert len(weeks) == 8


async def test_start_walk_on_today_starts_the_timer(app: CoachApp, clock: FixedClock) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#walk-start")
        await pilot.pause()
        assert isinstance(app.screen, WalkScreen)
        assert app.walk_timer is not None and app.walk_timer.running
        clock.advance(timedelta(minutes=3))
        assert clock_text(app) == "03:00"
        await pilot.press("t")
        app.screen.query_one(
            "#pane-walk", WalkPane
        ).show_timer_state()  # what its 1 s interval does
        assert str(app.screen.query_one("#walk-start", Button).label) == "Back to your walk"
        await pilot.click("#walk-start")  # does not restart the running walk
        await pilot.pause()
        assert clock_text(app) == "03:00"


def test_walk_screen_snapshot(
    snap_compare: SnapCompare, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    from screens.app import make_app

    coach = open_coach(data_dir, clock=clock, library=library)
    for n, minutes, note in [(1, 25, ""), (2, 40, "along the river"), (3, 15, ""), (6, 30, "")]:
        log_walk(coach, SUNDAY - timedelta(days=n), minutes, note)
    app = make_app(data_dir, clock=clock, library=library)

    async def walk_a_while(pilot: Pilot[int]) -> None:
        await pilot.press("w", "space")
        clock.advance(timedelta(minutes=12, seconds=34))
        await pilot.press("space")  # paused at 12:34
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=walk_a_while)


async def test_a_damaged_month_file_on_the_walk_screen_stops_safely(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    from screens.shell.error import DataErrorScreen

    log_walk(open_coach(data_dir, clock=clock, library=library), SUNDAY, 20)
    path = data_dir / "journal" / "2026-11.json"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "space")
        clock.advance(timedelta(minutes=7))
        path.write_bytes(b"")
        await pilot.press("f")  # the save meets the damage and refuses
        await settle(pilot)
        assert isinstance(app.screen, DataErrorScreen)
    assert path.read_bytes() == b""


async def test_a_failed_save_of_a_timed_walk_keeps_its_minutes_in_the_form(
    app: CoachApp,
    clock: FixedClock,
    data_dir: Path,
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coach.core.errors import StoreWriteError
    from screens.walk import walk

    disk_full = [True]
    real_log_walk = walk.log_walk

    def log_walk_on_a_full_disk(*args: Any, **kwargs: Any) -> Walk:
        if disk_full[0]:
            raise StoreWriteError(data_dir / "journal" / "2026-11.json", "No space left on device")
        return real_log_walk(*args, **kwargs)

    monkeypatch.setattr(walk, "log_walk", log_walk_on_a_full_disk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "space")
        clock.advance(timedelta(minutes=18))
        await pilot.press("f")
        await settle(pilot)  # the save fails on the queue; its message comes back
        await wait_for(pilot, lambda: "No space left" in text_of(app, "#form-message"), "why")
        assert app.screen.query_one("#form-minutes", Input).value == "18"
        disk_full[0] = False
        await pilot.press("ctrl+s")  # try again
        await settle(pilot)
    assert stored(data_dir, clock, library) == [(SUNDAY, 18, "")]


async def test_a_walk_under_way_survives_quitting_the_app(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    from screens.app import make_app

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w", "space")
        clock.advance(timedelta(minutes=6))
        await pilot.press("ctrl+q")
    clock.advance(timedelta(minutes=4))
    again = make_app(data_dir, clock=clock, library=library)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        assert clock_text(again) == "10:00"
        await pilot.press("f")
        await settle(pilot)
        assert again.focused is again.screen.query_one("#form-note")
        await pilot.press(*"rain", "ctrl+q")  # the note typed, not yet saved, is kept on quit
    assert stored(data_dir, clock, library) == [(SUNDAY, 10, "rain")]
    third = make_app(data_dir, clock=clock, library=library)
    async with third.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        assert third.walk_timer is not None and not third.walk_timer.active


async def test_focus_starts_on_the_timer_button_in_a_focused_pane(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AUTO_FOCUS: the button at once, not the scrolling pane first (each move restyles the
    pane), and the pane holding it has the focused border."""
    focused = first_focus(monkeypatch, WalkScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, WalkScreen)
        await settle(pilot)
        assert focused[0] == "timer-toggle"  # the first focus of the screen
        assert app.focused is screen.query_one("#timer-toggle", Button)
        main, side = screen.query_one("#walk-main"), screen.query_one("#walk-side")
        assert main.has_pseudo_class("focus-within")
        assert main.styles.border_top[1] != side.styles.border_top[1]  # $primary, not the panel's
