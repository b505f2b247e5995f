"""Cadence per customer: gaps, states, snooze, and the rotation against each one's own rhythm."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.clock import FixedClock
from coach.core.errors import InputError
from coach.customers.cadence import (
    Gap,
    State,
    Unit,
    gone_quiet,
    parse_gap,
    quiet_reminders,
    rotation,
    set_cadence,
    standing,
    todays_call,
)
from coach.customers.calls import call_detail, call_plan
from coach.customers.customers import (
    Customer,
    CustomerFields,
    add_customer,
    all_customers,
    get_customer,
    snooze,
)
from coach.customers.touches import log_touch
from coach.session import Coach, open_coach
from coach.settings import Settings
from tests.conftest import ZONE

TODAY = date(2026, 11, 22)
DEFAULTS = Settings()


def add(coach: Coach, name: str, every: str | None = None, at_most: str | None = None) -> Customer:
    c = add_customer(coach, CustomerFields(name))
    if every or at_most:
        set_cadence(coach, c.id, every, at_most)
    found = get_customer(coach, c.id)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        ("2w", Gap(2, Unit.WEEK)),
        ("every 2 weeks", Gap(2, Unit.WEEK)),
        ("10 days", Gap(10, Unit.DAY)),
        ("Monthly", Gap(1, Unit.MONTH)),
        ("quarterly", Gap(3, Unit.MONTH)),
        ("1 month", Gap(1, Unit.MONTH)),
    ],
)
def test_parse_gap(text: str, gap: Gap) -> None:
    assert parse_gap(text) == gap
    assert parse_gap(gap.code) == gap  # what is stored reads back the same


@pytest.mark.parametrize("text", ["", "soon", "0w", "3 years", "-2w", "2x", "200w"])
def test_bad_gaps_name_the_field(text: str) -> None:
    with pytest.raises(InputError, match="--every"):
        parse_gap(text, what="--every")


def test_states_and_why(coach: Coach) -> None:
    ann = add(coach, "Ann", "2w", "4w")
    assert standing(ann, TODAY, DEFAULTS).state is State.DUE  # never contacted
    log_touch(coach, ann.id, day=TODAY - timedelta(days=17))
    ann = get_customer(coach, ann.id)  # type: ignore[assignment]
    s = standing(ann, TODAY, DEFAULTS)
    assert s.state is State.DUE and s.next_due == TODAY - timedelta(days=3)
    assert s.why == "3 days past your 2-week rhythm"
    assert standing(ann, TODAY - timedelta(days=4), DEFAULTS).state is State.OK
    assert standing(ann, TODAY - timedelta(days=3), DEFAULTS).why == (
        "due today on your 2-week rhythm"
    )
    # 4 weeks is still fine; the day after is quiet
    last = TODAY - timedelta(days=17)
    assert standing(ann, last + timedelta(days=28), DEFAULTS).state is State.DUE
    quiet = standing(ann, last + timedelta(days=30), DEFAULTS)
    assert quiet.state is State.QUIET
    assert quiet.why == "gone quiet: 2 days past your 4-week maximum"


def test_a_touch_on_the_due_day_resets_the_rhythm(coach: Coach) -> None:
    ann = add(coach, "Ann", "1w", "2w")
    log_touch(coach, ann.id, day=date(2026, 11, 8))
    due = date(2026, 11, 15)
    assert standing(get_customer(coach, ann.id), due, DEFAULTS).state is State.DUE  # type: ignore[arg-type]
    log_touch(coach, ann.id, day=due, kind="message")
    after = standing(get_customer(coach, ann.id), due, DEFAULTS)  # type: ignore[arg-type]
    assert after.state is State.OK and after.next_due == date(2026, 11, 22)


def test_monthly_rhythm_at_month_ends(coach: Coach) -> None:
    ann = add(coach, "Ann", "1m", "2m")
    log_touch(coach, ann.id, day=date(2026, 1, 31))
    s = standing(get_customer(coach, ann.id), date(2026, 2, 27), DEFAULTS)  # type: ignore[arg-type]
    assert s.next_due == date(2026, 2, 28) and s.state is State.OK
    assert s.quiet_after == date(2026, 3, 31)
    assert standing(s.customer, date(2026, 2, 28), DEFAULTS).state is State.DUE
    assert standing(s.customer, date(2026, 4, 1), DEFAULTS).state is State.QUIET


def test_dst_does_not_move_the_due_day(data_dir, library) -> None:
    # London leaves summer time on 25 Oct 2026: a week from 21 Oct is still 28 Oct
    clock = FixedClock(datetime(2026, 10, 21, 23, 30, tzinfo=ZONE))
    coach = open_coach(data_dir, clock=clock, library=library)
    ann = add(coach, "Ann", "1w", "3w")
    log_touch(coach, ann.id)  # logged "today" by the Coach's clock
    assert get_customer(coach, ann.id).last_contact == date(2026, 10, 21)  # type: ignore[union-attr]
    clock.moment = datetime(2026, 10, 28, 3, 59, tzinfo=ZONE)  # before the 04:00 rollover
    assert coach.today() == date(2026, 10, 27)
    assert standing(get_customer(coach, ann.id), coach.today(), DEFAULTS).state is State.OK  # type: ignore[arg-type]
    clock.moment = datetime(2026, 10, 28, 4, 0, tzinfo=ZONE)
    assert standing(get_customer(coach, ann.id), coach.today(), DEFAULTS).state is State.DUE  # type: ignore[arg-type]


def test_snooze_hides_without_faking_a_contact(coach: Coach) -> None:
    ann = add(coach, "Ann")
    bob = add(coach, "Bob")
    log_touch(coach, ann.id, day=date(2026, 9, 1))
    log_touch(coach, bob.id, day=date(2026, 11, 10))
    assert todays_call(coach, TODAY).id == ann.id  # type: ignore[union-attr]
    snooze(coach, ann.id, date(2027, 1, 15))
    ann_now = get_customer(coach, ann.id)
    assert ann_now is not None and ann_now.last_contact == date(2026, 9, 1)
    assert standing(ann_now, TODAY, DEFAULTS).state is State.SNOOZED
    assert todays_call(coach, TODAY).id == bob.id  # type: ignore[union-attr]
    assert gone_quiet(coach, TODAY) == []  # snoozed: not nagged about
    # the snooze ends on its day, and Ann is as quiet as she really is
    assert standing(ann_now, date(2027, 1, 15), DEFAULTS).state is State.QUIET
    snooze(coach, ann.id, None)
    assert todays_call(coach, TODAY).id == ann.id  # type: ignore[union-attr]


def test_weekly_account_beats_quarterly_by_own_rhythm(coach: Coach) -> None:
    weekly = add(coach, "Weekly", "1w", "3w")
    quarterly = add(coach, "Quarterly", "3m", "6m")
    log_touch(coach, weekly.id, day=TODAY - timedelta(days=10))  # 3 days late on 1 week
    log_touch(coach, quarterly.id, day=date(2026, 8, 1))  # 21 days late on 3 months
    order = [s.customer.name for s in rotation(all_customers(coach), TODAY, coach.settings)]
    assert order == ["Weekly", "Quarterly"]
    assert call_plan(coach, TODAY).why == "3 days past your 1-week rhythm"
    assert call_detail(coach, TODAY) == "Weekly · 3 days past your 1-week rhythm"


def test_default_cadence_comes_from_settings(coach: Coach) -> None:
    from dataclasses import replace

    from coach.routine.apply_settings import apply_settings

    ann = add(coach, "Ann")
    log_touch(coach, ann.id, day=TODAY - timedelta(days=8))
    assert standing(get_customer(coach, ann.id), TODAY, coach.settings).state is State.OK  # type: ignore[arg-type]
    apply_settings(coach, replace(coach.settings, call_every_days=7, call_at_most_days=7))
    s = standing(get_customer(coach, ann.id), TODAY, coach.settings)  # type: ignore[arg-type]
    assert s.state is State.QUIET and s.why == "gone quiet: 1 day past your 1-week maximum"


def test_set_cadence_checks(coach: Coach) -> None:
    ann = add(coach, "Ann")
    with pytest.raises(InputError, match="shorter than the rhythm"):
        set_cadence(coach, ann.id, "4w", "2w")
    with pytest.raises(InputError, match="shorter than the rhythm"):
        set_cadence(coach, ann.id, None, "1w")  # below the default rhythm of 14 days
    assert get_customer(coach, ann.id) == ann  # nothing was saved
    set_cadence(coach, ann.id, "1m", "2m")
    assert get_customer(coach, ann.id).every == "1m"  # type: ignore[union-attr]
    set_cadence(coach, ann.id, "", "")  # back to the defaults
    assert get_customer(coach, ann.id).every == ""  # type: ignore[union-attr]


def test_quiet_reminders(coach: Coach, clock: FixedClock) -> None:
    ann = add(coach, "Ann", "1w", "2w")
    add(coach, "Bob")
    log_touch(coach, ann.id, day=TODAY - timedelta(days=20))
    (due,) = quiet_reminders(coach, clock.now())
    assert due.text == "Ann: gone quiet: 6 days past your 2-week maximum"


@st.composite
def cadenced(draw: st.DrawFn) -> tuple[Customer, Gap, Gap]:
    every = Gap(draw(st.integers(1, 12)), draw(st.sampled_from(list(Unit))))
    # the maximum in the same unit (never below the rhythm), or in any unit (1m vs 28d)
    mixed = Gap(draw(st.integers(1, 24)), draw(st.sampled_from(list(Unit))))
    at_most = draw(
        st.just(Gap(every.amount + draw(st.integers(0, 12)), every.unit)) | st.just(mixed)
    )
    last = draw(st.none() | st.dates(date(2024, 1, 1), date(2027, 12, 31)))
    customer = Customer(
        id="x", name="X", every=every.code, at_most=at_most.code, last_contact=last,
        snoozed_until=draw(st.none() | st.dates(date(2024, 1, 1), date(2028, 12, 31))),
        at_risk=draw(st.booleans()),
    )  # fmt: skip
    return customer, every, at_most


@settings(max_examples=300, deadline=None)
@given(cadenced(), st.dates(date(2024, 1, 1), date(2028, 12, 31)))
def test_state_properties(drawn: tuple[Customer, Gap, Gap], day: date) -> None:
    customer, every, at_most = drawn
    s = standing(customer, day, DEFAULTS)
    last = customer.last_contact
    if customer.snoozed(day):
        assert s.state is State.SNOOZED
    elif customer.at_risk:
        assert s.state is State.AT_RISK
    elif last is None:
        assert s.state is State.DUE and s.lateness == float("inf")
    else:
        assert s.next_due == every.after(last)
        assert s.quiet_after is not None
        if not at_most.shorter_than(every):
            assert s.quiet_after >= at_most.after(last)
        assert s.next_due <= s.quiet_after
        expected = (
            State.QUIET if day > s.quiet_after else State.DUE if day >= s.next_due else State.OK
        )
        assert s.state is expected
        # a touch today always puts them back to ok (unless snoozed or at risk)
        touched = standing(Customer(**{**customer.__dict__, "last_contact": day}), day, DEFAULTS)
        assert touched.state is State.OK


def test_todays_call_reads_no_touch_history(coach: Coach, monkeypatch: pytest.MonkeyPatch) -> None:
    """Today stays fast: the call step reads the customers table and today's touches only."""
    from typing import Any

    ann = add(coach, "Ann", "1w", "2w")
    for n in range(1, 400, 30):
        log_touch(coach, ann.id, day=TODAY - timedelta(days=n))
    log = type(coach.store.log("touches"))
    reads: list[object] = []
    original_between, original_on = log.between, log.on

    def between(self: Any, a: date | None = None, b: date | None = None) -> list[Any]:
        reads.append(("between", a, b))
        return original_between(self, a, b)

    def on(self: Any, day: date) -> list[Any]:
        reads.append(("on", day))
        return original_on(self, day)

    monkeypatch.setattr(log, "between", between)
    monkeypatch.setattr(log, "on", on)
    assert call_detail(coach, TODAY) == "Ann · due in 6 days (1-week rhythm)"
    assert reads == [("on", TODAY)]


@pytest.mark.parametrize("text", ["1d", "2w", "1 month", "quarterly"])
def test_a_gap_past_the_calendars_end_is_never_due_not_a_crash(text: str) -> None:
    """Found by test_odd_fields: a last contact of 9999-12-31 crashed `coach today`."""
    assert parse_gap(text).after(date.max - timedelta(days=1)) == date.max
    assert parse_gap(text).after(date(2026, 1, 31)) < date.max
