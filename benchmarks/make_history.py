"""Write N years of synthetic history into a data folder, through coach's API.

    uv run python -m benchmarks.make_history --years 10 --data-dir /tmp/coach-10y

Deterministic for a seed; the history ends on --end (default: today).
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

from dateutil import tz

from benchmarks.history import GENERATORS
from coach.core.clock import FixedClock
from coach.session import open_coach


def make_history(folder: Path, years: float, seed: int = 1, end: date | None = None) -> None:
    end = end or date.today()
    start = end - timedelta(days=round(365.25 * years))
    rng = Random(seed)
    clock = FixedClock(datetime.combine(start, datetime.min.time(), tz.gettz("UTC")))
    coach = open_coach(folder, clock=clock)
    day = start
    while day < end:
        clock.set(datetime(day.year, day.month, day.day, 9, 0, tzinfo=tz.gettz("UTC")))
        for generate in GENERATORS:
            generate(coach, day, rng)
        day += timedelta(days=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=float, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", type=date.fromisoformat, default=None)
    args = parser.parse_args()
    make_history(args.data_dir, args.years, args.seed, args.end)


if __name__ == "__main__":
    main()
