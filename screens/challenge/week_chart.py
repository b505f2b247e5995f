"""A bar chart of past weeks drawn with block characters: honest heights from zero.

Textual's Sparkline scales from the smallest value to the largest, so a week
with 6 helps next to weeks with 12 looks empty. Here every bar starts at zero
and a met week is drawn in the success colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from coach.challenge.helps import WeekResult

EIGHTHS = " ▁▂▃▄▅▆▇█"
CELLS_PER_WEEK = 2  # a bar and a gap


def bar_levels(counts: Sequence[int], height: int) -> list[int]:
    """Each count as a height in eighths of a row, scaled so the largest fills the chart.

    A week with any help shows at least one eighth, so it never looks empty.
    """
    top = max(counts, default=0)
    if top <= 0:
        return [0 for _ in counts]
    full = height * 8
    return [max(1, round(c * full / top)) if c > 0 else 0 for c in counts]


def bar_rows(levels: Sequence[int], height: int) -> list[list[str]]:
    """The characters of each row (top first), one per bar."""
    rows = []
    for row in range(height):
        floor = (height - 1 - row) * 8
        rows.append([EIGHTHS[min(8, max(0, level - floor))] for level in levels])
    return rows


class WeekChart(Static):
    """Past weeks as bars, two cells each; met weeks in $success."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: list[WeekResult] = []

    def show(self, results: Sequence[WeekResult]) -> None:
        self.results = list(results)
        self.refresh_chart()

    def on_resize(self) -> None:
        self.refresh_chart()

    def refresh_chart(self) -> None:
        height = max(1, self.size.height or 3)
        levels = bar_levels([r.count for r in self.results], height)
        lines = []
        for row in bar_rows(levels, height):
            parts = [
                (cell + " ", "$success" if result.met else "$primary")
                for cell, result in zip(row, self.results, strict=True)
            ]
            lines.append(Content.assemble(*parts))
        self.update(Content("\n").join(lines))
