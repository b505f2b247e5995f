"""The status line saves keep (coach.core.statusline) is what `coach status` would compute.

Every kind of save keeps it true; a save it did not see (another process), the next
day, a damaged or foreign file are misses: `coach status` then computes the status and
keeps it again. The fast path (coach.cli.quick) prints only a line that is still true.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from coach.challenge import helps
from coach.cli.quick import kept_status
from coach.content.library import Library
from coach.core import statusline
from coach.core.clock import FixedClock
from coach.days import rest_days
from coach.journal import reflections
from coach.routine import today as routine
from coach.routine.features import wire
from coach.routine.status import json_text, keep_on_saves, status
from coach.session import Coach, open_coach
from coach.walk import walks
from tests.cli_helpers import run

NOW_UTC = "2026-11-22T08:30:00+00:00"  # the coach fixture's clock (London is on UTC in November)


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", NOW_UTC)


@pytest.fixture
def kept(coach: Coach) -> Coach:
    return keep_on_saves(coach)


def now(coach: Coach) -> float:
    return coach.clock.now().timestamp()


def expected(coach: Coach) -> dict[str, str]:
    result = status(coach)
    return {"line": result.line(), "json": json_text(result)}


def other_process(coach: Coach, library: Library) -> Coach:
    """The same folder opened without the hook: its saves are ones this folder's line missed."""
    return wire(open_coach(coach.store.folder, clock=coach.clock, library=library))


def untick(coach: Coach) -> None:
    """Walk stays ticked; a line kept before the untick would still show call ✓."""
    routine.set_done(coach, coach.today(), "walk")
    routine.set_done(coach, coach.today(), "call")
    routine.set_done(coach, coach.today(), "call", False)


SAVES: dict[str, Callable[[Coach], object]] = {
    "tick a step": lambda c: routine.set_done(c, c.today(), "call"),
    "untick a step": untick,
    "log a walk": lambda c: walks.log_walk(c, c.today(), 20),
    "log a help": lambda c: helps.log_help(c, "Ann", "read her pitch"),
    "a help earlier this week": lambda c: helps.log_help(
        c, "Bo", "an intro", day=c.today() - timedelta(days=3)
    ),
    "change the goal": lambda c: helps.set_goal(c, 9),
    "a rest day": lambda c: rest_days.set_rest(c, c.today()),
    "a reflection": lambda c: reflections.save_reflection(c, c.today(), "It went.", None),
}


@pytest.mark.parametrize("kind", sorted(SAVES))
def test_every_kind_of_save_keeps_the_line_true(kept: Coach, kind: str) -> None:
    before = expected(kept)
    SAVES[kind](kept)
    after = expected(kept)
    assert after != before  # the save changed the status...
    assert statusline.read(kept.store.folder, now(kept)) == after  # ...and the line with it


@pytest.mark.parametrize("kind", sorted(SAVES))
def test_the_fast_status_prints_what_the_full_one_does(
    kept: Coach, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    SAVES[kind](kept)
    for words in (["status"], ["status", "--json"]):
        assert kept_status(words)
        fast = capsys.readouterr().out
        statusline.forget(kept.store.folder)
        assert run(capsys, *words) == (0, fast, "")  # computed, and kept again
        assert kept_status(words) and capsys.readouterr().out == fast
    assert json.loads(fast)["date"] == "2026-11-22"


def test_a_save_the_line_did_not_see_is_a_miss(
    kept: Coach, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    routine.set_done(kept, kept.today(), "walk")
    assert kept_status(["status"]) and capsys.readouterr().out.startswith("walk ✓")
    elsewhere = other_process(kept, library)
    routine.set_done(elsewhere, elsewhere.today(), "walk", False)
    assert statusline.read(kept.store.folder, now(kept)) is None
    assert not kept_status(["status"]) and capsys.readouterr().out == ""
    assert run(capsys, "status")[1] == "walk · call · help 0/5 reflect ·\n"
    assert statusline.read(kept.store.folder, now(kept)) == expected(elsewhere)


def test_the_line_holds_for_its_own_day_only(kept: Coach) -> None:
    routine.set_done(kept, kept.today(), "walk")
    folder, clock = kept.store.folder, kept.clock
    assert isinstance(clock, FixedClock)
    start = clock.now().replace(hour=4, minute=0)  # the rollover hour
    assert statusline.read(folder, start.timestamp()) is not None
    assert statusline.read(folder, start.timestamp() - 1) is None  # still yesterday
    assert statusline.read(folder, (start + timedelta(days=1)).timestamp() - 1) is not None
    assert statusline.read(folder, (start + timedelta(days=1)).timestamp()) is None


DAMAGE: dict[str, bytes] = {
    "empty": b"",
    "torn": b"coach-kept 1\nwindow 0.0 1e12\n",
    "not text": b"\xff\xfe\x00garbage",
    "another version": b"coach-kept 2\n",
    "a control character": b"",  # filled in by the test: a valid file with ESC in its line
    "a foreign row": b"",
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_line_is_a_miss_and_is_written_again(
    kept: Coach, damage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    routine.set_done(kept, kept.today(), "walk")
    path = Path(kept.store.folder) / statusline.FILE_NAME
    good = path.read_text(encoding="utf-8")
    if damage == "a control character":
        raw = good.replace("out line walk", "out line \\x1b[2Jwalk").encode()
    elif damage == "a foreign row":
        raw = good.replace("\nout line ", "\nrun rm -rf\nout line ").encode()
    else:
        raw = DAMAGE[damage]
    path.write_bytes(raw)
    if damage != "a control character":  # whole, but `coach status` prints only its own words
        assert statusline.read(kept.store.folder, now(kept)) is None
    assert not kept_status(["status"]) and capsys.readouterr().out == ""
    assert run(capsys, "status") == (0, "walk ✓ call · help 0/5 reflect ·\n", "")
    assert path.read_text(encoding="utf-8") == good


def test_the_line_is_private_and_leaves_no_temp(kept: Coach) -> None:
    routine.set_done(kept, kept.today(), "walk")
    path = Path(kept.store.folder) / statusline.FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in Path(kept.store.folder).iterdir() if p.name.endswith(".tmp")] == []


def test_a_failed_keep_never_fails_the_save_and_leaves_no_stale_line(
    kept: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    routine.set_done(kept, kept.today(), "walk")

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(statusline, "write", refuse)
    routine.set_done(kept, kept.today(), "call")  # no exception: the save is on disk
    assert routine.build_today(kept).done_count == 2
    assert not (Path(kept.store.folder) / statusline.FILE_NAME).exists()


def test_an_encrypted_folder_keeps_no_line(kept: Coach, monkeypatch: pytest.MonkeyPatch) -> None:
    routine.set_done(kept, kept.today(), "walk")
    assert (Path(kept.store.folder) / statusline.FILE_NAME).exists()
    monkeypatch.setattr(type(kept.store), "encrypted", property(lambda self: True))
    routine.set_done(kept, kept.today(), "call")
    assert not (Path(kept.store.folder) / statusline.FILE_NAME).exists()


def test_other_command_lines_take_the_full_path(kept: Coach) -> None:
    routine.set_done(kept, kept.today(), "walk")
    folder = os.fspath(kept.store.folder)
    assert kept_status(["--data-dir", folder, "status"])
    assert kept_status([f"--data-dir={folder}", "status", "--json"])
    for words in (
        ["status", "--help"],
        ["status", "--json", "--json", "x"],
        ["--version", "status"],
        ["walk", "status"],
        ["--data-dir", "status"],
    ):
        assert not kept_status(words), words
