"""Asks before a customer is deleted, and offers archiving instead."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDelete(ModalScreen[str | None]):
    """Returns "delete", "archive" or None (cancel)."""

    CSS_PATH = ["forms.tcss", "confirm_delete.tcss"]
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="confirm-delete.cancel")]

    def __init__(self, name: str, *, archived: bool = False) -> None:
        super().__init__()
        self.who = name
        self.archived = archived

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="form-box"):
            yield Static(Content.assemble("Delete ", (self.who, "bold"), "?"), id="confirm-title")
            yield Static(
                "They leave your list for good. Every call, meeting and message you logged "
                "stays in your journal under their name.\n"
                + ("" if self.archived else "Archiving instead keeps them, out of the way."),
                id="confirm-text",
            )
            with Horizontal(classes="form-buttons"):
                yield Button("Cancel", id="confirm-cancel", compact=True)
                if not self.archived:
                    yield Button(
                        "Archive instead", id="confirm-archive", variant="primary", compact=True
                    )
                yield Button("Delete", id="confirm-delete", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#confirm-cancel", Button).focus()

    @on(Button.Pressed, "#confirm-delete")
    def delete(self) -> None:
        self.dismiss("delete")

    @on(Button.Pressed, "#confirm-archive")
    def archive(self) -> None:
        self.dismiss("archive")

    @on(Button.Pressed, "#confirm-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
