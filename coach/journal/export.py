"""Export the journal: one Markdown file with dated headings, or JSON.

The JSON export keeps every character exactly (controls JSON leaves raw are
escaped, coach.core.text.safe_json) and reads back into the same entries
(`from_json`). The Markdown export is for reading: a control character in user
text is shown as a visible symbol, so `cat journal.md` never drives the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from coach.core.fields import EPOCH, stored_moment
from coach.core.text import one_line, safe_json, shown
from coach.journal.moods import MoodCheck, mood_label
from coach.journal.reflections import Reflection, from_record

FORMATS = ("markdown", "json")
JSON_VERSION = 1


def _by_day(entries: Iterable[Reflection]) -> list[Reflection]:
    return sorted(entries, key=lambda r: (r.day, r.written_at or EPOCH))


def to_markdown(entries: Iterable[Reflection], title: str = "My journal") -> str:
    """All entries, oldest first, under one `## Weekday D Month YYYY` heading per day."""
    lines = [f"# {one_line(title)}", ""]
    current = None
    for entry in _by_day(entries):
        if entry.day != current:
            current = entry.day
            lines += [f"## {entry.day:%A} {entry.day.day} {entry.day:%B %Y}", ""]
        heading = (
            one_line(entry.prompt_text.replace("\n", " ")) if not entry.is_free else "Free entry"
        )
        lines += [f"### {heading}", ""]
        facts = []
        if entry.mood_label:
            facts.append(f"Mood: {entry.mood_label}")
        if entry.tags:
            facts.append("Tags: " + ", ".join(f"#{one_line(t)}" for t in entry.tags))
        if entry.edited_at:
            facts.append(f"Edited: {stored_moment(entry.edited_at)}")
        if facts:
            lines += [" · ".join(facts), ""]
        lines += [shown(entry.text.rstrip("\n")), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def to_json(
    entries: Iterable[Reflection],
    moods: Iterable[MoodCheck] = (),
    exported_at: datetime | None = None,
) -> str:
    """A JSON document: {"version", "exported_at", "reflections": [...], "moods": [...]}."""
    payload: dict[str, Any] = {
        "version": JSON_VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds") if exported_at else "",
        "reflections": [entry.to_record() for entry in _by_day(entries)],
        "moods": [
            {
                "date": m.day.isoformat(),
                "mood": m.mood,
                "word": mood_label(m.mood).split()[-1],
                "moment": m.moment,
                "at": stored_moment(m.at),
            }
            for m in moods
        ],
    }
    return safe_json(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"


def from_json(text: str) -> list[Reflection]:
    """Entries from a JSON export (for checking an export; import is another feature)."""
    data = json.loads(text)
    return [r for record in data.get("reflections", []) if (r := from_record(record))]
