"""The damaged-data screen: names the file, never writes over it, restores a good backup."""

from __future__ import annotations

import zipfile
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.data.backups import backup_now
from coach.routine.today import build_today
from coach.session import open_coach
from coach.walk.walks import log_walk, walks_between
from screens.app import CoachApp
from screens.common.confirm import ConfirmScreen
from screens.shell.error import LOOKING, NO_BACKUP, DataErrorScreen
from screens.today.today import TodayScreen
from tests.ui.helpers import settle, shown, wait_for

DAMAGED = b'{"_meta": {"1": {"schema": 1}}, "walks": {'


def with_backup(data_dir: Path, clock: FixedClock, library: Library) -> Path:
    """A folder with a walk, backed up; the backup's path."""
    coach = open_coach(data_dir, clock=clock, library=library)
    log_walk(coach, coach.today(), 25, "before the damage")
    return backup_now(coach).path


def backup_line(app: CoachApp) -> str:
    return shown(app.screen.query_one("#error-backup", Static))


async def on_error_screen(app: CoachApp, pilot: Pilot[int], path: Path) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, DataErrorScreen), "the error screen")
    await wait_for(pilot, lambda: backup_line(app) != LOOKING, "the look for a backup")
    assert shown(app.screen.query_one("#error-path", Static)) == str(path)


def main_file(data_dir: Path) -> Path:
    return data_dir / "coach.json"


def data_bytes(data_dir: Path) -> dict[str, bytes]:
    """Every data file (not the backups), by its path in the folder."""
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in data_dir.rglob("*")
        if p.is_file() and "backups" not in p.parts
    }


async def test_restore_the_newest_good_backup_asks_first_then_opens_the_data(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    made = with_backup(data_dir, clock, library)
    main_file(data_dir).write_bytes(DAMAGED)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_error_screen(app, pilot, main_file(data_dir))
        assert made.name in backup_line(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "are you sure")
        await pilot.press("enter")  # the safe choice is focused: nothing happens
        await wait_for(pilot, lambda: isinstance(app.screen, DataErrorScreen), "back")
        assert main_file(data_dir).read_bytes() == DAMAGED
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "are you sure")
        await pilot.press("shift+tab", "enter")  # Restore
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today, opened again")
        await settle(pilot)
        assert app.data_error is None
        await pilot.press("ctrl+q")
    assert app.return_value == 0
    coach = open_coach(data_dir, clock=clock, library=library)
    assert [w.minutes for w in walks_between(coach, None, None)] == [25]
    # the damaged file is kept, as it was, in the safety backup
    [safety] = (data_dir / "backups").glob("*pre-restore*.zip")
    with zipfile.ZipFile(safety) as archive:
        assert archive.read("coach.json") == DAMAGED


async def test_a_damaged_newest_backup_is_passed_over(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    good = with_backup(data_dir, clock, library)
    bad = good.with_name(good.name.replace("T", "T9", 1))  # sorts after: the newest
    bad.write_bytes(b"PK\x03\x04 not a zip")
    main_file(data_dir).write_bytes(DAMAGED)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_error_screen(app, pilot, main_file(data_dir))
        assert good.name in backup_line(app)
        await pilot.press("q")
    assert main_file(data_dir).read_bytes() == DAMAGED


async def test_no_backup_no_restore(app: CoachApp, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    main_file(data_dir).write_bytes(DAMAGED)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_error_screen(app, pilot, main_file(data_dir))
        assert backup_line(app) == NO_BACKUP
        assert app.screen.check_action("restore", ()) is False
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, DataErrorScreen)
        await pilot.press("q")
    assert app.return_value == 1
    assert main_file(data_dir).read_bytes() == DAMAGED


async def test_a_damaged_commit_record_is_named_and_never_restored_over(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    with_backup(data_dir, clock, library)
    record = data_dir / ".coach.commit"
    before = data_bytes(data_dir)
    record.write_bytes(b"garbage")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_error_screen(app, pilot, record)
        problem = shown(app.screen.query_one("#error-problem", Static))
        assert "move it aside" in problem
        assert backup_line(app) == NO_BACKUP  # a restore would write its own record over it
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, DataErrorScreen)
        await pilot.press("q")
    assert data_bytes(data_dir) == {**before, ".coach.commit": b"garbage"}


async def test_an_unreadable_month_file_is_named_and_a_failed_restore_changes_nothing(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    with_backup(data_dir, clock, library)
    [month] = (data_dir / "journal").glob("*.json")
    month.unlink()
    month.mkdir()  # unreadable as a file, as root too (a permission test needs a second user)
    before = data_bytes(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_error_screen(app, pilot, month)
        assert "cannot be read" in shown(app.screen.query_one("#error-problem", Static))
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "are you sure")
        await pilot.press("shift+tab", "enter")  # Restore: the folder in its place stops it
        await wait_for(pilot, lambda: "did not happen" in backup_line(app), "the failure")
        assert isinstance(app.screen, DataErrorScreen)
        await pilot.press("q")
    assert month.is_dir()
    assert data_bytes(data_dir) == before


async def test_a_file_damaged_while_open_restored_then_saves_work_again(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    with_backup(data_dir, clock, library)
    [month] = (data_dir / "journal").glob("*.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        month.write_bytes(b"")
        await pilot.press("space")  # the save finds the damage and refuses
        await on_error_screen(app, pilot, month)
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "are you sure")
        await pilot.press("shift+tab", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today, opened again")
        assert len(app.screen_stack) == 2  # one Today, not one on top of the old one
        await pilot.press("down", "space")  # a save after the restore goes through: call done
        await settle(pilot)
        assert not isinstance(app.screen, DataErrorScreen)
        await pilot.press("ctrl+q")
    assert app.return_value == 0
    coach = open_coach(data_dir, clock=clock, library=library)
    assert [w.minutes for w in walks_between(coach, None, None)] == [25]
    assert "call" in [s.id for s in build_today(coach).steps if s.done]
