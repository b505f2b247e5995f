"""How often to be in touch with each best customer, and where each one stands today.

A cadence is two gaps: `every` (the rhythm you want, "2w") and `at_most` (the
longest gap that is still fine, "4w"). A customer without their own takes the
default from Settings. Any logged touch resets the clock (it moves the
customer's last contact); a snooze hides them from the rotation until a day
without pretending a contact happened. Pure functions of a Customer and a day:
Today reads only the customers table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from coach.core.clock import logical_day
from coach.core.errors import InputError
from coach.core.notices import Due
from coach.customers.customers import (
    Customer,
    all_customers,
    get_customer,
    labels,
    store_cadence,
)
from coach.session import Coach
from coach.settings import Settings


class Unit(StrEnum):
    DAY = "d"
    WEEK = "w"
    MONTH = "m"


UNIT_WORDS = {Unit.DAY: "day", Unit.WEEK: "week", Unit.MONTH: "month"}
MAX_DAYS = {Unit.DAY: 730, Unit.WEEK: 104, Unit.MONTH: 24}  # two years at most
NAMED = {
    "daily": "1d",
    "weekly": "1w",
    "fortnightly": "2w",
    "biweekly": "2w",
    "monthly": "1m",
    "quarterly": "3m",
}
GAP = re.compile(r"^(?:every\s+)?(\d{1,4})?\s*(d|days?|w|wks?|weeks?|m|mos?|months?|q|quarters?)$")
REFERENCE = date(2001, 1, 31)
HINT = 'like "2w", "10 days", "1 month" or "quarterly"'


@dataclass(frozen=True)
class Gap:
    """A stretch of time in the user's unit: months stay months (31 Jan + 1 month = 28 Feb)."""

    amount: int
    unit: Unit

    def after(self, day: date) -> date:
        """`day` plus this gap; date.max when that is past the calendar's end (a contact
        dated 9999-12-31 in an odd data file is due never, not a crash)."""
        try:
            if self.unit is Unit.DAY:
                return day + relativedelta(days=self.amount)
            if self.unit is Unit.WEEK:
                return day + relativedelta(weeks=self.amount)
            return day + relativedelta(months=self.amount)
        except (OverflowError, ValueError):
            return date.max

    def shorter_than(self, other: Gap) -> bool:
        """Compared from a month's end, where months are shortest after (31 Jan + 1m)."""
        return self.after(REFERENCE) < other.after(REFERENCE)

    def approx_days(self) -> int:
        return self.amount * {Unit.DAY: 1, Unit.WEEK: 7, Unit.MONTH: 30}[self.unit]

    @property
    def code(self) -> str:
        """How it is stored and typed: "2w"."""
        return f"{self.amount}{self.unit.value}"

    @property
    def words(self) -> str:
        """ "2-week", "10-day", "1-month" (as in "your 2-week rhythm")."""
        amount, unit = self._weeks_if_even()
        return f"{amount}-{UNIT_WORDS[unit]}"

    @property
    def plain(self) -> str:
        """ "2 weeks", "1 month"."""
        amount, unit = self._weeks_if_even()
        return f"{amount} {UNIT_WORDS[unit]}{'s' if amount != 1 else ''}"

    def _weeks_if_even(self) -> tuple[int, Unit]:
        if self.unit is Unit.DAY and self.amount % 7 == 0:
            return self.amount // 7, Unit.WEEK
        return self.amount, self.unit


def parse_gap(text: str, *, what: str = "cadence") -> Gap:
    """A gap from user text ("2w", "every 2 weeks", "monthly"), else InputError naming `what`."""
    cleaned = " ".join(text.strip().lower().split())
    cleaned = NAMED.get(cleaned, cleaned)
    match = GAP.match(cleaned)
    if not match:
        raise InputError(f"{what}: cannot read {text.strip()!r} as a gap ({HINT})")
    amount = int(match.group(1) or 1)
    letter = match.group(2)[0]
    unit = Unit(letter) if letter != "q" else Unit.MONTH
    if letter == "q":
        amount *= 3
    if not 1 <= amount <= MAX_DAYS[unit]:
        raise InputError(f"{what}: {text.strip()!r} must be between 1 day and 2 years")
    return Gap(amount, unit)


def stored_gap(value: object) -> Gap | None:
    """A gap read back from a record; anything damaged reads as None (the default)."""
    if not isinstance(value, str):
        return None
    try:
        return parse_gap(value)
    except InputError:
        return None


@dataclass(frozen=True)
class Cadence:
    every: Gap
    at_most: Gap

    def check(self) -> Cadence:
        if self.at_most.shorter_than(self.every):
            raise InputError(
                f"the longest gap ({self.at_most.plain}) is shorter than the rhythm "
                f"({self.every.plain})"
            )
        return self


def default_cadence(settings: Settings) -> Cadence:
    return Cadence(
        Gap(settings.call_every_days, Unit.DAY), Gap(settings.call_at_most_days, Unit.DAY)
    )


def cadence_of(customer: Customer, settings: Settings) -> Cadence:
    """The customer's own cadence, each part falling back to the Settings default."""
    base = default_cadence(settings)
    every = stored_gap(customer.every) or base.every
    at_most = stored_gap(customer.at_most) or base.at_most
    if at_most.shorter_than(every):
        at_most = every  # a default maximum below a customer's own rhythm: the rhythm rules
    return Cadence(every, at_most)


class State(StrEnum):
    OK = "ok"
    DUE = "due"
    QUIET = "quiet"  # past the longest gap that is still fine
    SNOOZED = "snoozed"
    AT_RISK = "at risk"


