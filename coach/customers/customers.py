"""Best customers: who they are, when you last spoke, and whether they may be at risk.

Kept in the store's `customers` records (the main file: small, slow-growing).
Each record also carries the last contact and next follow-up, updated with each
touch, so Today and the list never read years of touches. Archiving keeps a
customer out of the rotation; deleting removes the record but every touch keeps
the customer's name, so the history stays readable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime

from coach.core.errors import InputError
from coach.core.fields import optional_date, text_or_empty
from coach.core.signs import WarningSign, stored_signs
from coach.session import Coach
from coach.store import Record

TABLE = "customers"
MAX_NAME = 80
MAX_SHORT = 120
MAX_LONG = 2000
PHONE = re.compile(r"^[0-9+()./\- ]{3,40}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class CustomerFields:
    """What the user types about a customer (add and edit)."""

    name: str
    company: str = ""
    phone: str = ""
    email: str = ""
    why: str = ""
    notes: str = ""

    def cleaned(self) -> CustomerFields:
        """Single-spaced one-line fields; longer texts only trimmed."""

        def one_line(text: str) -> str:
            return " ".join(text.split())

        return CustomerFields(
            name=one_line(self.name),
            company=one_line(self.company),
            phone=one_line(self.phone),
            email=one_line(self.email),
            why=self.why.strip(),
            notes=self.notes.strip(),
        )


@dataclass(frozen=True)
class Customer:
    """One best customer, as the screens and CLI see them."""

    id: str
    name: str
    company: str = ""
    phone: str = ""
    email: str = ""
    why: str = ""
    notes: str = ""
    archived: bool = False
    at_risk: bool = False
    snoozed_until: date | None = None
    last_contact: date | None = None
    follow_up: date | None = None
    last_checkup: date | None = None
    checkups: int = 0
    created: str = ""
    seq: int = 0  # creation order: breaks ties even when two share a timestamp
    every: str = ""  # own rhythm ("2w"; see cadence.py), empty: the Settings default
    at_most: str = ""  # own longest gap that is still fine, empty: the default
    signs_seen: tuple[WarningSign, ...] = ()  # warning signs noted at the last check-up

    @property
    def fields(self) -> CustomerFields:
        return CustomerFields(self.name, self.company, self.phone, self.email, self.why, self.notes)

    def snoozed(self, day: date) -> bool:
        return self.snoozed_until is not None and self.snoozed_until > day

    def follow_up_due(self, day: date) -> bool:
        return self.follow_up is not None and self.follow_up <= day and not self.archived


_date = optional_date
_text = text_or_empty


def from_record(record: Record) -> Customer:
    """A stored record as a Customer; a damaged field reads as empty, never a crash."""
    checkups = record.get("checkups")
    seq = record.get("seq")
    return Customer(
        id=str(record.get("id", "")),
        name=_text(record.get("name")) or "(no name)",
        company=_text(record.get("company")),
        phone=_text(record.get("phone")),
        email=_text(record.get("email")),
        why=_text(record.get("why")),
        notes=_text(record.get("notes")),
        archived=record.get("archived") is True,
        at_risk=record.get("at_risk") is True,
        snoozed_until=_date(record.get("snoozed_until")),
        last_contact=_date(record.get("last_contact")),
        follow_up=_date(record.get("follow_up")),
        last_checkup=_date(record.get("last_checkup")),
        checkups=checkups if isinstance(checkups, int) and not isinstance(checkups, bool) else 0,
        created=_text(record.get("created")),
        seq=seq if isinstance(seq, int) and not isinstance(seq, bool) else 0,
        every=_text(record.get("every")),
        at_most=_text(record.get("at_most")),
        signs_seen=stored_signs(record.get("signs_seen")),
    )


def all_customers(coach: Coach, *, archived: bool = True) -> list[Customer]:
    """Every customer (or only the active ones), in the order they were added."""
    found = [from_record(r) for r in coach.store.records(TABLE).all()]
    found.sort(key=creation_key)
    return found if archived else [c for c in found if not c.archived]


def creation_key(customer: Customer) -> tuple[int, str, str]:
    return (customer.seq, customer.created, customer.id)


def get_customer(coach: Coach, customer_id: str) -> Customer | None:
    record = coach.store.records(TABLE).get(customer_id)
    return from_record(record) if record else None


def problems(values: CustomerFields) -> dict[str, str]:
    """Each field that is not acceptable, with what is wrong (empty when all is well)."""
    v = values.cleaned()
    found: dict[str, str] = {}
    if not v.name:
        found["name"] = "a name is needed"
    elif len(v.name) > MAX_NAME:
        found["name"] = f"the name is longer than {MAX_NAME} characters"
    if len(v.company) > MAX_SHORT:
        found["company"] = f"the company is longer than {MAX_SHORT} characters"
    if v.phone and not PHONE.match(v.phone):
        found["phone"] = f"{v.phone!r} is not a phone number (digits, spaces, + - ( ) only)"
    if v.email and not EMAIL.match(v.email):
        found["email"] = f"{v.email!r} is not an email address (like ann@example.com)"
    for name in ("why", "notes"):
        if len(getattr(v, name)) > MAX_LONG:
            found[name] = f"{name} is longer than {MAX_LONG} characters"
    return found


def _check(values: CustomerFields) -> CustomerFields:
    found = problems(values)
    if found:
        field_name, problem = next(iter(found.items()))
        raise InputError(f"{field_name}: {problem}")
    return values.cleaned()


def existing_record(coach: Coach, customer_id: str) -> Record:
    """The stored customer, or InputError when it was deleted meanwhile."""
    record = coach.store.records(TABLE).get(customer_id)
    if record is None:
        raise InputError("that customer no longer exists (deleted elsewhere?)")
    return record


def add_customer(coach: Coach, values: CustomerFields, now: datetime | None = None) -> Customer:
    """Add a best customer (raises InputError naming a bad field)."""
    clean = _check(values)
    stamp = (now or coach.clock.now()).isoformat(timespec="microseconds")
    with coach.store.transaction():
        table = coach.store.records(TABLE)
        seq = 1 + max((from_record(r).seq for r in table.all()), default=0)
        record = table.insert(
            {
                **_values_record(clean),
                "archived": False,
                "at_risk": False,
                "created": stamp,
                "seq": seq,
            }
        )
    return from_record(record)


def _values_record(values: CustomerFields) -> Record:
    return {f.name: getattr(values, f.name) for f in fields(values)}


def edit_customer(coach: Coach, customer_id: str, values: CustomerFields) -> Customer:
    """Change what the user typed about a customer; contact history is untouched."""
    clean = _check(values)
    with coach.store.transaction():
        record = existing_record(coach, customer_id)
        coach.store.records(TABLE).update(customer_id, _values_record(clean))
    return from_record({**record, **_values_record(clean)})


def set_archived(coach: Coach, customer_id: str, archived: bool = True) -> None:
    """Archive (or bring back) a customer. Nothing is deleted."""
    with coach.store.transaction():
        existing_record(coach, customer_id)
        coach.store.records(TABLE).update(customer_id, {"archived": archived})


def delete_customer(coach: Coach, customer_id: str) -> None:
    """Remove a customer from the list. Their touches stay, each with the name on it."""
    with coach.store.transaction():
        existing_record(coach, customer_id)
        coach.store.records(TABLE).remove(customer_id)


def snooze(coach: Coach, customer_id: str, until: date | None) -> None:
    """Leave a customer out of the rotation until `until` ("not today": until tomorrow).

    No contact is logged: their cadence still counts from the last real touch.
    None clears the snooze.
    """
    with coach.store.transaction():
        existing_record(coach, customer_id)
        stored = until.isoformat() if until is not None else None
        coach.store.records(TABLE).update(customer_id, {"snoozed_until": stored})


def store_cadence(coach: Coach, customer_id: str, every: str | None, at_most: str | None) -> None:
    """Store a customer's own rhythm and longest gap (codes like "2w"; "" = the default).

    None leaves that part as it is. The codes are checked by coach.customers.cadence.
    """
    changes = {k: v for k, v in (("every", every), ("at_most", at_most)) if v is not None}
    with coach.store.transaction():
        existing_record(coach, customer_id)
        if changes:
            coach.store.records(TABLE).update(customer_id, changes)


# -- names -------------------------------------------------------------------


def labels(customers: Iterable[Customer]) -> dict[str, str]:
    """A name for each customer that tells them apart: "Ann", "Ann (Acme)", "Ann (Acme) #2"."""
    listed = list(customers)
    by_name = Counter(c.name.casefold() for c in listed)
    first: dict[str, str] = {}
    for c in listed:
        first[c.id] = c.name
        if by_name[c.name.casefold()] > 1:
            first[c.id] = f"{c.name} ({c.company})" if c.company else c.name
    seen = Counter(label.casefold() for label in first.values())
    index: Counter[str] = Counter()
    out: dict[str, str] = {}
    for c in sorted(listed, key=creation_key):
        label = first[c.id]
        if seen[label.casefold()] > 1:
            index[label.casefold()] += 1
            label = f"{label} #{index[label.casefold()]}"
        out[c.id] = label
    return out


def label_of(coach: Coach, customer: Customer) -> str:
    return labels(all_customers(coach, archived=False) + [customer]).get(customer.id, customer.name)


def resolve(customers: list[Customer], text: str) -> Customer:
    """The one customer `text` names (a name or a label from `labels`), else InputError."""
    wanted = " ".join(text.split()).casefold()
    named = labels(customers)
    exact = [c for c in customers if named[c.id].casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    same_name = [c for c in customers if c.name.casefold() == wanted]
    if len(same_name) == 1:
        return same_name[0]
    if same_name:
        choices = ", ".join(f'"{named[c.id]}"' for c in same_name)
        raise InputError(f'"{text}" could be {len(same_name)} customers: {choices}; say which')
    close = [c for c in customers if wanted and wanted in named[c.id].casefold()]
    if close:
        choices = ", ".join(f'"{named[c.id]}"' for c in close[:10])
        raise InputError(f'no customer is called "{text}"; did you mean {choices}?')
    if not customers:
        raise InputError(f'no customer is called "{text}": add one with `coach customer add`')
    everyone = ", ".join(f'"{named[c.id]}"' for c in customers[:10])
    more = f" and {len(customers) - 10} more" if len(customers) > 10 else ""
    raise InputError(f'no customer is called "{text}" (customers: {everyone}{more})')
