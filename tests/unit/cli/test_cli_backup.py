"""The CLI's daily backup comes after the command's output, never before it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.cli import main
from coach.data import backups
from coach.routine.today import set_done
from coach.session import Coach
from coach.store.backup import list_backups

NOW = "2026-11-22T08:30:00+00:00"


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch, coach: Coach) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)
    set_done(coach, coach.today(), "walk")  # some data to back up


def printed_before_backup(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> list[str]:
    """What the command had printed each time the daily backup ran."""
    seen: list[str] = []
    real = backups.daily_backup

    def watching(coach):
        seen.append(capsys.readouterr().out)
        return real(coach)

    monkeypatch.setattr(backups, "daily_backup", watching)
    return seen


def test_the_first_command_of_the_day_prints_then_backs_up(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    seen = printed_before_backup(monkeypatch, capsys)
    assert main(["today", "--json"]) == 0
    assert len(seen) == 1 and json.loads(seen[0])["date"] == "2026-11-22"
    assert [b.kind for b in list_backups(data_dir)] == ["daily"]
    assert main(["today"]) == 0
    assert [b.kind for b in list_backups(data_dir)] == ["daily"]  # one a day


def test_a_failing_command_still_backs_up(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert main(["rest", "--date", "not a day"]) == 2
    assert "not a day" in capsys.readouterr().err
    assert [b.kind for b in list_backups(data_dir)] == ["daily"]


def test_import_backs_up_before_it_merges(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    tmp_path: Path,
) -> None:
    export = tmp_path / "export.json"
    assert main(["export", "--output", str(export)]) == 0
    capsys.readouterr()
    seen = printed_before_backup(monkeypatch, capsys)
    for b in list_backups(data_dir):
        b.path.unlink()
    monkeypatch.setenv("COACH_NOW", "2026-11-23T08:30:00+00:00")
    assert main(["import", str(export)]) == 0
    assert seen == [""]
