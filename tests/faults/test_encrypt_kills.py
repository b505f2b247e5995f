"""`coach encrypt --enable` and `--change-passphrase` killed (SIGKILL) at every rename.

The switch re-writes every data file, backup and pre-migration copy through
one commit record. Killed at its N-th rename or unlink, for every N until it
completes, the folder opened afresh is readable, wholly, with the old
passphrase (or none) or with the new one, and holds the same data. The kill
point is a count of system calls (tests/faults/test_atomic_commit.py), no timing.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from coach.store import Store, crypto
from coach.store.backup import data_files, list_backups, make_backup, read_backup
from coach.store.commit import RECORD_NAME
from coach.store.dump import dump
from coach.store.rekey import rekey
from coach.store.storage import parse
from tests.faults.test_atomic_commit import killed_at

NOW = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)
OLD, NEW = "old passphrase", "new passphrase"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)  # forked children inherit it
    monkeypatch.setenv(crypto.KEYRING_ENV, "0")
    monkeypatch.delenv(crypto.PASSPHRASE_ENV, raising=False)


def filled(folder: Path) -> None:
    store = Store(folder)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": "Ann"})
        for n, day in enumerate([date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)]):
            store.log("reflections").put(day, {"id": f"r{n}", "text": f"secret lesson {n}"})
    make_backup(folder, NOW, "manual")


def state(folder: Path, passphrase: str | None) -> tuple[Any, dict[str, Any]]:
    """Open as the next coach would (rolling forward) with this passphrase: data and backups."""
    store = Store(folder, passphrase)
    store.validate_all()
    for name in data_files(folder):
        assert crypto.sealed((folder / name).read_bytes()) == store.encrypted, name
    backups = {b.path.name: read_backup(b.path, store.cipher) for b in list_backups(folder)}
    for files in backups.values():
        for name, raw in files.items():
            assert crypto.sealed(raw) == store.encrypted, f"backup member {name}"
    contents = {  # what each backup holds, decrypted: the bytes differ by key
        backup: {name: parse(Path(name), raw, store.cipher) for name, raw in files.items()}
        for backup, files in backups.items()
    }
    return dump(store), contents


def opened(folder: Path, old: str | None, new: str) -> str:
    """Which passphrase opens the folder now: 'old' or 'new' (anything else fails the test)."""
    try:
        Store(folder, old).validate_all()
        return "old"
    except (crypto.Locked, crypto.WrongPassphrase):
        Store(folder, new).validate_all()
        return "new"


@pytest.mark.parametrize("switch", ["enable", "change"])
def test_a_kill_at_any_rename_leaves_the_old_or_the_new_passphrase(
    tmp_path: Path, switch: str
) -> None:
    base = tmp_path / "base"
    filled(base)
    old: str | None = None
    if switch == "change":
        rekey(base, None, crypto.Cipher(OLD))
        old = OLD
    expected = state(base, old)

    def action(folder: Path) -> None:
        current = crypto.open_folder(folder, old) if old else None
        rekey(folder, current, crypto.Cipher(NEW))

    seen: set[str] = set()
    mid_commit = 0
    n = 1
    while True:
        work = tmp_path / f"kill-{n}"
        shutil.copytree(base, work)
        landed = killed_at(work, action, n)
        if landed and (work / RECORD_NAME).exists():
            mid_commit += 1
        which = opened(work, old, NEW)
        seen.add(which)
        assert state(work, old if which == "old" else NEW) == expected, f"kill at call {n}"
        assert not (work / RECORD_NAME).exists()
        if not landed:
            assert which == "new"
            break
        n += 1
    assert seen == {"old", "new"}
    assert mid_commit >= 3, "no kill landed between two renames of the switch"
