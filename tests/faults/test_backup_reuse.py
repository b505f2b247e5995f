"""An incremental backup whose previous backup is damaged, truncated or lying still
comes out whole: every member it reuses is checked, anything in doubt is read afresh."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from coach.store import Store
from coach.store.backup import MANIFEST, check_backup, make_backup, read_backup, restore

NOW = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    store = Store(folder)
    with store.transaction():
        for month in range(1, 13):
            store.log("walks").insert(date(2025, month, 2), {"minutes": month, "note": "x" * 500})
        store.doc("settings").update({"help_goal": 3})
    return folder


def data_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.json"))
        if "backups" not in p.parts
    }


def damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "lying-checksums":
        with zipfile.ZipFile(path) as z:
            members = {n: z.read(n) for n in z.namelist()}
        manifest = json.loads(members[MANIFEST])
        for row in manifest["files"]:
            row["sha256"] = hashlib.sha256(b"something else").hexdigest()
        members[MANIFEST] = json.dumps(manifest).encode()
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                z.writestr(name, data)
    elif how == "other-content":  # members swapped for other bytes, manifest kept
        with zipfile.ZipFile(path) as z:
            members = {n: z.read(n) for n in z.namelist()}
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                z.writestr(name, data if name == MANIFEST else data.replace(b"x", b"y"))


@pytest.mark.parametrize("how", ["truncated", "empty", "lying-checksums", "other-content"])
def test_a_bad_previous_backup_never_spoils_the_next(folder: Path, how: str) -> None:
    first = make_backup(folder, NOW)
    damage(first.path, how)
    second = make_backup(folder, NOW + timedelta(minutes=1))
    expected = data_of(folder)
    assert read_backup(second.path) == expected
    first.path.unlink()
    check_backup(second.path)
    Store(folder).log("walks")  # the folder stays usable
    restore(folder, second.path, NOW + timedelta(minutes=2))
    assert data_of(folder) == expected


def test_a_chain_of_backups_each_restores_alone(folder: Path) -> None:
    made, states = [], []
    for step in range(4):
        store = Store(folder)
        with store.transaction():
            store.log("walks").insert(date(2025, 3 + step, 9), {"minutes": 100 + step})
        made.append(make_backup(folder, NOW + timedelta(minutes=step)))
        states.append(data_of(folder))
    for backup in made[:-1]:
        backup.path.unlink()  # rotation pruned every older one
    restore(folder, made[-1].path, NOW + timedelta(hours=1))
    assert data_of(folder) == states[-1]
