"""Synthetic history generators, one module per feature.

Each generator is `generate(coach, day, rng)`: it writes one day of realistic
records through coach's own public API. make_history calls every generator in
GENERATORS for every day. A feature that stores something adds its module here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from random import Random

from benchmarks.history import customers, helps, losses, rests, routine, thoughts, walks
from coach.session import Coach

Generator = Callable[[Coach, date, Random], None]

GENERATORS: list[Generator] = [
    routine.generate,
    walks.generate,
    helps.generate,
    losses.generate,
    customers.generate,
    rests.generate,
    thoughts.generate,
]
