"""Reading fields of stored records defensively: a bad value reads as empty, never crashes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from coach.core.errors import InputError


def optional_date(value: Any) -> date | None:
    """An ISO date string as a date; anything else as None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # "some time long ago": sorts before any real moment


def optional_datetime(value: Any) -> datetime | None:
    """An ISO timestamp as an aware datetime (a naive one is read as UTC); anything else as None."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stored_moment(moment: datetime | None) -> str:
    """A moment as coach stores it ("2026-11-22T08:30:00+00:00"), or "" for none."""
    return moment.isoformat(timespec="seconds") if moment else ""


def text_or_empty(value: Any) -> str:
    """A string as itself; anything else as ""."""
    return value if isinstance(value, str) else ""


def texts_or_empty(value: Any) -> tuple[str, ...]:
    """The strings in a list, in order; anything else (or a non-string item) left out."""
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def percent(value: object, what: str) -> int:
    """A whole number 0..100 (or its ASCII digits as text), or InputError naming `what`."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise InputError(f"{what} must be a whole number 0-100, not {value!r}")
    return value