@dataclass(frozen=True)
class Standing:
    """Where one customer stands on `day` against their own cadence."""

    customer: Customer
    day: date
    cadence: Cadence
    state: State
    next_due: date | None  # None: never contacted (due now)
    quiet_after: date | None  # the last day still within the maximum

    @property
    def days_late(self) -> int:
        """Days past the rhythm (negative: days still to go)."""
        return 0 if self.next_due is None else (self.day - self.next_due).days

    @property
    def lateness(self) -> float:
        """How overdue, in rhythms: 3 days late on a weekly account beats 3 on a quarterly one."""
        if self.next_due is None:
            return float("inf")
        return self.days_late / max(1, self.cadence.every.approx_days())

    @property
    def why(self) -> str:
        """ "3 days past your 2-week rhythm", "due today", "quiet: 5 weeks, past 4 weeks"."""
        c = self.customer
        rhythm = self.cadence.every.words
        if self.state is State.SNOOZED and c.snoozed_until is not None:
            return f"snoozed until {c.snoozed_until.isoformat()}"
        if self.next_due is None:
            return "no contact logged yet"
        late = self.days_late
        if self.state is State.QUIET and self.quiet_after is not None:
            over = (self.day - self.quiet_after).days
            return f"gone quiet: {_days(over)} past your {self.cadence.at_most.words} maximum"
        if late > 0:
            return f"{_days(late)} past your {rhythm} rhythm"
        if late == 0:
            return f"due today on your {rhythm} rhythm"
        return f"due in {_days(-late)} ({rhythm} rhythm)"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def standing(customer: Customer, day: date, settings: Settings) -> Standing:
    cadence = cadence_of(customer, settings)
    last = customer.last_contact
    next_due = cadence.every.after(last) if last else None
    # never before the due day, even where a month is longer than "28 days"
    quiet_after = max(cadence.at_most.after(last), cadence.every.after(last)) if last else None
    if customer.snoozed(day):
        state = State.SNOOZED
    elif customer.at_risk:
        state = State.AT_RISK
    elif quiet_after is not None and day > quiet_after:
        state = State.QUIET
    elif next_due is None or day >= next_due:
        state = State.DUE
    else:
        state = State.OK
    return Standing(customer, day, cadence, state, next_due, quiet_after)


STATE_ORDER = {State.AT_RISK: 0, State.QUIET: 10, State.DUE: 20, State.OK: 30, State.SNOOZED: 40}
AT_RISK_NOT_YET_DUE = 25  # reached within their rhythm: not suggested again every day


def rank(s: Standing) -> int:
    """At risk (and due) first, then gone quiet, then due, then an at-risk one just reached."""
    if s.state is State.AT_RISK and s.days_late < 0:
        return AT_RISK_NOT_YET_DUE
    return STATE_ORDER[s.state]


def urgency_key(s: Standing) -> tuple[int, float, str, int, str, str]:
    """By rank, then the most overdue against their own rhythm; ties by name, then age."""
    c = s.customer
    return (rank(s), -s.lateness, c.name.casefold(), c.seq, c.created, c.id)


def standings(customers: list[Customer], day: date, settings: Settings) -> list[Standing]:
    """Every customer's standing, most urgent first (archived ones left out)."""
    found = [standing(c, day, settings) for c in customers if not c.archived]
    return sorted(found, key=urgency_key)


def rotation(customers: Iterable[Customer], day: date, settings: Settings) -> list[Standing]:
    """Today's call order: active, not snoozed, not reached on `day`; most urgent first."""
    return [
        s
        for s in standings(list(customers), day, settings)
        if s.state is not State.SNOOZED and s.customer.last_contact != day
    ]


def todays_call(coach: Coach, day: date) -> Customer | None:
    """The customer to call today, or None when there is nobody to suggest."""
    order = rotation(all_customers(coach, archived=False), day, coach.settings)
    return order[0].customer if order else None


def gone_quiet(coach: Coach, day: date) -> list[Standing]:
    """Active customers past their longest gap (snoozed ones are left alone)."""
    found = standings(all_customers(coach, archived=False), day, coach.settings)
    return [s for s in found if s.state is State.QUIET]


def quiet_reminders(coach: Coach, now: datetime) -> list[Due]:
    """For `coach remind`: who went quiet, one line each."""
    day = logical_day(now, coach.settings.rollover_hour)
    quiet = gone_quiet(coach, day)
    names = labels(all_customers(coach, archived=False))
    return [Due("quiet", f"{names.get(s.customer.id, s.customer.name)}: {s.why}") for s in quiet]


def set_cadence(
    coach: Coach, customer_id: str, every: str | None = None, at_most: str | None = None
) -> Cadence:
    """Set a customer's own rhythm and/or longest gap from user text ("2w"); "" resets a part
    to the default. Raises InputError naming a gap it cannot read or a maximum below the rhythm.
    """
    every_gap = parse_gap(every, what="--every") if every else None
    at_most_gap = parse_gap(at_most, what="--at-most") if at_most else None
    with coach.store.transaction():
        current = get_customer(coach, customer_id)
        if current is None:
            raise InputError("that customer no longer exists (deleted elsewhere?)")
        new_every = every_gap.code if every_gap else every
        new_most = at_most_gap.code if at_most_gap else at_most
        merged = replace(
            current,
            every=current.every if new_every is None else new_every,
            at_most=current.at_most if new_most is None else new_most,
        )
        own_most = stored_gap(merged.at_most)
        if own_most is not None:  # a maximum of their own must not undercut the rhythm
            rhythm = stored_gap(merged.every) or default_cadence(coach.settings).every
            Cadence(rhythm, own_most).check()
        store_cadence(coach, customer_id, new_every, new_most)
    return cadence_of(merged, coach.settings)
