"""Write N years of synthetic history into a data folder, through coach's API.

    uv run python -m benchmarks.make_history --years 10 --data-dir /tmp/coach-10y
    uv run python -m benchmarks.make_history --profile extreme --data-dir /tmp/coach-x

Deterministic for a seed; the history ends the day before --end (default:
today). Each month is written in one store transaction (one write per file
touched, instead of one per record): the records are the same, only faster.

Profiles: "0y", "1y", "10y" (about one reflection a day, twenty customers) and
"extreme": 30 years, 20 reflections a day, 1,000 customers.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

from dateutil import tz

from benchmarks.history import GENERATORS, Generator
from benchmarks.history.extreme import Extreme
from coach.core.clock import FixedClock
from coach.session import open_coach


@dataclass(frozen=True)
class Profile:
    years: float
    reflections_per_day: int = 0  # 0: what the routine generator writes (about one)
    customers: int = 0  # 0: what the customers generator adds (twenty)


PROFILES = {
    "0y": Profile(0),
    "1y": Profile(1),
    "10y": Profile(10),
    "extreme": Profile(30, reflections_per_day=20, customers=1000),
}


def make_history(
    folder: Path,
    years: float,
    seed: int = 1,
    end: date | None = None,
    profile: Profile | None = None,
) -> None:
    profile = profile or Profile(years)
    end = end or date.today()
    start = end - timedelta(days=round(365.25 * profile.years))
    rng = Random(seed)
    utc = tz.gettz("UTC")
    clock = FixedClock(datetime.combine(start, datetime.min.time(), utc))
    coach = open_coach(folder, clock=clock)
    generators: list[Generator] = list(GENERATORS)
    if profile.reflections_per_day or profile.customers:
        generators.append(Extreme(profile.reflections_per_day, profile.customers))
    day = start
    while day < end:
        with coach.store.transaction():  # one month per save
            month = day.month
            while day < end and day.month == month:
                clock.set(datetime(day.year, day.month, day.day, 9, 0, tzinfo=utc))
                for generate in generators:
                    generate(coach, day, rng)
                day += timedelta(days=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--years", type=float)
    which.add_argument("--profile", choices=sorted(PROFILES))
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", type=date.fromisoformat, default=None)
    args = parser.parse_args()
    profile = PROFILES[args.profile] if args.profile else Profile(args.years)
    make_history(args.data_dir, profile.years, args.seed, args.end, profile)


if __name__ == "__main__":
    main()
