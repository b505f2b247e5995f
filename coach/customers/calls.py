"""Today's call: who to call, how long it has been, an idea to add value, and due follow-ups.

Reads only the customers table and today's touches, never years of history, so
Today stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from coach.content import rotation as daily_rotation
from coach.content.library import Item
from coach.core.clock import logical_day
from coach.core.dates import describe, since
from coach.core.notices import Due
from coach.customers.cadence import Standing, rotation
from coach.customers.customers import Customer, all_customers, labels, snooze
from coach.customers.touches import Touch, touched_on
from coach.session import Coach

IDEA_POOL = "call-value-idea"


@dataclass(frozen=True)
class CallPlan:
    """What the call step shows today."""

    day: date
    customer: Customer | None  # who to call next (None: nobody to suggest)
    label: str  # the customer's name, told apart from namesakes
    idea: Item | None
    reached: tuple[Touch, ...] = ()  # touches logged today
    has_customers: bool = False
    standing: Standing | None = None  # where the customer stands against their cadence

    @property
    def why(self) -> str:
        """Why this customer today: "3 days past your 2-week rhythm"."""
        return self.standing.why if self.standing is not None else ""

    @property
    def since_line(self) -> str:
        c = self.customer
        if c is None:
            return ""
        if c.last_contact is None:
            return "no contact logged yet"
        return f"last contact {since(c.last_contact, self.day)}"


def call_plan(coach: Coach, day: date) -> CallPlan:
    active = all_customers(coach, archived=False)
    order = rotation(active, day, coach.settings)
    names = labels(active)
    first = order[0] if order else None
    customer = first.customer if first else None
    return CallPlan(
        day=day,
        customer=customer,
        label=names.get(customer.id, customer.name) if customer else "",
        idea=daily_rotation.pick_for(coach, IDEA_POOL, day),  # this user's order, no repeats
        reached=tuple(touched_on(coach, day)),
        has_customers=bool(active),
        standing=first,
    )


def call_detail(coach: Coach, day: date) -> str:
    """The call step's short line on Today (it sits under the step in a narrow list)."""
    plan = call_plan(coach, day)
    if plan.reached:
        who = ", ".join(dict.fromkeys(t.who for t in plan.reached))
        return f"Reached {who} today"
    c = plan.customer
    if c is not None:
        when = plan.why if c.last_contact else "never called"
        return " · ".join([plan.label, *(["at risk"] if c.at_risk else []), when])
    if plan.has_customers:
        return "Everyone is snoozed today"
    return "Add customers: press c"


def not_today(coach: Coach, customer_id: str, day: date) -> None:
    """Skip a customer today: they come back in the rotation tomorrow."""
    snooze(coach, customer_id, day + timedelta(days=1))


def due_follow_ups(coach: Coach, day: date) -> list[tuple[Customer, str]]:
    """Active customers whose follow-up is due by `day`, soonest first, with their labels."""
    active = all_customers(coach, archived=False)
    names = labels(active)
    due = sorted((c for c in active if c.follow_up_due(day)), key=lambda c: (c.follow_up, c.name))
    return [(c, names[c.id]) for c in due]


def follow_up_line(customer: Customer, label: str, day: date) -> str:
    assert customer.follow_up is not None
    return f"Follow up with {label} ({describe(customer.follow_up, day)})"


def follow_up_notes(coach: Coach, day: date) -> list[str]:
    """Today's notes: one line per due follow-up."""
    return [follow_up_line(c, label, day) for c, label in due_follow_ups(coach, day)]


def follow_up_reminders(coach: Coach, now: datetime) -> list[Due]:
    """For `coach remind`: the follow-ups due today or overdue."""
    day = logical_day(now, coach.settings.rollover_hour)
    return [
        Due("follow-up", follow_up_line(c, label, day)) for c, label in due_follow_ups(coach, day)
    ]
