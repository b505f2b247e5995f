"""`coach loss add|list|show`, including bad categories and dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli import main
from coach.loss.letters import save_letter
from coach.loss.losses import find_loss
from coach.session import open_coach
from tests.cli_helpers import run

NOW = "2026-11-22T08:30:00+00:00"


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)


def test_add_list_show(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(
        capsys, "loss", "add", "Acme Ltd", "--reason", "price", "--reason", "Competitor",
        "--date", "2026-08-31", "--tenure", "3 years",
    )  # fmt: skip
    assert code == 0
    assert "Acme Ltd left on 31 August 2026" in out
    assert "2026-11-30, 2027-02-28, 2027-08-31" in out
    code, out, _ = run(capsys, "loss", "list")
    assert code == 0
    assert "2026-08-31  Acme Ltd  (day 83 since Acme Ltd left; price," in out
    code, out, _ = run(capsys, "loss", "show", "acme ltd")
    assert code == 0
    assert "why: price, a competitor's rates or offer" in out
    assert "client for: 3 years" in out
    code, out, _ = run(capsys, "loss", "list", "--json")
    [entry] = json.loads(out)
    assert entry["client"] == "Acme Ltd"
    assert entry["reasons"] == ["price", "competitor"]
    assert entry["days_since"] == 83 and entry["phase"] == "later"
    assert entry["next_checkin"] == "2026-11-30"


def test_add_defaults_to_today(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "loss", "add", "Acme", "--reason", "unknown")[0] == 0
    code, out, _ = run(capsys, "loss", "show", "Acme", "--json")
    assert code == 0
    assert json.loads(out)["left"] == "2026-11-22"


def test_show_json_never_carries_the_letter(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "loss", "add", "Acme", "--reason", "service", "--date", "2026-11-01")
    coach = open_coach(data_dir)
    save_letter(coach, find_loss(coach, "Acme").id, "You never once said thank you.")
    code, out, _ = run(capsys, "loss", "show", "Acme", "--json")
    assert code == 0
    assert json.loads(out)["letter_kept"] is True
    assert "thank you" not in out


def test_unknown_category_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["loss", "add", "Acme", "--reason", "bad-luck"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "unknown reason 'bad-luck'" in err
    assert "acquisition, merger, out-of-business, their-situation, price" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("2026-02-30", "is not a real date"),
        ("someday", "cannot read"),
        ("22/11/2026", "cannot read"),
    ],
)
def test_bad_dates_exit_2(capsys: pytest.CaptureFixture[str], bad: str, says: str) -> None:
    code, _, err = run(capsys, "loss", "add", "Acme", "--reason", "price", "--date", bad)
    assert code == 2
    assert says in err and f"'{bad}'" in err


def test_future_dates_are_refused(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, _, err = run(capsys, "loss", "add", "Acme", "--reason", "price", "--date", "2026-11-23")
    assert code == 2
    assert "in the future" in err
    assert run(capsys, "loss", "list")[1] == "No losses recorded.\n"


def test_reason_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["loss", "add", "Acme"])
    assert info.value.code == 2


def test_show_unknown_client(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "loss", "add", "Acme", "--reason", "price")
    code, _, err = run(capsys, "loss", "show", "Globex")
    assert code == 2
    assert "no loss recorded for 'Globex' (recorded: Acme)" in err


def test_remind_prints_a_due_checkin(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "loss", "add", "Acme", "--reason", "merger", "--date", "2026-08-22")
    code, out, _ = run(capsys, "remind")
    assert code == 3
    assert "coach: Check in with Acme (today): 3 months since they left" in out


def test_export_leaves_the_letter_out(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run(capsys, "loss", "add", "Acme", "--reason", "service", "--date", "2026-11-01")
    coach = open_coach(data_dir)
    save_letter(coach, find_loss(coach, "Acme").id, "You never once said thank you.")
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0 and "Acme" in out and "never once" not in out
    code, out, _ = run(capsys, "export", "--format", "json", "--include-private")
    assert code == 0 and "never once" in out


def test_show_gives_the_loss_screens_advice(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "loss", "add", "Acme", "--reason", "service", "--date", "2026-11-01")
    code, out, _ = run(capsys, "loss", "show", "Acme", "--json")
    assert code == 0
    advice = json.loads(out)["advice"]
    assert advice["id"].startswith("la-") and advice["source"]
    code, out, _ = run(capsys, "loss", "show", "Acme")
    assert f"  today: {advice['text']}" in out  # the same item all day
