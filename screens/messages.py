"""Messages screens post upward, and what a save is about. Attributes go down, messages come up."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from textual.message import Message


class SaveKind(Enum):
    """What a save is about. Handlers match on the kind; `what` is only shown to the user.

    Each member is (id, what): the id keeps two kinds with the same words apart
    (a customer's deletion is not a journal entry's).
    """

    AT_RISK = ("at-risk", "the at-risk mark")
    CALL = ("call", "your call")
    CHALLENGE = ("challenge", "the challenge")
    CHECK_IN = ("check-in", "the check-in")
    CHECKLIST = ("checklist", "the checklist")
    CHECKUP = ("checkup", "the check-up")
    CUSTOMER = ("customer", "the customer")
    CUSTOMER_DELETION = ("customer-deletion", "the deletion")
    DOOR = ("door", "keeping the door open")
    DRAFT = ("draft", "your draft")
    ENTRY_DELETION = ("entry-deletion", "the deletion")
    ENTRY_EDIT = ("entry-edit", "your edit")
    ENTRY_RESTORE = ("entry-restore", "the entry")
    FORGET_LOSS = ("forget-loss", "forgetting the loss")
    GOAL = ("goal", "your goal")
    HELP = ("help", "your help")
    LET_GO = ("let-go", "letting go")
    LETTER = ("letter", "the letter")
    LOSS = ("loss", "the loss")
    MOOD = ("mood", "your mood")
    NEW_CUSTOMER = ("new-customer", "the new customer")
    NOT_TODAY = ("not-today", "not today")
    PEOPLE = ("people", "your people")
    POSTMORTEM = ("postmortem", "the post-mortem")
    POSTMORTEM_PLACE = ("postmortem-place", "your place")
    PROGRESS = ("progress", "your progress")
    PROMPT = ("prompt", "another prompt")
    PROMPT_CHOICE = ("prompt-choice", "your prompt choice")
    REFLECTION = ("reflection", "your reflection")
    REST_DAY = ("rest-day", "your rest day")
    SETTINGS = ("settings", "your settings")
    THANK_YOU = ("thank-you", "the thank-you note")
    THOUGHT = ("thought", "the thought record")
    TOUCH = ("touch", "the touch")
    WALK = ("walk", "your walk")
    WALK_TIMER = ("walk-timer", "the walk timer")
    WALK_REMINDER = ("walk-reminder", "the walk reminder")
    WRITING = ("writing", "your writing")

    def __init__(self, key: str, what: str) -> None:
        self.key = key
        self.what = what  # "Could not save <what>"


@dataclass
class Saved(Message):
    """A save finished; `kind` says what was saved."""

    kind: SaveKind

    @property
    def what(self) -> str:
        return self.kind.what


@dataclass
class SaveFailed(Message):
    """A save failed; the data on disk is unchanged."""

    kind: SaveKind
    error: str

    @property
    def what(self) -> str:
        return self.kind.what


class DataChanged(Message):
    """The data changed on disk (another coach process) or the day rolled over."""
