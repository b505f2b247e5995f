"""ctrl+e in any long text field: write in your own editor ($VISUAL or $EDITOR).

The text goes to a private temp file (coach/core/editor.py), the terminal is handed to
the editor while it runs, and what was saved there replaces the field's text as one edit
(undo brings the old text back; the field's own autosave keeps it as a draft). Outside a
TextArea the key does what it did before (end of line in a one-line field).
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.app import App, SuspendNotSupported


class EditorAppFeatures(App[int]):
    """Mixed into CoachApp: `action_edit_externally`, bound to ctrl+e (id "editor")."""

    def action_edit_externally(self) -> None:
        # deferred: Today's first paint shows no text area (TextArea costs ~50 ms to import)
        from textual.widgets import TextArea

        from coach.core.editor import EditorError, edit_text

        area = self.focused
        if not isinstance(area, TextArea) or area.read_only:
            raise SkipAction()  # ctrl+e keeps its own meaning everywhere else
        try:
            try:
                with self.suspend():
                    text = edit_text(area.text)
            except SuspendNotSupported:  # headless (tests): no terminal to hand over
                text = edit_text(area.text)
        except EditorError as exc:
            self.notify(str(exc), title="Your editor", severity="warning", markup=False)
            return
        if text.endswith("\n") and not area.text.endswith("\n"):
            text = text[:-1]  # editors end the file with a newline; the field did not
        if text != area.text:
            area.replace(text, area.document.start, area.document.end)
        area.focus()
