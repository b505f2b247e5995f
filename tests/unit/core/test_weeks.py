"""coach.core.weeks.week_start: the same day as dateutil's relativedelta rule it replaced."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from coach.core.weeks import WEEKDAYS, week_start


@given(st.dates(min_value=date(1900, 1, 8)), st.integers(min_value=0, max_value=6))
def test_week_start_is_the_first_weekday_on_or_before(day: date, first: int) -> None:
    start = week_start(day, first)
    assert start == day + relativedelta(weekday=WEEKDAYS[first](-1))
    assert start.weekday() == first and 0 <= (day - start).days <= 6
