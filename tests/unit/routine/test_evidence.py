"""Evidence against a hot thought: drawn from synthetic logs, never invented."""

from __future__ import annotations

from datetime import date, timedelta

from coach.challenge.helps import log_help
from coach.customers.customers import CustomerFields, add_customer
from coach.customers.touches import log_touch
from coach.loss.door import mark_checked_in
from coach.loss.losses import add_loss
from coach.routine.evidence import MAX_EACH, FactKind, evidence
from coach.session import Coach
from coach.walk.walks import log_walk

SUNDAY = date(2026, 11, 22)  # the fixture's today; weeks start on Monday 16 November


def test_nothing_is_offered_when_the_logs_are_empty(coach: Coach) -> None:
    assert evidence(coach) == []
    add_customer(coach, CustomerFields(name="Ann"))  # a customer alone is no fact
    add_loss(coach, "Acme", date(2026, 8, 1), ["price"])  # nor a loss with no check-in made
    assert evidence(coach) == []


def test_facts_come_from_each_log(coach: Coach) -> None:
    ann = add_customer(coach, CustomerFields(name="Ann", company="Bolt"))
    bob = add_customer(coach, CustomerFields(name="Bob"))
    log_touch(coach, ann.id, outcome="glad to hear from me", day=date(2026, 11, 3))
    log_touch(coach, bob.id, value="sent the rates article", day=date(2026, 11, 5),
              follow_up=date(2026, 11, 12))  # fmt: skip
    log_touch(coach, bob.id, kind="message", day=date(2026, 11, 10))
    log_touch(coach, ann.id, outcome="last month", day=date(2026, 10, 20))
    log_help(coach, "Cara", "an intro", day=date(2026, 11, 17))
    log_help(coach, "Dan", "a review", day=date(2026, 11, 20))
    log_help(coach, "Old", "last week", day=date(2026, 11, 15))
    log_walk(coach, date(2026, 11, 18), 20)
    log_walk(coach, date(2026, 11, 21), 25)
    loss = add_loss(coach, "Acme", date(2026, 8, 1), ["price"])
    mark_checked_in(coach, loss.id, date(2026, 11, 1))

    facts = evidence(coach)
    by_kind = {f.kind: f.text for f in facts}
    assert by_kind == {
        FactKind.ANSWERED: "Ann (Bolt) answered on 3 Nov: glad to hear from me",
        FactKind.VALUE: "On 5 Nov I called Bob and added value: sent the rates article",
        FactKind.FOLLOW_UP: "I followed up with Bob on 10 Nov, as I said I would",
        FactKind.HELPED: "I helped 2 people this week: Cara, Dan",
        FactKind.WALKS: "I walked on 2 days this week (45 minutes)",
        FactKind.CHECK_IN: "I checked in with Acme on 1 Nov, 2026",
    }
    # an earlier day sees only what had happened by then
    assert {f.kind for f in evidence(coach, date(2026, 11, 4))} == {
        FactKind.ANSWERED,
        FactKind.CHECK_IN,
    }


def test_a_follow_up_after_the_day_planned_is_not_counted_as_kept(coach: Coach) -> None:
    bob = add_customer(coach, CustomerFields(name="Bob"))
    log_touch(coach, bob.id, day=date(2026, 11, 2), follow_up=date(2026, 11, 5))
    log_touch(coach, bob.id, day=date(2026, 11, 9))
    assert [f for f in evidence(coach) if f.kind is FactKind.FOLLOW_UP] == []


def test_each_kind_is_capped(coach: Coach) -> None:
    for n in range(MAX_EACH + 3):
        who = add_customer(coach, CustomerFields(name=f"C{n}"))
        log_touch(coach, who.id, outcome="yes", day=SUNDAY - timedelta(days=n))
    answered = [f for f in evidence(coach) if f.kind is FactKind.ANSWERED]
    assert len(answered) == MAX_EACH
    assert answered[0].day == SUNDAY  # newest first
