"""History for the routine: ticks and a reflection with a mood, most days."""

from __future__ import annotations

from datetime import date
from random import Random

from coach import routine
from coach.session import Coach

WORDS = (
    "client",
    "call",
    "walk",
    "learned",
    "today",
    "felt",
    "better",
    "project",
    "team",
    "price",
    "deadline",
    "grateful",
    "listen",
    "morning",
    "customer",
    "help",
    "work",
    "trust",
    "next",
    "week",
    "quiet",
    "steady",
    "honest",
    "notes",
    "plan",
)


def words(rng: Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def generate(coach: Coach, day: date, rng: Random) -> None:
    if rng.random() < 0.1:
        return  # a missed day
    for step in ("walk", "call", "help"):
        if rng.random() < 0.8:
            routine.set_done(coach, day, step)
    prompt = coach.library.daily("prompt", day)
    routine.save_reflection(coach, day, words(rng, 50, 400), prompt, mood=rng.randint(1, 5))
