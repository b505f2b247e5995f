"""A full disk (ENOSPC) or a failing disk (EIO) in the middle of a save.

The previous data stays byte for byte, no temp file is left, the error names
the file and the cause, and the store keeps working once the disk recovers.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from coach.core.errors import StoreWriteError
from coach.store import Store
from tests.faults.helpers import ERRORS, inject, snapshot, temps

DAY = date(2026, 11, 22)


def filled(folder: Path) -> Store:
    store = Store(folder)
    with store.transaction():
        store.records("customers").insert({"name": "Ann"})
        for n in range(30):
            store.log("walks").insert(DAY, {"minutes": n, "note": "by the river " * 20})
    return store


def save_both(store: Store) -> None:
    with store.transaction():
        store.records("customers").insert({"name": "Bob"})
        store.log("walks").insert(DAY, {"minutes": 99})


def save_month(store: Store) -> None:
    with store.transaction():
        store.log("walks").insert(DAY, {"minutes": 99})


def shrink_month(store: Store) -> None:
    with store.transaction():
        for record in store.log("walks").on(DAY)[:20]:
            store.log("walks").remove(DAY, record["id"])


SAVES = {"both files": save_both, "one month": save_month, "shrinking": shrink_month}


FAULTS = [
    ("write", "ENOSPC", 0),
    ("write", "EIO", 0),
    ("fsync", "EIO", 0),
    ("fsync", "ENOSPC", 0),
    ("replace", "EIO", 0),
]
CASES = [(save, *fault) for save in SAVES for fault in FAULTS] + [
    ("both files", "write", "ENOSPC", 1),  # the second file of a two-file save
    ("both files", "fsync", "EIO", 1),
]


@pytest.mark.parametrize(("save", "call", "error", "after"), CASES)
def test_a_failed_save_leaves_the_previous_data(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    save: str,
    call: str,
    error: str,
    after: int,
) -> None:
    folder = tmp_path / "data"
    store = filled(folder)
    before = snapshot(folder)
    failed = inject(monkeypatch, call, ERRORS[error], after=after)
    with pytest.raises(StoreWriteError) as info:
        SAVES[save](store)
    assert failed() >= 1
    message = str(info.value)
    assert os.strerror(ERRORS[error]) in message
    assert str(folder) in message
    assert "nothing was changed" in message
    monkeypatch.undo()
    assert snapshot(folder) == before
    assert not temps(folder)
    # the same Store, and a fresh one, read the old data and save again
    for reader in (store, Store(folder)):
        assert len(reader.log("walks").on(DAY)) == 30
        assert [c["name"] for c in reader.records("customers").all()] == ["Ann"]
    save_both(store)
    assert len(Store(folder).log("walks").on(DAY)) == 31


def test_a_full_disk_message_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = filled(tmp_path / "data")
    inject(monkeypatch, "write", ERRORS["ENOSPC"])
    with pytest.raises(StoreWriteError) as info:
        save_month(store)
    assert "disk is full" in str(info.value)
    assert info.value.path.name == "2026-11.json"
