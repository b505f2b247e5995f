"""What helped: mood after days with a step against days without, only with enough days."""

from __future__ import annotations

from datetime import date, timedelta

from coach.days.steps import StepId
from coach.journal.moods import Moment, record_mood
from coach.progress.helped import MIN_DAYS, what_helped
from coach.session import Coach
from coach.walk.walks import log_walk

FIRST = date(2026, 10, 1)


def fill(coach: Coach, days: int) -> None:
    """Walk on even days (mood after 4), not on odd days (mood after 2)."""
    for n in range(days):
        day = FIRST + timedelta(days=n)
        if n % 2 == 0:
            log_walk(coach, day, 20)
        record_mood(coach, day, 4 if n % 2 == 0 else 2, Moment.AFTER)
        record_mood(coach, day, 1, Moment.BEFORE)  # "before" moods never count


def test_nothing_is_said_below_enough_days(coach: Coach) -> None:
    assert what_helped(coach, FIRST, date(2026, 11, 22)) == []
    fill(coach, 2 * MIN_DAYS - 1)  # MIN_DAYS with a walk, one too few without
    assert what_helped(coach, FIRST, date(2026, 11, 22)) == []


def test_with_enough_days_the_walk_is_compared_and_counts_are_stated(coach: Coach) -> None:
    fill(coach, 2 * MIN_DAYS)
    [walk] = what_helped(coach, FIRST, date(2026, 11, 22))
    assert walk.step is StepId.WALK
    assert (walk.with_days, walk.with_mood, walk.without_days, walk.without_mood) == (
        MIN_DAYS, 4.0, MIN_DAYS, 2.0,
    )  # fmt: skip
    assert f"on {MIN_DAYS} days with it" in walk.line
