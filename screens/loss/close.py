"""Close it graciously: a checklist and a thank-you note to edit, copy and save."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Header, SelectionList, Static, TextArea

from coach.content.library import Item
from coach.loss import closing
from screens.common.sources import source_line
from screens.loss.loss_page import LossPage
from screens.messages import Saved, SaveKind


class CloseScreen(LossPage):
    """Tick what is done; write the thank-you note from a drafted template."""

    CSS_PATH = "close.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save_note", "Save", id="close.save"),
        Binding("ctrl+o", "copy_note", "Copy", id="close.copy"),
        Binding("ctrl+r", "file_note", "To file", id="close.file"),
        Binding("ctrl+g", "other_draft", "Redraft", id="close.draft"),
        Binding("escape", "leave", "Back", id="close.leave"),
    ]

    def __init__(self, loss_id: str) -> None:
        super().__init__(loss_id)
        self.items: list[Item] = []
        self.draft_index = 0
        self._saved_note = ""
        self._draft = ""  # the template text as drafted: not worth saving until edited
        self._note = ""  # what the editor holds, kept here so it can be saved on the way out

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="close-body"):
            with Vertical(id="close-left"):
                yield SelectionList[str](id="close-checklist", compact=True)
                yield Static(id="close-item-text")
                yield Static(id="close-item-source")
            with Vertical(id="close-right"):
                yield TextArea(id="close-note", soft_wrap=True, show_line_numbers=False)
                with Horizontal(id="close-buttons"):
                    yield Button("Save", id="close-save", variant="primary", compact=True)
                    yield Button("Copy", id="close-copy", compact=True)
                    yield Button("To file", id="close-file", compact=True)
                    yield Button("Redraft", id="close-draft", compact=True)
                yield Static(id="close-state")
        yield Footer()

    def on_mount(self) -> None:
        coach, loss = self.coach, self.load_loss()
        if coach is None or loss is None:
            return
        self.sub_title = f"Close it graciously · {loss.client}"
        self.items = closing.checklist(coach.library)
        checklist = self.query_one("#close-checklist", SelectionList)
        checklist.border_title = "Checklist"
        checklist.add_options(
            [(Content(i.title or i.text), i.id, i.id in loss.close_ticks) for i in self.items]
        )
        note = self.query_one("#close-note", TextArea)
        note.border_title = "Thank-you note"
        self._saved_note = loss.thank_you
        self._note = self._draft = closing.thank_you_for(coach, loss)
        note.load_text(self._note)
        self._update_state()
        checklist.highlighted = 0
        self._show_item(0)
        checklist.focus()

    # -- the checklist ---------------------------------------------------------
    @on(SelectionList.SelectionHighlighted, "#close-checklist")
    def _highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        self._show_item(event.selection_index)

    def _show_item(self, index: int) -> None:
        item = self.items[index] if 0 <= index < len(self.items) else None
        self.query_one("#close-item-text", Static).update(Content(item.text if item else ""))
        self.query_one("#close-item-source", Static).update(source_line(item))

    @on(SelectionList.SelectionToggled, "#close-checklist")
    def _toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        item_id = event.selection.value
        ticked = item_id in event.selection_list.selected
        loss_id = self.loss_id
        self.save(
            SaveKind.CHECKLIST, lambda coach: closing.set_tick(coach, loss_id, item_id, ticked)
        )

    # -- the note --------------------------------------------------------------
    @property
    def note(self) -> str:
        return self._note

    @on(TextArea.Changed, "#close-note")
    def _changed(self, event: TextArea.Changed) -> None:
        self._note = event.text_area.text
        self._update_state()

    def _update_state(self) -> None:
        if not self._saved_note:
            state = "a draft: edit it, then save"
        elif self.note != self._saved_note:
            state = "changed, not saved yet"
        else:
            state = "saved"
        self.query_one("#close-state", Static).update(state)

    def action_save_note(self) -> None:
        text, loss_id = self.note, self.loss_id
        if not text.strip():
            self.notify("The note is empty.", severity="warning")
            return
        self.save(SaveKind.THANK_YOU, lambda coach: closing.save_thank_you(coach, loss_id, text))
        self._saved_note = text

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        if event.kind is SaveKind.THANK_YOU:
            self._update_state()
            self.notify("Thank-you note saved.", timeout=3)

    def action_copy_note(self) -> None:
        self.app.copy_to_clipboard(self.note)
        self.notify(
            "Note copied (if your terminal allows it); ctrl+r saves to a file.",
            timeout=6,
        )

    def action_file_note(self) -> None:
        self.save_to_file("the thank-you note", self.note, "thank-you")

    def action_other_draft(self) -> None:
        """Start again from the next template (the saved note stays until you save)."""
        coach, loss = self.coach, self.loss
        if coach is None or loss is None:
            return
        found = closing.templates(coach.library, loss)
        if not found:
            return
        self.draft_index = (self.draft_index + 1) % len(found)
        text = closing.draft_thank_you(
            found[self.draft_index], loss.client, coach.settings.your_name
        )
        self._note = self._draft = text
        self.query_one("#close-note", TextArea).load_text(text)
        self._update_state()

    def save_unsaved(self) -> None:
        """Keep the user's own edits (not the template as drafted)."""
        if self.note.strip() and self.note not in (self._saved_note, self._draft):
            self.action_save_note()

    @on(Button.Pressed, "#close-save")
    def _save_pressed(self) -> None:
        self.action_save_note()

    @on(Button.Pressed, "#close-copy")
    def _copy_pressed(self) -> None:
        self.action_copy_note()

    @on(Button.Pressed, "#close-file")
    def _file_pressed(self) -> None:
        self.action_file_note()

    @on(Button.Pressed, "#close-draft")
    def _draft_pressed(self) -> None:
        self.action_other_draft()
