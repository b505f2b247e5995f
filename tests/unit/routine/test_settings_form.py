"""The Settings form's parsing: each bad field named, nothing accepted until all are good."""

from __future__ import annotations

import pytest

from coach.routine.settings_form import parse_form
from coach.settings import Settings


def test_good_values_become_settings() -> None:
    new, errors = parse_form(
        Settings(),
        {
            "reminder_time": "9:05",
            "walk_goal_minutes": " 30 ",
            "reminder_bell": False,
            "reminder_desktop": True,
            "rollover_hour": "3",
            "week_start": 6,
            "help_goal": "8",
            "your_name": "  Ann [b]x[/b] ",
        },
    )
    assert errors == {}
    assert new == Settings(
        reminder_time="09:05",
        walk_goal_minutes=30,
        reminder_bell=False,
        reminder_desktop=True,
        rollover_hour=3,
        week_start=6,
        help_goal=8,
        your_name="Ann [b]x[/b]",
    )


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("reminder_time", "25:00", "reminder time must be HH:MM"),
        ("reminder_time", "half ten", "reminder time must be HH:MM"),
        ("walk_goal_minutes", "0", "walk goal must be 1..600"),
        ("walk_goal_minutes", "", "walk goal must be a whole number"),
        ("rollover_hour", "24", "rollover hour must be a whole number 0..23"),
        ("help_goal", "lots", "help goal must be a whole number"),
        ("help_goal", "101", "help goal must be 1..100"),
        ("your_name", "x" * 81, "too long"),
    ],
)
def test_a_bad_field_gets_its_own_message(field: str, typed: str, message: str) -> None:
    new, errors = parse_form(
        Settings(), {field: typed, "help_goal": "6"} if field != "help_goal" else {field: typed}
    )
    assert new is None
    assert list(errors) == [field] and message in errors[field]


def test_every_bad_field_is_named_at_once() -> None:
    new, errors = parse_form(
        Settings(), {"reminder_time": "7", "walk_goal_minutes": "999", "your_name": "Bo"}
    )
    assert new is None and set(errors) == {"reminder_time", "walk_goal_minutes"}


@pytest.mark.parametrize(
    ("every", "at_most", "expected"),
    [("14", "28", (14, 28)), ("2w", "4w", (14, 28)), (" 10 ", "monthly", (10, 30)), (7, 7, (7, 7))],
)
def test_cadence_defaults_in_days_or_weeks(
    every: object, at_most: object, expected: tuple[int, int]
) -> None:
    new, errors = parse_form(Settings(), {"call_every_days": every, "call_at_most_days": at_most})
    assert errors == {}
    assert new is not None and (new.call_every_days, new.call_at_most_days) == expected


@pytest.mark.parametrize(
    ("every", "at_most", "field", "message"),
    [
        ("0", "28", "call_every_days", "the call rhythm must be 1 to 730 days, not 0"),
        ("", "28", "call_every_days", "the call rhythm needs a number of days, e.g. 14 or 2w"),
        ("soon", "28", "call_every_days", "the call rhythm: cannot read 'soon' as a gap"),
        ("14", "999", "call_at_most_days", "the longest quiet gap must be 1 to 730 days, not 999"),
        (
            "3w",
            "2w",
            "call_at_most_days",
            "the longest quiet gap (14 days) cannot be shorter than the rhythm (21 days)",
        ),
    ],
)
def test_bad_cadence_defaults_are_named(every: str, at_most: str, field: str, message: str) -> None:
    new, errors = parse_form(Settings(), {"call_every_days": every, "call_at_most_days": at_most})
    assert new is None
    assert list(errors) == [field] and errors[field].startswith(message)
