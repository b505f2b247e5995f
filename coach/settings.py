"""User settings, kept in the store's `settings` document."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from coach.core.errors import InputError
from coach.store import Store

TIME_PATTERN = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class Settings:
    """What the user chose. Defaults are what a new user gets."""

    rollover_hour: int = 4
    timezone: str = ""  # empty: the system's local time zone
    reminder_time: str = "10:30"
    walk_goal_minutes: int = 20
    reminder_bell: bool = True
    reminder_desktop: bool = False
    week_start: int = 0  # 0 = Monday ... 6 = Sunday
    help_goal: int = 5
    your_name: str = ""
    call_every_days: int = 14  # a best customer's rhythm unless they have their own
    call_at_most_days: int = 28  # ... and the longest gap that is still fine

    def validate(self) -> None:
        """Raise InputError naming the first setting that is out of range."""
        if not (isinstance(self.rollover_hour, int) and 0 <= self.rollover_hour <= 23):
            raise InputError(
                f"rollover hour must be a whole number 0..23, not {self.rollover_hour!r}"
            )
        if not TIME_PATTERN.match(str(self.reminder_time)):
            raise InputError(f"reminder time must be HH:MM, not {self.reminder_time!r}")
        if not (isinstance(self.walk_goal_minutes, int) and 1 <= self.walk_goal_minutes <= 600):
            raise InputError(f"walk goal must be 1..600 minutes, not {self.walk_goal_minutes!r}")
        if not (isinstance(self.week_start, int) and 0 <= self.week_start <= 6):
            raise InputError(f"week start must be 0 (Monday)..6 (Sunday), not {self.week_start!r}")
        if not (isinstance(self.help_goal, int) and 1 <= self.help_goal <= 100):
            raise InputError(f"help goal must be 1..100, not {self.help_goal!r}")
        for name in ("call_every_days", "call_at_most_days"):
            value = getattr(self, name)
            if not (isinstance(value, int) and 1 <= value <= 730):
                raise InputError(f"{name.replace('_', ' ')} must be 1..730 days, not {value!r}")
        # a longest gap below the rhythm is not refused here (stored fields are checked
        # one by one): coach.customers.cadence then takes the rhythm as the maximum
        if self.timezone:
            from dateutil import tz

            if tz.gettz(self.timezone) is None:
                raise InputError(f"unknown time zone {self.timezone!r}")


def settings_from(raw: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Build Settings from stored values; a bad value falls back to its default, with a note."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    defaults = Settings()
    for f in fields(Settings):
        if f.name not in raw:
            continue
        value = raw[f.name]
        expected = type(getattr(defaults, f.name))
        if type(value) is not expected:
            problems.append(f"setting {f.name!r} has a bad value {value!r}; using the default")
            continue
        try:
            replace(defaults, **{f.name: value}).validate()
        except InputError as exc:
            problems.append(f"setting {f.name!r}: {exc}; using the default")
            continue
        values[f.name] = value
    return Settings(**values), problems


DOC = "settings"


def load_settings(store: Store) -> Settings:
    return settings_from(store.doc(DOC).get())[0]


def save_settings(store: Store, settings: Settings) -> None:
    """Validate and save (raises InputError on a bad value)."""
    settings.validate()
    with store.transaction():
        store.doc(DOC).update(asdict(settings))
