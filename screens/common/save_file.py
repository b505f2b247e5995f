"""A small form that saves some text (a questionnaire, a note) to a file the user names."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from coach.core.errors import InputError
from coach.core.textfile import save_text
from screens.common.forms import FORMS_TCSS, FormScreen


class SaveFileScreen(FormScreen[Path]):
    """Ask for a path; write the text there atomically; say where it went."""

    CSS_PATH = [FORMS_TCSS, "save_file.tcss"]
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="savefile.cancel")]

    def __init__(self, what: str, text: str, suggested: str) -> None:
        super().__init__()
        self.what = what
        self.text = text
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="savefile-box", classes="form-box"):
            yield Static(Content(f"Save {self.what} to a file"), classes="form-title")
            yield Input(self.suggested, id="savefile-path", placeholder="~/Documents/note.txt")
            yield from self.buttons("Save  enter", "Cancel  esc", prefix="savefile")

    def on_mount(self) -> None:
        self.query_one("#savefile-path", Input).focus()

    @on(Input.Submitted)
    def action_submit(self) -> None:
        self.write(self.query_one("#savefile-path", Input).value)

    @work(thread=True, exclusive=True, group="save-file")
    def write(self, path_text: str) -> None:
        """Write off the UI thread (fsync can take a moment), then report back."""
        try:
            path = save_text(path_text, self.text)
        except InputError as exc:
            self.app.call_from_thread(self.show_error, str(exc))
            return
        self.app.call_from_thread(self._written, path)

    def _written(self, path: Path) -> None:
        self.notify(f"Saved to {path}", title=self.what.capitalize(), timeout=5, markup=False)
        self.dismiss(path)
