"""Your calendar: what coach knows is coming, as iCalendar all-day events.

Follow-ups, snoozes ending and cadence due dates come from here; other
features' dates (the 3/6/12-month check-ins after a loss) are wired in by
coach.routine.features. Every event has a UID made from what it is about, never
from when it was exported, so importing a new export updates the same events
instead of adding copies. The file holds customers' names: it is written
private (0600) and atomically.

What each export to a file held is kept in the store (`EXPORTS_DOC`, per file):
an event gone since the last export (a follow-up done, a customer archived, a
check-in made) is written once more as cancelled (STATUS:CANCELLED, the same
UID, SEQUENCE bumped) so the calendar drops it; an event whose day or words
changed gets its SEQUENCE bumped too. Cancellations are repeated for
`KEEP_CANCELLED_DAYS`, in case an export was never imported. The file is
written first and the record after it: a failed record only repeats a
cancellation next time, never loses one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from dateutil import tz

from coach.core.atomic import atomic_write
from coach.core.errors import InputError
from coach.customers.cadence import State, standings
from coach.customers.customers import all_customers, labels
from coach.session import Coach

EXPORTS_DOC = "_calendar_exports"  # coach's bookkeeping: left out of exports
KEEP_CANCELLED_DAYS = 90
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

    @property
    def digest(self) -> str:
        """What a calendar shows of it: a change bumps the event's SEQUENCE."""
        text = f"{self.day.isoformat()}\n{self.summary}\n{self.description}"
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Cancelled:
    """An event exported before and gone now: written as cancelled so calendars drop it."""

    uid: str
    day: date
    summary: str
    sequence: int


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


def to_ics(
    events: Iterable[Event],
    now: datetime,
    *,
    sequences: dict[str, int] | None = None,
    cancelled: Iterable[Cancelled] = (),
) -> bytes:
    """The iCalendar file for `events` (sorted, so two exports of the same data match).

    `sequences` gives each event's SEQUENCE by UID (0 if absent); `cancelled`
    events are written with STATUS:CANCELLED.
    """
    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "coach")
    stamp = now.astimezone(tz.UTC)

    def vevent(uid: str, day: date, summary: str, sequence: int, status: str) -> IcsEvent:
        item = IcsEvent()
        item.add("uid", uid)
        item.add("dtstamp", stamp)
        item.add("dtstart", day)
        item.add("dtend", day + timedelta(days=1))
        item.add("summary", summary)
        item.add("sequence", sequence)
        item.add("status", status)
        return item

    for e in sorted(events, key=lambda e: (e.day, e.key)):
        item = vevent(e.uid, e.day, e.summary, (sequences or {}).get(e.uid, 0), "CONFIRMED")
        if e.description:
            item.add("description", e.description)
        item.add("transp", "TRANSPARENT")  # a reminder, not a meeting: never shows as busy
        cal.add_component(item)
    for c in sorted(cancelled, key=lambda c: (c.day, c.uid)):
        cal.add_component(vevent(c.uid, c.day, c.summary, c.sequence, "CANCELLED"))
    return cal.to_ical()


@dataclass(frozen=True)
class Plan:
    """One export: each event's SEQUENCE, the cancellations, and the record to keep after."""

    sequences: dict[str, int]
    cancelled: tuple[Cancelled, ...]
    record: dict[str, dict[str, Any]]  # uid -> {"seq", "digest", "day", "summary", "cancelled"}


def _entry(raw: object) -> dict[str, Any] | None:
    """One stored entry, or None if damaged (it is then forgotten, never a crash)."""
    if not isinstance(raw, dict):
        return None
    seq, day = raw.get("seq"), raw.get("day")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0 or not isinstance(day, str):
        return None
    try:
        date.fromisoformat(day)
        cancelled = raw.get("cancelled")
        if cancelled is not None:
            date.fromisoformat(str(cancelled))
    except ValueError:
        return None
    return {
        "seq": seq,
        "digest": str(raw.get("digest", "")),
        "day": day,
        "summary": str(raw.get("summary", "")),
        "cancelled": cancelled,
    }


def plan_export(previous: dict[str, Any], events: Iterable[Event], today: date) -> Plan:
    """Compare `events` with what the last export to the same file held (pure: no I/O)."""
    before = {uid: e for uid, raw in previous.items() if (e := _entry(raw)) is not None}
    record: dict[str, dict[str, Any]] = {}
    sequences: dict[str, int] = {}
    for event in events:
        old = before.get(event.uid)
        if old is None:
            seq = 0
        elif old["cancelled"] is None and old["digest"] == event.digest:
            seq = old["seq"]
        else:
            seq = old["seq"] + 1  # changed, or back after a cancellation
        sequences[event.uid] = seq
        record[event.uid] = {
            "seq": seq,
            "digest": event.digest,
            "day": event.day.isoformat(),
            "summary": event.summary,
            "cancelled": None,
        }
    cancelled: list[Cancelled] = []
    for uid, old in before.items():
        if uid in record:
            continue
        if old["cancelled"] is None:
            old = {**old, "seq": old["seq"] + 1, "cancelled": today.isoformat()}
        elif (today - date.fromisoformat(old["cancelled"])).days > KEEP_CANCELLED_DAYS:
            continue  # long enough: forget it
        record[uid] = old
        cancelled.append(Cancelled(uid, date.fromisoformat(old["day"]), old["summary"], old["seq"]))
    return Plan(sequences, tuple(cancelled), record)


def _file_key(path: Path) -> str:
    return str(path.expanduser().resolve())


def previous_export(coach: Coach, path: Path) -> dict[str, Any]:
    """What the last export to `path` held (empty if none, or if the record is damaged)."""
    files = coach.store.doc(EXPORTS_DOC).get().get("files")
    held = files.get(_file_key(path)) if isinstance(files, dict) else None
    return held if isinstance(held, dict) else {}


def keep_export(coach: Coach, path: Path, record: dict[str, dict[str, Any]]) -> None:
    """Remember what the file now holds (one transaction; other files' records kept)."""
    with coach.store.transaction():
        doc = coach.store.doc(EXPORTS_DOC)
        files = doc.get().get("files")
        files = dict(files) if isinstance(files, dict) else {}
        files[_file_key(path)] = record
        doc.update({"files": files})


def export_calendar(
    coach: Coach, path: Path, events: list[Event], now: datetime
) -> tuple[int, int]:
    """Write the calendar file with cancellations; (events, cancelled). File first, record after."""
    plan = plan_export(previous_export(coach, path), events, coach.today())
    write_ics(path, to_ics(events, now, sequences=plan.sequences, cancelled=plan.cancelled))
    keep_export(coach, path, plan.record)
    return len(events), len(plan.cancelled)


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
