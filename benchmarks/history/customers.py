"""History for best customers: about twenty of them, a touch most days, some follow-ups."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from coach.customers import calls
from coach.customers.cadence import set_cadence
from coach.customers.checkup import save_checkup
from coach.customers.customers import CustomerFields, add_customer, all_customers, snooze
from coach.customers.touches import KINDS, log_touch
from coach.session import Coach

FIRST = ("Ann", "Bob", "Cara", "Dev", "Eve", "Finn", "Gita", "Hal", "Ines", "Jon", "Kay", "Lou")
LAST = ("Lee", "Stone", "Okafor", "Meyer", "Silva", "Novak", "Kaur", "Brown")
COMPANIES = ("Acme", "Bolt & Co", "Northwind", "Hollow Pine", "Kettle Labs", "Marlow", "Quill")
VALUES = (
    "introduced them to a supplier",
    "sent an article about their market",
    "asked what more I can do",
    "congratulated them on the launch",
    "",
)
OUTCOMES = ("went well", "short but warm", "they asked for a quote", "voicemail", "")
CUSTOMERS = 20
# (every, at most): weekly accounts, fortnightly, monthly, quarterly; None: the default
CADENCES = (("1w", "3w"), ("2w", "4w"), ("1m", "6w"), ("3m", "4m"), None)


def _seed(coach: Coach, rng: Random) -> None:
    for _ in range(CUSTOMERS):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        c = add_customer(coach, CustomerFields(name, rng.choice(COMPANIES), why="steady work"))
        cadence = rng.choice(CADENCES)
        if cadence is not None:
            set_cadence(coach, c.id, *cadence)


def generate(coach: Coach, day: date, rng: Random) -> None:
    if not all_customers(coach):
        _seed(coach, rng)
    if rng.random() < 0.25:
        return  # no touch today
    plan = calls.call_plan(coach, day)
    if plan.customer is None:
        return
    if rng.random() < 0.1:
        calls.not_today(coach, plan.customer.id, day)
        return
    if rng.random() < 0.01:  # away for a while: snoozed without a contact
        snooze(coach, plan.customer.id, day + timedelta(days=rng.randint(7, 40)))
        return
    follow_up = day + timedelta(days=rng.randint(3, 30)) if rng.random() < 0.3 else None
    log_touch(
        coach,
        plan.customer.id,
        kind=rng.choice(KINDS),
        value=rng.choice(VALUES),
        outcome=rng.choice(OUTCOMES),
        follow_up=follow_up,
        day=day,
    )
    if rng.random() < 0.02:
        save_checkup(
            coach,
            plan.customer.id,
            answers={},
            notes="checked",
            at_risk=rng.random() < 0.2,
            day=day,
        )
