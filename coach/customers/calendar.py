"""Your calendar: what coach knows is coming, as iCalendar all-day events.

Follow-ups, snoozes ending and cadence due dates come from here; other
features' dates (the 3/6/12-month check-ins after a loss) are wired in by
coach.routine.features. Every event has a UID made from what it is about, never
from when it was exported, so importing a new export updates the same events
instead of adding copies. The file holds customers' names: it is written
private (0600) and atomically.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from dateutil import tz

from coach.core.atomic import atomic_write
from coach.core.errors import InputError
from coach.customers.cadence import State, standings
from coach.customers.customers import all_customers, labels
from coach.session import Coach

DOMAIN = "coach.local"
PRODID = "-//coach//best customers and check-ins//EN"


@dataclass(frozen=True)
class Event:
    """One all-day event. `key` names what it is about ("follow-up:<id>"): the UID comes from it."""

    key: str
    day: date
    summary: str
    description: str = ""

    @property
    def uid(self) -> str:
        return f"{self.key.replace(':', '-')}@{DOMAIN}"


def customer_events(coach: Coach, day: date) -> list[Event]:
    """Follow-ups, snoozes ending and each active customer's next due day (from `day` on)."""
    active = all_customers(coach, archived=False)
    names = labels(active)
    out: list[Event] = []
    for s in standings(active, day, coach.settings):
        c = s.customer
        label = names.get(c.id, c.name)
        if c.follow_up is not None:
            out.append(Event(f"follow-up:{c.id}", c.follow_up, f"Follow up with {label}", c.why))
        if s.state is State.SNOOZED and c.snoozed_until is not None:
            out.append(
                Event(f"snooze:{c.id}", c.snoozed_until, f"{label} is back in your rotation")
            )
            continue
        due = max(s.next_due or day, day)  # overdue: today, until a touch moves it
        rhythm = s.cadence.every.words
        out.append(Event(f"due:{c.id}", due, f"Time to reach {label} ({rhythm} rhythm)", c.why))
    return out


def to_ics(events: Iterable[Event], now: datetime) -> bytes:
    """The iCalendar file for `events` (sorted, so two exports of the same data match)."""
    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "coach")
    stamp = now.astimezone(tz.UTC)
    for e in sorted(events, key=lambda e: (e.day, e.key)):
        item = IcsEvent()
        item.add("uid", e.uid)
        item.add("dtstamp", stamp)
        item.add("dtstart", e.day)
        item.add("dtend", e.day + timedelta(days=1))
        item.add("summary", e.summary)
        if e.description:
            item.add("description", e.description)
        item.add("transp", "TRANSPARENT")  # a reminder, not a meeting: never shows as busy
        cal.add_component(item)
    return cal.to_ical()


def write_ics(path: Path, data: bytes) -> None:
    """Write the file atomically and private; a bad place is an InputError naming it."""
    if path.is_dir():
        raise InputError(f"--output: {str(path)!r} is a folder; name a file like coach.ics")
    if not path.parent.is_dir():
        raise InputError(f"--output: the folder {str(path.parent)!r} does not exist")
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise InputError(f"--output: cannot write {str(path)!r}: {exc.strerror}") from None
