"""A shrinking save (deleting records) killed between writing the temp file and
renaming it, or between renaming and syncing the folder, leaves exactly the
old or exactly the new state, never a mix; the stray temp is swept later."""

from __future__ import annotations

import os
import signal
from datetime import date
from pathlib import Path

import pytest

from coach.core import atomic as atomic_module
from coach.core.errors import StoreWriteError
from coach.store import Store
from tests.faults.helpers import snapshot, temps

DAY = date(2026, 11, 22)


def filled(folder: Path) -> Store:
    store = Store(folder)
    with store.transaction():
        for n in range(40):
            store.log("walks").insert(DAY, {"n": n, "note": "by the river " * 10})
            store.records("customers").insert({"name": f"customer {n}"})
    return store


def shrink(store: Store) -> None:
    """Delete most records from both files in one save."""
    with store.transaction():
        for record in store.log("walks").on(DAY)[5:]:
            store.log("walks").remove(DAY, record["id"])
        for record in store.records("customers").all()[5:]:
            store.records("customers").remove(record["id"])


def state(store: Store) -> tuple[list[int], list[str]]:
    return (
        sorted(r["n"] for r in store.log("walks").on(DAY)),
        sorted(r["name"] for r in store.records("customers").all()),
    )


@pytest.mark.parametrize(
    ("call", "nth", "expect"),
    [
        ("replace", 1, "old"),  # both temps written and synced, nothing renamed yet
        ("fsync_dir", 1, "new"),  # both renamed, the folder not yet synced
    ],
)
def test_a_kill_mid_shrink_leaves_old_or_new(
    tmp_path: Path, call: str, nth: int, expect: str
) -> None:
    folder = tmp_path / "data"
    store = filled(folder)
    old = state(store)
    old_files = snapshot(folder)
    pid = os.fork()
    if pid == 0:  # the child dies by SIGKILL at the chosen point of the save
        try:
            seen = {"n": 0}
            real = atomic_module.os.replace
            real_fsync_dir = atomic_module.fsync_dir

            def die() -> None:
                seen["n"] += 1
                if seen["n"] == nth:
                    os.kill(os.getpid(), signal.SIGKILL)

            if call == "replace":

                def replace(src: str, dst: str) -> None:
                    die()
                    real(src, dst)

                atomic_module.os.replace = replace  # type: ignore[assignment]
            else:
                import coach.store.core as core

                def fsync_dir(folder: Path) -> None:
                    die()
                    real_fsync_dir(folder)

                core.fsync_dir = fsync_dir
            shrink(Store(folder))
        finally:
            os._exit(3)  # not reached when the kill lands
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    after = Store(folder)
    after.validate_all()
    if expect == "old":
        assert state(after) == old
        assert snapshot(folder) == old_files
        assert temps(folder), "the killed save should have left its temp files"
    else:
        walks, customers = state(after)
        assert walks == list(range(5)) and len(customers) == 5
    with after.transaction():  # the next save sweeps what the killed one left
        after.doc("probe").put({"ok": True})
    assert not temps(folder)


def test_a_failed_rename_of_a_shrinking_save_keeps_the_old_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    store = filled(folder)
    old = state(store)

    def refuse(src: str, dst: str) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(atomic_module.os, "replace", refuse)
    with pytest.raises(StoreWriteError):
        shrink(store)
    monkeypatch.undo()
    assert state(store) == old
    assert state(Store(folder)) == old
    assert not temps(folder)
