"""A read-only data folder, a data file owned by someone else, a missing folder.

Each gives a clear message naming the path and leaves nothing half-written.
Root ignores file modes, so when the tests run as root each case runs in a
subprocess that first drops privileges to `nobody`; without root and without
`nobody` the cases that need another owner are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from coach.core.errors import StoreWriteError
from coach.store import Store
from tests.faults.helpers import snapshot, temps

DAY = date(2026, 11, 22)
ROOT = Path(__file__).resolve().parents[2]

# Runs as the unprivileged user: tries to read, then to save; prints what happened.
# Everything is imported before dropping privileges: root's Python may be unreadable after.
SCENARIO = r"""
import json, os, sys, tempfile
from datetime import date
from coach.core.errors import CoachError
from coach.store import Store
import coach.store.storage, coach.store.lock, coach.core.atomic
uid, gid = int(sys.argv[2]), int(sys.argv[3])
if os.getuid() == 0:
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
out = {}
try:
    store = Store(sys.argv[1])
    out["read"] = len(store.log("walks").on(date(2026, 11, 22)))
    with store.transaction():
        store.log("walks").insert(date(2026, 11, 22), {"minutes": 1})
        store.records("customers").insert({"name": "new"})
    out["saved"] = True
except CoachError as exc:
    out["error"] = type(exc).__name__
    out["message"] = str(exc)
print(json.dumps(out))
"""


def unprivileged() -> tuple[int, int]:
    if os.getuid() != 0:
        return os.getuid(), os.getgid()
    try:
        user = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("running as root and there is no 'nobody' user to drop privileges to")
    return user.pw_uid, user.pw_gid


def as_user(folder: Path) -> dict[str, object]:
    uid, gid = unprivileged()
    done = subprocess.run(
        [sys.executable, "-c", SCENARIO, str(folder), str(uid), str(gid)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def place() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's tmp folders are root-only)."""
    path = Path(tempfile.mkdtemp(prefix="coach-perm-"))
    os.chmod(path, 0o755)
    yield path
    for p in [path, *path.rglob("*")]:
        os.chmod(p, 0o700 if p.is_dir() else 0o600)  # so the owner can delete it
    shutil.rmtree(path)


def filled(folder: Path) -> Path:
    store = Store(folder)
    with store.transaction():
        store.records("customers").insert({"name": "Ann"})
        store.log("walks").insert(DAY, {"minutes": 20})
    return folder


def give(folder: Path, uid: int, gid: int) -> None:
    for p in [folder, *folder.rglob("*")]:
        os.chown(p, uid, gid)


def test_a_read_only_data_folder(place: Path) -> None:
    uid, gid = unprivileged()
    folder = filled(place / "data")
    give(folder, uid, gid)
    for p in [folder / "journal", folder]:
        os.chmod(p, 0o500)
    before = snapshot(folder)
    out = as_user(folder)
    assert out.get("read") == 1
    assert out.get("error") == "StoreWriteError", out
    message = str(out["message"])
    assert str(folder) in message
    assert "Permission denied" in message and "nothing was changed" in message
    assert snapshot(folder) == before
    assert not temps(folder)


def test_a_data_file_owned_by_someone_else(place: Path) -> None:
    uid, gid = unprivileged()
    if os.getuid() != 0:
        pytest.skip("needs root to make a file owned by another user")
    folder = filled(place / "data")
    give(folder, uid, gid)
    os.chown(folder / "journal" / "2026-11.json", 0, 0)  # root's, 0600: unreadable
    before = snapshot(folder)
    out = as_user(folder)
    assert out.get("error") == "DataFileError", out
    message = str(out["message"])
    assert str(folder / "journal" / "2026-11.json") in message
    assert "cannot be read" in message and "Permission denied" in message
    assert snapshot(folder) == before
    assert not temps(folder)


def test_a_missing_folder_that_cannot_be_made(place: Path) -> None:
    unprivileged()
    parent = place / "locked"
    parent.mkdir(mode=0o755)  # root's: the unprivileged user may not create in it
    if os.getuid() != 0:
        os.chmod(parent, 0o555)
    out = as_user(parent / "data")
    assert out.get("error") == "DataFileError", out
    assert str(parent / "data") in str(out["message"])
    assert "Permission denied" in str(out["message"])
    assert not (parent / "data").exists()


def test_a_missing_folder_is_made_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    filled(folder)
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)


def test_a_folder_deleted_while_open(tmp_path: Path) -> None:
    folder = filled(tmp_path / "data")
    store = Store(folder)
    shutil.rmtree(folder)
    with pytest.raises(StoreWriteError) as info, store.transaction():
        store.log("walks").insert(DAY, {"minutes": 5})
    assert str(folder) in str(info.value)
    assert "missing" in str(info.value)
    assert not folder.exists()
