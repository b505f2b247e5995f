"""The first command of the day backs up after it exits: a child process makes the copy,
so neither the user at the prompt nor a pipe reading the output waits for it (issue 18)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach.cli import _daily_backup
from coach.core import statusline
from coach.data import backups
from coach.routine.today import set_done
from coach.session import Coach
from coach.store.backup import list_backups
from tests.cli_helpers import run

NOW = "2026-11-22T08:30:00+00:00"  # the clock fixture's moment
WAIT = 60.0  # seconds: bounds on waits for a condition, never a pause


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)


def until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def coach_process(data_dir: Path, *words: str, prelude: str = "") -> subprocess.CompletedProcess:
    """`coach WORDS` as its own process (main() with sys.argv, as the console script runs)."""
    code = (
        f"import sys\n{prelude}\nsys.argv = ['coach', *{list(words)!r}]\n"
        "from coach.cli import main\nsys.exit(main())\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,  # pipes: communicate returns only when no process holds them
        text=True,
        timeout=WAIT,
        env={**os.environ, "COACH_DATA_DIR": os.fspath(data_dir)},
    )


def test_the_command_exits_before_the_backup_is_made(coach: Coach, tmp_path: Path) -> None:
    set_done(coach, coach.today(), "walk")  # data to back up, and no backup of today yet
    pid_file = tmp_path / "backup.pid"
    slow_backup = (
        "import os, time\nimport coach.data.backups as b\n"
        "def slow(coach):\n"
        f"    open({os.fspath(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "    time.sleep(3600)\n"
        "b.daily_backup = slow\n"
    )
    done = coach_process(coach.store.folder, "today", prelude=slow_backup)
    assert done.returncode == 0, done.stderr
    assert (
        "(1 of 4 done)" in done.stdout
    )  # the output came, and the pipes closed: nothing holds them
    until(lambda: pid_file.exists() and pid_file.read_text(), "the backup to start")
    child = int(pid_file.read_text())
    try:
        assert os.getsid(child) == child  # its own session: no terminal's signals reach it
        assert not list_backups(coach.store.folder)  # it is still "copying"
    finally:
        os.kill(child, signal.SIGKILL)


def test_the_detached_backup_is_made(coach: Coach) -> None:
    set_done(coach, coach.today(), "walk")
    done = coach_process(coach.store.folder, "walk", "--minutes", "20")
    assert done.returncode == 0, done.stderr
    until(lambda: list_backups(coach.store.folder), "today's backup")
    (made,) = list_backups(coach.store.folder)
    assert made.kind == "daily" and made.day.isoformat() == "2026-11-22"
    until(lambda: not any(made.path.parent.glob("*.tmp*")), "the copy to finish")
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600


def test_a_detached_failure_is_said_by_the_next_command(
    capsys: pytest.CaptureFixture[str], coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(coach: Coach) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "daily_backup", refuse)
    _daily_backup(coach, detached=True)  # as the child does: nobody to tell now
    note = coach.store.folder / backups.FAILURE_NOTE
    assert "No space left" in note.read_text(encoding="utf-8")
    assert stat.S_IMODE(note.stat().st_mode) == 0o600
    assert not (coach.store.folder / statusline.TODAY_FILE).exists()  # the next run tries again
    code, out, err = run(capsys, "today")  # it opens the store: its kept output went
    assert code == 0
    assert "the last daily backup failed: [Errno 28] No space left on device" in err
    assert not note.exists()  # said once
    assert "last daily backup failed" not in run(capsys, "today", "--json")[2]


def test_a_backup_that_works_clears_an_older_failure(coach: Coach) -> None:
    set_done(coach, coach.today(), "walk")
    backups.note_backup_failure(coach.store.folder, "disk full")
    assert backups.daily_backup(coach) is not None
    assert backups.take_backup_failure(coach.store.folder) is None


def test_a_failure_note_of_any_bytes_is_plain_text(coach: Coach) -> None:
    (coach.store.folder / backups.FAILURE_NOTE).write_bytes(b"\xff\x00" * 5000)
    said = backups.take_backup_failure(coach.store.folder)
    assert said is not None and len(said) <= backups.MAX_NOTE_BYTES
