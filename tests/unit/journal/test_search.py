"""Journal search: words, case, accents, filters, and how my answers changed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.errors import InputError
from coach.journal.reflections import edit_reflection, save_reflection
from coach.journal.search import Filters, answers_to, normalise, search
from coach.session import Coach


@pytest.fixture
def journal(coach: Coach) -> Coach:
    lesson = coach.library.get("pr-the-lesson")
    friend = coach.library.get("pr-friend-words")
    save_reflection(
        coach, date(2025, 3, 1), "Le café était froid. I should have called.", lesson, mood=2
    )
    save_reflection(coach, date(2026, 1, 10), "Priced too HIGH for Acme. #money", lesson, mood=3)
    save_reflection(coach, date(2026, 6, 5), "You did good work; they moved on.", friend, mood=4)
    save_reflection(
        coach, date(2026, 11, 20), "Walked, called Bea. Naïve hopes.", None, tags="calls", mood=4
    )
    return coach


def texts(found: list) -> list[str]:
    return [e.text.split()[0] for e in found]


def test_normalise_folds_case_and_accents() -> None:
    assert normalise("Café NAÏVE Ｆｕｌｌ") == "cafe naive full"
    assert normalise("שלום 😀") == "שלום 😀"


def test_search_is_case_and_accent_insensitive_both_ways(journal: Coach) -> None:
    assert texts(search(journal, "CAFE")) == ["Le"]
    assert texts(search(journal, "naïve")) == ["Walked,"]
    assert texts(search(journal, "naive")) == ["Walked,"]
    assert texts(search(journal, "priced high")) == ["Priced"]


def test_every_word_must_match_newest_first(journal: Coach) -> None:
    assert texts(search(journal, "called")) == ["Walked,", "Le"]
    assert texts(search(journal, "called froid")) == ["Le"]
    assert search(journal, "called unicorn") == []
    assert search(journal, "zebra") == []
    assert len(search(journal, "")) == 4


def test_prompts_are_searched_too(journal: Coach) -> None:
    assert texts(search(journal, "differently excuses")) == ["Priced", "Le"]  # pr-the-lesson's text
    assert texts(search(journal, "friend")) == ["You"]


def test_filters(journal: Coach) -> None:
    in_2026 = Filters(first=date(2026, 1, 1), last=date(2026, 6, 30))
    assert texts(search(journal, in_2026)) == ["You", "Priced"]
    assert texts(search(journal, Filters(tag="#Money"))) == ["Priced"]
    assert texts(search(journal, Filters(tag="calls"))) == ["Walked,"]
    assert texts(search(journal, Filters(mood=4))) == ["Walked,", "You"]
    assert texts(search(journal, Filters(prompt_id="pr-the-lesson"))) == ["Priced", "Le"]
    both = Filters(words="called", mood=2, first=date(2025, 1, 1))
    assert texts(search(journal, both)) == ["Le"]


def test_a_back_to_front_range_is_refused(journal: Coach) -> None:
    with pytest.raises(InputError, match="back to front"):
        search(journal, Filters(first=date(2026, 2, 1), last=date(2026, 1, 1)))


def test_new_and_edited_entries_are_found_at_once(journal: Coach) -> None:
    assert search(journal, "otter") == []
    entry = save_reflection(journal, date(2026, 11, 22), "An otter swam by.", None)
    assert search(journal, "otter") == [entry]
    edit_reflection(journal, entry.day, entry.id, "A heron stood still.")
    assert search(journal, "otter") == []
    assert texts(search(journal, "heron")) == ["A"]


def test_how_my_answers_changed_is_oldest_first(journal: Coach) -> None:
    answers = answers_to(journal, "pr-the-lesson")
    assert [a.day for a in answers] == [date(2025, 3, 1), date(2026, 1, 10)]
    assert answers_to(journal, "pr-letting-go") == []


WORDS = st.text(alphabet="abcdeéèêëiïîoôuüçñ", min_size=3, max_size=8)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(WORDS, min_size=1, max_size=6))
def test_any_word_written_is_found_whatever_its_case_and_accents(
    coach: Coach, words: list[str]
) -> None:
    entry = save_reflection(coach, date(2026, 11, 22), " ".join(words).upper(), None)
    for word in words:
        plain = normalise(word)
        assert entry in search(coach, plain)
        assert entry in search(coach, word.capitalize())
    assert normalise(normalise(words[0])) == normalise(words[0])
