"""Turning what the user typed on the Settings screen into Settings, or per-field messages."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from coach.core.errors import InputError
from coach.settings import Settings

MAX_NAME = 80
INT_FIELDS = {
    "walk_goal_minutes": "walk goal",
    "rollover_hour": "the hour the day starts",
    "help_goal": "help goal",
}


def _value(name: str, raw: Any) -> Any:
    """One field's typed value, or InputError naming what is wrong with it."""
    if name in INT_FIELDS:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        text = str(raw).strip()
        if not text.isdigit():
            raise InputError(f"{INT_FIELDS[name]} must be a whole number, not {text!r}")
        return int(text)
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
    if errors:
        return None, errors
    new = replace(current, **values)
    new.validate()
    return new, {}
