"""How the journal screens name a day and sum up an entry (shared by History, Entry, Edit)."""

from __future__ import annotations

from datetime import date

from coach.journal.reflections import Reflection


def short_day(day: date) -> str:
    return f"{day:%a} {day.day:>2} {day:%b %Y}"


def long_date(entry: Reflection) -> str:
    return f"{entry.day:%A} {entry.day.day} {entry.day:%B %Y}"


def entry_facts(entry: Reflection) -> str:
    facts = []
    if entry.mood_label:
        facts.append(f"feeling {entry.mood_label}")
    if entry.tags:
        facts.append(" ".join(f"#{t}" for t in entry.tags))
    if entry.edited_at:
        facts.append(f"edited {entry.edited_at.date().isoformat()}")
    return "  ·  ".join(facts)
