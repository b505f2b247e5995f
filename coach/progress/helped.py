"""What helped: the mood after a day with each step, beside days without it.

Only days with an "after" check-in count. A step is compared only once there
are at least MIN_DAYS such days with it and MIN_DAYS without it; below that
coach says nothing about it (a handful of days proves nothing), and it always
states how many days each side rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coach.core.words import plural
from coach.days.steps import STEP_TITLES, StepId
from coach.journal.moods import Moment, moods_between
from coach.routine.features import STEPS, done_between
from coach.session import Coach

MIN_DAYS = 7


@dataclass(frozen=True)
class StepMood:
    """The average mood after days with a step and after days without it."""

    step: StepId
    with_days: int
    with_mood: float
    without_days: int
    without_mood: float

    @property
    def line(self) -> str:
        title = STEP_TITLES[self.step]
        return (
            f"{title}: mood after {self.with_mood:.1f} on {plural(self.with_days, 'day')} with it, "
            f"{self.without_mood:.1f} on {plural(self.without_days, 'day')} without"
        )


def after_moods(coach: Coach, first: date | None, last: date | None) -> dict[date, float]:
    """Each day's average "after" check-in."""
    by_day: dict[date, list[int]] = {}
    for check in moods_between(coach, first, last):
        if check.moment is Moment.AFTER:
            by_day.setdefault(check.day, []).append(check.mood)
    return {d: sum(v) / len(v) for d, v in by_day.items()}


def what_helped(coach: Coach, first: date, last: date, min_days: int = MIN_DAYS) -> list[StepMood]:
    """Per step, days with it against days without, for steps with enough days on both sides."""
    moods = after_moods(coach, first, last)
    if not moods:
        return []
    done = done_between(coach, min(moods), max(moods))
    out = []
    for step in STEPS:
        with_it = [m for d, m in moods.items() if step.id in done.get(d, frozenset())]
        without = [m for d, m in moods.items() if step.id not in done.get(d, frozenset())]
        if len(with_it) >= min_days and len(without) >= min_days:
            out.append(
                StepMood(
                    step.id,
                    len(with_it),
                    sum(with_it) / len(with_it),
                    len(without),
                    sum(without) / len(without),
                )
            )
    return out
