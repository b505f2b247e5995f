"""The `coach` command line: today, --json, data folders, version, help and errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach import __version__
from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.loss.losses import add_loss
from coach.routine.features import wire
from coach.routine.today import STEP_IDS, STEP_TITLES, pick, set_done
from coach.session import open_coach
from tests.cli_helpers import run

NOW = "2026-11-22T08:30:00+00:00"
DAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)


def mark(folder: Path, clock: FixedClock, library: Library, *steps: str) -> None:
    coach = open_coach(folder, clock=clock, library=library)
    for step in steps:
        set_done(coach, DAY, step)


def test_today_prints_the_routine(
    capsys: pytest.CaptureFixture[str], data_dir: Path, clock: FixedClock, library: Library
) -> None:
    mark(data_dir, clock, library, "call")
    code, out, err = run(capsys, "today")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Sunday 22 November 2026  (1 of 4 done)"
    assert "[ ] Take a walk" in lines
    assert "[x] Call your best customer" in lines
    assert "[ ] Help someone" in lines
    assert "[ ] Reflect" in lines
    coach = wire(open_coach(data_dir, clock=clock, library=library))
    walk = pick(coach, "walk", DAY)  # the rotation the command stored in the folder
    assert walk is not None and f"    {walk.text}" in lines
    encouragement = pick(coach, "encouragement", DAY)
    assert encouragement is not None and encouragement.text in out


def test_today_json_has_exactly_the_documented_shape(
    capsys: pytest.CaptureFixture[str], data_dir: Path, clock: FixedClock, library: Library
) -> None:
    mark(data_dir, clock, library, "walk", "reflect")
    code, out, err = run(capsys, "today", "--json")
    assert (code, err) == (0, "")
    assert out.count("\n") == 1  # one JSON object on one line
    payload = json.loads(out)
    keys = ["date", "phase", "reasons", "encouragement", "notes", "first_days", "steps"]
    assert list(payload) == keys
    assert payload["first_days"] is None  # no loss
    [weekly] = payload["notes"]  # no loss: only this week's skills refresh
    assert weekly.startswith("This week: ") and weekly.endswith("Dealing With the Loss of a Client")
    assert payload["date"] == "2026-11-22"
    assert (payload["phase"], payload["reasons"]) == ("steady", [])
    assert [s["id"] for s in payload["steps"]] == list(STEP_IDS)
    item_keys = ["id", "text", "source", "advice", "phase", "why"]
    assert list(payload["encouragement"]) == item_keys
    for step in payload["steps"]:
        assert list(step) == ["id", "title", "done", "detail", "advice", "item"]
        assert step["title"] == STEP_TITLES[step["id"]]
        assert isinstance(step["advice"], str) and step["advice"]
        assert isinstance(step["detail"], str)
        assert list(step["item"]) == item_keys
        assert step["item"]["text"] == step["advice"] and step["item"]["why"] == "phase steady"
        assert step["item"]["source"] == library.get(step["item"]["id"]).source_line  # type: ignore[union-attr]
    assert [s["done"] for s in payload["steps"]] == [True, False, False, True]
    walk = pick(wire(open_coach(data_dir, clock=clock, library=library)), "walk", DAY)
    assert walk is not None and payload["steps"][0]["advice"] == walk.text


def test_today_json_says_why_after_a_loss(
    capsys: pytest.CaptureFixture[str], data_dir: Path, clock: FixedClock, library: Library
) -> None:
    coach = wire(open_coach(data_dir, clock=clock, library=library))
    clock.advance(timedelta(days=-1))  # recorded yesterday: today's picks lean on it
    add_loss(coach, "Acme", DAY - timedelta(days=5), ["service"])
    code, out, err = run(capsys, "today", "--json")
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert (payload["phase"], payload["reasons"]) == ("early", ["service"])
    assert payload["encouragement"]["why"] == "phase early; reason service"
    assert payload["encouragement"]["phase"] in ("early", "any")


def test_the_day_follows_the_rollover_hour(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T03:59:00+00:00")
    assert json.loads(run(capsys, "today", "--json")[1])["date"] == "2026-11-21"
    monkeypatch.setenv("COACH_NOW", "2026-11-22T04:00:00+00:00")
    assert json.loads(run(capsys, "today", "--json")[1])["date"] == "2026-11-22"


def test_data_dir_flag_and_environment_pick_the_folder(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    clock: FixedClock,
    library: Library,
) -> None:
    from_env, from_flag = tmp_path / "env", tmp_path / "flag"
    mark(from_env, clock, library, "walk")
    mark(from_flag, clock, library, "help")
    monkeypatch.setenv("COACH_DATA_DIR", str(from_env))

    def done(*argv: str) -> list[str]:
        code, out, _ = run(capsys, *argv, "today", "--json")
        assert code == 0
        return [s["id"] for s in json.loads(out)["steps"] if s["done"]]

    assert done() == ["walk"]
    assert done("--data-dir", str(from_flag)) == ["help"]  # the flag wins
    assert done(f"--data-dir={tmp_path / 'fresh'}") == []
    assert (tmp_path / "fresh").is_dir()


@pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are Linux's")
def test_the_default_data_folder_is_the_platforms_and_private(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.core.paths import data_dir

    monkeypatch.delenv("COACH_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "coach"
    old = os.umask(0o022)
    try:
        assert run(capsys, "today")[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "xdg" / "coach").stat().st_mode) == 0o700


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"coach {__version__}\n", "")


def test_help_lists_the_commands_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("usage: coach")
    for words in ("today", "print today's routine", "--data-dir", "--version", "COACH_DATA_DIR"):
        assert words in out
    code, out, _ = run(capsys, "today", "--help")
    assert code == 0 and "--json" in out


@pytest.mark.parametrize(
    "argv",
    [["--bogus"], ["today", "--nope"], ["no-such-command"], ["--data-dir"], ["today", "extra"]],
)
def test_bad_arguments_give_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("coach")
    assert "error" in err


def test_a_bad_pinned_time_is_a_bad_value(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_NOW", "yesterday-ish")
    code, _, err = run(capsys, "today")
    assert code == 2
    assert err == "coach: COACH_NOW must be an ISO date and time, not 'yesterday-ish'\n"


@pytest.mark.parametrize("damaged", ["coach.json", "journal/2026-11.json"])
def test_a_damaged_data_file_exits_1_naming_file_and_problem(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    clock: FixedClock,
    library: Library,
    damaged: str,
) -> None:
    mark(data_dir, clock, library, "walk")
    path = data_dir / damaged
    path.write_bytes(b'{"_meta": {"1": {"sche')
    code, out, err = run(capsys, "today")
    assert (code, out) == (1, "")
    assert str(path) in err
    assert "not valid JSON" in err
    assert path.read_bytes() == b'{"_meta": {"1": {"sche'


def test_a_data_folder_that_is_a_file_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "--data-dir", str(blocker), "today")
    assert code == 1
    assert str(blocker) in err and "not a folder" in err
    assert blocker.read_text() == "not a folder"


def test_a_broken_built_in_content_file_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import shutil

    from coach.core import paths

    content = tmp_path / "content"
    shutil.copytree(paths.builtin_content_dir(), content)
    (content / "walk.toml").write_text("[[items]]\nid = \n")
    monkeypatch.setattr(paths, "builtin_content_dir", lambda: content)
    code, _, err = run(capsys, "today")
    assert code == 1
    assert f"{content / 'walk.toml'}, line 2" in err


# -- as a real process ------------------------------------------------------------


def coach_process(*argv: str, data: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach.cli", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "COACH_NOW": NOW, "COACH_DATA_DIR": str(data), **env},
    )


def test_coach_today_json_in_a_process(data_dir: Path) -> None:
    result = coach_process("today", "--json", data=data_dir)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["date"] == "2026-11-22"
    assert [s["done"] for s in payload["steps"]] == [False] * 4


def test_bad_arguments_in_a_process(data_dir: Path) -> None:
    result = coach_process("today", "--jsn", data=data_dir)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "coach: error: unrecognized arguments: --jsn\n"


def test_a_damaged_file_in_a_process(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "coach.json").write_bytes(b"")
    result = coach_process("today", data=data_dir)
    assert result.returncode == 1
    assert f"{data_dir / 'coach.json'}: the file is empty" in result.stderr
    assert (data_dir / "coach.json").read_bytes() == b""


def test_a_broken_user_content_file_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    from coach.core.paths import user_content_dir

    user_content_dir().mkdir(parents=True)
    broken = user_content_dir() / "mine.toml"
    broken.write_text("[[items]]\nid = 'x'\npool = 'walk'\n")
    code, out, err = run(capsys, "today", "--json")
    assert code == 0
    assert json.loads(out)["date"] == "2026-11-22"
    assert f"coach: warning: {broken}, line 1:" in err
