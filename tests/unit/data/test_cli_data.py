"""The CLI for export, import, backup and restore."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coach.cli import main
from coach.journal.reflections import save_reflection
from coach.routine import today as routine
from coach.session import Coach
from coach.store.backup import list_backups
from tests.cli_helpers import run


@pytest.fixture
def filled(coach: Coach, monkeypatch: pytest.MonkeyPatch) -> Coach:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    routine.set_done(coach, date(2026, 11, 21), "walk")
    save_reflection(coach, date(2026, 11, 21), "Quiet morning", None, mood=3)
    return coach


def test_export_json_to_stdout(filled: Coach, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export")
    assert code == 0
    data = json.loads(out)
    assert data["exported_at"] == "2026-11-22T08:30:00+00:00"
    assert data["logs"]["reflections"][0]["text"] == "Quiet morning"


def test_export_markdown_and_csv(
    filled: Coach, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "export", "--format", "markdown")
    assert code == 0 and out.startswith("# coach export") and "Quiet morning" in out
    code, _, err = run(capsys, "export", "--format", "csv")
    assert code == 2 and "--output" in err
    code, _, _ = run(capsys, "export", "--format", "csv", "--output", str(tmp_path / "csv"))
    assert code == 0 and (tmp_path / "csv" / "reflections.csv").is_file()
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--format", "xml"])
    assert exit_info.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_import_dry_run_then_for_real(
    filled: Coach, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "e.json"
    assert run(capsys, "export", "--output", str(path))[0] == 0
    other = str(tmp_path / "other")
    code, out, _ = run(capsys, "--data-dir", other, "import", str(path), "--dry-run")
    assert code == 0 and out.startswith("Would add") and "1 reflections" in out
    code, out, _ = run(capsys, "--data-dir", other, "import", str(path))
    assert code == 0 and out.startswith("Added")
    code, out, _ = run(capsys, "--data-dir", other, "import", str(path))
    assert "nothing new" in out


def test_import_of_a_bad_file_is_one_line_exit_2(
    filled: Coach, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "coach-export", "version": 99}')
    code, _, err = run(capsys, "import", str(path))
    assert code == 2 and "version 99" in err and err.count("\n") == 1


def test_backup_and_restore(
    filled: Coach, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = filled.store.folder
    code, out, _ = run(capsys, "backup")
    assert code == 0 and "backed up to" in out
    made = [b for b in list_backups(folder) if b.kind == "manual"][0]
    routine.set_done(filled, date(2026, 11, 22), "call")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = run(capsys, "restore", str(made.path))
    assert code == 2 and "--yes" in err
    assert routine.build_today(filled, date(2026, 11, 22)).step("call").done
    code, out, _ = run(capsys, "restore", str(made.path), "--yes")
    assert code == 0 and "previous data is in" in out
    assert not routine.build_today(filled, date(2026, 11, 22)).step("call").done


def test_restore_asks_on_a_terminal(
    filled: Coach, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "backup")
    made = list_backups(filled.store.folder)[-1]
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    code, out, _ = run(capsys, "restore", str(made.path))
    assert code == 1 and "nothing changed" in out


def test_restore_of_a_damaged_backup(
    filled: Coach, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    before = {p: p.read_bytes() for p in filled.store.files()}
    code, _, err = run(capsys, "restore", str(bad), "--yes")
    assert code == 2 and "not a coach backup" in err
    assert {p: p.read_bytes() for p in filled.store.files()} == before


def test_commands_make_the_daily_backup(filled: Coach, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "today")
    run(capsys, "today")
    assert [b.kind for b in list_backups(filled.store.folder)] == ["daily"]
