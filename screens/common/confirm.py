"""The one confirm dialog: a question before something that cannot be undone.

Every "are you sure?" of coach is a ConfirmScreen with its own question and
choices; it dismisses with the chosen Choice's `answer`, or None on escape.
Focus starts on the safe choice, so enter alone never deletes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant


@dataclass(frozen=True)
class Choice:
    """One button: what the dialog answers, its label, and a key that picks it (optional)."""

    answer: str
    label: str
    variant: ButtonVariant = "default"
    key: str = ""


def yes_no(yes: str, no: str = "Cancel", variant: ButtonVariant = "warning") -> list[Choice]:
    """The usual pair: answers "yes" and "no"; "no" is the safe one."""
    return [Choice("yes", yes, variant), Choice("no", no)]


DELETE_OR_KEEP = (Choice("yes", "Delete  y", "error", "y"), Choice("no", "Keep  n", key="n"))
"""Deleting something the user wrote: y deletes, n (and the focus) keeps it."""


class ConfirmScreen(ModalScreen[str | None]):
    """Dismisses with the answer of the button (or key) picked; None on escape."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="confirm.cancel")]

    def __init__(
        self,
        question: str | Content,
        choices: Sequence[Choice],
        *,
        title: str | Content = "",
        detail: str = "",
        safe: str = "",
        danger: bool = False,
    ) -> None:
        """`safe` is the answer focused first (the last choice by default); `danger` reddens it."""
        super().__init__(classes="-danger" if danger else "")
        self.question = Content(question) if isinstance(question, str) else question
        self.title_text = Content(title) if isinstance(title, str) else title
        self.detail = detail
        self.choices = list(choices)
        self.safe = safe or self.choices[-1].answer
        self.keys = {c.key: c.answer for c in self.choices if c.key}

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            if self.title_text:
                yield Static(self.title_text, id="confirm-title")
            yield Static(self.question, id="confirm-text")
            if self.detail:
                yield Static(Content(self.detail), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                for choice in self.choices:
                    yield Button(
                        choice.label,
                        id=f"confirm-{choice.answer}",
                        variant=choice.variant,
                        compact=True,
                    )

    def on_mount(self) -> None:
        self.query_one(f"#confirm-{self.safe}", Button).focus()

    def on_key(self, event: events.Key) -> None:
        answer = self.keys.get(event.key)
        if answer is not None:
            event.stop()
            self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("confirm-"))
