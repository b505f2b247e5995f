"""A Coach: one open data folder, the content library and the clock, together.

Screens and CLI commands take a Coach and call the domain functions with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coach.content.library import Library, default_library
from coach.core.clock import Calendar, Clock, SystemClock
from coach.settings import Settings, load_settings
from coach.store import Store


@dataclass
class Coach:
    store: Store
    library: Library
    clock: Clock = field(default_factory=SystemClock)

    @property
    def settings(self) -> Settings:
        return load_settings(self.store)

    def calendar(self) -> Calendar:
        settings = self.settings
        clock = self.clock
        if settings.timezone and isinstance(clock, SystemClock):
            from dateutil import tz

            clock = SystemClock(tz.gettz(settings.timezone))
        return Calendar(clock, settings.rollover_hour)

    def today(self) -> date:
        return self.calendar().today()


def open_coach(
    folder: Path, *, clock: Clock | None = None, library: Library | None = None
) -> Coach:
    """Open a data folder (raises DataFileError if damaged) with the content library."""
    store = Store(folder)
    return Coach(store=store, library=library or default_library(), clock=clock or SystemClock())
