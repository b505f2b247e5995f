"""Turning what the user typed on the Settings screen into Settings, or per-field messages."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from coach.core.errors import InputError
from coach.customers.cadence import parse_gap
from coach.settings import Settings

MAX_NAME = 80
INT_FIELDS = {
    "walk_goal_minutes": "walk goal",
    "rollover_hour": "the hour the day starts",
    "help_goal": "help goal",
}

MAX_GAP_DAYS = 730
GAP_FIELDS = {
    "call_every_days": "the call rhythm",
    "call_at_most_days": "the longest quiet gap",
}


def _days(name: str, raw: Any) -> int:
    """Whole days from "14", "2w", "every 2 weeks" or "monthly" (30 days)."""
    what = GAP_FIELDS[name]
    if isinstance(raw, int) and not isinstance(raw, bool):
        days = raw
    else:
        text = str(raw).strip()
        if not text:
            raise InputError(f"{what} needs a number of days, e.g. 14 or 2w")
        days = int(text) if text.isdigit() else parse_gap(text, what=what).approx_days()
    if not 1 <= days <= MAX_GAP_DAYS:
        raise InputError(f"{what} must be 1 to {MAX_GAP_DAYS} days, not {days}")
    return days


def _value(name: str, raw: Any) -> Any:
    """One field's typed value, or InputError naming what is wrong with it."""
    if name in INT_FIELDS:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        text = str(raw).strip()
        if not text.isdigit():
            raise InputError(f"{INT_FIELDS[name]} must be a whole number, not {text!r}")
        return int(text)
    if name in GAP_FIELDS:
        return _days(name, raw)
    if name == "reminder_time":
        text = str(raw).strip()
        if len(text) == 4 and text[1] == ":":
            text = "0" + text  # 9:30 -> 09:30
        return text
    if name == "your_name":
        text = str(raw).strip()
        if len(text) > MAX_NAME:
            raise InputError(f"your name is too long (at most {MAX_NAME} characters)")
        return text
    return raw


def parse_form(current: Settings, raw: dict[str, Any]) -> tuple[Settings | None, dict[str, str]]:
    """New Settings from the form's values, or None and a message for each bad field.

    Each field is checked on its own against the current settings, so every
    bad field gets its own message; nothing is saved unless all are good.
    """
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, typed in raw.items():
        if not hasattr(current, name):
            raise KeyError(f"unknown setting {name!r}")
        try:
            value = _value(name, typed)
            replace(current, **{name: value}).validate()
        except InputError as exc:
            errors[name] = str(exc)
            continue
        values[name] = value
    every = values.get("call_every_days", current.call_every_days)
    at_most = values.get("call_at_most_days", current.call_at_most_days)
    gaps_ok = not {"call_every_days", "call_at_most_days"} & set(errors)
    if gaps_ok and at_most < every:
        errors["call_at_most_days"] = (
            f"the longest quiet gap ({at_most} days) cannot be shorter than "
            f"the rhythm ({every} days)"
        )
    if errors:
        return None, errors
    new = replace(current, **values)
    new.validate()
    return new, {}
