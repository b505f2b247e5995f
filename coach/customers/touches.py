"""Touches: each call, meeting or message with a best customer, in the dated log `touches`.

Every touch carries the customer's id and their name and company as they were,
so the history stays readable after the customer is renamed or deleted. Logging
a touch also moves the customer's last contact and follow-up, in the same
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from coach.core.errors import InputError
from coach.core.fields import EPOCH, optional_date, optional_datetime, text_or_empty
from coach.customers.customers import TABLE, Customer, existing_record, from_record
from coach.session import Coach
from coach.store import Record

LOG = "touches"


class TouchKind(StrEnum):
    """How the customer was reached; the value is what the data files store."""

    CALL = "call"
    MEETING = "meeting"
    MESSAGE = "message"


KINDS: tuple[TouchKind, ...] = tuple(TouchKind)
KIND_VERBS = {"call": "called", "meeting": "met", "message": "messaged"}
MAX_TEXT = 2000


@dataclass(frozen=True)
class Touch:
    """One contact with a customer, as it was logged."""

    id: str
    day: date
    customer_id: str
    customer_name: str
    customer_company: str
    kind: TouchKind
    value: str = ""
    outcome: str = ""
    follow_up: date | None = None
    at: datetime | None = None

    @property
    def who(self) -> str:
        if self.customer_company:
            return f"{self.customer_name} ({self.customer_company})"
        return self.customer_name


_date = optional_date
_text = text_or_empty


def touch_from(record: Record) -> Touch | None:
    """A stored touch, or None when its date is unreadable."""
    day = _date(record.get("date"))
    if day is None:
        return None
    kind = _text(record.get("kind"))
    return Touch(
        id=str(record.get("id", "")),
        day=day,
        customer_id=_text(record.get("customer_id")),
        customer_name=_text(record.get("customer_name")) or "(no name)",
        customer_company=_text(record.get("customer_company")),
        kind=TouchKind(kind) if kind in KINDS else TouchKind.CALL,
        value=_text(record.get("value")),
        outcome=_text(record.get("outcome")),
        follow_up=_date(record.get("follow_up")),
        at=optional_datetime(record.get("at")),
    )


def log_touch(
    coach: Coach,
    customer_id: str,
    *,
    kind: str = "call",
    value: str = "",
    outcome: str = "",
    follow_up: date | None = None,
    day: date | None = None,
    now: datetime | None = None,
) -> Touch:
    """Log a touch and update the customer's last contact and follow-up together."""
    day = day or coach.today()
    if kind not in KINDS:
        raise InputError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    for name, text in (("value", value), ("how it went", outcome)):
        if len(text) > MAX_TEXT:
            raise InputError(f"{name} is longer than {MAX_TEXT} characters")
    if follow_up is not None and follow_up < day:
        raise InputError(f"the follow-up date {follow_up.isoformat()} is before the touch")
    stamp = (now or coach.clock.now()).isoformat(timespec="seconds")
    with coach.store.transaction():
        customer = from_record(existing_record(coach, customer_id))
        stored = coach.store.log(LOG).insert(
            day,
            {
                "customer_id": customer.id,
                "customer_name": customer.name,
                "customer_company": customer.company,
                "kind": kind,
                "value": value.strip(),
                "outcome": outcome.strip(),
                "follow_up": follow_up.isoformat() if follow_up else None,
                "at": stamp,
            },
        )
        if customer.last_contact is None or day >= customer.last_contact:
            # the newest touch decides what is still to follow up
            coach.store.records(TABLE).update(
                customer.id,
                {
                    "last_contact": day.isoformat(),
                    "follow_up": follow_up.isoformat() if follow_up else None,
                },
            )
    touch = touch_from(stored)
    assert touch is not None
    return touch


def history(coach: Coach, customer_id: str | None = None, first: date | None = None) -> list[Touch]:
    """Touches (of one customer, or everyone's), newest first. Reads every month: use a worker."""
    found = [touch_from(r) for r in coach.store.log(LOG).between(first)]
    touches = [t for t in found if t is not None]
    if customer_id is not None:
        touches = [t for t in touches if t.customer_id == customer_id]
    touches.sort(key=lambda t: (t.day, t.at or EPOCH), reverse=True)
    return touches


def touched_on(coach: Coach, day: date) -> list[Touch]:
    """The touches of one day, in the order logged."""
    found = [touch_from(r) for r in coach.store.log(LOG).on(day)]
    return sorted((t for t in found if t is not None), key=lambda t: t.at or EPOCH)


def logged_on(coach: Coach, day: date) -> bool:
    """True when any touch is logged on `day` (it ticks the call step)."""
    return bool(coach.store.log(LOG).on(day))


def kinds_by_day(coach: Coach, first: date | None, last: date | None) -> dict[date, list[str]]:
    """The kinds of contact (call, meeting, message) logged on each day from `first` to `last`."""
    out: dict[date, list[str]] = {}
    for record in coach.store.log(LOG).between(first, last):
        if (touch := touch_from(record)) is not None:
            out.setdefault(touch.day, []).append(touch.kind)
    return out


def logged_days(coach: Coach, first: date, last: date) -> set[date]:
    return set(kinds_by_day(coach, first, last))


def describe(touch: Touch) -> str:
    """One line: "called Ann (Acme): sent the article; went well"."""
    parts = [f"{KIND_VERBS.get(touch.kind, touch.kind)} {touch.who}"]
    details = "; ".join(p for p in (touch.value, touch.outcome) if p)
    return parts[0] + (f": {details}" if details else "")


def customer_of(coach: Coach, touch: Touch) -> Customer | None:
    record = coach.store.records(TABLE).get(touch.customer_id)
    return from_record(record) if record else None
