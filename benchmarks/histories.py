"""Synthetic data folders for the benchmarks, generated once per run (or cached)."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

from benchmarks.make_history import PROFILES, make_history

# Every benchmark pretends it is this morning: histories end the day before.
END = date(2026, 11, 22)
NOW = "2026-11-22T08:30:00"
SEED = 1
CURRENT_MONTH = f"{END:%Y-%m}"


def history(root: Path, name: str) -> Path:
    """The data folder of profile `name` ("0y", "1y", "10y", "extreme") under `root`."""
    folder = root / name
    if not folder.is_dir():
        start = time.perf_counter()
        staging = root / f".{name}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        profile = PROFILES[name]
        if profile.years:
            make_history(staging, profile.years, seed=SEED, end=END, profile=profile)
        staging.rename(folder)
        print(f"  generated {name} in {time.perf_counter() - start:.1f} s", flush=True)
    return folder


def copy_of(folder: Path, dest: Path) -> Path:
    """A fresh copy of a history, for measurements that write."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(folder, dest)
    return dest


def now_only(folder: Path, dest: Path) -> Path:
    """A copy of a history without its past: the main file and the current month only.

    The like-for-like "empty store" for a save: the save rewrites the same
    month file (same size), and only the years behind it are missing.
    """
    copy_of(folder, dest)
    shutil.rmtree(dest / "backups", ignore_errors=True)
    journal = dest / "journal"
    if journal.is_dir():
        for path in journal.iterdir():
            if path.name != f"{CURRENT_MONTH}.json":
                path.unlink()
    return dest
