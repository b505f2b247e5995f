"""Follow-up dates in the user's words: "in 2 weeks", "next friday", "tomorrow", "2026-12-04".

Everything is relative to the day passed in (the Coach's today). Anything that
cannot be read is an InputError that names what was typed. All-numeric dates
other than ISO (12/1: December or January?) are refused rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime

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
NEXT_UNIT = re.compile(r"^next\s+(week|month|year)$")
WEEKDAY = re.compile(r"^(?:next\s+|on\s+|this\s+)?([a-z]+)$")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH_NAME = re.compile(r"[a-z]{3,}")
MAX_AHEAD_YEARS = 10
HINT = 'try "tomorrow", "in 2 weeks", "next friday", "3 dec" or 2026-12-04'


def parse_when(text: str, today: date) -> date:
    """The date `text` means, seen from `today`. Raises InputError naming `text`."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise InputError(f"no follow-up date given ({HINT})")
    found = _relative(cleaned, today) or _absolute(cleaned, text, today)
    if found is None:
        raise InputError(f"cannot read {text.strip()!r} as a date ({HINT})")
    if found < today:
        raise InputError(f"{text.strip()!r} is {found.isoformat()}, which is in the past")
    if found > today + relativedelta(years=MAX_AHEAD_YEARS):
        raise InputError(f"{text.strip()!r} is more than {MAX_AHEAD_YEARS} years away")
    return found


def _shift(unit: str, amount: int) -> relativedelta:
    if unit == "day":
        return relativedelta(days=amount)
    if unit == "week":
        return relativedelta(weeks=amount)
    if unit == "month":
        return relativedelta(months=amount)
    return relativedelta(years=amount)


def _relative(cleaned: str, today: date) -> date | None:
    if cleaned == "today":
        return today
    if cleaned == "tomorrow":
        return today + relativedelta(days=1)
    if match := NEXT_UNIT.match(cleaned):
        return today + _shift(match.group(1), 1)
    if match := AMOUNT.match(cleaned):
        raw, unit = match.groups()
        amount = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
        if amount is None or amount > 1000:
            return None
        return today + _shift(unit, amount)
    if (match := WEEKDAY.match(cleaned)) and match.group(1) in WEEKDAYS:
        # the first such weekday after today: on a Friday, "friday" is a week away
        return today + relativedelta(days=1, weekday=WEEKDAYS[match.group(1)])
    return None


def _absolute(cleaned: str, text: str, today: date) -> date | None:
    if ISO.match(cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            raise InputError(f"{text.strip()!r} is not a real date") from None
    if not MONTH_NAME.search(cleaned):
        return None  # 12/1 or 3.4: day or month first? refuse rather than guess
    try:
        parsed = parser.parse(
            cleaned, default=datetime(today.year, today.month, today.day), dayfirst=True
        )
    except (parser.ParserError, ValueError, OverflowError):
        return None
    found = parsed.date()
    if found < today and not re.search(r"\d{4}", cleaned):
        found += relativedelta(years=1)  # "3 jan" in November means next January
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
