"""Schema migrations: a committed fixture folder per schema version, a test per migration.

The harness makes every future schema bump ship both:
- tests/fixtures/schema-N/ (a data folder written by coach at schema N) and
  tests/fixtures/schema-N.expected.json (what it holds) for every N up to
  SCHEMA_VERSION: so the next bump has a folder of the old version to migrate;
- a test named test_migrate_N_to_M (M = N + 1) here for every MIGRATIONS[N].

Opening any fixture with today's coach must give back everything it holds,
and the first save after a migration must have written a byte-for-byte
backup of the old files into backups/pre-migration-<time>/ first.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach.core import atomic as atomic_module
from coach.core.errors import StoreWriteError
from coach.store import Store, schema
from coach.store.core import BACKUP_DIR, MIGRATION_BACKUP_PREFIX

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
VERSIONS = range(1, schema.SCHEMA_VERSION + 1)


def fixture(version: int) -> Path:
    return FIXTURES / f"schema-{version}"


def expected(version: int) -> dict[str, Any]:
    return json.loads((FIXTURES / f"schema-{version}.expected.json").read_text())


def copy(version: int, tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(fixture(version), folder)
    return folder


def data_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.json"))
        if BACKUP_DIR not in p.relative_to(folder).parts
    }


def holds(store: Store, want: dict[str, Any]) -> None:
    store.validate_all()
    for name, count in want["main_tables"].items():
        if name == "settings":
            continue
        assert len(store.records(name).all()) == count, name
    for name, count in want["logs"].items():
        assert len(store.log(name).all()) == count, name
    assert store.doc("settings").get() == want["settings"]


def test_every_schema_version_has_a_fixture_folder() -> None:
    for version in VERSIONS:
        assert (fixture(version) / "coach.json").is_file(), (
            f"schema {version} has no fixture: copy a data folder written at schema "
            f"{version} into {fixture(version)} with a schema-{version}.expected.json"
        )
        assert expected(version)["schema"] == version
        meta = json.loads((fixture(version) / "coach.json").read_bytes())["_meta"]["1"]
        assert meta["schema"] == version


def test_every_migration_has_a_test() -> None:
    assert set(schema.MIGRATIONS) == set(range(1, schema.SCHEMA_VERSION))
    for version in schema.MIGRATIONS:
        name = f"test_migrate_{version}_to_{version + 1}"
        assert name in globals(), f"MIGRATIONS[{version}] needs a test named {name}"


@pytest.mark.parametrize("version", VERSIONS)
def test_each_fixture_opens_with_everything_in_it(version: int, tmp_path: Path) -> None:
    folder = copy(version, tmp_path)
    before = data_bytes(folder)
    store = Store(folder)
    holds(store, expected(version))
    assert data_bytes(folder) == before, "opening and reading must write nothing"
    with store.transaction():
        store.records("customers").insert({"name": "after the upgrade"})
    holds_after = expected(version)
    holds_after["main_tables"]["customers"] += 1
    holds(Store(folder), holds_after)
    backups = list((folder / BACKUP_DIR).glob(f"{MIGRATION_BACKUP_PREFIX}*"))
    if version < schema.SCHEMA_VERSION:
        [backup] = backups
        assert data_bytes(backup) == before
    else:
        assert backups == []  # nothing to migrate: no backup


# -- rehearsing a migration with a pretend schema 2 ------------------------------------


def rename_settings_goal(data: schema.Tables) -> schema.Tables:
    """A pretend 1 -> 2 migration: settings.help_goal becomes settings.helps_per_week."""
    for doc in data.get("settings", {}).values():
        if "help_goal" in doc:
            doc["helps_per_week"] = doc.pop("help_goal")
    return data


@pytest.fixture
def schema_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS, 1, rename_settings_goal)


@pytest.mark.usefixtures("schema_2")
def test_a_migration_backs_up_the_old_files_before_writing(tmp_path: Path) -> None:
    folder = copy(1, tmp_path)
    before = data_bytes(folder)
    store = Store(folder)
    assert store.doc("settings").get()["helps_per_week"] == 6  # migrated in memory
    assert data_bytes(folder) == before  # but nothing written by reading
    assert not (folder / BACKUP_DIR).exists()
    with store.transaction():
        store.doc("settings").update({"your_name": "Sam B"})
    [backup] = (folder / BACKUP_DIR).glob(f"{MIGRATION_BACKUP_PREFIX}*")
    assert data_bytes(backup) == before
    assert (backup.stat().st_mode & 0o777) == 0o700
    main = json.loads((folder / "coach.json").read_bytes())
    assert main["_meta"]["1"]["schema"] == 2
    assert main["settings"]["1"]["helps_per_week"] == 6
    assert "help_goal" not in main["settings"]["1"]
    # the untouched month is still schema 1 on disk, migrated when read
    month = json.loads((folder / "journal" / "2026-11.json").read_bytes())
    assert month["_meta"]["1"]["schema"] == 1
    with store.transaction():
        store.log("walks").insert(date(2026, 11, 22), {"minutes": 5})
    assert len(list((folder / BACKUP_DIR).glob(f"{MIGRATION_BACKUP_PREFIX}*"))) == 1
    assert (
        json.loads((folder / "journal" / "2026-11.json").read_bytes())["_meta"]["1"]["schema"] == 2
    )


@pytest.mark.usefixtures("schema_2")
def test_no_backup_no_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the backup cannot be written the save fails and the old files stay."""
    folder = copy(1, tmp_path)
    before = data_bytes(folder)
    store = Store(folder)
    store.doc("settings").get()
    real = atomic_module.atomic_write

    def full_for_backups(path: Path, data: bytes) -> None:
        if BACKUP_DIR in path.parts:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr("coach.store.core.atomic_write", full_for_backups)
    with pytest.raises(StoreWriteError, match="cannot back up"), store.transaction():
        store.doc("settings").update({"your_name": "x"})
    assert data_bytes(folder) == before


def test_a_failing_migration_is_a_clear_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.core.errors import DataFileError

    def broken(data: schema.Tables) -> schema.Tables:
        raise KeyError("customers")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS, 1, broken)
    folder = copy(1, tmp_path)
    before = data_bytes(folder)
    with pytest.raises(DataFileError, match="schema 1 to 2"):
        Store(folder)
    assert data_bytes(folder) == before
