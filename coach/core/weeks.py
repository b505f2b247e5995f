"""Weeks of the help challenge: they start on the user's chosen weekday at the rollover hour.

A week is seven logical days (see coach.clock.logical_day), so a help logged at
01:30 on the first morning of a week still counts for the week before when the
day rolls over at 04:00. Boundaries come from python-dateutil's relativedelta.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from coach.core.clock import DEFAULT_ROLLOVER_HOUR, day_start, logical_day

WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, order=True)
class Week:
    """Seven logical days, `start` to `end` inclusive."""

    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def days_left(self, today: date) -> int:
        """Days still to play, counting today (7 on the first day, 1 on the last)."""
        if today > self.end:
            return 0
        return (self.end - max(today, self.start)).days + 1

    def previous(self) -> Week:
        return Week(self.start - timedelta(days=7), self.end - timedelta(days=7))

    def next(self) -> Week:
        return Week(self.start + timedelta(days=7), self.end + timedelta(days=7))

    def opens_at(self, zone: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> datetime:
        """The local moment the week begins: its first day's rollover hour (DST-aware)."""
        return day_start(self.start, zone, rollover_hour)

    def closes_at(self, zone: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR) -> datetime:
        return day_start(self.end + timedelta(days=1), zone, rollover_hour)

    def label(self) -> str:
        """A short label: 16–22 Nov 2026, 30 Nov – 6 Dec 2026, 29 Dec 2025 – 4 Jan 2026."""
        if self.start.year != self.end.year:
            return f"{self.start:%-d %b %Y} – {self.end:%-d %b %Y}"
        if self.start.month != self.end.month:
            return f"{self.start:%-d %b} – {self.end:%-d %b %Y}"
        return f"{self.start.day}–{self.end:%-d %b %Y}"


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week holding `day` (first_weekday 0 = Monday ... 6 = Sunday)."""
    if not 0 <= first_weekday <= 6:
        raise ValueError(f"week start must be 0..6, not {first_weekday}")
    # The same day as `day + relativedelta(weekday=WEEKDAYS[first_weekday](-1))`, at a
    # tenth of its cost: the challenge's and Progress's weeks call this per day of history.
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def week_of(day: date, first_weekday: int = 0) -> Week:
    """The week holding the logical day `day`."""
    start = week_start(day, first_weekday)
    return Week(start, start + relativedelta(days=6))


def week_at(
    moment: datetime, first_weekday: int = 0, rollover_hour: int = DEFAULT_ROLLOVER_HOUR
) -> Week:
    """The week holding a local moment: before the rollover hour it is still the day before."""
    return week_of(logical_day(moment, rollover_hour), first_weekday)


def weeks_between(first: Week, last: Week) -> list[Week]:
    """Every week from `first` to `last` inclusive, oldest first."""
    out: list[Week] = []
    week = first
    while week.start <= last.start:
        out.append(week)
        week = week.next()
    return out
