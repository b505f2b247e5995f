"""Synthetic data folders for the benchmarks, generated once per run."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

from benchmarks.make_history import make_history

# Every benchmark pretends it is this morning: histories end the day before.
END = date(2026, 11, 22)
NOW = "2026-11-22T08:30:00"
SEED = 1


def history(root: Path, years: int) -> Path:
    """The data folder with `years` of history under `root`, made if missing."""
    folder = root / f"{years}y"
    if not folder.is_dir():
        start = time.perf_counter()
        staging = root / f".{years}y.partial"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if years:
            make_history(staging, years, seed=SEED, end=END)
        staging.rename(folder)
        print(f"  generated {years} years in {time.perf_counter() - start:.1f} s", flush=True)
    return folder


def copy_of(folder: Path, dest: Path) -> Path:
    """A fresh copy of a history, for measurements that write."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(folder, dest)
    return dest
