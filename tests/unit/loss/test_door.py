"""Keeping the door open: check-in dates, due check-ins on Today and in `coach remind`."""

from __future__ import annotations

import calendar
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.clock import FixedClock
from coach.core.errors import InputError
from coach.loss import door, losses
from coach.loss.losses import add_loss, get_loss
from coach.routine import today as routine
from coach.routine.reminders import due_now
from coach.session import Coach
from tests.conftest import ZONE


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        (date(2026, 11, 22), [date(2027, 2, 22), date(2027, 5, 22), date(2027, 11, 22)]),
        # month ends: the 31st becomes the last day of a shorter month
        (date(2026, 8, 31), [date(2026, 11, 30), date(2027, 2, 28), date(2027, 8, 31)]),
        (date(2026, 11, 30), [date(2027, 2, 28), date(2027, 5, 30), date(2027, 11, 30)]),
        # leap years: February 29th exists in 2028
        (date(2027, 8, 31), [date(2027, 11, 30), date(2028, 2, 29), date(2028, 8, 31)]),
        (date(2027, 11, 29), [date(2028, 2, 29), date(2028, 5, 29), date(2028, 11, 29)]),
        # leaving on a leap day: a year later is 28 February
        (date(2028, 2, 29), [date(2028, 5, 29), date(2028, 8, 29), date(2029, 2, 28)]),
    ],
)
def test_default_checkins_across_month_ends_and_leap_years(
    left: date, expected: list[date]
) -> None:
    assert losses.default_checkins(left) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_checkins_are_later_and_in_the_right_month(left: date) -> None:
    for months, day in zip(losses.DEFAULT_MONTHS, losses.default_checkins(left), strict=True):
        assert day > left
        assert (day.year - left.year) * 12 + day.month - left.month == months
        last_of_month = calendar.monthrange(day.year, day.month)[1]
        assert day.day == min(left.day, last_of_month)


def test_editing_checkins(coach: Coach) -> None:
    loss = add_loss(coach, "Acme", date(2026, 8, 31), ["merger"])
    today = coach.today()
    days = door.parse_checkins("2027-01-15, 2026-12-01", loss.left, today)
    assert days == [date(2026, 12, 1), date(2027, 1, 15)]
    assert door.set_checkins(coach, loss.id, days).checkins == tuple(days)
    with pytest.raises(InputError, match="not after the day they left"):
        door.parse_checkins("2026-08-01", loss.left, today)
    with pytest.raises(InputError, match="cannot read 'next blursday'"):
        door.parse_checkins("next blursday", loss.left, today)
    assert door.parse_checkins("in 3 months, 2027-08-31", loss.left, today) == [
        date(2027, 2, 22),
        date(2027, 8, 31),
    ]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("3 jan", date(2027, 1, 3)),  # not 3 January 2026, before they left
        ("1 dec", date(2026, 12, 1)),
        ("22 nov", date(2026, 11, 22)),  # today is fine
        ("friday", date(2026, 11, 27)),  # the coming Friday (today is Sunday 22 Nov)
        ("3 jan, 20 feb", date(2027, 1, 3)),
    ],
)
def test_checkin_dates_without_a_year_read_forward(coach: Coach, typed: str, meant: date) -> None:
    loss = add_loss(coach, "Acme", date(2026, 8, 31), ["merger"])
    days = door.parse_checkins(typed, loss.left, coach.today())
    assert days[0] == meant
    assert all(day >= coach.today() for day in days)


def test_planned_checkins_already_past_still_save(coach: Coach, clock: FixedClock) -> None:
    """The field lists every planned check-in (ISO), the overdue and made ones too."""
    loss = add_loss(coach, "Acme", date(2026, 8, 31), ["merger"])
    clock.set(datetime(2026, 12, 5, 9, 0, tzinfo=ZONE))  # the 30 Nov check-in is overdue
    shown = ", ".join(d.isoformat() for d in loss.checkins)
    assert door.parse_checkins(shown, loss.left, coach.today()) == list(loss.checkins)
    assert door.parse_checkins("last friday", loss.left, coach.today()) == [date(2026, 12, 4)]
    with pytest.raises(InputError, match="not after the day they left"):
        door.parse_checkins("3 jan 2026", loss.left, coach.today())


def test_due_checkins_show_on_today_and_in_remind(coach: Coach, clock: FixedClock) -> None:
    loss = add_loss(coach, "Acme", date(2026, 8, 31), ["merger"])  # first check-in 30 Nov
    assert door.checkin_notes(coach, coach.today()) == []
    assert [d for d in due_now(coach) if d.kind == "check-in"] == []
    clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=ZONE))
    note = "Check in with Acme (today): 3 months since they left"
    assert note in routine.build_today(coach).notes
    assert [d.text for d in due_now(coach) if d.kind == "check-in"] == [note]
    door.mark_checked_in(coach, loss.id, date(2026, 11, 30))
    assert door.checkin_notes(coach, coach.today()) == []
    assert door.next_checkin(get_loss(coach, loss.id)) == date(2027, 2, 28)


def test_remind_uses_the_logical_day(coach: Coach, clock: FixedClock) -> None:
    add_loss(coach, "Acme", date(2026, 8, 31), ["merger"])
    clock.set(datetime(2026, 12, 1, 3, 0, tzinfo=ZONE))  # 03:00: still 30 Nov for the user
    assert [d.text for d in due_now(coach) if d.kind == "check-in"] == [
        "Check in with Acme (today): 3 months since they left"
    ]


def test_return_policy_is_kept(coach: Coach) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["price"])
    door.set_return_policy(coach, loss.id, "  Same rates for a year, then talk.  ")
    assert get_loss(coach, loss.id).return_policy == "Same rates for a year, then talk."
