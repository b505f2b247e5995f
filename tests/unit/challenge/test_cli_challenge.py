"""`coach helped` and `coach challenge`, including bad input (one line, exit 2)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from tests.cli_helpers import run

NOW = "2026-11-22T08:30:00+00:00"  # a Sunday: the week is 16-22 Nov


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)


def test_helped_then_challenge_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "helped", "Ann", "--how", "pricing", "--client")[0] == 0
    code, out, _ = run(capsys, "helped", "Bo", "--how", "intro", "--date", "2026-11-10")
    assert code == 0 and "in an earlier week" in out
    code, out, _ = run(capsys, "challenge", "--json")
    assert code == 0
    data = json.loads(out)
    week = data["week"]
    assert (week["start"], week["end"], week["goal"], week["count"]) == (
        "2026-11-16",
        "2026-11-22",
        5,
        1,
    )
    assert week["days_left"] == 1
    assert [(e["who"], e["how"], e["client"]) for e in week["entries"]] == [
        ("Ann", "pricing", True)
    ]
    assert [(w["start"], w["count"], w["met"]) for w in data["past_weeks"]] == [
        ("2026-11-09", 1, False)
    ]
    assert data["streak"] == 0


def test_challenge_text_and_goal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "challenge")
    assert code == 0 and "0 of 5 helped" in out and "No past weeks yet." in out
    code, out, _ = run(capsys, "challenge", "--goal", "2")
    assert code == 0 and "Goal set: 2" in out
    run(capsys, "helped", "Ann", "--how", "pricing")
    run(capsys, "helped", "Bo", "--how", "intro", "--date", "2026-11-16")
    code, out, _ = run(capsys, "challenge")
    assert "This week (16–22 Nov 2026): 2 of 2 helped, goal met; 1 day left" in out
    assert "Bo: intro" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["helped", "Ann", "--how", "x", "--date", "2026-11-23"], "in the future"),
        (["helped", "Ann", "--how", "x", "--date", "23/11/2026"], "YYYY-MM-DD"),
        (["helped", "", "--how", "x"], "name is empty"),
        (["helped", "Ann"], "--how"),
        (["challenge", "--goal", "0"], "1 to 100"),
        (["challenge", "--goal", "101"], "1 to 100"),
        (["challenge", "--goal", "five"], "invalid int value"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    try:
        code, out, err = run(capsys, *argv)
    except SystemExit as exit_:
        code, (out, err) = int(exit_.code or 0), capsys.readouterr()
    assert code == 2
    assert message in err and err.count("\n") == 1
    code, out, _ = run(capsys, "challenge", "--json")
    data = json.loads(out)
    assert data["week"]["count"] == 0 and data["week"]["goal"] == 5


def test_text_lists_the_last_weeks_unless_all(capsys: pytest.CaptureFixture[str]) -> None:
    for weeks_ago in range(1, 15):
        day = date(2026, 11, 16) - timedelta(weeks=weeks_ago)
        run(capsys, "helped", "Ann", "--how", "x", "--date", day.isoformat())
    _, out, _ = run(capsys, "challenge")
    assert "14 weeks played, 0 met their goal" in out
    assert "(the last 12; --all for every week)" in out
    assert out.count("4 short") == 12
    _, out, _ = run(capsys, "challenge", "--all")
    assert out.count("4 short") == 14
