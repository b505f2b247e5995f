"""History for walks: a walk on most days, 10 to 60 minutes, now and then timed or with a note."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from random import Random

from coach.session import Coach
from coach.walk import walks

NOTES = ("Round the park.", "Rain, but went anyway.", "Along the river.", "Felt lighter after.")


def generate(coach: Coach, day: date, rng: Random) -> None:
    if rng.random() < 0.2:
        return  # no walk that day
    minutes = rng.randint(10, 60)
    note = rng.choice(NOTES) if rng.random() < 0.3 else ""
    if rng.random() < 0.5:
        zone = coach.clock.now().tzinfo
        start = datetime(
            day.year, day.month, day.day, rng.randint(7, 17), rng.randint(0, 59), tzinfo=zone
        )
        walks.log_walk(
            coach, day, minutes, note, started_at=start, ended_at=start + timedelta(minutes=minutes)
        )
    else:
        walks.log_walk(coach, day, minutes, note)
