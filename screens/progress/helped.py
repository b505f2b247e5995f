"""What helped: per step, the mood after days with it beside days without (coach/progress/helped.py).

A small widget of its own on the Progress screen: it reads the last year in a
worker and shows nothing until a step has enough days on both sides to say anything.
"""

from __future__ import annotations

from datetime import timedelta

from textual import work
from textual.content import Content
from textual.widgets import Static

from coach.progress.helped import MIN_DAYS, StepMood, what_helped
from screens.services import services_of

YEAR = timedelta(days=365)


def helped_content(found: list[StepMood]) -> Content:
    """The section: a title, one line per step, and what the lines rest on."""
    lines: list[Content] = [Content.styled("What helped", "bold $primary")]
    lines += [Content(f"  {step.line}") for step in found]
    lines.append(
        Content.styled(
            f"  Moods after the routine, last 12 months; a step shows once it has "
            f"{MIN_DAYS} days with it and {MIN_DAYS} without.",
            "$foreground-muted",
        )
    )
    return Content("\n").join(lines)


class WhatHelped(Static):
    """Hidden until there is something to say (styled in progress.tcss)."""

    steps: tuple[StepMood, ...] = ()  # what it shows, for tests and the keys screen

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="what-helped")
    def load(self) -> None:
        coach = services_of(self).coach
        if coach is None:
            return
        today = coach.today()
        found = what_helped(coach, today - YEAR, today)
        self.app.call_from_thread(self.show, found)

    def show(self, found: list[StepMood]) -> None:
        if not self.is_mounted:
            return
        self.steps = tuple(found)
        self.update(helped_content(found) if found else "")
        self.display = bool(found)
