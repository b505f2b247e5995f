"""The walk reminder: when it is due, and (in the app) when to show it, once a day.

Pure rules with the time passed in: the app asks `WalkReminder.check` every
few seconds; `coach remind` uses `walk_due` through coach.routine.features.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil import tz

from coach.core.clock import logical_day
from coach.core.fields import optional_date
from coach.core.notices import Due
from coach.core.words import plural
from coach.session import Coach
from coach.settings import Settings

SNOOZE_CHOICES = (15, 30, 60)
# the day the app last showed the reminder, so reopening coach the same day stays quiet
SHOWN_DOC = "_walk_reminder"


def parse_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def reminder_moment(day: date, settings: Settings, zone: object) -> datetime:
    """When the reminder of logical day `day` is due, in local time.

    A reminder time before the rollover hour (say 02:00 with rollover at 04:00)
    belongs to the night after `day`.
    """
    at = parse_time(settings.reminder_time)
    on = day + timedelta(days=1) if at.hour < settings.rollover_hour else day
    moment = datetime.combine(on, at).replace(tzinfo=zone)  # type: ignore[arg-type]
    if not tz.datetime_exists(moment):
        moment = tz.resolve_imaginary(moment)
    return moment


def is_due(now: datetime, settings: Settings, walked_today: bool) -> bool:
    """True when the reminder time of today (logical day) has passed and no walk is logged."""
    if walked_today:
        return False
    day = logical_day(now, settings.rollover_hour)
    return now >= reminder_moment(day, settings, now.tzinfo)


@dataclass
class WalkReminder:
    """Remembers whether today's reminder was shown and until when it is snoozed."""

    shown_on: date | None = None
    snoozed_until: datetime | None = None

    def check(self, now: datetime, settings: Settings, walked_today: bool) -> bool:
        """True exactly when the reminder should appear now; records that it did."""
        day = logical_day(now, settings.rollover_hour)
        if self.snoozed_until is not None and (
            logical_day(self.snoozed_until, settings.rollover_hour) != day or self.shown_on != day
        ):
            self.snoozed_until = None  # a new day: yesterday's snooze is gone
        if not is_due(now, settings, walked_today):
            return False
        if self.snoozed_until is not None:
            if now < self.snoozed_until:
                return False
            self.snoozed_until = None
            return True
        if self.shown_on == day:
            return False
        self.shown_on = day
        return True

    def snooze(self, now: datetime, minutes: int) -> datetime:
        """Show the reminder again `minutes` from now (if still no walk by then)."""
        if minutes <= 0:
            raise ValueError("snooze minutes must be positive")
        later = now.astimezone(tz.UTC) + timedelta(minutes=minutes)
        self.snoozed_until = later.astimezone(now.tzinfo)
        return self.snoozed_until


def shown_on(coach: Coach) -> date | None:
    """The logical day the app last showed the walk reminder (None: never, or unreadable)."""
    return optional_date(coach.store.doc(SHOWN_DOC).get().get("shown_on"))


def mark_shown(coach: Coach, day: date) -> None:
    """Remember that today's reminder was shown: once a day, across restarts (a save job)."""
    with coach.store.transaction():
        coach.store.doc(SHOWN_DOC).put({"shown_on": day.isoformat()})


def walk_due(coach: Coach, now: datetime, walked_on: Callable[[date], bool]) -> list[Due]:
    """The walk, when its time has passed and the walk step is not done today.

    `walked_on(day)` says whether the walk step is done (the routine knows: a
    walk logged, or the step ticked).
    """
    settings = coach.settings
    now = now.astimezone(coach.calendar().now().tzinfo)  # the user's time zone setting
    day = logical_day(now, settings.rollover_hour)
    if not is_due(now, settings, walked_on(day)):
        return []
    goal = settings.walk_goal_minutes
    return [Due("walk", f"Time for your walk: {plural(goal, 'minute')} outside, no agenda needed.")]
