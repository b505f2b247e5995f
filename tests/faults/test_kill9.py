"""kill -9 at random moments: every acknowledged save survives, no temp is taken for data.

A forked child saves in a loop (inserts into a month file and the main file,
and sometimes a shrinking save that removes an earlier record) and writes an
acknowledgement to a pipe after each save returns. The parent SIGKILLs it at
a random moment, opens the folder afresh and checks every acknowledged change.
COACH_KILL_RUNS sets the number of kills (default 200).
"""

from __future__ import annotations

import os
import random
import select
import signal
from datetime import date
from pathlib import Path

from coach.core.atomic import TEMP_SUFFIX
from coach.store import Store

KILLS = int(os.environ.get("COACH_KILL_RUNS", "200"))
DAYS = [date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 22)]
FILLER = "a day of notes " * 40  # big enough that a kill often lands mid-write


def child(folder: Path, run: int, out: int) -> None:
    """Save forever, acknowledging each save once store.transaction() has returned."""
    store = Store(folder)
    rng = random.Random(run)
    mine: list[tuple[date, str]] = []
    i = 0
    while True:
        day = DAYS[i % len(DAYS)]
        if mine and rng.random() < 0.25:
            gone_day, gone_id = mine.pop(rng.randrange(len(mine)))
            os.write(out, f"~{gone_id}\n".encode())  # from here it may be gone
            with store.transaction():
                store.log("entries").remove(gone_day, gone_id)
            os.write(out, f"-{gone_id}\n".encode())
        else:
            rid = f"r{run}-{i}"
            with store.transaction():
                store.log("entries").put(day, {"id": rid, "text": FILLER, "n": i})
                store.records("tally").put({"id": rid, "day": day.isoformat()})
            mine.append((day, rid))
            os.write(out, f"+{rid}\n".encode())
        i += 1


def run_child(folder: Path, run: int, rng: random.Random) -> tuple[set[str], set[str], set[str]]:
    """Start a saving child, kill -9 it at a random moment.

    Returns the acknowledged adds, the acknowledged removes, and a remove that
    was under way when the child died (it may or may not have happened).
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        try:
            child(folder, run, write_end)
        finally:
            os._exit(0)
    os.close(write_end)
    # Kill once the child has acknowledged a few saves (readiness, not a sleep: on a
    # busy machine the child may take long to start), then at a random byte of the
    # next one; os.read returns as soon as any acknowledgement arrives.
    acked = b""
    wanted = rng.randint(1, 4)
    while acked.count(b"\n") < wanted:
        ready, _, _ = select.select([read_end], [], [], 60)
        assert ready, "the saving child acknowledged nothing in 60 s"
        acked += os.read(read_end, 65536)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_end, 65536):
        acked += chunk
    os.close(read_end)
    added: set[str] = set()
    removed: set[str] = set()
    maybe: set[str] = set()
    for line in acked.decode().splitlines():
        {"+": added, "-": removed, "~": maybe}[line[0]].add(line[1:])
    return added, removed, maybe - removed


def test_kill_9_never_loses_an_acknowledged_save(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    rng = random.Random(20261122)
    present: set[str] = set()
    killed_mid_save = 0
    for run in range(KILLS):
        added, removed, maybe = run_child(folder, run, rng)
        present |= added
        present -= removed | maybe
        temps = [p for p in folder.rglob(f"*{TEMP_SUFFIX}")]
        killed_mid_save += bool(temps)

        store = Store(folder)  # a damaged file would raise DataFileError here
        store.validate_all()
        entries = {r["id"] for r in store.log("entries").all()}
        tally = {r["id"] for r in store.records("tally").all()}
        assert present <= entries, f"kill {run}: lost {sorted(present - entries)[:5]}"
        assert not (removed & entries), f"kill {run}: removed entries came back"
        # main is written after the month: an acked add is in both
        assert added <= tally
        present |= maybe & entries  # the interrupted remove did not happen: still kept
        # a temp file is never read as data
        assert all(p.name.startswith(".") for p in temps)
        assert set(store.months()) <= {"2026-10", "2026-11"}
        # the next save sweeps temps left by the killed one
        with store.transaction():
            store.doc("probe").put({"run": run})
        assert not list(folder.rglob(f"*{TEMP_SUFFIX}"))
    assert present, "the children never acknowledged a save"
    # some kills landed in saves, not only between them (else this test proves little). How
    # many depends on the scheduler (4 to 30 of 200 seen, idle to load 25), so only "some" is
    # asserted; a kill at every rename of a commit, deterministically, is in test_atomic_commit.
    assert killed_mid_save >= 1, f"no kill of {KILLS} landed mid-save"
    print(f"{KILLS} kills, {killed_mid_save} left a temp file behind, {len(present)} entries kept")
