"""History for the routine: ticks, a mood check-in and a reflection most days.

Reflections answer the day's prompt (now and then a free entry), carry the mood
chosen before writing, and sometimes #tags in the text or the tag field; on
some days a second check-in follows the routine.
"""

from __future__ import annotations

from datetime import date
from random import Random

from coach.journal.moods import record_mood
from coach.journal.prompts import prompt_for
from coach.journal.reflections import save_reflection
from coach.routine import today as routine
from coach.session import Coach

TAGS = ("work", "family", "money", "acme", "health", "ideas", "calls", "team")

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
    mood = min(5, max(1, round(rng.gauss(3.2, 1.0))))
    record_mood(coach, day, mood, "before")
    prompt = None if rng.random() < 0.05 else prompt_for(coach, day)
    text = words(rng, 50, 400)
    if rng.random() < 0.3:
        text += f" #{rng.choice(TAGS)}"
    tags = [rng.choice(TAGS)] if rng.random() < 0.15 else []
    save_reflection(coach, day, text, prompt, mood=mood, tags=tags)
    if rng.random() < 0.4:
        record_mood(coach, day, min(5, mood + rng.choice((0, 0, 1))), "after")
