"""Progress keeps each month's marks by the month file's signature."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.progress import progress
from coach.routine import today as routine
from coach.session import Coach, open_coach

TODAY = date(2026, 11, 22)
LAST_MONTH = date(2026, 10, 20)


def test_an_unchanged_month_is_not_read_again(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    routine.set_done(coach, LAST_MONTH, "walk")
    routine.set_done(coach, TODAY, "walk")
    first = progress.build_progress(coach, TODAY)
    read: list[date] = []
    real = progress.marks_between

    def counting(c: Coach, lo: date | None, hi: date | None) -> dict[date, progress.DayMark]:
        assert lo is not None
        read.append(lo)
        return real(c, lo, hi)

    monkeypatch.setattr(progress, "marks_between", counting)
    assert progress.build_progress(coach, TODAY) == first
    assert read == []
    routine.set_done(coach, TODAY, "reflect")  # only November's file changes
    again = progress.build_progress(coach, TODAY)
    assert read == [date(2026, 11, 1)]
    assert again.weekly["reflect"][-1] == 1
    assert again.days_recorded == first.days_recorded


def test_a_month_changed_behind_the_cache_is_read_again(coach: Coach) -> None:
    for n in (1, 2):
        routine.set_done(coach, TODAY - timedelta(days=n), "walk")
    assert progress.build_progress(coach, TODAY).weekly["walk"][-1] == 2
    other = open_coach(coach.store.folder, clock=coach.clock, library=coach.library)
    routine.set_done(other, TODAY - timedelta(days=3), "walk")  # another process, same folder
    assert progress.build_progress(coach, TODAY).days_recorded == 3


def test_days_after_today_in_its_month_are_left_out(coach: Coach) -> None:
    routine.set_done(coach, TODAY + timedelta(days=2), "walk")
    routine.set_done(coach, TODAY, "walk")
    assert progress.build_progress(coach, TODAY).days_recorded == 1
    assert progress.build_progress(coach, TODAY + timedelta(days=2)).days_recorded == 2
