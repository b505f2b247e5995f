"""The measurements. Each returns plain numbers (seconds, KiB) for the table."""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable
from dataclasses import dataclass
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


# Set in many shells and CI images; without bytecode every start compiles
# Textual from source (about a second of CPU), which no user's start pays twice.
NO_BYTECODE_VARS = ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")


def env_for(folder: Path | None, config: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TEXTUAL", "COACH_")) and k != "NO_COLOR" and k not in NO_BYTECODE_VARS
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


def compile_bytecode() -> float:
    """Compile the venv's site-packages and the project; refuse to go on without bytecode.

    Returns the seconds it took. Raises SystemExit naming what could not be compiled.
    """
    start = time.perf_counter()
    dirs = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    dirs += [str(ROOT / name) for name in ("coach", "screens", "benchmarks")]
    env = {k: v for k, v in os.environ.items() if k not in NO_BYTECODE_VARS}
    # Exit status 1 also means "some file had a syntax error" (test data inside
    # packages): what matters is that what coach imports has bytecode, checked below.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-j", "0", *dirs],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    purelib = Path(sysconfig.get_paths()["purelib"])
    needed = [
        ROOT / "coach",
        ROOT / "screens",
        *(purelib / p for p in ("textual", "rich", "tinydb")),
    ]
    missing = [
        py
        for folder in needed
        for py in folder.rglob("*.py")
        if not Path(importlib.util.cache_from_source(str(py))).is_file()
    ]
    if missing:
        raise SystemExit(
            f"benchmarks: cannot compile bytecode ({len(missing)} modules without it, e.g. "
            f"{missing[0]}); is the venv writable? Timing starts without bytecode would "
            "measure compiling Textual, not starting coach. Refusing to run."
        )
    return time.perf_counter() - start


@dataclass(frozen=True)
class Case:
    """One program the rounds run: an app opened until `mark` paints, or a command."""

    name: str
    argv: list[str]
    env: dict[str, str]
    mark: bytes = b""


def app_cases(folders: dict[str, Path], config: Path) -> list[Case]:
    """The bare app, then coach opening Today on each history."""
    cases = [Case("bare", BARE, env_for(None, config), BARE_MARK)]
    cases += [Case(n, [COACH], env_for(f, config), TODAY_MARK) for n, f in folders.items()]
    return cases


def cli_cases(folders: dict[str, Path], config: Path) -> list[Case]:
    """`coach today` and `coach status` on each history."""
    return [
        Case(f"{cmd} {n}", [COACH, cmd], env_for(f, config))
        for cmd in ("today", "status")
        for n, f in folders.items()
    ]


def rounds(cases: list[Case], runs: int, progress: Callable[[str], None]) -> dict[str, list[Run]]:
    """Run every case once per round, `runs` rounds (after one warm-up round).

    Interleaving spreads a busy machine's noise over every case alike. The
    warm-up fills the page cache and lets each folder take its daily backup.
    """
    results: dict[str, list[Run]] = {c.name: [] for c in cases}
    for i in range(runs + 1):
        for case in cases:
            run = run_in_pty(case.argv, case.env, until=case.mark)
            if run.status != 0:
                raise RuntimeError(
                    f"{case.name} exited {run.status}: {run.output[-400:].decode(errors='replace')}"
                )
            if i:
                results[case.name].append(run)
        progress(f"round {i}/{runs}" if i else "warm-up round")
    return results


def save_times(folders: dict[str, Path], saves: int) -> dict[str, list[float]]:
    """Seconds per durable save: tick today's walk on and off, each a full transaction.

    One save into each folder per round, so disk noise falls on every folder alike.
    """
    from coach.core.clock import FixedClock
    from coach.routine import today as routine
    from coach.session import open_coach

    clock = FixedClock(datetime.fromisoformat(NOW).replace(tzinfo=tz.gettz("Europe/London")))
    coaches = {name: open_coach(folder, clock=clock) for name, folder in folders.items()}
    times: dict[str, list[float]] = {name: [] for name in folders}
    for i in range(saves + 3):
        for name, coach in coaches.items():
            day = coach.today()
            start = time.perf_counter()
            routine.set_done(coach, day, "walk", i % 2 == 0)
            elapsed = time.perf_counter() - start
            if i >= 3:  # the first saves create the month file
                times[name].append(elapsed)
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
        "cold": cold,
        "warm": warm,
    }
