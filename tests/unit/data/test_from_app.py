"""What the app's palette runs: export to a typed path, import one, back up now, restore one."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from coach.core.errors import InputError
from coach.data.backups import backup_now, newest_backup, restore_backup
from coach.data.exchange import ImportFileError, export_to, import_typed
from coach.session import Coach, open_coach
from coach.walk.walks import log_walk, walk_log


def minutes(coach: Coach) -> list[int]:
    return [w.minutes for d in walk_log(coach).days for w in d.walks]


def test_export_to_a_typed_path(coach: Coach, tmp_path: Path) -> None:
    log_walk(coach, coach.today(), 20, "")
    with pytest.raises(InputError, match="type a file name"):
        export_to(coach.store, coach.clock.now(), "  ")
    with pytest.raises(InputError, match="is a folder"):
        export_to(coach.store, coach.clock.now(), str(tmp_path))
    with pytest.raises(InputError, match="does not exist"):
        export_to(coach.store, coach.clock.now(), str(tmp_path / "no" / "x.json"))
    made = export_to(coach.store, coach.clock.now(), str(tmp_path / "out.json"))
    assert json.loads(made.read_text())["format"] == "coach-export"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    markdown = export_to(coach.store, coach.clock.now(), str(tmp_path / "out.md"))
    assert markdown.read_text().startswith("#")


def test_import_checks_the_whole_file_before_the_backup(coach: Coach, tmp_path: Path) -> None:
    called: list[str] = []
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ImportFileError, match="not valid JSON"):
        import_typed(coach.store, str(bad), lambda: called.append("backup"))
    with pytest.raises(ImportFileError, match="there is no file"):
        import_typed(coach.store, str(tmp_path / "none.json"), lambda: called.append("backup"))
    assert called == []  # nothing happened before the file was known good
    other = open_coach(tmp_path / "other", clock=coach.clock)
    log_walk(other, other.today(), 35, "")
    good = export_to(other.store, coach.clock.now(), str(tmp_path / "good.json"))
    result = import_typed(coach.store, str(good), lambda: called.append("backup"))
    assert called == ["backup"] and "added 1 walks" in result.summary()
    assert minutes(coach) == [35]


def test_back_up_now_and_restore(coach: Coach, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no data to back up"):
        backup_now(coach)
    assert newest_backup(coach) is None
    log_walk(coach, coach.today(), 20, "")
    made = backup_now(coach)
    assert newest_backup(coach) == made
    log_walk(coach, coach.today(), 45, "")
    with pytest.raises(InputError, match="there is no file"):
        restore_backup(coach, str(tmp_path / "nothing.zip"))
    not_zip = tmp_path / "x.zip"
    not_zip.write_text("hello")
    with pytest.raises(InputError):
        restore_backup(coach, str(not_zip))
    assert sorted(minutes(coach)) == [20, 45]  # a bad backup changed nothing
    path, safety = restore_backup(coach, str(made.path))
    assert path == made.path and safety.path.exists()
    assert minutes(coach) == [20]
