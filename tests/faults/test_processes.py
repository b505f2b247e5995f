"""Two processes on one folder: no lost update even when file signatures repeat.

Other processes' saves are noticed by a file's (inode, size, mtime)
signature. On a coarse-clock file system a signature can repeat: the inode
freed by one rename is reused by the next, the size is the same, and both
land in one clock tick. Inside a save the store therefore checks the content
itself. (tests/unit/test_store_processes.py runs two real processes with
hundreds of saves each, and a killed lock holder.)
"""

from __future__ import annotations

import os
import signal
import time
from datetime import date
from pathlib import Path

import pytest

from coach.store import Store
from coach.store import storage as storage_module

DAY = date(2026, 11, 22)


def bump(store: Store) -> None:
    with store.transaction():
        counts = store.doc("counts").get()
        store.doc("counts").put({"n": counts.get("n", 0) + 1})
        day = store.log("tally").on(DAY)
        store.log("tally").put(DAY, {"id": "t", "n": (day[0]["n"] if day else 0) + 1})


def test_a_repeated_signature_never_loses_an_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        storage_module, "signature", lambda path: (1, 1, 1) if path.exists() else None
    )
    folder = tmp_path / "data"
    one, two = Store(folder), Store(folder)  # two processes' stores, each with its cache
    for _ in range(50):
        bump(one)
        bump(two)
        bump(two)  # two saves in a row: what the other store cached is two versions old
    for store in (one, two, Store(folder)):
        with store.transaction():  # under the lock, content is checked: both see 150
            assert store.doc("counts").get()["n"] == 150
            assert store.log("tally").on(DAY)[0]["n"] == 150


def test_forked_processes_with_hundreds_of_saves_each(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Store(folder)
    saves = 300
    children = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                store = Store(folder)
                for _ in range(saves):
                    bump(store)
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    for pid in children:
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    store = Store(folder)
    store.validate_all()
    assert store.doc("counts").get()["n"] == 2 * saves
    assert store.log("tally").on(DAY)[0]["n"] == 2 * saves
    assert not list(folder.rglob("*.tmp"))


def test_a_sigkilled_lock_holder_does_not_block_the_next_save(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Store(folder)
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # holds the lock mid-save, with a half-written temp, until killed
        try:
            store = Store(folder)
            with store.transaction():
                store.records("customers").insert({"name": "never saved"})
                (folder / ".coach.json.killed.tmp").write_bytes(b'{"_meta": {"1"')
                os.write(ready_w, b"x")
                time.sleep(60)
        finally:
            os._exit(1)
    assert os.read(ready_r, 1) == b"x"
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    store = Store(folder)
    started = time.monotonic()
    with store.transaction():
        store.records("customers").insert({"name": "saved"})
    assert time.monotonic() - started < 1.0, "the dead process's lock blocked the save"
    assert [c["name"] for c in Store(folder).records("customers").all()] == ["saved"]
    assert not list(folder.glob("*.tmp"))
