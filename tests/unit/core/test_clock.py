"""The user's logical day: the rollover hour, DST nights, and a configurable hour."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from coach.core.clock import Calendar, FixedClock, day_start, logical_day, next_rollover
from coach.session import Coach
from coach.settings import Settings, save_settings
from tests.conftest import zone

LONDON = zone("Europe/London")
NEW_YORK = zone("America/New_York")
UTC = tz.UTC


def at(where: tzinfo, year: int, month: int, day: int, *hm: int, fold: int = 0) -> datetime:
    hour, minute = (*hm, 0, 0)[:2]
    return datetime(year, month, day, hour, minute, tzinfo=where, fold=fold)


def test_before_the_rollover_hour_it_is_still_yesterday() -> None:
    assert logical_day(at(LONDON, 2026, 11, 22, 3, 59)) == date(2026, 11, 21)
    assert logical_day(at(LONDON, 2026, 11, 22, 4, 0)) == date(2026, 11, 22)
    assert logical_day(at(LONDON, 2026, 11, 22, 0, 0)) == date(2026, 11, 21)
    assert logical_day(at(LONDON, 2026, 11, 22, 23, 59)) == date(2026, 11, 22)


@pytest.mark.parametrize("hour", [0, 1, 4, 6, 12, 23])
def test_the_rollover_hour_is_configurable(hour: int) -> None:
    moment = at(LONDON, 2026, 11, 22, hour, 0)
    assert logical_day(moment, hour) == date(2026, 11, 22)
    assert logical_day(moment - timedelta(minutes=1), hour) == date(2026, 11, 21)


def test_calendar_rejects_an_impossible_hour() -> None:
    clock = FixedClock(at(LONDON, 2026, 11, 22, 8, 30))
    with pytest.raises(ValueError):
        Calendar(clock, 24)
    with pytest.raises(ValueError):
        Calendar(clock, -1)


def test_fixed_clock_needs_a_time_zone() -> None:
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 11, 22, 8, 30))


def test_coach_today_follows_the_rollover_setting(coach: Coach) -> None:
    coach.clock.set(at(LONDON, 2026, 11, 22, 5, 30))  # type: ignore[attr-defined]
    assert coach.today() == date(2026, 11, 22)
    save_settings(coach.store, Settings(rollover_hour=6))
    assert coach.today() == date(2026, 11, 21)
    coach.clock.advance(timedelta(minutes=30))  # type: ignore[attr-defined]
    assert coach.today() == date(2026, 11, 22)


# Spring forward: London 2026-03-29 01:00 GMT -> 02:00 BST; New York 2026-03-08 02:00 -> 03:00.
# Fall back: London 2026-10-25 02:00 BST -> 01:00 GMT; New York 2026-11-01 02:00 -> 01:00.
@pytest.mark.parametrize(
    ("evening", "real_hours_to_rollover"),
    [
        (at(LONDON, 2026, 3, 28, 22, 0), 5),  # one hour of the night never happens
        (at(LONDON, 2026, 10, 24, 22, 0), 7),  # one hour happens twice
        (at(NEW_YORK, 2026, 3, 7, 22, 0), 5),
        (at(NEW_YORK, 2026, 10, 31, 22, 0), 7),
    ],
)
def test_dst_nights_roll_over_at_four_local_time(
    evening: datetime, real_hours_to_rollover: int
) -> None:
    clock = FixedClock(evening)
    calendar = Calendar(clock)
    first = calendar.today()
    assert first == evening.date()
    rollover = calendar.next_rollover()
    assert (rollover.hour, rollover.minute) == (4, 0)
    assert rollover.astimezone(UTC) - evening.astimezone(UTC) == timedelta(
        hours=real_hours_to_rollover
    )
    clock.advance(timedelta(hours=real_hours_to_rollover) - timedelta(minutes=1))
    assert calendar.today() == first
    assert (clock.now().hour, clock.now().minute) == (3, 59)
    clock.advance(timedelta(minutes=1))
    assert calendar.today() == first + timedelta(days=1)
    assert clock.now().hour == 4


def test_a_rollover_hour_that_does_not_exist_starts_the_day_when_clocks_jump() -> None:
    # 02:00 does not happen in New York on 2026-03-08: the day starts at 03:00 EDT.
    start = day_start(date(2026, 3, 8), NEW_YORK, rollover_hour=2)
    assert start.astimezone(UTC) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    assert next_rollover(at(NEW_YORK, 2026, 3, 7, 23, 0), 2) == start
    assert logical_day(at(NEW_YORK, 2026, 3, 8, 1, 59), 2) == date(2026, 3, 7)
    assert logical_day(at(NEW_YORK, 2026, 3, 8, 3, 0), 2) == date(2026, 3, 8)


def test_the_repeated_hour_of_fall_back_is_one_day() -> None:
    # With the rollover at 01:00, 01:30 BST and 01:30 GMT (an hour later) are the same day.
    first = at(LONDON, 2026, 10, 25, 1, 30, fold=0)
    second = at(LONDON, 2026, 10, 25, 1, 30, fold=1)
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)
    assert logical_day(first, 1) == logical_day(second, 1) == date(2026, 10, 25)
    assert logical_day(at(LONDON, 2026, 10, 25, 0, 59), 1) == date(2026, 10, 24)


instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)


@given(
    instant=instants,
    step=st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=30)),
    zone=st.sampled_from([LONDON, NEW_YORK, zone("Australia/Sydney")]),
    hour=st.integers(0, 23),
)
def test_logical_days_never_go_backwards_and_start_at_the_rollover(
    instant: datetime, step: timedelta, zone, hour: int
) -> None:
    earlier = instant.astimezone(zone)
    later = (instant + step).astimezone(zone)
    assert logical_day(earlier, hour) <= logical_day(later, hour)
    day = logical_day(earlier, hour)
    assert earlier.date() - timedelta(days=1) <= day <= earlier.date()
    start = day_start(day, zone, hour).astimezone(UTC)
    assert start <= instant < day_start(day + timedelta(days=1), zone, hour).astimezone(UTC)
