"""Messages screens post upward. Attributes go down, messages come up."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class Saved(Message):
    """A save finished; `what` says what was saved, for the user."""

    what: str


@dataclass
class SaveFailed(Message):
    """A save failed; the data on disk is unchanged."""

    what: str
    error: str


class DataChanged(Message):
    """The data changed on disk (another coach process) or the day rolled over."""
