"""Export the journal: one Markdown file with dated headings, or JSON.

The JSON export keeps every character exactly (controls JSON leaves raw are
escaped, coach.core.text.safe_json) and reads back into the same entries
(`from_json`). The Markdown export is for reading: a control character in user
text is shown as a visible symbol, so `cat journal.md` never drives the terminal.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from coach.core.fields import EPOCH, stored_moment
from coach.core.jsontext import indented
from coach.core.text import one_line, safe_json, shown
from coach.journal.moods import MoodCheck, mood_label
from coach.journal.reflections import Reflection, from_record

FORMATS = ("markdown", "json")
JSON_VERSION = 1


def _by_day(entries: Iterable[Reflection]) -> list[Reflection]:
    return sorted(entries, key=lambda r: (r.day, r.written_at or EPOCH))


def to_markdown(entries: Iterable[Reflection], title: str = "My journal") -> str:
    """All entries, oldest first, under one `## Weekday D Month YYYY` heading per day."""
    return "".join(markdown_chunks(_by_day(entries), title))


def markdown_chunks(entries: Iterable[Reflection], title: str = "My journal") -> Iterator[str]:
    """to_markdown a piece at a time, for entries already oldest first (a long journal is
    written as it is read, coach.cli.reflect)."""
    pending = ""  # the text ends in one newline: trailing newlines wait for more text
    for line in _markdown_lines(entries, title):
        text = line + "\n"
        kept = text.rstrip("\n")
        if kept:
            yield pending + kept
            pending = text[len(kept) :]
        else:
            pending += text
    yield "\n"


def _markdown_lines(entries: Iterable[Reflection], title: str) -> Iterator[str]:
    yield from [f"# {one_line(title)}", ""]
    current = None
    for entry in entries:
        if entry.day != current:
            current = entry.day
            yield from [f"## {entry.day:%A} {entry.day.day} {entry.day:%B %Y}", ""]
        heading = (
            one_line(entry.prompt_text.replace("\n", " ")) if not entry.is_free else "Free entry"
        )
        yield from [f"### {heading}", ""]
        facts = []
        if entry.mood_label:
            facts.append(f"Mood: {entry.mood_label}")
        if entry.tags:
            facts.append("Tags: " + ", ".join(f"#{one_line(t)}" for t in entry.tags))
        if entry.edited_at:
            facts.append(f"Edited: {stored_moment(entry.edited_at)}")
        if facts:
            yield from [" · ".join(facts), ""]
        yield from [shown(entry.text.rstrip("\n")), ""]


def to_json(
    entries: Iterable[Reflection],
    moods: Iterable[MoodCheck] = (),
    exported_at: datetime | None = None,
) -> str:
    """A JSON document: {"version", "exported_at", "reflections": [...], "moods": [...]}."""
    return "".join(json_chunks(_by_day(entries), moods, exported_at))


def json_chunks(
    entries: Iterable[Reflection],
    moods: Iterable[MoodCheck] = (),
    exported_at: datetime | None = None,
) -> Iterator[str]:
    """to_json a piece at a time, for entries already oldest first."""
    mark = f"coach-entries-{uuid.uuid4().hex}"
    payload: dict[str, Any] = {
        "version": JSON_VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds") if exported_at else "",
        "reflections": mark,
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
    whole = safe_json(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n"
    before, after = whole.split(json.dumps(mark), 1)
    yield before + "["
    count = 0
    for entry in entries:
        row = safe_json(indented(entry.to_record()))
        yield ("," if count else "") + "\n    " + row.replace("\n", "\n    ")
        count += 1
    yield ("\n  ]" if count else "]") + after


def from_json(text: str) -> list[Reflection]:
    """Entries from a JSON export (for checking an export; import is another feature)."""
    data = json.loads(text)
    return [r for record in data.get("reflections", []) if (r := from_record(record))]
