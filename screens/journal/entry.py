"""One journal entry in full: read it, edit it, delete it (with undo), see the prompt's history."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Static

from coach.journal.reflections import Reflection, delete_reflection
from screens.journal.history import deleted_in_session


def long_date(entry: Reflection) -> str:
    return f"{entry.day:%A} {entry.day.day} {entry.day:%B %Y}"


def entry_facts(entry: Reflection) -> str:
    facts = []
    if entry.mood_label:
        facts.append(f"feeling {entry.mood_label}")
    if entry.tags:
        facts.append(" ".join(f"#{t}" for t in entry.tags))
    if entry.edited_at:
        facts.append(f"edited {entry.edited_at.date().isoformat()}")
    return "  ·  ".join(facts)


class ConfirmDelete(ModalScreen[bool]):
    """Ask before deleting: y deletes, n or escape keeps."""

    BINDINGS = [
        Binding("y", "answer(True)", "Delete", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Keep", id="confirm.no"),
    ]
    DEFAULT_CSS = """
    ConfirmDelete { align: center middle; }
    #confirm-box { width: 60; max-width: 100%; height: auto; border: round $error;
                   padding: 1 2; background: $panel; }
    #confirm-buttons { height: auto; margin-top: 1; }
    #confirm-buttons Button { margin-right: 2; }
    """

    def __init__(self, entry: Reflection) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(Content(f"Delete your entry of {long_date(self.entry)}?"))
            yield Static(
                Content("You can undo it (u on History) until you quit coach."),
                classes="muted",
            )
            with Horizontal(id="confirm-buttons"):
                yield Button("Delete  y", id="confirm-yes", variant="error", compact=True)
                yield Button("Keep  n", id="confirm-no", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class EntryScreen(Screen[None]):
    """An entry in full. e edit, d delete, a how my answers to this prompt changed."""

    BINDINGS = [
        Binding("e", "edit", "Edit", id="entry.edit"),
        Binding("d", "delete", "Delete", id="entry.delete"),
        Binding("a", "answers", "Answers over time", id="entry.answers"),
        Binding("escape", "app.pop_screen", "Back", id="entry.back"),
    ]
    DEFAULT_CSS = """
    EntryScreen { layout: vertical; }
    #entry-body { padding: 1 2; }
    #entry-body > Static { max-width: 100; }
    #entry-date { text-style: bold; color: $primary; }
    #entry-facts { color: $accent; }
    #entry-prompt { color: $text-muted; margin: 1 0; }
    """

    def __init__(self, entry: Reflection) -> None:
        super().__init__()
        self.entry = entry

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
        self.query_one("#entry-date", Static).update(Content(long_date(entry)))
        facts = entry_facts(entry)
        self.query_one("#entry-facts", Static).update(Content(facts))
        self.query_one("#entry-facts").display = bool(facts)
        prompt = "Free entry" if entry.is_free else entry.prompt_text
        self.query_one("#entry-prompt", Static).update(Content(prompt))
        self.query_one("#entry-text", Static).update(Content(entry.text))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answers":
            return not self.entry.is_free or None
        return True

    def action_edit(self) -> None:
        from screens.journal.edit_entry import EditEntryScreen

        self.app.push_screen(EditEntryScreen(self.entry), self._edited)

    def _edited(self, entry: Reflection | None) -> None:
        if entry is not None:
            self.show(entry)

    def action_delete(self) -> None:
        self.app.push_screen(ConfirmDelete(self.entry), self._confirmed)

    def _confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        entry = self.entry
        self.app.save(  # type: ignore[attr-defined]
            "the deletion",
            lambda coach: delete_reflection(coach, entry.day, entry.id),
            done=self._deleted,
        )

    def _deleted(self, entry: Reflection) -> None:
        deleted_in_session(self.app).append(entry)
        self.app.pop_screen()
        self.notify("Deleted. Press u to undo.", timeout=6)

    def action_answers(self) -> None:
        from screens.journal.answers import AnswersScreen

        if self.entry.prompt_id:
            self.app.push_screen(AnswersScreen(self.entry.prompt_id, self.entry.prompt_text))
