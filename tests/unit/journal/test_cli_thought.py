"""`coach thought add|list|evidence` and `coach loss story`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli import main
from tests.cli_helpers import run

NOW = "2026-11-22T08:30:00+00:00"


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)


def test_add_and_list(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(
        capsys, "thought", "add", "--situation", "Acme left", "--feeling", "anxious:80",
        "--feeling", "ashamed: 60", "--thought", "I'll lose all my clients",
        "--for", "Acme left", "--against", "Ann answered", "--against", "I walked",
        "--balanced", "One left.", "--rerate", "anxious:40", "--trap", "catastrophizing",
    )  # fmt: skip
    assert (code, out) == (0, "Kept your thought record for Sunday 22 November 2026.\n")
    code, out, _ = run(capsys, "thought", "list")
    assert code == 0
    assert "  feelings: anxious 80, ashamed 60\n" in out
    assert "  against: Ann answered\n  against: I walked\n" in out
    assert "  traps: Catastrophizing\n" in out
    assert "  anxious: 80 → 40\n" in out
    code, out, _ = run(capsys, "thought", "list", "--json")
    [record] = json.loads(out)
    assert record["against"] == ["Ann answered", "I walked"]
    assert record["traps"] == ["trap-catastrophizing"]
    code, out, _ = run(capsys, "thought", "list", "--search", "nothing-like-it")
    assert out == "No thought records match.\n"


def test_user_text_never_drives_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "thought", "add", "--thought", "bad\x1b[2Jday")[0] == 0
    _, out, _ = run(capsys, "thought", "list")
    assert "\x1b" not in out and "bad\u241b[2Jday" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--feeling", "anxious"], "NAME:0-100"),
        (["--rerate", "anxious:200"], "0-100"),
        (["--trap", "nope"], "unknown thinking trap 'nope'"),
        (["--thought", "x", "--date", "tomorrow"], "in the future"),
        ([], "the thought record is empty"),
    ],
)
def test_bad_input_is_named_without_a_traceback(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    try:
        code = main(["thought", "add", *args])
    except SystemExit as caught:  # argparse refuses a bad NAME:0-100 itself
        code = int(caught.code or 0)
    _, err = capsys.readouterr()
    assert code != 0 and message in err and "Traceback" not in err
    assert json.loads(run(capsys, "thought", "list", "--json")[1]) == []


def test_evidence_offers_only_logged_facts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "thought", "evidence", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(capsys, "thought", "evidence")
    assert "Nothing logged yet" in out
    assert run(capsys, "walk", "--minutes", "20")[0] == 0
    code, out, _ = run(capsys, "thought", "evidence", "--json")
    assert json.loads(out) == [
        {"kind": "walks", "date": "2026-11-22", "text": "I walked on 1 day this week (20 minutes)"}
    ]


def test_loss_story(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(
        capsys, "loss", "add", "Acme", "--reason", "price", "--date", "2026-11-21",
        "--cause", "All my fault", "--sure", "90",
    )  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, "loss", "story", "acme")
    assert out == "Your story of losing Acme, over time:\n  day 1: All my fault (90% sure)\n"
    code, out, _ = run(capsys, "loss", "story", "acme", "--json")
    [entry] = json.loads(out)
    assert (entry["moment"], entry["label"], entry["sure"]) == ("recorded", "day 1", 90)
    code, out, err = run(capsys, "loss", "story", "acme", "--sure", "5")
    assert code != 0 and "--sure, --words and --moment go with --cause" in err
    code, out, err = run(
        capsys, "loss", "add", "Bolt", "--reason", "price", "--sure", "500", "--cause", "x"
    )
    assert code != 0 and "0-100" in err
    assert "Bolt" not in run(capsys, "loss", "list")[1]  # nothing half-recorded


def test_journal_lists_thought_records_beside_entries(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "reflect", "--free", "--text", "Walked it off.", "--date", "2026-11-20")
    run(
        capsys,
        "thought",
        "add",
        "--thought",
        "They think I'm useless\x1b[2J",
        "--date",
        "2026-11-21",
    )
    run(capsys, "reflect", "--free", "--text", "Better today.")
    code, out, _ = run(capsys, "journal")
    assert code == 0
    first, thought, last = (out.index(x) for x in ("Walked it off.", "useless", "Better today."))
    assert first < thought < last  # oldest first, by day
    assert "── Sat 21 Nov 2026\n  thought: They think I'm useless" in out
    assert "\x1b" not in out  # user text never drives the terminal
    code, out, _ = run(capsys, "journal", "--search", "useless")
    assert "useless" in out and "Walked" not in out
    code, out, _ = run(capsys, "journal", "--tag", "none-such")  # thought records have no tags
    assert out == "No entries match.\n"
