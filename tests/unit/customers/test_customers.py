"""Best customers: adding, telling namesakes apart, archive, delete, and today's call order."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.errors import InputError
from coach.customers.cadence import Standing, State, rotation, todays_call
from coach.customers.calls import call_detail, call_plan, not_today
from coach.customers.customers import (
    Customer,
    CustomerFields,
    add_customer,
    all_customers,
    delete_customer,
    edit_customer,
    get_customer,
    labels,
    problems,
    resolve,
    set_archived,
)
from coach.customers.touches import history, log_touch
from coach.session import Coach
from coach.settings import Settings

TODAY = date(2026, 11, 22)
DEFAULTS = Settings()  # every 14 days, at most 28


def order_of(customers: object, day: date) -> list[Customer]:
    return [s.customer for s in rotation(customers, day, DEFAULTS)]  # type: ignore[arg-type]


def add(coach: Coach, name: str, company: str = "") -> Customer:
    return add_customer(coach, CustomerFields(name, company))


def test_add_cleans_and_validates(coach: Coach) -> None:
    ann = add_customer(coach, CustomerFields("  Ann   Lee ", "Acme", "+44 20 7946", "a@b.co"))
    assert ann.name == "Ann Lee" and not ann.archived and ann.last_contact is None
    assert get_customer(coach, ann.id) == ann
    with pytest.raises(InputError, match="name: a name is needed"):
        add_customer(coach, CustomerFields("   "))
    bad = problems(CustomerFields("X", phone="call me", email="nope"))
    assert set(bad) == {"phone", "email"}
    assert "'nope' is not an email address" in bad["email"]


def test_edit_keeps_contact_history(coach: Coach) -> None:
    ann = add(coach, "Ann")
    log_touch(coach, ann.id, day=TODAY)
    edited = edit_customer(coach, ann.id, CustomerFields("Ann B", "Acme", why="loyal"))
    assert edited.name == "Ann B" and edited.last_contact == TODAY
    assert get_customer(coach, ann.id) == edited


def test_namesakes_get_labels_by_company_then_index(coach: Coach) -> None:
    a = add(coach, "Ann", "Acme")
    b = add(coach, "ann", "Bolt")
    c = add(coach, "Ann", "Acme")
    d = add(coach, "Bob")
    assert labels(all_customers(coach)) == {
        a.id: "Ann (Acme) #1",
        b.id: "ann (Bolt)",
        c.id: "Ann (Acme) #2",
        d.id: "Bob",
    }


def test_resolve_names_candidates_when_ambiguous_or_unknown(coach: Coach) -> None:
    a = add(coach, "Ann", "Acme")
    b = add(coach, "Ann", "Bolt")
    add(coach, "Bob")
    everyone = all_customers(coach)
    assert resolve(everyone, "Ann (Bolt)") == b
    assert resolve(everyone, "ann  (acme)") == a
    with pytest.raises(InputError) as info:
        resolve(everyone, "ann")
    assert '"Ann (Acme)", "Ann (Bolt)"' in str(info.value)
    with pytest.raises(InputError) as info:
        resolve(everyone, "Zed")
    assert 'no customer is called "Zed"' in str(info.value) and '"Bob"' in str(info.value)
    with pytest.raises(InputError, match="did you mean"):
        resolve(everyone, "bo")


def test_log_touch_moves_last_contact_and_follow_up(coach: Coach) -> None:
    ann = add(coach, "Ann")
    log_touch(coach, ann.id, day=date(2026, 11, 10), follow_up=date(2026, 11, 20))
    assert get_customer(coach, ann.id).follow_up == date(2026, 11, 20)  # type: ignore[union-attr]
    log_touch(coach, ann.id, day=date(2026, 11, 1), value="older, logged late")
    after = get_customer(coach, ann.id)
    assert after is not None
    assert after.last_contact == date(2026, 11, 10)  # an older touch does not move it back
    assert after.follow_up == date(2026, 11, 20)
    log_touch(coach, ann.id, day=TODAY)  # a new touch settles the follow-up
    assert get_customer(coach, ann.id).follow_up is None  # type: ignore[union-attr]
    with pytest.raises(InputError, match="kind must be one of"):
        log_touch(coach, ann.id, kind="fax")


def test_archive_keeps_history_and_leaves_rotation(coach: Coach) -> None:
    ann, bob = add(coach, "Ann"), add(coach, "Bob")
    log_touch(coach, ann.id, day=date(2026, 10, 1), value="sent the article")
    set_archived(coach, ann.id)
    assert [t.value for t in history(coach, ann.id)] == ["sent the article"]
    assert get_customer(coach, ann.id).archived  # type: ignore[union-attr]
    assert [c.id for c in all_customers(coach, archived=False)] == [bob.id]
    assert todays_call(coach, TODAY) == get_customer(coach, bob.id)
    set_archived(coach, ann.id, False)
    # Ann, 7 weeks without a touch, has gone quiet: she comes before never-contacted Bob
    assert todays_call(coach, TODAY).id == ann.id  # type: ignore[union-attr]


def test_delete_keeps_history_readable(coach: Coach) -> None:
    ann = add(coach, "Ann", "Acme")
    log_touch(coach, ann.id, day=date(2026, 10, 1), kind="meeting", outcome="warm")
    delete_customer(coach, ann.id)
    assert get_customer(coach, ann.id) is None
    (touch,) = history(coach)
    assert touch.who == "Ann (Acme)" and touch.kind == "meeting" and touch.outcome == "warm"
    with pytest.raises(InputError, match="no longer exists"):
        log_touch(coach, ann.id)


def test_rotation_order(coach: Coach) -> None:
    old = add(coach, "Old")
    never_b = add(coach, "Bea")
    recent = add(coach, "Recent")
    never_a = add(coach, "Abe")
    risky = add(coach, "Risky")
    snoozed = add(coach, "Snoozed")
    log_touch(coach, old.id, day=date(2026, 9, 1))
    log_touch(coach, recent.id, day=date(2026, 11, 20))
    log_touch(coach, risky.id, day=date(2026, 11, 21))
    from coach.customers.checkup import set_at_risk

    set_at_risk(coach, risky.id, True)
    not_today(coach, snoozed.id, TODAY)
    order = [c.name for c in order_of(all_customers(coach), TODAY)]
    # gone quiet (Old: 12 weeks), never contacted, then Risky (at risk, but reached
    # yesterday: not suggested again before their rhythm comes round), then Recent
    assert order == ["Old", "Abe", "Bea", "Risky", "Recent"]
    # snoozed only for today
    tomorrow = [c.name for c in order_of(all_customers(coach), TODAY + timedelta(days=1))]
    assert tomorrow == ["Old", "Abe", "Bea", "Snoozed", "Risky", "Recent"]
    # once their rhythm comes round, the at-risk customer is first again
    assert order_of(all_customers(coach), date(2026, 12, 5))[0].name == "Risky"
    del never_a, never_b


def test_not_today_moves_to_the_next_one(coach: Coach) -> None:
    a, b = add(coach, "Ann"), add(coach, "Bob")
    assert call_plan(coach, TODAY).customer == a
    not_today(coach, a.id, TODAY)
    assert call_plan(coach, TODAY).customer.id == b.id  # type: ignore[union-attr]
    not_today(coach, b.id, TODAY)
    assert call_plan(coach, TODAY).customer is None
    assert call_detail(coach, TODAY) == "Everyone is snoozed today"


def test_ties_are_stable_by_name_then_creation(coach: Coach) -> None:
    first = add(coach, "Sam", "Zed Ltd")
    second = add(coach, "Sam", "Acme")
    add(coach, "Tom")
    for c in all_customers(coach):
        log_touch(coach, c.id, day=date(2026, 11, 1))
    order = order_of(all_customers(coach), TODAY)
    assert [c.id for c in order][:2] == [first.id, second.id]
    assert order_of(reversed(all_customers(coach)), TODAY) == order


def test_call_detail_lines(coach: Coach) -> None:
    assert call_detail(coach, TODAY) == "Add customers: press c"
    ann = add(coach, "Ann")
    assert call_detail(coach, TODAY) == "Ann · never called"
    log_touch(coach, ann.id, day=date(2026, 11, 1))
    assert call_detail(coach, TODAY) == "Ann · 7 days past your 2-week rhythm"
    log_touch(coach, ann.id, day=TODAY)
    assert call_detail(coach, TODAY) == "Reached Ann today"
    from coach.customers.checkup import set_at_risk

    bob = add(coach, "Bob")
    set_at_risk(coach, bob.id, True)
    assert call_detail(coach, TODAY) == "Reached Ann today"
    log_touch(coach, ann.id, day=TODAY + timedelta(days=1))
    assert call_detail(coach, TODAY + timedelta(days=1)) == "Reached Ann today"
    assert call_detail(coach, TODAY + timedelta(days=2)) == "Bob · at risk · never called"


customer_strategy = st.builds(
    Customer,
    id=st.uuids().map(lambda u: u.hex),
    name=st.sampled_from(["Ann", "ann", "Bob", "Cy"]),
    archived=st.booleans(),
    at_risk=st.booleans(),
    snoozed_until=st.none() | st.dates(date(2026, 11, 1), date(2026, 12, 31)),
    last_contact=st.none() | st.dates(date(2020, 1, 1), TODAY),
    created=st.sampled_from(["2026-01-01", "2026-02-01"]),
    seq=st.integers(0, 3),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(customer_strategy, max_size=12))
def test_rotation_properties(customers: list[Customer]) -> None:
    standings = rotation(customers, TODAY, DEFAULTS)
    order = [s.customer for s in standings]
    assert all(not c.archived and not c.snoozed(TODAY) for c in order)
    assert all(c.last_contact != TODAY for c in order)
    left_out = [c for c in customers if c not in order]
    assert all(c.archived or c.snoozed(TODAY) or c.last_contact == TODAY for c in left_out)

    # at risk (when due), gone quiet, due, at risk but reached within the rhythm, ok;
    # within each the most overdue first
    def rank(s: Standing) -> int:
        if s.state is State.AT_RISK:
            return 0 if s.days_late >= 0 else 3
        return {State.QUIET: 1, State.DUE: 2, State.OK: 4}[s.state]

    for earlier, later in zip(standings, standings[1:], strict=False):
        assert rank(earlier) <= rank(later)
        if rank(earlier) == rank(later):
            assert earlier.lateness >= later.lateness
    assert order_of(list(reversed(customers)), TODAY) == order  # input order never matters
