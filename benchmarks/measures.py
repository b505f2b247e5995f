"""The five measurements. Each returns plain numbers (seconds, KiB) for the table."""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from dateutil import tz

from benchmarks.histories import END, NOW
from benchmarks.pty_run import Run, run_in_pty

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
COACH = str(BIN / "coach")
BARE = [sys.executable, str(ROOT / "benchmarks" / "bare_app.py")]
BARE_MARK = b"bare app ready"
# The Today screen has painted with data when the header shows the day's date.
TODAY_MARK = f"{END:%-d %B %Y}".encode()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def env_for(folder: Path | None, config: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TEXTUAL", "COACH_")) and k != "NO_COLOR"
    }
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        COACH_NOW=NOW,
        COACH_CONFIG_DIR=str(config),
    )
    if folder is not None:
        env["COACH_DATA_DIR"] = str(folder)
    return env


def open_runs(
    folders: dict[str, Path], config: Path, runs: int, progress: Callable[[str], None]
) -> dict[str, list[Run]]:
    """Open (and quit) the bare app and coach on each folder, interleaved, `runs` times.

    Interleaving spreads a busy machine's noise over every case alike.
    """
    cases: dict[str, tuple[list[str], dict[str, str], bytes]] = {
        "bare": (BARE, env_for(None, config), BARE_MARK)
    }
    for name, folder in folders.items():
        cases[name] = ([COACH], env_for(folder, config), TODAY_MARK)
    results: dict[str, list[Run]] = {name: [] for name in cases}
    for argv, env, mark in cases.values():  # warm-up: page cache, .pyc files
        run_in_pty(argv, env, until=mark)
    for i in range(runs):
        for name, (argv, env, mark) in cases.items():
            results[name].append(run_in_pty(argv, env, until=mark))
        progress(f"open {i + 1}/{runs}")
    return results


def cli_runs(folder: Path, config: Path, runs: int) -> list[Run]:
    """`coach today` on a folder, `runs` times (after one warm-up)."""
    env = env_for(folder, config)
    out = []
    for i in range(runs + 1):
        run = run_in_pty([COACH, "today"], env)
        if run.status != 0:
            raise RuntimeError(f"coach today failed: {run.output.decode(errors='replace')}")
        if i:
            out.append(run)
    return out


def save_times(folder: Path, saves: int) -> list[float]:
    """Seconds per durable save: tick today's walk on and off, each a full transaction."""
    from coach.core.clock import FixedClock
    from coach.routine import today as routine
    from coach.session import open_coach

    clock = FixedClock(datetime.fromisoformat(NOW).replace(tzinfo=tz.gettz("Europe/London")))
    coach = open_coach(folder, clock=clock)
    day = coach.today()
    times = []
    for i in range(saves + 3):
        start = time.perf_counter()
        routine.set_done(coach, day, "walk", i % 2 == 0)
        elapsed = time.perf_counter() - start
        if i >= 3:  # the first saves create the month file
            times.append(elapsed)
    return times


QUERIES = ("grateful", "deadline price", "quiet morning", "trust", "nothing-matches-this")


def search_function() -> tuple[str, Callable[[Any, str], int], Callable[[], None]]:
    """The real search (coach.journal.search, issue 7) when present, else a plain scan.

    Returns its name, a function running one query, and one forgetting caches.
    """
    try:
        from coach.journal import search as real
    except ImportError:
        real = None  # type: ignore[assignment]
    if real is not None and hasattr(real, "search"):

        def forget() -> None:
            cache = getattr(real, "_cache", None)
            if isinstance(cache, dict):
                cache.clear()

        return "coach.journal.search.search", lambda coach, q: len(real.search(coach, q)), forget

    def plain(coach: Any, query: str) -> int:
        words = query.lower().split()
        return sum(
            all(w in str(r.get("text", "")).lower() for w in words)
            for r in coach.store.log("reflections").all()
        )

    return "plain scan of store.log('reflections').all()", plain, lambda: None


def search_times(folder: Path, rounds: int) -> dict[str, Any]:
    """Cold (first search after open) and warm (typing more queries) search times."""
    from coach.core.clock import FixedClock
    from coach.session import open_coach

    name, search, forget = search_function()
    clock = FixedClock(datetime.fromisoformat(NOW).replace(tzinfo=tz.gettz("Europe/London")))
    cold, warm, hits = [], [], 0
    for _ in range(rounds):
        forget()
        coach = open_coach(folder, clock=clock)
        start = time.perf_counter()
        hits = search(coach, QUERIES[0])
        cold.append(time.perf_counter() - start)
        for query in QUERIES:
            start = time.perf_counter()
            search(coach, query)
            warm.append(time.perf_counter() - start)
    return {
        "function": name,
        "cold_median": statistics.median(cold),
        "warm_median": statistics.median(warm),
        "warm_p95": p95(warm),
        "hits_first_query": hits,
    }
