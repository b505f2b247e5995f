"""`coach today` keeps its output (coach.core.statusline) and prints it again without opening
the store until any data or content file changes, a file is added, or the day ends."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from coach.cli.quick import kept_today
from coach.content.library import Library
from coach.core import statusline
from coach.core.clock import FixedClock
from coach.core.paths import user_content_dir
from coach.routine.features import wire
from coach.routine.today import set_done
from coach.session import Coach, open_coach
from tests.cli_helpers import run
from tests.unit.content.test_library import GOOD_ITEM

NOW = "2026-11-22T08:30:00+00:00"  # the clock fixture's moment


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)


@pytest.fixture
def elsewhere(data_dir: Path, clock: FixedClock, library: Library) -> Coach:
    """Another process's view of the folder: its saves keep nothing."""
    return wire(open_coach(data_dir, clock=clock, library=library))


def slow(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    """The full command's output (computed, then kept)."""
    code, out, err = run(capsys, *words)
    assert (code, err) == (0, "")
    return out


def fast(capsys: pytest.CaptureFixture[str], *words: str) -> str | None:
    if not kept_today(list(words)):
        assert capsys.readouterr().out == ""
        return None
    return capsys.readouterr().out


def kept_once(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    """Run the full command until it has kept its output (the first run may store the
    folder's rotation, which changes the file it is signing: a miss by design)."""
    for _ in range(3):
        out = slow(capsys, *words)
        if fast(capsys, *words) == out:
            return out
    raise AssertionError("coach today never kept its output")


def test_the_kept_output_is_what_the_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    text = kept_once(capsys, "today")
    assert text.startswith("Sunday 22 November 2026  (0 of 4 done)")
    assert fast(capsys, "today", "--json") == slow(capsys, "today", "--json")
    assert fast(capsys, "today") == text


def test_a_save_elsewhere_is_a_miss(capsys: pytest.CaptureFixture[str], elsewhere: Coach) -> None:
    kept_once(capsys, "today")
    set_done(elsewhere, elsewhere.today(), "call")
    assert fast(capsys, "today") is None
    assert "[x] Call your best customer" in kept_once(capsys, "today")


def test_a_past_month_changed_is_a_miss(
    capsys: pytest.CaptureFixture[str], elsewhere: Coach
) -> None:
    set_done(elsewhere, elsewhere.today() - timedelta(days=40), "walk")  # the streak's history
    kept_once(capsys, "today")
    set_done(elsewhere, elsewhere.today() - timedelta(days=40), "walk", False)
    assert fast(capsys, "today") is None


def test_user_content_added_is_a_miss(capsys: pytest.CaptureFixture[str]) -> None:
    kept_once(capsys, "today")
    user_content_dir().mkdir(parents=True)
    (user_content_dir() / "mine.toml").write_text(GOOD_ITEM, encoding="utf-8")
    assert fast(capsys, "today") is None


def test_a_conflict_copy_is_a_miss(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    kept_once(capsys, "today")
    (data_dir / "coach (conflicted copy).json").write_text("{}", encoding="utf-8")
    assert fast(capsys, "today") is None  # the full command merges it and says so


def test_the_next_day_is_a_miss(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kept_once(capsys, "today")
    monkeypatch.setenv("COACH_NOW", "2026-11-23T04:00:00+00:00")
    assert fast(capsys, "today") is None
    assert slow(capsys, "today").startswith("Monday 23 November 2026")


def test_a_damaged_file_is_a_miss_and_is_written_again(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    text = kept_once(capsys, "today")
    path = data_dir / statusline.TODAY_FILE
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    assert fast(capsys, "today") is None
    assert slow(capsys, "today") == text
    assert path.read_bytes() == good
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_user_text_never_drives_the_terminal(
    capsys: pytest.CaptureFixture[str], data_dir: Path, clock: FixedClock
) -> None:
    kept_once(capsys, "today")
    path = data_dir / statusline.TODAY_FILE
    hostile = path.read_text(encoding="utf-8").replace("out text ", "out text Ann\\x1b[2J", 1)
    path.write_text(hostile, encoding="utf-8")  # as if a customer's name held an escape
    out = fast(capsys, "today")
    assert out is not None and out.startswith("Ann") and "\x1b" not in out


def test_a_failed_backup_forgets_the_kept_output(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.data import backups

    def refuse(coach: Coach) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "daily_backup", refuse)
    code, out, err = run(capsys, "today")
    assert "today's backup failed" in err
    assert not (data_dir / statusline.TODAY_FILE).exists()  # the next run backs up (and warns)


def test_the_fast_path_takes_only_plain_command_lines(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    kept_once(capsys, "today")
    assert fast(capsys, "--data-dir", os.fspath(data_dir), "today") is not None
    for words in (["today", "--help"], ["today", "x"], ["walk", "today"]):
        assert fast(capsys, *words) is None, words
