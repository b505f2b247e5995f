"""One journal entry in full: read it, edit it, delete it (with undo), see the prompt's history."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from coach.journal.reflections import Reflection, delete_reflection
from screens.common.confirm import DELETE_OR_KEEP, ConfirmScreen
from screens.journal.entry_page import EntryPage
from screens.journal.labels import entry_facts, long_date
from screens.messages import SaveKind


class EntryScreen(EntryPage[None]):
    """An entry in full. e edit, d delete, a how my answers to this prompt changed."""

    BINDINGS = [
        Binding("e", "edit", "Edit", id="entry.edit"),
        Binding("d", "delete", "Delete", id="entry.delete"),
        Binding("a", "answers", "Answers over time", id="entry.answers"),
        Binding("escape", "app.pop_screen", "Back", id="entry.back"),
    ]
    CSS_PATH = "entry.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="entry-body"):
            yield Static(id="entry-date")
            yield Static(id="entry-facts")
            yield Static(id="entry-prompt")
            yield Static(id="entry-text")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Journal entry"
        self.show(self.entry)
        self.query_one("#entry-body").focus()

    def show(self, entry: Reflection) -> None:
        self.entry = entry
        self.query_one("#entry-date", Static).update(self.day_line)
        facts = entry_facts(entry)
        self.query_one("#entry-facts", Static).update(Content(facts))
        self.query_one("#entry-facts").display = bool(facts)
        self.query_one("#entry-prompt", Static).update(self.prompt_line)
        self.query_one("#entry-text", Static).update(Content(entry.text))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answers":
            return not self.entry.is_free or None
        return True

    def action_edit(self) -> None:
        from screens.journal.edit_entry import EditEntryScreen  # deferred: a screen

        self.app.push_screen(EditEntryScreen(self.entry), self._edited)

    def _edited(self, entry: Reflection | None) -> None:
        if entry is not None:
            self.show(entry)

    def action_delete(self) -> None:
        question = f"Delete your entry of {long_date(self.entry)}?"
        undo = "You can undo it (u on History) until you quit coach."
        confirm = ConfirmScreen(question, DELETE_OR_KEEP, detail=undo, danger=True)
        self.app.push_screen(confirm, self._confirmed)

    def _confirmed(self, answer: str | None) -> None:
        if answer != "yes":
            return
        entry = self.entry
        self.save(
            SaveKind.ENTRY_DELETION,
            lambda coach: delete_reflection(coach, entry.day, entry.id),
            done=self._deleted,
        )

    def _deleted(self, entry: Reflection) -> None:
        self.services.deleted_entries.append(entry)
        self.app.pop_screen()
        self.notify("Deleted. Press u to undo.", timeout=6)

    def action_answers(self) -> None:
        from screens.journal.answers import AnswersScreen  # deferred: a screen

        if self.entry.prompt_id:
            self.app.push_screen(AnswersScreen(self.entry.prompt_id, self.entry.prompt_text))
