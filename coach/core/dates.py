"""Dates in the user's words, the one parser every field and --date uses.

"today", "yesterday", "tomorrow", "friday", "last friday", "next friday",
"3 dec", "in 2 weeks", "2 days ago", "2026-12-04". Everything is relative to
the day passed in (the Coach's today). A field about the past (a walk, a loss,
a journal day) leans back: "friday" is the last one, "30 nov" this year's or
last year's; a field about the future (a follow-up) leans forward. Anything
that cannot be read is an InputError that names the field and what was typed.
All-numeric dates other than ISO (12/1: December or January?) are refused
rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum

from dateutil import parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from coach.core.errors import InputError

WEEKDAYS = {
    "mon": MO,
    "monday": MO,
    "tue": TU,
    "tues": TU,
    "tuesday": TU,
    "wed": WE,
    "weds": WE,
    "wednesday": WE,
    "thu": TH,
    "thur": TH,
    "thurs": TH,
    "thursday": TH,
    "fri": FR,
    "friday": FR,
    "sat": SA,
    "saturday": SA,
    "sun": SU,
    "sunday": SU,
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
AMOUNT = re.compile(r"^(?:in\s+)?(\d+|[a-z]+)\s+(day|week|month|year)s?(?:\s+from\s+now)?$")
AGO = re.compile(r"^(\d+|[a-z]+)\s+(day|week|month|year)s?\s+ago$")
NEXT_UNIT = re.compile(r"^(next|last)\s+(week|month|year)$")
WEEKDAY = re.compile(r"^(next\s+|on\s+|this\s+|last\s+)?([a-z]+)$")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH_NAME = re.compile(r"[a-z]{3,}")
MAX_AHEAD_YEARS = 10
MAX_BACK_YEARS = 100


class Lean(StrEnum):
    """Which way a field looks: its dates are in the past, in the future, or either."""

    PAST = "past"
    FUTURE = "future"
    EITHER = "either"


HINTS = {
    Lean.PAST: 'try "today", "yesterday", "friday", "3 dec", "2 days ago" or YYYY-MM-DD',
    Lean.FUTURE: 'try "tomorrow", "in 2 weeks", "next friday", "3 dec" or YYYY-MM-DD',
    Lean.EITHER: 'try "in 3 months", "next friday", "3 dec" or YYYY-MM-DD',
}


def parse_day(text: str, today: date, *, what: str = "date", lean: Lean = Lean.PAST) -> date:
    """The day `text` means, seen from `today`, for the field called `what`.

    Raises InputError naming the field and the text: unreadable, not a real
    date, or on the wrong side of today for a field that leans one way.
    """
    cleaned = " ".join(text.strip().lower().split())
    typed = text.strip()
    if not cleaned:
        raise InputError(f"no {what} given ({HINTS[lean]})")
    found = _relative(cleaned, today, lean) or _absolute(cleaned, typed, today, lean, what)
    if found is None:
        raise InputError(f"{what}: cannot read {typed!r} as a date ({HINTS[lean]})")
    shown = "" if ISO.match(cleaned) else f" is {found.isoformat()}, which"
    if lean is Lean.FUTURE and found < today:
        raise InputError(f"{what}: {typed!r}{shown} is in the past")
    if lean is Lean.PAST and found > today:
        raise InputError(f"{what}: {typed!r}{shown} is in the future")
    if found > today + relativedelta(years=MAX_AHEAD_YEARS):
        raise InputError(f"{what}: {typed!r} is more than {MAX_AHEAD_YEARS} years away")
    if found < today - relativedelta(years=MAX_BACK_YEARS):
        raise InputError(f"{what}: {typed!r} is more than {MAX_BACK_YEARS} years ago")
    return found


def parse_when(text: str, today: date) -> date:
    """A follow-up date: today or later."""
    return parse_day(text, today, what="follow-up date", lean=Lean.FUTURE)


def _shift(unit: str, amount: int) -> relativedelta:
    if unit == "day":
        return relativedelta(days=amount)
    if unit == "week":
        return relativedelta(weeks=amount)
    if unit == "month":
        return relativedelta(months=amount)
    return relativedelta(years=amount)


def _amount(raw: str) -> int | None:
    amount = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
    return amount if amount is not None and amount <= 1000 else None


def _relative(cleaned: str, today: date, lean: Lean) -> date | None:
    if cleaned == "today":
        return today
    if cleaned == "tomorrow":
        return today + relativedelta(days=1)
    if cleaned == "yesterday":
        return today - relativedelta(days=1)
    if match := NEXT_UNIT.match(cleaned):
        step = 1 if match.group(1) == "next" else -1
        return today + _shift(match.group(2), step)
    if match := AMOUNT.match(cleaned):
        amount = _amount(match.group(1))
        return None if amount is None else today + _shift(match.group(2), amount)
    if match := AGO.match(cleaned):
        amount = _amount(match.group(1))
        return None if amount is None else today - _shift(match.group(2), amount)
    if (match := WEEKDAY.match(cleaned)) and match.group(2) in WEEKDAYS:
        weekday = WEEKDAYS[match.group(2)]
        word = (match.group(1) or "").strip()
        if word == "last" or (lean is Lean.PAST and word != "next"):
            # the last such weekday: on a Friday, "friday" in a past field is today
            back = 1 if word == "last" else 0
            return today - relativedelta(days=back) + relativedelta(weekday=weekday(-1))
        # the first such weekday after today: on a Friday, "friday" is a week away
        return today + relativedelta(days=1, weekday=weekday)
    return None


def _absolute(cleaned: str, text: str, today: date, lean: Lean, what: str) -> date | None:
    if ISO.match(cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            raise InputError(f"{what}: {text!r} is not a real date (YYYY-MM-DD)") from None
    if not MONTH_NAME.search(cleaned):
        return None  # 12/1 or 3.4: day or month first? refuse rather than guess
    try:
        parsed = parser.parse(
            cleaned, default=datetime(today.year, today.month, today.day), dayfirst=True
        )
    except (parser.ParserError, ValueError, OverflowError):
        return None
    found = parsed.date()
    if re.search(r"\d{4}", cleaned):
        return found
    if lean is Lean.FUTURE and found < today:
        found += relativedelta(years=1)  # "3 jan" in November means next January
    elif lean is Lean.PAST and found > today:
        found -= relativedelta(years=1)  # "30 dec" in January means last December
    return found


def describe(day: date, today: date) -> str:
    """A follow-up date in words: "today", "tomorrow", "Fri 4 Dec", "overdue since Mon 30 Nov"."""
    if day == today:
        return "today"
    if day == today + relativedelta(days=1):
        return "tomorrow"
    label = f"{day:%a} {day.day} {day:%b}"
    if day.year != today.year:
        label += f" {day.year}"
    return label if day > today else f"overdue since {label}"


def since(day: date | None, today: date) -> str:
    """How long ago a day was, in words: "today", "yesterday", "5 days ago", "3 weeks ago"."""
    if day is None:
        return "never"
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"
