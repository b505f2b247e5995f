"""The plural helper: one noun for every count coach writes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.words import plural


@pytest.mark.parametrize(
    ("n", "word", "expected"),
    [
        (1, "minute", "1 minute"),
        (0, "minute", "0 minutes"),
        (2, "week", "2 weeks"),
        (1, "day", "1 day"),
        (1, "draft", "1 draft"),
        (3, "draft", "3 drafts"),
        (1, "person", "1 person"),
        (2, "person", "2 people"),
        (2, "entry", "2 entries"),
        (2, "touch", "2 touches"),
        (2, "reflection entry", "2 reflection entries"),
        (2, "day", "2 days"),  # a vowel before y: no "ies"
        (2, "criterion", "2 criteria"),
    ],
)
def test_plural(n: int, word: str, expected: str) -> None:
    many = "criteria" if word == "criterion" else None
    assert plural(n, word, many) == expected


@given(st.integers(min_value=-5, max_value=10_000))
def test_only_one_is_singular(n: int) -> None:
    assert plural(n, "walk") == (f"{n} walk" if n == 1 else f"{n} walks")
