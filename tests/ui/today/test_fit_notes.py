"""Today's notes at a small size: the first ones, then a count that says where the rest are."""

from __future__ import annotations

from screens.today.today import fit_notes


def test_all_notes_fit_when_there_is_room() -> None:
    assert fit_notes(("a", "b"), 3) == ["a", "b"]


def test_the_rest_are_counted_and_found_in_coach_today() -> None:
    shown = fit_notes(("a", "b", "c", "d"), 3)
    assert shown[:2] == ["a", "b"]
    assert shown[2] == "… and 2 more (`coach today` prints them all)"
