"""Export to Markdown and JSON: dated headings, user text exactly as typed."""

from __future__ import annotations

import json
from datetime import date

from coach.journal.export import from_json, to_json, to_markdown
from coach.journal.moods import moods_on, record_mood
from coach.journal.reflections import reflections_between, save_reflection
from coach.session import Coach

TRICKY = [
    "[bold red]x[/] and [link=https://evil]click[/link]",
    "Emoji 😀🙏🏽 and a family 👨‍👩‍👧",
    "עברית: הלקוח עזב, ואני בסדר. العربية أيضاً",
    "# not a heading\n\n```\ncode\n```\n<script>alert(1)</script>",
]


def test_markdown_has_one_dated_heading_per_day_oldest_first(coach: Coach) -> None:
    lesson = coach.library.get("pr-the-lesson")
    save_reflection(coach, date(2026, 11, 21), "Second day.", lesson, mood=4, tags="acme")
    save_reflection(coach, date(2026, 11, 20), "First day.", None)
    save_reflection(coach, date(2026, 11, 21), "Later that day.", None)
    text = to_markdown(reflections_between(coach))
    assert text.startswith("# My journal\n")
    assert text.count("## Friday 20 November 2026") == 1
    assert text.count("## Saturday 21 November 2026") == 1
    assert text.index("First day.") < text.index("Second day.") < text.index("Later that day.")
    assert f"### {lesson.text}" in text  # type: ignore[union-attr]
    assert "Mood: 4 good · Tags: #acme" in text
    assert "### Free entry" in text


def test_tricky_text_survives_both_exports(coach: Coach) -> None:
    big = ("Forty lines of a long morning. " * 30 + "\n") * 110
    assert len(big.encode()) > 100_000
    for i, text in enumerate([*TRICKY, big]):
        save_reflection(coach, date(2026, 11, 1 + i), text, None)
    entries = reflections_between(coach)
    markdown = to_markdown(entries)
    for text in [*TRICKY, big]:
        assert text.rstrip("\n") in markdown
    assert from_json(to_json(entries)) == entries


def test_json_carries_moods_and_a_version(coach: Coach) -> None:
    save_reflection(coach, date(2026, 11, 22), "x", None, mood=1)
    record_mood(coach, date(2026, 11, 22), 1, "before")
    data = json.loads(to_json(reflections_between(coach), moods_on(coach, date(2026, 11, 22))))
    assert data["version"] == 1
    assert data["reflections"][0]["mood"] == 1
    assert data["moods"] == [
        {
            "date": "2026-11-22",
            "mood": 1,
            "word": "heavy",
            "moment": "before",
            "at": data["moods"][0]["at"],
        }
    ]
