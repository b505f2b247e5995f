"""The walk reminder inside the app: once, with bell and desktop notification, and snooze."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from textual.widgets import Button
from textual.widgets._toast import Toast

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.session import open_coach
from coach.settings import save_settings
from coach.walk.walks import log_walk
from screens.app import CoachApp
from screens.loss.loss import LossScreen
from screens.loss.record_loss import RecordLossScreen
from screens.today.today import TodayScreen
from screens.walk.walk_app import SnoozeScreen
from tests.ui.helpers import wait_for

LONDON = tz.gettz("Europe/London")


def reminders_shown(app: CoachApp) -> int:
    return sum(n.title == "Time for your walk" for n in app._notifications)


@pytest.fixture
def rings(app: CoachApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def desktop(title: str, body: str, **_: object) -> bool:
        calls.append("desktop")
        return True

    monkeypatch.setattr(app, "bell", lambda: calls.append("bell"))
    monkeypatch.setattr("coach.core.notify.desktop_notify", desktop)
    return calls


async def test_it_fires_once_when_the_time_passes(
    app: CoachApp, clock: FixedClock, rings: list[str]
) -> None:
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert not app.check_walk_reminder()  # 08:30
        clock.set(datetime(2026, 11, 22, 10, 29, 59, tzinfo=LONDON))
        assert not app.check_walk_reminder()
        clock.advance(timedelta(seconds=1))
        assert app.check_walk_reminder()
        clock.advance(timedelta(minutes=5))
        assert not app.check_walk_reminder()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert reminders_shown(app) == 1
        assert rings == ["bell"]  # desktop notification is off by default


async def test_no_reminder_when_the_walk_is_logged(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library, rings: list[str]
) -> None:
    log_walk(open_coach(data_dir, clock=clock, library=library), clock.now().date(), 20)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        clock.set(datetime(2026, 11, 22, 12, 0, tzinfo=LONDON))
        assert not app.check_walk_reminder()
        await pilot.pause()
        assert reminders_shown(app) == 0 and rings == []


async def test_desktop_notification_and_no_bell_when_so_set(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library, rings: list[str]
) -> None:
    coach = open_coach(data_dir, clock=clock, library=library)
    save_settings(coach.store, replace(coach.settings, reminder_bell=False, reminder_desktop=True))
    async with app.run_test(size=(80, 24)):
        clock.set(datetime(2026, 11, 22, 10, 30, tzinfo=LONDON))
        assert app.check_walk_reminder()
        await app.workers.wait_for_complete()
        assert rings == ["desktop"]


async def test_snooze_from_the_keyboard(app: CoachApp, clock: FixedClock, rings: list[str]) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("z")  # nothing to snooze yet: the key does nothing
        assert not isinstance(app.screen, SnoozeScreen)
        clock.set(datetime(2026, 11, 22, 10, 40, tzinfo=LONDON))
        assert app.check_walk_reminder()
        await pilot.press("z")
        assert isinstance(app.screen, SnoozeScreen)
        await pilot.press("2")  # 30 minutes
        await pilot.pause()
        assert not isinstance(app.screen, SnoozeScreen)
        assert app.walk_reminder.snoozed_until == datetime(2026, 11, 22, 11, 10, tzinfo=LONDON)
        clock.advance(timedelta(minutes=29))
        assert not app.check_walk_reminder()
        clock.advance(timedelta(minutes=1))
        assert app.check_walk_reminder()
        assert not app.check_walk_reminder()


async def test_the_next_day_it_comes_again(
    app: CoachApp, clock: FixedClock, rings: list[str]
) -> None:
    async with app.run_test(size=(80, 24)):
        clock.set(datetime(2026, 11, 22, 10, 30, tzinfo=LONDON))
        assert app.check_walk_reminder()
        clock.set(datetime(2026, 11, 23, 3, 59, tzinfo=LONDON))
        assert not app.check_walk_reminder()
        clock.set(datetime(2026, 11, 23, 10, 30, tzinfo=LONDON))
        assert app.check_walk_reminder()


async def test_opening_the_app_after_the_reminder_time_shows_it(
    app: CoachApp, clock: FixedClock, rings: list[str]
) -> None:
    clock.set(datetime(2026, 11, 22, 14, 0, tzinfo=LONDON))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.walk_reminder.shown_on == clock.now().date()
        assert app.walk_reminder_showing


async def test_a_damaged_file_met_by_the_reminder_shows_the_error_screen(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library, rings: list[str]
) -> None:
    from screens.shell.error import DataErrorScreen

    log_walk(open_coach(data_dir, clock=clock, library=library), clock.now().date(), 20)
    path = data_dir / "journal" / "2026-11.json"
    async with app.run_test(size=(80, 24)) as pilot:
        path.write_bytes(b"{")
        clock.set(datetime(2026, 11, 22, 10, 30, tzinfo=LONDON))
        assert not app.check_walk_reminder()
        await pilot.pause()
        assert isinstance(app.screen, DataErrorScreen)
        assert not app.check_walk_reminder()  # no second error screen, no crash
        assert len(app.screen_stack) == 3
    assert path.read_bytes() == b"{"


async def test_reopening_the_same_day_does_not_show_it_again(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library, rings: list[str]
) -> None:
    from screens.app import make_app
    from tests.ui.helpers import saves_done

    clock.set(datetime(2026, 11, 22, 14, 0, tzinfo=LONDON))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.walk_reminder_showing
        await saves_done(pilot)
    clock.set(datetime(2026, 11, 22, 19, 0, tzinfo=LONDON))  # the same evening
    again = make_app(data_dir, clock=clock, library=library)
    async with again.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not again.check_walk_reminder()
        assert not again.walk_reminder_showing and reminders_shown(again) == 0
    clock.set(datetime(2026, 11, 23, 14, 0, tzinfo=LONDON))  # the next day: once more
    third = make_app(data_dir, clock=clock, library=library)
    async with third.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert third.walk_reminder_showing


async def test_the_reminder_waits_while_a_form_is_open_and_never_covers_its_buttons(
    app: CoachApp, clock: FixedClock, rings: list[str]
) -> None:
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LossScreen), "the Loss screen")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordLossScreen), "the form")
        form = app.screen
        save = form.query_one("#record-save", Button)
        assert form.region.contains_region(save.region)  # Record in view at 80x24
        assert save.region.bottom < form.query_one("#record-box").region.bottom  # not the border
        clock.set(datetime(2026, 11, 22, 12, 0, tzinfo=LONDON))  # the reminder is due
        assert not app.check_walk_reminder()  # held: the form is in front
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert all(not t.region.overlaps(save.region) for t in toasts)
        assert reminders_shown(app) == 0 and rings == []
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LossScreen), "the form closed")
        assert app.check_walk_reminder()  # the next poll shows it, once
        assert not app.check_walk_reminder()
        await wait_for(pilot, lambda: reminders_shown(app) == 1, "the reminder shown")
        await app.workers.wait_for_complete()
