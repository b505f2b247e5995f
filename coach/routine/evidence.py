"""Evidence against a hot thought, drawn from the user's own logs.

A thought record's "evidence against" should be facts. coach offers facts it
can stand behind: customers who answered this month, contacts where value was
added, people helped this week, walks this week, follow-ups kept and loss
check-ins made. Each comes from a feature's public functions; with empty logs
nothing is offered, never an invented fact.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from coach.challenge import helps
from coach.core.words import plural
from coach.customers import touches
from coach.customers.touches import Touch
from coach.loss import losses
from coach.session import Coach
from coach.walk import walks

MAX_EACH = 5  # facts of one kind, newest first, so the list fits a screen


class FactKind(StrEnum):
    ANSWERED = "answered"
    VALUE = "value"
    HELPED = "helped"
    WALKS = "walks"
    FOLLOW_UP = "follow-up"
    CHECK_IN = "check-in"


@dataclass(frozen=True)
class Fact:
    """One fact coach can offer, and the day it happened."""

    kind: FactKind
    day: date
    text: str


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"


def _answered(month: list[Touch]) -> list[Fact]:
    seen: set[str] = set()
    out = []
    for touch in month:  # newest first: each customer's latest answer
        if touch.outcome and touch.customer_id not in seen:
            seen.add(touch.customer_id)
            out.append(
                Fact(
                    FactKind.ANSWERED,
                    touch.day,
                    f"{touch.who} answered on {_day(touch.day)}: {touch.outcome}",
                )
            )
    return out


def _value(month: list[Touch]) -> list[Fact]:
    return [
        Fact(
            FactKind.VALUE,
            t.day,
            f"On {_day(t.day)} I {touches.KIND_VERBS.get(t.kind, t.kind)} {t.who} "
            f"and added value: {t.value}",
        )
        for t in month
        if t.value
    ]


def _follow_ups(recent: list[Touch], first: date) -> list[Fact]:
    """A follow-up kept: a later contact with the customer on or before the day planned."""
    out = []
    for planned in recent:
        if planned.follow_up is None:
            continue
        kept = [
            t
            for t in recent
            if t.customer_id == planned.customer_id
            and planned.day < t.day <= planned.follow_up
            and t.day >= first
        ]
        if kept:
            day = min(t.day for t in kept)
            out.append(
                Fact(
                    FactKind.FOLLOW_UP,
                    day,
                    f"I followed up with {planned.who} on {_day(day)}, as I said I would",
                )
            )
    return sorted(out, key=lambda f: f.day, reverse=True)


def _helped(coach: Coach, day: date) -> list[Fact]:
    week = helps.current_week(coach, day)
    done = helps.helps_between(coach, week.start, day)
    if not done:
        return []
    people = ", ".join(dict.fromkeys(h.who for h in done))
    n = len(done)
    return [
        Fact(
            FactKind.HELPED,
            day,
            f"I helped {plural(n, 'person')} this week: {people}",
        )
    ]


def _walks(coach: Coach, day: date) -> list[Fact]:
    week = helps.current_week(coach, day)
    found = walks.walks_between(coach, week.start, day)
    if not found:
        return []
    minutes = sum(w.minutes for w in found)
    days = len({w.day for w in found})
    return [
        Fact(
            FactKind.WALKS,
            max(w.day for w in found),
            f"I walked on {plural(days, 'day')} this week ({plural(minutes, 'minute')})",
        )
    ]


def _check_ins(coach: Coach, day: date) -> list[Fact]:
    out = [
        Fact(FactKind.CHECK_IN, d, f"I checked in with {loss.client} on {_day(d)}, {d.year}")
        for loss in losses.all_losses(coach)
        for d in loss.checkins_done
        if d <= day
    ]
    return sorted(out, key=lambda f: f.day, reverse=True)


def evidence(coach: Coach, day: date | None = None) -> list[Fact]:
    """The facts coach offers on `day` (default today), grouped by kind, newest first."""
    day = day or coach.today()
    month_first = day.replace(day=1)
    recent = [
        t for t in touches.history(coach, first=month_first - timedelta(days=62)) if t.day <= day
    ]
    month = [t for t in recent if t.day >= month_first]
    groups = (
        _answered(month),
        _value(month),
        _follow_ups(recent, month_first),
        _helped(coach, day),
        _walks(coach, day),
        _check_ins(coach, day),
    )
    return [fact for group in groups for fact in group[:MAX_EACH]]
