"""`coach walk` and `coach remind`: logging, JSON, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli import main
from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.session import open_coach
from coach.walk.walks import walks_between

NOW = "2026-11-22T11:00:00+00:00"


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)


def stored(data_dir: Path, clock: FixedClock) -> list[tuple[str, int, str]]:
    coach = open_coach(data_dir, clock=clock, library=Library())
    return [(w.day.isoformat(), w.minutes, w.note) for w in walks_between(coach, None, None)]


def test_logging_a_walk(
    capsys: pytest.CaptureFixture[str], data_dir: Path, clock: FixedClock
) -> None:
    assert main(["walk", "--minutes", "25", "--note", "river [b]x[/b]"]) == 0
    assert "25-minute walk" in capsys.readouterr().out
    assert main(["walk", "--minutes", "10", "--date", "2026-11-20"]) == 0
    assert stored(data_dir, clock) == [("2026-11-20", 10, ""), ("2026-11-22", 25, "river [b]x[/b]")]


def test_logging_a_walk_names_the_week_and_the_streak_without_reading_all_history(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["walk", "--minutes", "30", "--date", "2026-11-21"])
    capsys.readouterr()

    def longest(*_: object) -> None:
        raise AssertionError("the longest streak reads all history: not for a walk's reply")

    monkeypatch.setattr("coach.walk.walks.longest_streak", longest)
    assert main(["walk", "--minutes", "20"]) == 0
    out = capsys.readouterr().out
    assert "This week: 50 of 140 minutes. Walking streak: 2 days in a row." in out


def test_walk_json(capsys: pytest.CaptureFixture[str]) -> None:
    main(["walk", "--minutes", "30", "--date", "2026-11-21"])
    main(["walk", "--minutes", "15"])
    capsys.readouterr()
    assert main(["walk", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == "2026-11-22"
    assert data["today"]["walked"] is True and data["today"]["minutes"] == 15
    assert data["week"] == {"start": "2026-11-16", "minutes": 45, "goal": 140, "daily_goal": 20}
    assert data["streak"] == {"current": 2, "longest": 2}


def test_walk_json_with_nothing_logged(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["walk", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["today"] == {"walked": False, "minutes": 0, "walks": []}
    assert data["streak"] == {"current": 0, "longest": 0}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--minutes", "0"], "minutes must be 1..600"),
        (["--minutes", "601"], "minutes must be 1..600"),
        (["--minutes", "-3"], "whole number"),
        (["--minutes", "twenty"], "whole number"),
        (["--minutes", "2.5"], "whole number"),
        (["--minutes", "20", "--date", "2026-02-30"], "not a real date (YYYY-MM-DD)"),
        (["--minutes", "20", "--date", "someday"], "cannot read 'someday' as a date"),
        (["--minutes", "20", "--date", "2026-11-23"], "future"),
        (["--date", "2026-11-20"], "--minutes"),
    ],
)
def test_bad_values_exit_2_with_one_line_and_save_nothing(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    clock: FixedClock,
    args: list[str],
    message: str,
) -> None:
    assert main(["walk", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert stored(data_dir, clock) == []


def test_remind_exit_codes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T09:00:00+00:00")
    assert main(["remind"]) == 0
    assert "Nothing due" in capsys.readouterr().out
    assert main(["remind", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    monkeypatch.setenv("COACH_NOW", "2026-11-22T10:30:00+00:00")
    assert main(["remind"]) == 3
    assert "walk" in capsys.readouterr().out
    main(["walk", "--minutes", "20"])
    capsys.readouterr()
    assert main(["remind"]) == 0


def test_remind_notify_sends_a_desktop_notification_when_it_can(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls = tmp_path / "calls"
    fake = tmp_path / "bin" / "notify-send"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    assert main(["remind", "--notify"]) == 3
    assert "walk" in calls.read_text()
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert main(["remind", "--notify"]) == 3  # no notify-send: still works
    assert "Time for your walk" in capsys.readouterr().out


def test_bad_arguments_to_remind_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["remind", "--nope"])
    assert info.value.code == 2
