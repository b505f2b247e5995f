"""The journal export written as it is read: the same text as a whole-list export,
each piece out before the next entries are asked for."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime

import pytest
from dateutil import tz

from coach.journal.export import json_chunks, markdown_chunks
from coach.journal.moods import moods_between, record_mood
from coach.journal.reflections import Reflection, reflections_between, save_reflection
from coach.session import Coach

NOW = datetime(2026, 11, 22, 8, 30, tzinfo=tz.UTC)


@pytest.fixture
def entries(coach: Coach) -> list[Reflection]:
    for month in range(1, 7):
        day = date(2026, month, 5)
        save_reflection(coach, day, f"Month {month}.\n\n\n", None, mood=month % 5 + 1, tags="a b")
        second = f"[bold]second {month}[/] \x1b[2J  \n"
        save_reflection(coach, day, second, coach.library.get("pr-the-lesson"))
        record_mood(coach, day, 3, "before")
    return reflections_between(coach)


def reference_markdown(entries: list[Reflection]) -> str:
    """What to_markdown gave before it streamed: the whole text, then one newline at the end."""
    return "".join(markdown_chunks(entries)).rstrip("\n") + "\n"


def test_markdown_pieces_join_to_text_ending_in_one_newline(entries: list[Reflection]) -> None:
    text = "".join(markdown_chunks(entries))
    assert text == reference_markdown(entries) and not text.endswith("\n\n")
    assert "".join(markdown_chunks([])) == "# My journal\n"


def test_json_pieces_are_one_document_as_json_dumps_writes_it(
    coach: Coach, entries: list[Reflection]
) -> None:
    moods = moods_between(coach, None, None)
    text = "".join(json_chunks(entries, moods, NOW))
    data = json.loads(text)
    assert [r["id"] for r in data["reflections"]] == [e.id for e in entries]
    assert text == json.dumps(data, ensure_ascii=False, indent=2).replace("\x1b", "\\u001b") + "\n"
    empty = "".join(json_chunks([], moods, NOW))
    assert json.loads(empty)["reflections"] == []
    assert empty == json.dumps(json.loads(empty), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("chunks", [markdown_chunks, json_chunks])
def test_each_entry_is_written_before_the_next_is_asked_for(
    entries: list[Reflection], chunks: Callable[[Iterator[Reflection]], Iterator[str]]
) -> None:
    out: list[str] = []
    words = [e.text.split("[bold]")[-1].split("[/]")[0].split("\n")[0] for e in entries]
    assert len(set(words)) == len(entries)  # one marker per entry

    def lazily() -> Iterator[Reflection]:
        for index, entry in enumerate(entries):
            if index:
                assert words[index - 1] in "".join(out), f"entry {index - 1} not out yet"
            yield entry

    out.extend(chunks(lazily()))
    assert all(word in "".join(out) for word in words)
