"""History for thought records: one on about one day in twelve, some with evidence picked.

It draws from its own random stream (seeded by the day), so adding it leaves
every other generator's history exactly as it was for a seed.
"""

from __future__ import annotations

from datetime import date
from random import Random

from benchmarks.history.routine import words
from coach.journal import thoughts
from coach.routine.evidence import evidence
from coach.session import Coach

CHANCE_PER_DAY = 1 / 12
FEELINGS = ("anxious", "ashamed", "angry", "sad", "embarrassed", "relieved", "tired")
HOT = (
    "I'll lose all my clients",
    "They think I'm useless",
    "I should have seen it coming",
    "Nobody will want to work with me",
    "I'm not cut out for this",
)
TRAPS = ("all-or-nothing", "mind-reading", "catastrophizing", "personalisation")


def generate(coach: Coach, day: date, rng: Random) -> None:
    own = Random(f"thoughts:{day.isoformat()}")
    if own.random() >= CHANCE_PER_DAY:
        return
    feelings = [
        thoughts.Feeling(name, own.randint(40, 95))
        for name in own.sample(FEELINGS, own.randint(1, 3))
    ]
    facts = [f.text for f in evidence(coach, day)]
    values = thoughts.ThoughtFields(
        situation=words(own, 8, 30),
        feelings=tuple(feelings),
        thought=own.choice(HOT),
        evidence_for=(words(own, 4, 12),) if own.random() < 0.6 else (),
        evidence_against=tuple(own.sample(facts, min(len(facts), own.randint(0, 3)))),
        balanced=words(own, 10, 30) if own.random() < 0.7 else "",
        rerated=tuple(
            thoughts.Feeling(f.name, max(0, f.strength - own.randint(0, 40))) for f in feelings
        ),
        traps=tuple(own.sample(TRAPS, own.randint(0, 2))),
    )
    thoughts.save_thought(coach, day, values)
