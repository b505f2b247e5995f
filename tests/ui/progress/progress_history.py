"""A small, fixed year of history for Progress tests, written in one transaction."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from coach.session import Coach

END = date(2026, 11, 22)


def write_year(coach: Coach, seed: int = 7, end: date = END, days: int = 365) -> None:
    """Ticks, moods, helps, touches, rest days and a loss: enough to fill every chart."""
    rng = Random(seed)
    store = coach.store
    with store.transaction():
        store.records("losses").insert({"client": "Acme [bold]Ltd[/]", "left": "2026-09-01"})
        for n in range(days, 0, -1):
            day = end - timedelta(days=n)
            roll = rng.random()
            if roll < 0.06:
                store.log("rests").put(day, {"id": day.isoformat()})
                continue
            if roll < 0.14:
                continue  # a missed day
            done = {s: True for s in ("walk", "call", "help", "reflect") if rng.random() < 0.8}
            store.log("days").put(day, {"id": day.isoformat(), "done": done, "skipped": []})
            if done.get("reflect"):
                store.log("reflections").insert(day, {"text": "ok", "mood": rng.randint(2, 5)})
            if done.get("help"):
                for _ in range(rng.randint(1, 2)):
                    store.log("helps").insert(day, {"who": "someone", "how": "advice"})
            if done.get("call"):
                kind = rng.choice(["call", "call", "meeting", "message"])
                store.log("touches").insert(day, {"kind": kind})
