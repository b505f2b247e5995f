"""How long the Progress screen takes to open with years of history.

    uv run python -m benchmarks.progress_open [--years 10] [--runs 5] [--data-dir PATH]

Drives the real app headless (Pilot, 80x24): from pressing "p" on Today until
the Progress screen shows the loaded history (the worker has finished and the
screen has refreshed). The app starts as `coach` does (the GC paused for start-up,
then resumed with start-up's objects frozen, screens/app.py) and `p` is pressed once it
has resumed (a second after start), as a user reading Today first would. The first
open in a process includes importing the screen; later opens are warm. Target: under
0.5 s with 10 years.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dateutil import tz

TARGET_SECONDS = 0.5
END = date(2026, 11, 22)


async def _open_once(folder: Path) -> float:
    from coach.core.clock import FixedClock
    from screens.app import make_app
    from screens.progress.progress import ProgressScreen

    clock = FixedClock(datetime(2026, 11, 22, 8, 30, tzinfo=tz.gettz("Europe/London")))
    gc.disable()  # as `coach` starts (coach/cli: _run_app): the GC paused for start-up...
    app = make_app(folder, clock=clock)
    app.resume_gc = True  # ...and resumed by the app, start-up's objects frozen
    app.BACKUP_DELAY = 3600  # today's backup is not what this measures
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        give_up = time.monotonic() + 5  # a user looks at Today a moment before pressing p
        while not gc.isenabled() and time.monotonic() < give_up:
            await asyncio.sleep(0.01)
        start = time.perf_counter()
        await pilot.press("p")
        while not (isinstance(app.screen, ProgressScreen) and app.screen.progress is not None):
            await asyncio.sleep(0.002)
        await pilot.pause()  # the refresh that paints it
        elapsed = time.perf_counter() - start
        await pilot.press("ctrl+q")
    gc.enable()
    gc.unfreeze()  # the next open's app starts as this one did
    return elapsed


def measure(folder: Path, runs: int = 5) -> dict[str, Any]:
    """Open Progress `runs` times on `folder`: the first (cold) open and the warm median."""
    times = [asyncio.run(_open_once(folder)) for _ in range(runs)]
    warm = times[1:] or times
    return {
        "times_s": times,
        "first_s": times[0],
        "median_s": statistics.median(warm),
        "max_s": max(times),
        "target_s": TARGET_SECONDS,
        "met": max(times) < TARGET_SECONDS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=float, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", type=Path, help="an existing history (else generated)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coach-progress-") as tmp:
        folder = args.data_dir
        if folder is None:
            from benchmarks.make_history import make_history

            folder = Path(tmp) / "history"
            print(f"generating {args.years:g} years of history...", flush=True)
            make_history(folder, args.years, seed=1, end=END)
        result = measure(folder, args.runs)
    mark = "met" if result["met"] else "MISSED"
    print(
        f"Progress open, {args.years:g} years: first {result['first_s'] * 1000:.0f} ms, "
        f"median {result['median_s'] * 1000:.0f} ms, max {result['max_s'] * 1000:.0f} ms "
        f"(target < {TARGET_SECONDS * 1000:.0f} ms: {mark})"
    )


if __name__ == "__main__":
    main()
