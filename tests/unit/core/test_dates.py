"""Follow-up dates in words, relative to the coach's today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.dates import Lean, describe, parse_day, parse_when, since
from coach.core.errors import InputError

SUNDAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 22)),
        ("tomorrow", date(2026, 11, 23)),
        ("  Tomorrow ", date(2026, 11, 23)),
        ("in 2 weeks", date(2026, 12, 6)),
        ("in two weeks", date(2026, 12, 6)),
        ("3 days", date(2026, 11, 25)),
        ("in a month", date(2026, 12, 22)),
        ("next week", date(2026, 11, 29)),
        ("next friday", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("on Mon", date(2026, 11, 23)),
        ("sunday", date(2026, 11, 29)),  # today is Sunday: the next one
        ("2026-12-04", date(2026, 12, 4)),
        ("3 dec", date(2026, 12, 3)),
        ("4 January", date(2027, 1, 4)),  # in November, January is next year's
        ("dec 3 2027", date(2027, 12, 3)),
    ],
)
def test_follow_up_words(text: str, expected: date) -> None:
    assert parse_when(text, SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("someday", "cannot read 'someday'"),
        ("", "no follow-up date"),
        ("12/1", "cannot read '12/1'"),
        ("2", "cannot read '2'"),
        ("in 2 fortnights", "cannot read 'in 2 fortnights'"),
        ("2026-02-30", "'2026-02-30' is not a real date"),
        ("2026-11-01", "in the past"),
        ("in 20 years", "more than 10 years"),
        ("next blursday", "cannot read 'next blursday'"),
    ],
)
def test_bad_follow_up_names_the_input(text: str, says: str) -> None:
    with pytest.raises(InputError) as info:
        parse_when(text, SUNDAY)
    assert says in str(info.value)


@given(st.integers(min_value=0, max_value=1000))
def test_in_n_days_is_n_days_on(n: int) -> None:
    assert parse_when(f"in {n} days", SUNDAY) == SUNDAY + timedelta(days=n)


@given(st.text(max_size=30))
def test_any_text_is_a_date_from_today_or_a_clear_error(text: str) -> None:
    try:
        found = parse_when(text, SUNDAY)
    except InputError as exc:
        assert str(exc)
    else:
        assert found >= SUNDAY


def test_words_for_days() -> None:
    assert describe(SUNDAY, SUNDAY) == "today"
    assert describe(date(2026, 11, 23), SUNDAY) == "tomorrow"
    assert describe(date(2026, 12, 4), SUNDAY) == "Fri 4 Dec"
    assert describe(date(2026, 11, 20), SUNDAY) == "overdue since Fri 20 Nov"
    assert since(None, SUNDAY) == "never"
    assert since(date(2026, 11, 21), SUNDAY) == "yesterday"
    assert since(date(2026, 11, 1), SUNDAY) == "3 weeks ago"


FRIDAY_4_DEC = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", FRIDAY_4_DEC),
        ("yesterday", date(2026, 12, 3)),
        ("friday", FRIDAY_4_DEC),  # a past field: today is the last Friday
        ("last friday", date(2026, 11, 27)),
        ("monday", date(2026, 11, 30)),
        ("2 days ago", date(2026, 12, 2)),
        ("a week ago", date(2026, 11, 27)),
        ("last week", date(2026, 11, 27)),
        ("30 nov", date(2026, 11, 30)),  # this year's: the field is about the past
        ("5 dec", date(2025, 12, 5)),  # not yet this year: last year's
        ("2026-11-30", date(2026, 11, 30)),
    ],
)
def test_a_past_field_leans_back(text: str, expected: date) -> None:
    assert parse_day(text, FRIDAY_4_DEC) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("tomorrow", "walk day: 'tomorrow' is 2026-12-05, which is in the future"),
        ("2026-12-05", "walk day: '2026-12-05' is in the future"),
        ("in 2 weeks", "in the future"),
        ("", "no walk day given"),
        ("someday", "walk day: cannot read 'someday' as a date"),
        ("2026-02-30", "walk day: '2026-02-30' is not a real date"),
    ],
)
def test_a_past_field_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(InputError) as info:
        parse_day(text, FRIDAY_4_DEC, what="walk day")
    assert says in str(info.value)


def test_either_way_fields_take_both_sides_without_rolling_the_year() -> None:
    assert parse_day("in 3 months", FRIDAY_4_DEC, lean=Lean.EITHER) == date(2027, 3, 4)
    assert parse_day("2 days ago", FRIDAY_4_DEC, lean=Lean.EITHER) == date(2026, 12, 2)
    assert parse_day("friday", FRIDAY_4_DEC, lean=Lean.EITHER) == date(2026, 12, 11)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 6))
def test_a_weekday_name_is_within_a_week_on_the_right_side(today: date, weekday: int) -> None:
    name = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[weekday]
    back = parse_day(name, today)
    ahead = parse_day(name, today, lean=Lean.FUTURE)
    assert back.weekday() == ahead.weekday() == weekday
    assert 0 <= (today - back).days <= 6 and 1 <= (ahead - today).days <= 7
