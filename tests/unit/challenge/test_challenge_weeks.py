"""Weeks of the help challenge: every week-start day, the rollover hour, DST and year ends."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.clock import day_start
from coach.core.weeks import Week, week_at, week_of
from tests.conftest import zone

ZONES = [zone(name) for name in ("Europe/London", "America/New_York", "Australia/Sydney")]
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
# Days near the year end and the DST changes, where boundaries go wrong first.
edge_dates = st.builds(
    lambda year, month, day: date(year, month, day),
    st.integers(1990, 2100),
    st.sampled_from([1, 3, 4, 10, 11, 12]),
    st.integers(1, 31).filter(lambda d: d <= 28) | st.sampled_from([29, 30]),
)
weekdays = st.integers(0, 6)
hours = st.integers(0, 23)


def seconds_before(moment: datetime, seconds: int) -> datetime:
    zone = moment.tzinfo
    return (moment.astimezone(tz.UTC) - timedelta(seconds=seconds)).astimezone(zone)


@settings(max_examples=300)
@given(day=dates | edge_dates, first=weekdays)
def test_a_week_is_seven_days_from_the_chosen_weekday(day: date, first: int) -> None:
    week = week_of(day, first)
    assert week.start.weekday() == first
    assert week.end - week.start == timedelta(days=6)
    assert day in week
    assert all(week_of(week.start + timedelta(days=i), first) == week for i in range(7))
    assert week_of(week.start - timedelta(days=1), first) == week.previous()
    assert week_of(week.end + timedelta(days=1), first) == week.next()


@settings(max_examples=300)
@given(day=dates | edge_dates, first=weekdays, hour=hours, zone=st.sampled_from(ZONES))
def test_a_week_opens_at_the_rollover_hour_of_its_first_day(
    day: date, first: int, hour: int, zone: object
) -> None:
    week = week_of(day, first)
    opens = week.opens_at(zone, hour)  # type: ignore[arg-type]
    assert week_at(opens, first, hour) == week
    assert week_at(seconds_before(opens, 1), first, hour) == week.previous()
    closes = week.closes_at(zone, hour)  # type: ignore[arg-type]
    assert week_at(closes, first, hour) == week.next()
    assert week_at(seconds_before(closes, 1), first, hour) == week
    # a week lasts 7 days, give or take the hour a DST change adds or takes away
    real = closes.astimezone(tz.UTC) - opens.astimezone(tz.UTC)
    assert abs(real - timedelta(days=7)) <= timedelta(hours=1)


def test_london_dst_weeks_keep_their_days() -> None:
    london = zone("Europe/London")
    # clocks go forward 29 March 2026 at 01:00 (a Sunday): a Sunday week starting at 01:00
    week = week_of(date(2026, 3, 29), 6)
    assert week == Week(date(2026, 3, 29), date(2026, 4, 4))
    opens = week.opens_at(london, 1)
    assert opens.hour == 2  # 01:00 does not exist that day
    assert week_at(datetime(2026, 3, 29, 0, 59, tzinfo=london), 6, 1) == week.previous()
    # clocks go back 25 October 2026 at 02:00: a Saturday week holding it lasts an hour more
    week = week_of(date(2026, 10, 25), 5)
    opens, closes = week.opens_at(london, 4), week.closes_at(london, 4)
    assert opens == datetime(2026, 10, 24, 4, tzinfo=london)
    assert closes == datetime(2026, 10, 31, 4, tzinfo=london)
    assert closes.astimezone(tz.UTC) - opens.astimezone(tz.UTC) == timedelta(days=7, hours=1)


def test_year_end_week_and_labels() -> None:
    week = week_of(date(2026, 1, 1))  # a Thursday
    assert week == Week(date(2025, 12, 29), date(2026, 1, 4))
    assert week.label() == "29 Dec 2025 – 4 Jan 2026"
    assert week_of(date(2026, 11, 22)).label() == "16–22 Nov 2026"
    assert week_of(date(2026, 12, 1)).label() == "30 Nov – 6 Dec 2026"


def test_before_the_rollover_hour_it_is_still_last_week() -> None:
    london = zone("Europe/London")
    monday = date(2026, 11, 23)
    assert week_at(datetime(2026, 11, 23, 3, 59, tzinfo=london), 0, 4).end == date(2026, 11, 22)
    assert week_at(datetime(2026, 11, 23, 4, 0, tzinfo=london), 0, 4).start == monday


def test_days_left_counts_today() -> None:
    week = week_of(date(2026, 11, 16))
    assert week.days_left(date(2026, 11, 16)) == 7
    assert week.days_left(date(2026, 11, 22)) == 1
    assert week.days_left(date(2026, 11, 23)) == 0
    assert day_start(week.start, tz.UTC, 4).hour == 4
