"""`coach reflect` and `coach journal` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli import main
from coach.journal.export import from_json
from coach.journal.reflections import reflections_between
from coach.session import open_coach
from tests.cli_helpers import run

NOW = "2026-11-22T08:30:00+00:00"


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)


def entries(data_dir: Path) -> list:
    return reflections_between(open_coach(data_dir))


def test_reflect_prints_todays_prompt_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "reflect")
    assert code == 0
    assert out.startswith("Sunday 22 November 2026\n")
    assert "From " in out and "coach reflect --text" in out


def test_reflect_saves_an_answer_with_mood_and_tags(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    _, prompt_out, _ = run(capsys, "reflect")
    code, out, _ = run(
        capsys, "reflect", "--text", "Felt [bold]better[/] #walks", "--mood", "4", "--tag", "acme"
    )
    assert code == 0
    assert "Saved your reflection for Sunday 22 November 2026, feeling 4 good." in out
    [entry] = entries(data_dir)
    assert entry.text == "Felt [bold]better[/] #walks"
    assert (entry.mood, entry.tags) == (4, ("acme", "walks"))
    assert entry.prompt_text and entry.prompt_text in prompt_out


def test_reflect_for_yesterday_and_a_date(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert run(capsys, "reflect", "--text", "late", "--date", "yesterday")[0] == 0
    assert run(capsys, "reflect", "--text", "older", "--date", "2026-02-28", "--free")[0] == 0
    days = [(e.day.isoformat(), e.is_free) for e in entries(data_dir)]
    assert days == [("2026-02-28", True), ("2026-11-21", False)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mood", "6"], "mood must be 1..5"),
        (["--mood", "0"], "mood must be 1..5"),
        (["--mood", "good"], "mood must be a number 1..5"),
        (["--date", "2026-11-23"], "is in the future"),
        (["--date", "2026-02-30"], "'2026-02-30' is not a real date"),
        (["--date", "next week"], "is in the future"),
        (["--date", "22/11/2026"], "cannot read '22/11/2026' as a date"),
        (["--tag", "two words"], "a tag is one word"),
    ],
)
def test_bad_values_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "reflect", "--text", "x", *args)
    assert code == 2
    assert message in err and err.count("\n") == 1 and err.startswith("coach: ")
    assert not (data_dir / "journal").exists()


def test_empty_text_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "reflect", "--text", "  ")
    assert code == 2 and "empty" in err


def test_another_pin_and_hide(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    first = run(capsys, "reflect")[1]
    other = run(capsys, "reflect", "--another")[1]
    assert other != first and run(capsys, "reflect")[1] == other
    code, out, _ = run(capsys, "reflect", "--hide")
    assert code == 0 and "Hidden for good" in out
    prompt_id = out.split("Hidden for good: ")[1].split(".")[0]
    assert f"[{prompt_id}]" not in run(capsys, "reflect")[1]
    assert run(capsys, "reflect", "--unhide", prompt_id)[0] == 0
    assert run(capsys, "reflect", "--unhide", "nope")[0] == 2


def test_journal_lists_searches_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert "empty so far" in run(capsys, "journal")[1]
    run(capsys, "reflect", "--text", "Café with Ann #ideas", "--date", "2026-11-01", "--mood", "2")
    run(capsys, "reflect", "--text", "Walked far", "--mood", "5")
    out = run(capsys, "journal")[1]
    assert out.index("Café with Ann") < out.index("Walked far")  # oldest first
    assert "Walked far" not in run(capsys, "journal", "--search", "CAFE ann")[1]
    assert "No entries match." in run(capsys, "journal", "--search", "unicorn")[1]
    assert "Café" not in run(capsys, "journal", "--from", "2026-11-10")[1]
    assert "Walked" not in run(capsys, "journal", "--to", "2026-11-10")[1]
    assert "Walked" not in run(capsys, "journal", "--tag", "ideas")[1]
    assert "Café" not in run(capsys, "journal", "--mood", "5")[1]
    data = json.loads(run(capsys, "journal", "--json", "--search", "walked")[1])
    assert [e["text"] for e in data] == ["Walked far"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-11-10", "--to", "2026-11-01"], "back to front"),
        (["--from", "soon"], "--from: cannot read 'soon'"),
        (["--mood", "9"], "mood must be"),
        (["--output", "x.md"], "--output goes with --export"),
        (["--export", "json", "--output", "/no/such/folder/x.json"], "does not exist"),
    ],
)
def test_journal_bad_arguments_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "journal", *args)
    assert code == 2
    assert message in err and err.count("\n") == 1


def test_unknown_export_format_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["journal", "--export", "pdf"])
    assert info.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_export_to_files(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    text = "[red]literal[/] 😀 שלום\n" + "long line " * 11_000
    run(capsys, "reflect", "--text", text, "--mood", "3")
    md, js = tmp_path / "j.md", tmp_path / "j.json"
    code, out, _ = run(capsys, "journal", "--export", "markdown", "--output", str(md))
    assert code == 0 and "Wrote 1 entry" in out
    assert "## Sunday 22 November 2026" in md.read_text() and text in md.read_text()
    assert run(capsys, "journal", "--export", "json", "--output", str(js))[0] == 0
    assert from_json(js.read_text()) == entries(data_dir)
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, no temp left behind
    printed = run(capsys, "journal", "--export", "json")[1]
    assert from_json(printed) == entries(data_dir)


def test_reflect_json_names_the_prompt_its_source_and_why(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    from datetime import UTC, date, datetime

    from coach.core.clock import FixedClock
    from coach.loss.losses import add_loss
    from coach.routine.features import wire

    code, out, _ = run(capsys, "reflect", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["date"] == "2026-11-22"
    assert payload["prompt"]["why"] == "phase steady"
    yesterday = FixedClock(datetime(2026, 11, 21, 20, 0, tzinfo=UTC))  # before today began
    add_loss(
        wire(open_coach(data_dir, clock=yesterday)),
        "Acme",
        date(2026, 11, 21),
        ["missed-deadlines"],
    )
    payload = json.loads(run(capsys, "reflect", "--json")[1])
    prompt = payload["prompt"]
    assert list(prompt) == ["id", "text", "source", "advice", "phase", "why"]
    assert prompt["why"] == "phase first-days; reason missed-deadlines"
    assert prompt["phase"] in ("first-days", "early", "any")
    assert prompt["source"]
