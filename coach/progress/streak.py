"""The forgiving streak: pure rules over a run of days, no store, no clock.

A day *counts* when its core steps are done (see `CORE_RULE` in coach/progress.py).
Rest days neither break nor extend a streak: they are skipped as if absent.
One missed day is forgiven; two missed days in a row (rest days between
them do not separate them) end the streak: "never miss twice". Today, while
not yet counted, is still open and is neither counted nor missed.

Both functions take the days lazily, so the current streak can walk back
month by month and stop as soon as the streak is broken.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

# The forgiving streak's name wherever it is shown; the walk's strict one is the "walking streak".
NAME = "Routine streak"

RULE = (
    "A day counts when you walk, reflect, and call or help someone; "
    "rest days pause the streak, and one missed day is forgiven, but never miss twice."
)


class Day(Enum):
    """What a day contributes to the streak."""

    COUNTED = "counted"
    REST = "rest"
    MISSED = "missed"


def current_streak(backwards: Iterable[Day]) -> int:
    """Counted days in the streak that reaches today.

    `backwards` starts with today and goes back in time, one item per day.
    Stops reading at the second consecutive miss.
    """
    count = 0
    misses = 0
    first = True
    for day in backwards:
        if first:
            first = False
            if day is not Day.COUNTED:
                continue  # today is still open (or a rest day)
        if day is Day.REST:
            continue
        if day is Day.COUNTED:
            count += 1
            misses = 0
        else:
            misses += 1
            if misses >= 2:
                break
    return count


def longest_streak(forwards: Iterable[Day]) -> int:
    """The longest streak in a history given oldest first, ending with today."""
    best = run = misses = 0
    pending_today: Day | None = None
    for day in forwards:
        if pending_today is not None:
            run, misses = _step(pending_today, run, misses)
            best = max(best, run)
        pending_today = day
    if pending_today is Day.COUNTED:
        run, misses = _step(pending_today, run, misses)
        best = max(best, run)
    return best


def _step(day: Day, run: int, misses: int) -> tuple[int, int]:
    if day is Day.REST:
        return run, misses
    if day is Day.COUNTED:
        return run + 1, 0
    misses += 1
    return (0, misses) if misses >= 2 else (run, misses)
