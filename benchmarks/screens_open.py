"""How long each screen takes to open from Today, against a bare Textual app pushing a
screen of the same widget count.

    uv run python -m benchmarks.screens_open --data-dir /tmp/h10 [--rounds 3]

In-process and headless (Pilot, 80x24), warm (each screen is opened once first, so
its module is imported): from the key press until the screen is on top, its workers
have finished and the app is idle (`pilot.pause()`); wall and CPU time (user +
system of this process). Between opens it stays on Today until the app's idle work
(the GC's full collection, screens/shell/idle_gc.py) has run, as a user reading Today
would give it time to (untimed). The bare app (BareApp below) pushes a Screen holding a
Header, that many Statics in a VerticalScroll and a Footer with three bindings; its
time for the same count is the baseline. Target: every screen <= 2x (issue 18).
Not part of pytest: no test depends on timing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from dateutil import tz
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

TARGET = 2.0


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Pushed(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "noop", "One"),
        Binding("b", "noop", "Two"),
    ]

    def __init__(self, widgets: int) -> None:
        super().__init__()
        self.widgets = widgets

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            for n in range(max(self.widgets - 3, 1)):
                yield Static(f"line {n}")
        yield Footer()

    def action_noop(self) -> None:
        pass


class BareApp(App[None]):
    BINDINGS = [Binding("o", "open", "Open")]

    def __init__(self) -> None:
        super().__init__()
        self.widgets = 10

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare app ready")
        yield Footer()

    def action_open(self) -> None:
        self.push_screen(Pushed(self.widgets))


async def idle_on_today(app: Any, most: float = 2.0) -> None:
    """Stay on Today as a user reading it would, until the app's idle work has run (the
    cyclic GC's full collection, screens/shell/idle_gc.py), at most `most` seconds: the
    next open starts from the state a user's does. Untimed."""
    collector = getattr(app, "idle_gc", None)
    if collector is None:  # a checkout without it
        return
    before, deadline = collector.collections, time.monotonic() + most
    while collector.collections == before and time.monotonic() < deadline:
        await asyncio.sleep(0.01)


def widget_count(screen: Screen[Any]) -> int:
    return sum(1 for _ in screen.walk_children(with_self=False))


async def _timed(pilot: Any, key: str, ready: Any) -> tuple[float, float]:
    app = pilot.app
    wall, used = time.perf_counter(), cpu()
    await pilot.press(key)
    while not ready():
        await asyncio.sleep(0.001)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return time.perf_counter() - wall, cpu() - used


async def bare_times(counts: list[int], rounds: int) -> dict[int, list[tuple[float, float]]]:
    app = BareApp()
    out: dict[int, list[tuple[float, float]]] = {n: [] for n in counts}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for i in range(rounds + 1):
            for n in counts:
                app.widgets = n
                base = app.screen
                timed = await _timed(pilot, "o", lambda b=base: app.screen is not b)
                if i:
                    out[n].append(timed)
                await app.pop_screen()
                await pilot.pause()
    return out


async def coach_times(folder: Path, rounds: int) -> dict[str, Any]:
    from coach.core.clock import FixedClock
    from screens.app import make_app
    from screens.navigation import DESTINATIONS
    from screens.today.today import TodayScreen

    clock = FixedClock(datetime(2026, 11, 22, 8, 30, tzinfo=tz.gettz("Europe/London")))
    app = make_app(folder, clock=clock)
    app.BACKUP_DELAY = 3600  # today's backup is not what this measures
    out: dict[str, Any] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await idle_on_today(app)
        for i in range(rounds + 1):  # round 0 imports each screen: not counted
            for dest in DESTINATIONS:
                if dest.name == "today":
                    continue
                base = app.screen
                timed = await _timed(
                    pilot,
                    dest.key,
                    lambda b=base: app.screen is not b and not isinstance(app.screen, TodayScreen),
                )
                row = out.setdefault(dest.title, {"times": [], "widgets": 0})
                row["widgets"] = widget_count(app.screen)
                if i:
                    row["times"].append(timed)
                while not isinstance(app.screen, TodayScreen):  # back (a key might be typed)
                    await app.pop_screen()
                    await asyncio.sleep(0.001)
                await app.workers.wait_for_complete()
                await pilot.pause()
                await idle_on_today(app)
        await pilot.press("ctrl+q")
    return out


def measure(folder: Path, rounds: int = 3) -> dict[str, Any]:
    """Every screen's open (wall and CPU medians) and the bare app's for its widget count."""
    coach = asyncio.run(coach_times(folder, rounds))
    counts = sorted({row["widgets"] for row in coach.values()})
    bare = asyncio.run(bare_times(counts, rounds))
    result: dict[str, Any] = {}
    for title, row in coach.items():
        base = bare[row["widgets"]]
        wall = statistics.median(t[0] for t in row["times"])
        used = statistics.median(t[1] for t in row["times"])
        bare_wall = statistics.median(t[0] for t in base)
        bare_cpu = statistics.median(t[1] for t in base)
        result[title] = {
            "widgets": row["widgets"],
            "wall_s": wall,
            "cpu_s": used,
            "bare_wall_s": bare_wall,
            "bare_cpu_s": bare_cpu,
            "ratio": wall / bare_wall if bare_wall else None,
            "cpu_ratio": used / bare_cpu if bare_cpu else None,
            "met": bare_wall > 0 and wall / bare_wall <= TARGET,
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True, help="a history (a copy is used)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="coach-screens-") as tmp:
        work = Path(tmp) / "data"
        shutil.copytree(args.data_dir, work)
        result = measure(work, args.rounds)
    print(f"{'screen':<10} {'widgets':>7} {'open':>8} {'bare':>8} {'ratio':>6}  CPU ratio")
    for title, row in result.items():
        print(
            f"{title:<10} {row['widgets']:>7} {row['wall_s'] * 1000:>6.0f}ms "
            f"{row['bare_wall_s'] * 1000:>6.0f}ms {row['ratio']:>5.2f}x  {row['cpu_ratio']:.2f}x"
            f"  {'met' if row['met'] else 'MISSED'} (<= {TARGET}x)"
        )
    print(f"load {os.getloadavg()}")


if __name__ == "__main__":
    main()
