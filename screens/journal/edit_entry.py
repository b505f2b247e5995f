"""Edit a past entry: its date never changes; the store records when it was edited.

Unsaved edits are kept as a draft ("edit:<id>") and come back if coach stops.
"""

from __future__ import annotations

from contextlib import suppress

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Footer, Header, Input, Static, TextArea

from coach.core.errors import InputError
from coach.journal.drafts import Draft, draft_key, load_draft
from coach.journal.reflections import Reflection, clean_tags, edit_reflection
from screens.common.drafting import DraftAutosave
from screens.common.mood_picker import MoodPicker
from screens.journal.entry_page import EntryPage
from screens.messages import SaveKind


class EditEntryScreen(EntryPage[Reflection | None]):
    """Returns the edited entry, or None when left unsaved (the draft stays)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="edit.save"),
        Binding("escape", "leave", "Back", id="edit.back"),
    ]
    CSS_PATH = "edit_entry.tcss"

    def __init__(self, entry: Reflection) -> None:
        super().__init__(entry)
        self.autosave = DraftAutosave(self, self._make_draft)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content.assemble("Editing ", self.day_line), id="edit-title")
        yield Static(self.prompt_line, id="edit-prompt")
        yield MoodPicker("Mood then:", id="edit-mood")
        yield TextArea(id="edit-text", soft_wrap=True, show_line_numbers=False)
        with Horizontal(id="edit-bottom"):
            yield Input(placeholder="tags", id="edit-tags", compact=True)
            yield Static(id="edit-state")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Edit entry"
        entry = self.entry
        text, mood, tags = entry.text, entry.mood, entry.tag_field
        coach = self.coach
        draft = load_draft(coach, draft_key(entry.day, None, entry.id)) if coach else None
        if draft is not None:
            text, mood, tags = draft.text, draft.mood or mood, draft.tags
            self.notify("Your unsaved edit is back.", title="Nothing lost", timeout=5)
        area = self.query_one(TextArea)
        with self.prevent(TextArea.Changed, Input.Changed):
            area.load_text(text)
            self.query_one("#edit-tags", Input).value = ", ".join(tags)
        self.query_one(MoodPicker).value = mood
        area.focus()

    def _make_draft(self) -> Draft:
        entry = self.entry
        text = self.query_one(TextArea).text
        try:
            tags = clean_tags(self.query_one("#edit-tags", Input).value)
        except InputError:
            tags = entry.tag_field
        return Draft(
            day=entry.day,
            text="" if text == entry.text else text,
            prompt_id=entry.prompt_id,
            prompt_text=entry.prompt_text,
            mood=self.query_one(MoodPicker).value,
            tags=tags,
            entry_id=entry.id,
        )

    def flush_draft(self) -> None:
        self.autosave.flush()

    def on_unmount(self) -> None:
        with suppress(RuntimeError):
            self.autosave.flush()

    def on_text_area_changed(self) -> None:
        self.autosave.changed()
        self.query_one("#edit-state", Static).update("not saved yet")

    def on_input_changed(self) -> None:
        self.on_text_area_changed()

    def on_mood_picker_chosen(self) -> None:
        self.on_text_area_changed()
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        entry = self.entry
        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify("An entry cannot be empty. To remove it, delete it.", severity="warning")
            return
        try:
            tags = clean_tags(self.query_one("#edit-tags", Input).value)
        except InputError as exc:
            self.notify(str(exc), title="Tags", severity="warning", markup=False)
            return
        mood = self.query_one(MoodPicker).value
        self.autosave.cancel()
        self.save(
            SaveKind.ENTRY_EDIT,
            lambda coach: edit_reflection(coach, entry.day, entry.id, text, mood=mood, tags=tags),
            done=self._saved,
        )

    def _saved(self, entry: Reflection) -> None:
        self.notify("Saved. The entry keeps its date.", timeout=3)
        self.dismiss(entry)

    def action_leave(self) -> None:
        self.autosave.flush()
        if self.query_one(TextArea).text != self.entry.text:
            self.notify("Not saved: your edit is kept as a draft for next time.", timeout=4)
        self.dismiss(None)
