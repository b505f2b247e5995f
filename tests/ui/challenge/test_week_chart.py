"""The past-weeks bar chart: bars start at zero and any help shows."""

from __future__ import annotations

from screens.challenge.week_chart import bar_levels, bar_rows


def test_levels_scale_from_zero_to_the_largest_week() -> None:
    assert bar_levels([12, 6, 0, 1], 1) == [8, 4, 0, 1]
    assert bar_levels([12, 6, 0, 1], 3) == [24, 12, 0, 2]
    assert bar_levels([0, 0], 3) == [0, 0]
    assert bar_levels([], 3) == []
    assert bar_levels([1, 200], 2) == [1, 16]  # a single help never vanishes


def test_rows_fill_from_the_bottom() -> None:
    assert bar_rows([24, 12, 0, 1], 3) == [
        ["█", " ", " ", " "],
        ["█", "▄", " ", " "],
        ["█", "█", " ", "▁"],
    ]
