"""The one form base: a modal that checks what was typed and hands back clean values.

A form checks its fields with the domain's own rules, shows what is wrong
inline, and dismisses with the values (or None when cancelled); the caller
saves. Escape cancels and ctrl+s submits on every form. The look is
screens/common/forms.tcss; a form's own .tcss adds only what is its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import Button, Input, Static

# absolute: Textual resolves a relative CSS_PATH beside the subclass's module
FORMS_TCSS = Path(__file__).with_name("forms.tcss")


class FormScreen(ModalScreen[ScreenResultType]):
    """Escape cancels, ctrl+s submits; `buttons()` yields the error line and the buttons."""

    CSS_PATH = [FORMS_TCSS]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="form.save"),
    ]

    def action_submit(self) -> None:
        """Check the fields; dismiss with clean values or show what is wrong."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def buttons(self, save: str, cancel: str = "Cancel", *, prefix: str = "form") -> ComposeResult:
        """The error line, then Save and Cancel (ids `<prefix>-error/-save/-cancel`).

        Each label names its key, as on every form ("Save  ctrl+s", "Cancel  esc").
        """
        if "  " not in save:
            save = f"{save}  ctrl+s"
        if "  " not in cancel:
            cancel = f"{cancel}  esc"
        yield Static(id=f"{prefix}-error", classes="form-error")
        with Horizontal(classes="form-buttons"):
            yield Button(
                save, id=f"{prefix}-save", variant="primary", classes="form-save", compact=True
            )
            yield Button(cancel, id=f"{prefix}-cancel", classes="form-cancel", compact=True)

    def show_error(self, message: str) -> None:
        """Say what is wrong under the fields (literal text); an empty message hides it."""
        error = self.query_one(".form-error", Static)
        error.update(Content(message))
        error.set_class(bool(message), "-shown")

    @on(Input.Changed)
    def _typing(self) -> None:
        if self.query(".form-error"):
            self.show_error("")  # the message was about what was there before

    @on(Button.Pressed, ".form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, ".form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
