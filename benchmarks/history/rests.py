"""History for rest days: about one day in thirty is a rest day."""

from __future__ import annotations

from datetime import date
from random import Random

from coach.days import rest_days
from coach.session import Coach


def generate(coach: Coach, day: date, rng: Random) -> None:
    if rng.random() < 1 / 30:
        rest_days.set_rest(coach, day)
