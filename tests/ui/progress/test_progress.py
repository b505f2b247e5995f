"""Pilot and snapshot tests for the Progress screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.days import rest_days
from coach.session import Coach, open_coach
from screens.app import CoachApp, make_app
from screens.progress.progress import ProgressScreen
from tests.ui.helpers import SnapCompare, settle, wait_for
from tests.ui.progress.progress_history import write_year


def counted_loads(monkeypatch: pytest.MonkeyPatch) -> list[ProgressScreen]:
    """The screens that start a worker to read the history (ProgressScreen.load), from now."""
    loads: list[ProgressScreen] = []
    real_load = ProgressScreen.load

    def counting(self: ProgressScreen) -> None:
        loads.append(self)
        real_load(self)

    monkeypatch.setattr(ProgressScreen, "load", counting)
    return loads


async def open_progress(app: CoachApp, pilot: Pilot[int]) -> ProgressScreen:
    await pilot.press("p")
    await pilot.pause()
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ProgressScreen)
    return screen


async def test_progress_shows_the_year_and_the_recovery(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    write_year(open_coach(data_dir, clock=clock, library=library))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(app, pilot)
        p = screen.progress
        assert p is not None and p.longest >= p.streak > 0
        streak_text = str(screen.query_one("#streak", Static).render())
        assert f"Routine streak {p.streak} days" in streak_text
        recovery = str(screen.query_one("#recovery", Static).render())
        assert recovery.startswith("Since Acme [bold]Ltd[/] left:")  # literal, not markup
        walks = str(screen.query_one("#trend-walk", Static).render())
        assert walks.startswith("Walk") and walks.endswith(" days this week")
        assert any(bar in walks for bar in "▁▂▃▄▅▆▇█")
        assert "never miss twice" in str(screen.query_one("#rule", Static).render())
        await pilot.press("escape")
        assert not isinstance(app.screen, ProgressScreen)


async def test_rest_today_from_progress(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(app, pilot)
        assert screen.progress is not None and not screen.progress.rest_today
        await pilot.press("b")
        await pilot.pause()
        await settle(pilot)
        assert screen.progress is not None and screen.progress.rest_today
        assert "resting today" in str(screen.query_one("#streak", Static).render())
    coach = open_coach(data_dir, clock=clock, library=library)
    assert rest_days.is_rest(coach, coach.today())


async def test_progress_with_no_history(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(app, pilot)
        assert screen.progress is not None and screen.progress.streak == 0
        assert "nobody helped yet" in str(screen.query_one("#help-now", Static).render())
        assert not screen.query_one("#recovery").display


def progress_snapshot(
    snap_compare: SnapCompare,
    data_dir: Path,
    clock: FixedClock,
    library: Library,
    size: tuple[int, int],
) -> bool:
    write_year(open_coach(data_dir, clock=clock, library=library))
    from screens.app import make_app

    app = make_app(data_dir, clock=clock, library=library)

    async def run_before(pilot: Pilot[int]) -> None:
        await open_progress(app, pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


def test_progress_snapshot(
    snap_compare: SnapCompare, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    assert progress_snapshot(snap_compare, data_dir, clock, library, (80, 24))


def test_progress_snapshot_wide(
    snap_compare: SnapCompare, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    """At 160x50 the year and the weeks stand side by side."""
    assert progress_snapshot(snap_compare, data_dir, clock, library, (160, 50))


def test_progress_snapshot_scrolled(
    snap_compare: SnapCompare, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    write_year(open_coach(data_dir, clock=clock, library=library))
    from screens.app import make_app

    app = make_app(data_dir, clock=clock, library=library)

    async def run_before(pilot: Pilot[int]) -> None:
        await open_progress(app, pilot)
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_the_app_makes_the_daily_backup(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    from coach.store.backup import list_backups

    write_year(open_coach(data_dir, clock=clock, library=library), days=20)
    app.BACKUP_DELAY = 0.01
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: list_backups(data_dir), "today's backup")
        await app.workers.wait_for_complete()
    assert [(b.day.isoformat(), b.kind) for b in list_backups(data_dir)] == [
        ("2026-11-22", "daily")
    ]


async def test_quitting_never_waits_for_the_daily_backup(
    app: CoachApp,
    data_dir: Path,
    clock: FixedClock,
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The copy runs in a daemon thread: the exit joins asyncio's executor (where workers
    run), never a daemon thread, so a big history's backup cannot hold the quit."""
    import threading

    from coach.data import backups

    write_year(open_coach(data_dir, clock=clock, library=library), days=3)
    threads: list[threading.Thread] = []
    real = backups.daily_backup

    def watched(coach: Coach) -> backups.Backup | None:
        threads.append(threading.current_thread())
        return real(coach)

    monkeypatch.setattr(backups, "daily_backup", watched)
    app.BACKUP_DELAY = 0.01
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: threads, "today's backup to start")
    assert threads[0].daemon
    threads[0].join()  # let it finish before the folder goes


