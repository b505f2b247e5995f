"""Ask for a file path (export to, import from, restore from); hands back what was typed.

The caller checks the path in a worker (coach/data names what is wrong with it);
this form only refuses an empty answer.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from screens.common.forms import FORMS_TCSS, FormScreen


class PathPromptScreen(FormScreen[str]):
    """A title, one line of help, a path field with a suggestion, Save and Cancel."""

    CSS_PATH = [FORMS_TCSS]

    def __init__(self, title: str, hint: str, suggested: str, action: str) -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.suggested = suggested
        self.action_label = action

    def compose(self) -> ComposeResult:
        with Vertical(id="path-box", classes="form-box"):
            yield Static(Content(self.title_text), classes="form-title")
            yield Static(Content(self.hint), classes="field-hint")
            yield Input(self.suggested, id="path-input", placeholder="~/coach-export.json")
            yield from self.buttons(f"{self.action_label}  enter", "Cancel  esc", prefix="path")

    def on_mount(self) -> None:
        self.query_one("#path-input", Input).focus()

    @on(Input.Submitted)
    def action_submit(self) -> None:
        text = self.query_one("#path-input", Input).value.strip()
        if not text:
            self.show_error("Type the path of a file.")
            return
        self.dismiss(text)
