"""Reading fields of stored records defensively: a bad value reads as empty, never crashes."""

from __future__ import annotations

from datetime import date
from typing import Any


def optional_date(value: Any) -> date | None:
    """An ISO date string as a date; anything else as None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def text_or_empty(value: Any) -> str:
    """A string as itself; anything else as ""."""
    return value if isinstance(value, str) else ""
