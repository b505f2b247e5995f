"""The one source of "now" and "today".

The user's day rolls over at a configurable hour (default 04:00 local time), so
a reflection written at 01:30 still belongs to the evening before. All local
time comes from dateutil.tz; tests inject a FixedClock.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Protocol

from dateutil import tz

DEFAULT_ROLLOVER_HOUR = 4


class Clock(Protocol):
    """Anything that tells the current, time-zone aware moment."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock, in the user's local time zone (or a named one)."""

    def __init__(self, zone: tzinfo | None = None) -> None:
        self.zone = zone or tz.tzlocal()

    def now(self) -> datetime:
        return datetime.now(self.zone)


class FixedClock:
    """A clock that only moves when told to: for tests."""

    def __init__(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        """Move forward by real elapsed time (correct across DST changes)."""
        zone = self.moment.tzinfo
        utc = self.moment.astimezone(tz.UTC) + delta
        self.moment = utc.astimezone(zone)

    def set(self, moment: datetime) -> None:
        self.moment = moment


def logical_day(moment: datetime, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> date:
    """The user's calendar day for a local moment: before the rollover hour it is still yesterday."""
    if moment.hour < rollover_hour:
        return moment.date() - timedelta(days=1)
    return moment.date()


def day_start(day: date, zone: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> datetime:
    """The local moment a logical day begins (its rollover hour, DST-aware)."""
    naive = datetime.combine(day, time(hour=rollover_hour))
    start = naive.replace(tzinfo=zone)
    if not tz.datetime_exists(start):
        start = tz.resolve_imaginary(start)
    return start


def next_rollover(moment: datetime, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> datetime:
    """The moment the next logical day starts after `moment`."""
    zone = moment.tzinfo
    assert zone is not None
    return day_start(logical_day(moment, rollover_hour) + timedelta(days=1), zone, rollover_hour)


class Calendar:
    """A clock plus the rollover hour: answers "what day is it for the user"."""

    def __init__(self, clock: Clock, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> None:
        if not 0 <= rollover_hour <= 23:
            raise ValueError(f"rollover hour must be 0..23, not {rollover_hour}")
        self.clock = clock
        self.rollover_hour = rollover_hour

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return logical_day(self.clock.now(), self.rollover_hour)

    def next_rollover(self) -> datetime:
        return next_rollover(self.clock.now(), self.rollover_hour)