async def test_progress_on_a_first_week_draws_no_mood_for_empty_weeks(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    from coach.challenge import helps
    from coach.journal.moods import Moment, record_mood

    coach = open_coach(data_dir, clock=clock, library=library)
    record_mood(coach, coach.today(), 3, Moment.AFTER)
    for n in range(5):
        helps.log_help(coach, f"P{n}", "an intro")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_progress(app, pilot)
        mood = str(screen.query_one("#trend-mood", Static).render())
        assert mood.startswith("Mood" + " " * 6 + "·" * 25 + "▅  ")  # 25 weeks none, then 3 of 5
        assert mood.endswith("3.0 of 5 lately")
        weeks = str(screen.query_one("#help-weeks", Static).render())
        assert "0 of 0" not in weeks
        assert weeks.startswith("Goal met in 1 of 1 week · 1 week in a row")


async def test_a_second_open_shows_the_history_at_once_and_a_cli_save_reads_again(
    app: CoachApp,
    data_dir: Path,
    clock: FixedClock,
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Once every month is read, Progress opens with its figures in place (no worker, no
    "Reading your history…"); a save by another process is read again on DataChanged."""
    from screens.messages import DataChanged

    write_year(open_coach(data_dir, clock=clock, library=library))
    async with app.run_test(size=(80, 24)) as pilot:
        first = (await open_progress(app, pilot)).progress
        assert first is not None
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ProgressScreen), "Today")
        loads = counted_loads(monkeypatch)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen), "Progress")
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        assert screen.progress == first and loads == []  # set in on_mount: no worker
        assert "Reading your history" not in str(screen.query_one("#streak", Static).render())
        other = open_coach(data_dir, clock=clock, library=library)  # say `coach rest`
        rest_days.set_rest(other, clock.now().date(), True)
        screen.post_message(DataChanged())
        await wait_for(
            pilot,
            lambda: screen.progress is not None and screen.progress.rest_today,
            "the rest day read again",
        )
        assert loads == [screen]


async def test_the_next_start_opens_progress_from_the_kept_months_at_once(
    app: CoachApp,
    data_dir: Path,
    clock: FixedClock,
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new app (the next start) reads the months the last one kept: no worker; a month
    changed since then is read again in one."""
    write_year(open_coach(data_dir, clock=clock, library=library))
    async with app.run_test(size=(80, 24)) as pilot:
        first = (await open_progress(app, pilot)).progress  # reads every month, keeps them
    assert first is not None
    loads = counted_loads(monkeypatch)
    again = make_app(data_dir, clock=clock, library=library)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(again.screen, ProgressScreen), "Progress")
        screen = again.screen
        assert isinstance(screen, ProgressScreen)
        assert screen.progress == first and loads == []
    rest_days.set_rest(open_coach(data_dir, clock=clock, library=library), clock.now().date(), True)
    changed = make_app(data_dir, clock=clock, library=library)
    async with changed.run_test(size=(80, 24)) as pilot:
        reread = await open_progress(changed, pilot)
        assert reread.progress is not None and reread.progress.rest_today
        assert loads == [reread]
