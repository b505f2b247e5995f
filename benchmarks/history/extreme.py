"""History for the extreme profile: many reflections a day and many customers.

Written through the store alone (`store.log` / `store.records`), each record a
copy of one the real generators wrote through coach's API (so its fields stay
whatever that API stores), with a fresh id and text.
"""

from __future__ import annotations

from datetime import date
from random import Random
from typing import Any

from benchmarks.history.routine import WORDS
from coach.session import Coach
from coach.store import new_id

Record = dict[str, Any]


class Extreme:
    """A generator topping each day up to `reflections` entries and the customers to `customers`."""

    def __init__(self, reflections: int, customers: int) -> None:
        self.reflections = reflections
        self.customers = customers
        self._template: Record | None = None

    def __call__(self, coach: Coach, day: date, rng: Random) -> None:
        self._more_customers(coach, rng)
        log = coach.store.log("reflections")
        today = log.on(day)
        if today:
            self._template = today[-1]
        if self._template is None:
            return
        for _ in range(self.reflections - len(today)):
            text = " ".join(rng.choices(WORDS, k=rng.randint(50, 400))).capitalize() + "."
            copy = {**self._template, "id": new_id(), "text": text}
            log.insert(day, copy)

    def _more_customers(self, coach: Coach, rng: Random) -> None:
        table = coach.store.records("customers")
        existing = table.all()
        if not existing or len(existing) >= self.customers:
            return
        template = existing[-1]
        seq = max(int(r.get("seq", 0)) for r in existing)
        for n in range(len(existing), self.customers):
            seq += 1
            table.insert(
                {
                    **{k: v for k, v in template.items() if k != "id"},
                    "name": f"Customer {n + 1:04d}",
                    "company": f"Company {rng.randrange(10_000):04d}",
                    "seq": seq,
                }
            )
