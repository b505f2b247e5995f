"""Several coach processes on one data folder: nothing lost, no lock left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from coach.store import Store

ROOT = Path(__file__).resolve().parents[3]
SAVES = 200

SAVER = """
import sys
from datetime import date
from pathlib import Path
from coach.store import Store

store = Store(Path(sys.argv[1]))
tag, count = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()  # start together
for i in range(count):
    with store.transaction():
        store.records("touches").insert({"who": tag, "i": i})
        store.log("walks").insert(date(2026, 11, 1 + i % 30), {"who": tag, "i": i})
        settings = store.doc("counts").get()
        store.doc("counts").put({**settings, "n": settings.get("n", 0) + 1})
"""

HOLDER = """
import sys, time
from pathlib import Path
from coach.store import Store

store = Store(Path(sys.argv[1]))
with store.transaction():
    store.records("touches").insert({"who": "killed"})
    # a temp file as a killed save would leave it
    (Path(sys.argv[1]) / ".coach.json.abc123.tmp").write_bytes(b"half a file")
    print("locked", flush=True)
    time.sleep(60)
"""


def python(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    procs = [python(SAVER, str(folder), tag, str(SAVES)) for tag in ("a", "b")]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    store = Store(folder)
    touches = store.records("touches").all()
    walks = store.log("walks").all()
    for tag in ("a", "b"):
        assert sorted(t["i"] for t in touches if t["who"] == tag) == list(range(SAVES))
        assert sorted(w["i"] for w in walks if w["who"] == tag) == list(range(SAVES))
    assert store.doc("counts").get()["n"] == 2 * SAVES
    assert len({t["id"] for t in touches}) == 2 * SAVES


def test_a_store_sees_what_another_process_saved(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    mine = Store(folder)
    assert mine.records("touches").all() == []
    other = python(SAVER, str(folder), "other", "1")
    assert other.stdout is not None and other.stdout.readline().strip() == "ready"
    other.communicate("go\n", timeout=30)
    assert mine.changed()
    assert [t["who"] for t in mine.records("touches").all()] == ["other"]
    with mine.transaction():  # a save re-reads the latest data before changing it
        mine.records("touches").insert({"who": "me"})
    assert sorted(t["who"] for t in Store(folder).records("touches").all()) == ["me", "other"]


def test_a_lock_left_by_a_killed_process_does_not_block(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    Store(folder)
    holder = python(HOLDER, str(folder))
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=10)
    assert (folder / ".coach.lock").exists()

    store = Store(folder)
    started = time.monotonic()
    with store.transaction():
        store.log("walks").insert(date(2026, 11, 22), {"minutes": 20})
    assert time.monotonic() - started < 2
    assert [w["minutes"] for w in store.log("walks").on(date(2026, 11, 22))] == [20]
    # the killed save never landed, and its temp file is cleaned up
    assert store.records("touches").all() == []
    assert not list(folder.glob("*.tmp"))
