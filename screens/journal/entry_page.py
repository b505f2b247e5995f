"""EntryPage: what the two screens about one journal entry share (Entry reads it, Edit changes it)."""

from __future__ import annotations

from typing import TypeVar

from textual.content import Content

from coach.journal.reflections import Reflection
from screens.journal.labels import long_date
from screens.services import CoachScreen

ResultT = TypeVar("ResultT")


class EntryPage(CoachScreen[ResultT]):
    """A screen about one entry: it holds the entry and names its day and prompt one way."""

    def __init__(self, entry: Reflection) -> None:
        super().__init__()
        self.entry = entry

    @property
    def day_line(self) -> Content:
        """The entry's day in full, e.g. "Friday 20 November 2026" (user text: literal)."""
        return Content(long_date(self.entry))

    @property
    def prompt_line(self) -> Content:
        """The prompt the entry answers, or "Free entry" (prompt text shown literally)."""
        return Content("Free entry" if self.entry.is_free else self.entry.prompt_text)
