"""The forgiving streak's rules, by example and against a plain reference."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from coach.progress.streak import Day, current_streak, longest_streak

C, R, M = Day.COUNTED, Day.REST, Day.MISSED


def days(text: str) -> list[Day]:
    """'CCRM' oldest first, the last letter is today."""
    return [{"C": C, "R": R, "M": M}[ch] for ch in text]


def current(text: str) -> int:
    return current_streak(reversed(days(text)))


def longest(text: str) -> int:
    return longest_streak(days(text))


def test_counted_days_in_a_row() -> None:
    assert current("CCC") == 3
    assert longest("CCC") == 3


def test_today_still_open_does_not_break() -> None:
    assert current("CCM") == 2
    assert longest("CCM") == 2


def test_one_missed_day_is_forgiven() -> None:
    assert current("CCMCC") == 4
    assert current("CMCMC") == 3


def test_two_missed_days_break() -> None:
    assert current("CCMMCC") == 2
    assert longest("CCCMMCC") == 3
    assert current("CCMMM") == 0  # yesterday and the day before missed, today open


def test_rest_days_neither_break_nor_extend() -> None:
    assert current("CCRRRRCC") == 4
    assert current("CCMRMC") == 1  # a rest day between two misses does not separate them
    assert current("CCMRC") == 3
    assert current("CCR") == 2  # resting today


def test_empty_history() -> None:
    assert current("") == 0
    assert longest("") == 0


def test_current_stops_reading_at_the_break() -> None:
    read: list[Day] = []

    def backwards():
        for d in [C, M, M] + [C] * 1000:
            read.append(d)
            yield d

    assert current_streak(backwards()) == 1
    assert len(read) == 3


def reference_runs(text: str) -> list[int]:
    """The rules restated plainly: drop rest days and an open today, split on MM."""
    if text.endswith("M"):
        text = text[:-1]
    text = text.replace("R", "")
    return [segment.count("C") for segment in re.split("M{2,}", text)]


histories = st.text(alphabet="CRM", max_size=80)


@given(histories)
def test_current_matches_reference(text: str) -> None:
    trimmed = text[:-1] if text.endswith(("M", "R")) else text
    expected = reference_runs(text)[-1]
    if trimmed.replace("R", "").endswith("MM"):
        expected = 0
    assert current(text) == expected


@given(histories)
def test_longest_matches_reference(text: str) -> None:
    assert longest(text) == max(reference_runs(text))


@given(histories)
def test_longest_is_at_least_current(text: str) -> None:
    assert longest(text) >= current(text)


@given(histories, st.integers(min_value=0, max_value=79))
def test_filling_in_a_past_day_never_shortens(text: str, index: int) -> None:
    if index >= len(text) - 1:
        return
    filled = text[:index] + "C" + text[index + 1 :]
    assert current(filled) >= current(text)
    assert longest(filled) >= longest(text)


@given(histories, st.integers(min_value=0, max_value=79))
def test_resting_instead_of_missing_never_shortens(text: str, index: int) -> None:
    if index >= len(text) or text[index] != "M":
        return
    rested = text[:index] + "R" + text[index + 1 :]
    assert current(rested) >= current(text)
