"""coach status, coach doctor and coach rest."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from dateutil import tz

from coach.data.doctor import orphans, run_doctor
from coach.days import rest_days
from coach.routine import today as routine
from coach.routine.status import status
from coach.session import Coach
from coach.store.backup import make_backup
from tests.cli_helpers import run

NOW = datetime(2026, 11, 22, 8, 30, tzinfo=tz.gettz("Europe/London"))


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")


def test_status_line_and_json(coach: Coach, capsys: pytest.CaptureFixture[str]) -> None:
    assert status(coach).line() == "walk · call · help 0/5 reflect ·"
    routine.set_done(coach, coach.today(), "walk")
    with coach.store.transaction():
        coach.store.log("helps").insert(date(2026, 11, 17), {"who": "A", "how": "x"})
        coach.store.log("helps").insert(date(2026, 11, 22), {"who": "B", "how": "y"})
    rest_days.set_rest(coach, coach.today())
    code, out, _ = run(capsys, "status")
    assert code == 0 and out == "walk ✓ call · help 2/5 reflect · rest\n"
    code, out, _ = run(capsys, "status", "--json")
    data = json.loads(out)
    assert data["done"]["walk"] is True and data["help"] == {"count": 2, "goal": 5}
    assert data["rest"] is True and data["date"] == "2026-11-22"


def test_status_imports_no_textual_and_makes_no_backup(coach: Coach, data_dir: Path) -> None:
    routine.set_done(coach, coach.today(), "walk")
    code = (
        "import sys; from coach.cli import main; main(['status']);"
        "print(any(m.startswith('textual') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == ["walk ✓ call · help 0/5 reflect ·", "False"]
    assert not (data_dir / "backups").exists()


def test_rest_command(coach: Coach, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rest")
    assert code == 0 and "Sunday 22 November is a rest day" in out
    assert rest_days.is_rest(coach, date(2026, 11, 22))
    code, out, _ = run(capsys, "rest", "--undo")
    assert not rest_days.is_rest(coach, date(2026, 11, 22))
    code, _, err = run(capsys, "rest", "--date", "2026-12-01")
    assert code == 2 and "future" in err
    code, _, err = run(capsys, "rest", "--date", "someday")
    assert code == 2 and "cannot read 'someday'" in err
    code, _, _ = run(capsys, "rest", "--date", "monday")  # the last Monday: a past day
    assert code == 0 and rest_days.is_rest(coach, date(2026, 11, 16))


def healthy(coach: Coach) -> Path:
    routine.set_done(coach, coach.today(), "walk")
    with coach.store.transaction():
        ann = coach.store.records("customers").insert({"name": "Ann"})
        coach.store.log("touches").insert(coach.today(), {"customer_id": ann["id"]})
        coach.store.log("reflections").insert(coach.today(), {"prompt_id": "not-a-record"})
    make_backup(coach.store.folder, NOW, "daily")
    return coach.store.folder


def test_doctor_on_a_healthy_folder(coach: Coach, capsys: pytest.CaptureFixture[str]) -> None:
    healthy(coach)
    report = run_doctor(coach.store.folder, NOW)
    assert report.problems == 0, report.render()
    code, out, _ = run(capsys, "doctor")
    assert code == 0 and "No problems found." in out
    assert "no orphan records" in out and "valid" in out


def test_doctor_finds_a_damaged_file(coach: Coach, capsys: pytest.CaptureFixture[str]) -> None:
    folder = healthy(coach)
    damaged = folder / "journal" / "2026-11.json"
    damaged.write_text('{"walks": ')
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert "PROBLEM  journal/2026-11.json: not valid JSON" in out
    assert damaged.read_text() == '{"walks": '  # left as it was


def test_doctor_finds_orphans_and_missing_backups(
    coach: Coach, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = healthy(coach)
    ann = coach.store.records("customers").all()[0]
    with coach.store.transaction():
        coach.store.records("customers").remove(ann["id"])
    for backup in (folder / "backups").iterdir():
        backup.unlink()
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert "1 record(s) point at something deleted" in out
    assert "touches" in out and f"customer_id {ann['id']!r} is gone" in out
    assert "PROBLEM  no backups yet" in out
    assert "1 problem found" in out  # the orphan is a note: kept on purpose


def test_doctor_finds_bad_settings_and_user_content(
    coach: Coach, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    healthy(coach)
    with coach.store.transaction():
        coach.store.doc("settings").update({"help_goal": 0})
    user = tmp_path / "config" / "content"
    user.mkdir(parents=True)
    (user / "mine.toml").write_text("[[items]]\nid = 'x'\n")
    code, out, _ = run(capsys, "doctor")
    assert code == 1
    assert "setting 'help_goal'" in out and "your content:" in out and "mine.toml" in out


def test_doctor_on_no_folder(tmp_path: Path) -> None:
    report = run_doctor(tmp_path / "nothing", NOW)
    assert report.problems == 0
    assert "nothing has been saved" in report.render()


def test_orphans_generic() -> None:
    data = {
        "documents": {},
        "records": {"losses": [{"id": "L1"}]},
        "logs": {
            "notes": [
                {"id": "n1", "date": "2026-01-01", "loss_id": "L1"},
                {"id": "n2", "date": "2026-01-02", "loss_id": "L2"},
                {"id": "n3", "date": "2026-01-03", "prompt_id": "content-item"},
            ]
        },
    }
    assert orphans(data) == ["notes n2 on 2026-01-02: loss_id 'L2' is gone"]


def test_the_doctor_reads_the_journal_a_month_at_a_time_and_finds_the_same_orphans(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.data import doctor
    from coach.store import dump as dump_module
    from coach.store.dump import dump, main_tables

    with coach.store.transaction():
        coach.store.records("customers").insert({"id": "c1", "name": "Ann"})
        coach.store.records("notes").insert({"id": "n0", "customer_id": "gone-1"})
        for month in (3, 1, 2):
            day = date(2026, month, 4)
            coach.store.log("touches").insert(day, {"id": f"t{month}", "customer_id": "c1"})
            coach.store.log("touches").insert(day, {"id": f"u{month}", "customer_id": "nope"})
            coach.store.log("calls").insert(day, {"id": f"a{month}", "loss_id": f"L{month}"})
    expected = doctor.orphans(dump(coach.store))
    assert len(expected) == 7
    held: list[str] = []
    real = dump_module.month_records

    def one_at_a_time(store, key):
        held.append(key)
        return real(store, key)

    monkeypatch.setattr(dump_module, "month_records", one_at_a_time)
    monkeypatch.setattr(dump_module, "dump", lambda store: pytest.fail("the whole dump was read"))
    assert doctor._store_orphans(coach.store, main_tables(coach.store)) == expected
    assert held == ["2026-01", "2026-02", "2026-03"]
