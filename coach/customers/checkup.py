"""The check-up: after a loss, look at every other best customer for the reasons clients leave.

One question per reason (from the content pool "checkup-question"), a few words
of notes, and an at-risk mark. Each check-up is kept in the dated log
`checkups`; the customer record keeps the date of the last one and the mark.
Lessons to show at the top (what the post-mortem of a lost client taught) come
from other features: coach.routine.features.LESSONS wires them in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from coach.content.library import Item, Library
from coach.core.errors import InputError
from coach.core.signs import SIGN_WORDS, WarningSign
from coach.customers.customers import TABLE, Customer, all_customers, existing_record, from_record
from coach.session import Coach

LOG = "checkups"
POOL = "checkup-question"
REASONS: dict[str, str] = {
    "communication": "Communication",
    "missed-deadlines": "Missed deadlines",
    "price": "Rates and price",
    "too-busy": "Too busy elsewhere",
    "their-situation": "Their situation changing",
}
MAX_ANSWER = 1000


@dataclass(frozen=True)
class Checkup:
    """One check-up of one customer, as saved."""

    id: str
    day: date
    customer_id: str
    customer_name: str
    answers: dict[str, str] = field(default_factory=dict)  # question id -> answer
    notes: str = ""
    at_risk: bool = False


def lessons(coach: Coach, providers: Iterable[Callable[[Coach], list[str]]]) -> list[str]:
    """Every provider's lessons; a failing provider never blocks the check-up."""
    found: list[str] = []
    for provider in providers:
        try:
            found.extend(provider(coach))
        except Exception:  # noqa: BLE001  # one feature's bug must not hide the check-up
            continue
    return found


def reason_label(reason: str) -> str:
    return REASONS.get(reason, reason.replace("-", " ").capitalize())


def questions(library: Library, customer: Customer) -> list[Item]:
    """One question per reason; each check-up of a customer moves on to the next question."""
    by_reason: dict[str, list[Item]] = {}
    for item in library.pool(POOL):
        by_reason.setdefault(item.reason or "other", []).append(item)
    order = [r for r in REASONS if r in by_reason] + sorted(set(by_reason) - set(REASONS))
    chosen = []
    for reason in order:
        items = sorted(by_reason[reason], key=lambda i: i.id)
        chosen.append(items[customer.checkups % len(items)])
    return chosen


def queue(coach: Coach) -> list[Customer]:
    """Active customers, those checked longest ago (or never) first."""
    active = all_customers(coach, archived=False)
    return sorted(
        active,
        key=lambda c: (c.last_checkup is not None, c.last_checkup or date.min, c.name.casefold()),
    )


def save_checkup(
    coach: Coach,
    customer_id: str,
    *,
    answers: dict[str, str],
    notes: str = "",
    at_risk: bool,
    signs_seen: Iterable[WarningSign] = (),
    day: date | None = None,
    now: datetime | None = None,
) -> Checkup:
    """Keep a check-up and set the customer's at-risk mark and last check-up date."""
    day = day or coach.today()
    seen = [s.value for s in dict.fromkeys(WarningSign(s) for s in signs_seen)]
    kept = {k: v.strip() for k, v in answers.items() if v.strip()}
    for text in (*kept.values(), notes):
        if len(text) > MAX_ANSWER:
            raise InputError(f"an answer is longer than {MAX_ANSWER} characters")
    stamp = (now or coach.clock.now()).isoformat(timespec="seconds")
    with coach.store.transaction():
        customer = from_record(existing_record(coach, customer_id))
        stored = coach.store.log(LOG).insert(
            day,
            {
                "customer_id": customer.id,
                "customer_name": customer.name,
                "answers": kept,
                "notes": notes.strip(),
                "at_risk": at_risk,
                "signs_seen": seen,
                "at": stamp,
            },
        )
        coach.store.records(TABLE).update(
            customer.id,
            {
                "at_risk": at_risk,
                "signs_seen": seen,
                "last_checkup": day.isoformat(),
                "checkups": customer.checkups + 1,
            },
        )
    return Checkup(stored["id"], day, customer.id, customer.name, kept, notes.strip(), at_risk)


def set_at_risk(coach: Coach, customer_id: str, at_risk: bool) -> None:
    """Mark (or clear) a customer as at risk without a full check-up."""
    with coach.store.transaction():
        existing_record(coach, customer_id)
        coach.store.records(TABLE).update(customer_id, {"at_risk": at_risk})


def last_checkup(coach: Coach, customer: Customer) -> Checkup | None:
    """The customer's latest check-up (reads one day of the log)."""
    if customer.last_checkup is None:
        return None
    found = [
        r
        for r in coach.store.log(LOG).on(customer.last_checkup)
        if r.get("customer_id") == customer.id
    ]
    if not found:
        return None
    r = max(found, key=lambda r: str(r.get("at", "")))
    answers = r.get("answers") if isinstance(r.get("answers"), dict) else {}
    return Checkup(
        id=str(r.get("id", "")),
        day=customer.last_checkup,
        customer_id=customer.id,
        customer_name=str(r.get("customer_name", customer.name)),
        answers={str(k): str(v) for k, v in (answers or {}).items()},
        notes=str(r.get("notes", "")),
        at_risk=r.get("at_risk") is True,
    )


QUIET_DAYS = 30  # "went quiet for weeks", as coach can see it in the touches


@dataclass(frozen=True)
class Flag:
    """A best customer showing a sign you missed before a loss."""

    customer: Customer
    sign: WarningSign
    evidence: str  # "no touch in 34 days", "noted at the check-up on 2026-11-02"
    lesson_from: str  # the client it was missed with

    @property
    def line(self) -> str:
        words = SIGN_WORDS[self.sign]
        return f"{self.customer.name}: {words} ({self.evidence}); missed with {self.lesson_from}"


def rules(missed: Iterable[tuple[WarningSign, str]]) -> dict[WarningSign, str]:
    """Each sign missed before a loss, once, with the client it was missed with (newest first)."""
    found: dict[WarningSign, str] = {}
    for sign, client in missed:
        found.setdefault(sign, client)  # newest loss first: its client is named
    return found


def coach_sees(sign: WarningSign) -> bool:
    """Whether coach can read the sign from the logs (else the check-up asks)."""
    return sign is WarningSign.WENT_QUIET


def rule_line(sign: WarningSign, client: str) -> str:
    """A learned sign as a rule: "Went quiet for weeks (missed with Acme): no touch in 30 days"."""
    words = SIGN_WORDS[sign]
    watch = f"no touch in {QUIET_DAYS} days" if coach_sees(sign) else "ticked at the check-up"
    return f"{words[0].upper()}{words[1:]} (missed with {client}): {watch}"


def warning_flags(coach: Coach, day: date, missed: Iterable[tuple[WarningSign, str]]) -> list[Flag]:
    """Each active customer showing a sign missed before a loss.

    Going quiet is read from the logs (no touch in 30 days, or none ever); the
    signs coach cannot see are read from the last check-up's answers. Reads only
    the customers table.
    """
    flags: list[Flag] = []
    for c in all_customers(coach, archived=False):
        for sign, client in rules(missed).items():
            if sign is WarningSign.WENT_QUIET:
                if c.last_contact is None:
                    flags.append(Flag(c, sign, "no touch logged yet", client))
                elif (gap := (day - c.last_contact).days) >= QUIET_DAYS:
                    flags.append(Flag(c, sign, f"no touch in {gap} days", client))
            elif sign in c.signs_seen and c.last_checkup is not None:
                noted = f"noted at the check-up on {c.last_checkup.isoformat()}"
                flags.append(Flag(c, sign, noted, client))
    return flags
