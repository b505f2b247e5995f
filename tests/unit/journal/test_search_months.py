"""search_months: the CLI's one-off search, a month file at a time, nothing kept."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.journal import search as search_module
from coach.journal.reflections import from_record, save_reflection
from coach.journal.search import (
    Filters,
    SearchCache,
    normalise,
    search,
    search_months,
    search_thoughts,
)
from coach.journal.thoughts import ThoughtFields, save_thought
from coach.session import Coach, open_coach


@pytest.fixture
def history(coach: Coach) -> Path:
    for month in range(1, 13):
        day = date(2025, month, 10)
        save_reflection(coach, day, f"called Ann in month {month}", None, mood=month % 5 + 1)
        save_reflection(coach, day, f"walked far {month}", None, tags="walks")
        save_thought(coach, day, ThoughtFields(situation=f"Ann called back {month}"))
    return coach.store.folder


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(words="ann"),
        Filters(words="walked", first=date(2025, 3, 5)),
        Filters(mood=2),
        Filters(tag="walks", last=date(2025, 6, 30)),
    ],
)
def test_the_same_matches_as_search_and_search_thoughts(history: Path, filters: Filters) -> None:
    coach = open_coach(history)
    months = list(search_months(coach, filters))
    entries = [e for m in reversed(months) for e in reversed(m.entries)]
    thoughts = [t for m in reversed(months) for t in m.thoughts]
    assert entries == search(coach, filters)
    assert thoughts == search_thoughts(coach, filters)
    assert [m.key for m in months] == sorted(m.key for m in months)


def test_nothing_is_kept_and_a_month_is_read_only_when_asked_for(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coach = open_coach(history)
    read: list[str] = []
    real = search_module.read_month

    def counting(store, key):
        read.append(key)
        return real(store, key)

    monkeypatch.setattr(search_module, "read_month", counting)
    found = search_months(coach, "ann")
    first = next(found)
    assert read == [first.key] == ["2025-01"]
    rest = list(found)
    assert len(read) == 1 + len(rest) == 12
    assert coach.kept(SearchCache).months == {}  # the app's cache is not filled
    assert coach.store._months == {}  # nor the store's


def test_progress_is_reported_after_each_month(history: Path) -> None:
    seen: list[tuple[int, int]] = []
    list(search_months(open_coach(history), "ann", on_progress=lambda d, t: seen.append((d, t))))
    assert seen == [(n, 12) for n in range(1, 13)]
    empty: list[tuple[int, int]] = []
    list(search_months(open_coach(history / "none"), on_progress=lambda d, t: empty.append((d, t))))
    assert empty == [(0, 0)]


ODD = st.one_of(st.none(), st.integers(), st.text(max_size=12), st.lists(st.text(max_size=5)))


@given(
    text=ODD,
    prompt_text=ODD,
    tags=st.one_of(ODD, st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=3)),
)
def test_the_words_are_looked_for_where_an_entry_holds_them(
    text: object, prompt_text: object, tags: object
) -> None:
    """search_months matches words in the raw record (to skip reading most into entries):
    the same haystack as the entry's, whatever odd values a hand-edited file holds."""
    record = {"id": "r1", "date": "2025-01-10", "text": text, "tags": tags}
    if prompt_text is not None:
        record["prompt_text"] = prompt_text
    entry = from_record(record)
    assert entry is not None
    as_read = normalise("\n".join((entry.prompt_text, entry.text, " ".join(entry.tag_field))))
    assert search_module._haystack(record) == as_read
