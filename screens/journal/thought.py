"""The thought record ("Feelings aren't facts"): a hot thought weighed against your own week.

Every field may be skipped. The record saves as you type (screens/common/drafting.py
Autosave, through the app's save queue) under an id picked when the screen opens,
so leaving never loses a word and an empty record is never kept. The facts offered
as evidence against come from the user's own logs (coach/routine/evidence.py),
read in a worker; space picks one.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, SelectionList, Static, TextArea

from coach.core.errors import InputError
from coach.journal.thoughts import (
    Feeling,
    ThoughtFields,
    ThoughtRecord,
    delete_thought,
    new_thought_id,
    parse_feelings,
    save_thought,
    traps,
    with_evidence,
)
from coach.routine.evidence import Fact, evidence
from coach.session import Coach
from screens.common.drafting import Autosave
from screens.messages import SaveKind
from screens.services import CoachScreen

TEXT_FIELDS = ("situation", "thought", "for", "against", "balanced")
NO_FACTS = "Nothing logged yet to draw on: the walks, calls and helps you log show up here."


def label(number: str, text: str, hint: str = "") -> Static:
    return Static(
        Content.assemble((f"{number} ", "$accent"), (text, "bold"), (hint, "$foreground-muted")),
        classes="thought-label",
    )


def feelings_text(feelings: tuple[Feeling, ...]) -> str:
    return ", ".join(str(f) for f in feelings)


def lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class ThoughtScreen(CoachScreen[None]):
    """A new thought record for today, or an existing one to edit."""

    CSS_PATH = "thought.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save_now", "Save", id="thought.save"),
        Binding("escape", "leave", "Done", id="thought.back"),
        Binding("ctrl+delete", "delete", "Delete", id="thought.delete"),
    ]

    def __init__(self, record: ThoughtRecord | None = None) -> None:
        super().__init__()
        self.record = record
        self.record_id = record.id if record else new_thought_id()
        self.day: date | None = record.day if record else None
        self.facts: list[Fact] = []
        self.autosave = Autosave(self, self._save_pending)
        self._pending: ThoughtFields | None = None  # taken at each change: widgets may be gone
        self._saved_values = record.fields if record else ThoughtFields()
        self._feelings: dict[str, tuple[Feeling, ...]] = {
            "feelings": record.feelings if record else (),
            "rerate": record.rerated if record else (),
        }
        self._problem = ""
        self._edited_against = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="thought-form"):
            yield Static(id="thought-title")
            yield Static(
                "Every field may be skipped; it saves as you type. Tab moves on.",
                id="thought-intro",
            )
            yield label("1", "The situation", " · what happened, in facts")
            yield TextArea(id="thought-situation", classes="thought-text", compact=True)
            yield label("2", "Feelings", " · and how strong, 0-100")
            yield Input(placeholder="anxious 80, ashamed 60", id="thought-feelings", compact=True)
            yield label("3", "The hot thought", " · the one that hurts most")
            yield TextArea(
                id="thought-thought",
                classes="thought-text",
                compact=True,
                placeholder="I'll lose all my clients",
            )
            yield label("4", "Evidence for it", " · facts only, one a line")
            yield TextArea(id="thought-for", classes="thought-text", compact=True)
            yield label("5", "Evidence against it", " · one a line, or pick below")
            yield TextArea(id="thought-against", classes="thought-text", compact=True)
            yield Static(
                Content.assemble(
                    ("From your own logs", "bold"), (" · space picks a fact", "$foreground-muted")
                ),
                id="thought-offer-title",
            )
            yield Static("Reading your logs…", id="thought-no-facts")
            yield SelectionList[str](id="thought-evidence", compact=True)
            yield label("6", "A balanced thought", " · what a fair friend would say")
            yield TextArea(id="thought-balanced", classes="thought-text", compact=True)
            yield label("7", "Re-rate the feelings", " · 0-100, now")
            yield Input(placeholder="anxious 40", id="thought-rerate", compact=True)
            yield label("·", "Thinking traps", " · optional, space tags one")
            yield SelectionList[str](id="thought-traps", compact=True)
            yield Static(id="thought-trap-line")
        yield Static(id="thought-state")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Thought record"
        coach = self.coach
        if coach is None:
            return
        if self.day is None:
            self.day = coach.today()
        day = self.day
        self.query_one("#thought-title", Static).update(
            Content.assemble(
                ("Feelings aren't facts", "bold $primary"),
                (f"  ·  {day:%A} {day.day} {day:%B %Y}", "$foreground-muted"),
            )
        )
        record = self.record
        with self.prevent(TextArea.Changed, Input.Changed, SelectionList.SelectedChanged):
            if record is not None:
                self._area("situation").load_text(record.situation)
                self._area("thought").load_text(record.thought)
                self._area("for").load_text("\n".join(record.evidence_for))
                self._area("against").load_text("\n".join(record.evidence_against))
                self._area("balanced").load_text(record.balanced)
                self.query_one("#thought-feelings", Input).value = feelings_text(record.feelings)
                self.query_one("#thought-rerate", Input).value = feelings_text(record.rerated)
            chosen = set(record.traps) if record else set()
            self.query_one("#thought-traps", SelectionList).add_options(
                [(Content(trap.title), trap.id, trap.id in chosen) for trap in traps(coach.library)]
            )
            self._highlight_first("#thought-traps")
        self._area("situation").focus()
        self._load_facts(day)

    def _highlight_first(self, selector: str) -> None:
        """Space picks at once when tab lands on a list (no arrow key first)."""
        found = self.query_one(selector, SelectionList)
        if found.option_count and found.highlighted is None:
            found.highlighted = 0

    def _area(self, name: str) -> TextArea:
        return self.query_one(f"#thought-{name}", TextArea)

    # -- the facts offered ---------------------------------------------------------
    @work(thread=True, exclusive=True, group="thought-evidence")
    def _load_facts(self, day: date) -> None:
        coach = self.coach
        if coach is not None:
            facts = evidence(coach, day)
            self.app.call_from_thread(self._show_facts, facts)

    def _show_facts(self, facts: list[Fact]) -> None:
        if not self.is_mounted:
            return
        self.facts = facts
        picked = set(self.record.evidence_against if self.record else ())
        offered = {f.text for f in facts}
        with self.prevent(TextArea.Changed, SelectionList.SelectedChanged):
            self.query_one("#thought-evidence", SelectionList).add_options(
                [(Content(f.text), f.text, f.text in picked) for f in facts]
            )
            self._highlight_first("#thought-evidence")
            if not self._edited_against:
                # picked facts show as picked, not again as typed lines
                area = self._area("against")
                area.load_text("\n".join(x for x in lines(area.text) if x not in offered))
        self.query_one("#thought-no-facts", Static).update(NO_FACTS)
        self.query_one("#thought-no-facts").display = not facts
        self.query_one("#thought-evidence").display = bool(facts)

    @on(SelectionList.SelectionHighlighted, "#thought-traps")
    def _trap_line(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        """The highlighted trap's one plain line, in full under the list."""
        coach = self.coach
        item = coach.library.items.get(event.selection.value) if coach else None
        line = Content.assemble((f"{item.title}: ", "bold"), item.text) if item else Content("")
        self.query_one("#thought-trap-line", Static).update(line)

    # -- what is typed ---------------------------------------------------------------
    def _read_feelings(self, name: str) -> tuple[Feeling, ...]:
        """The feelings typed in one field; while a line is half typed, the last good ones."""
        try:
            found = parse_feelings(self.query_one(f"#thought-{name}", Input).value)
        except InputError as exc:
            what = "Feelings" if name == "feelings" else "Re-rated"
            self._problem = f"{what}: {exc}"
            return self._feelings[name]
        self._feelings[name] = found
        return found

    def values(self) -> ThoughtFields:
        """The fields as typed now (picked facts join the evidence against)."""
        self._problem = ""
        picked = self.query_one("#thought-evidence", SelectionList).selected
        chosen = self.query_one("#thought-traps", SelectionList).selected
        typed = ThoughtFields(
            situation=self._area("situation").text,
            feelings=self._read_feelings("feelings"),
            thought=self._area("thought").text,
            evidence_for=lines(self._area("for").text),
            evidence_against=lines(self._area("against").text),
            balanced=self._area("balanced").text,
            rerated=self._read_feelings("rerate"),
            traps=tuple(str(t) for t in chosen),
        )
        return with_evidence(typed, [str(p) for p in picked])

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self, event: TextArea.Changed | Input.Changed) -> None:
        if getattr(event.control, "id", "") == "thought-against":
            self._edited_against = True
        if self.coach is None:
            return
        self._pending = self.values()
        self.autosave.changed()
        self._update_state("not saved yet")

    def _update_state(self, state: str) -> None:
        text = f"{state}  ·  {self._problem}" if self._problem else state
        self.query_one("#thought-state", Static).update(Content(text))

    # -- saving ------------------------------------------------------------------------
    def _save_pending(self) -> None:
        values, day, record_id = self._pending, self.day, self.record_id
        self._pending = None
        if values is None or day is None or values == self._saved_values:
            return
        self._saved_values = values
        self.save(
            SaveKind.THOUGHT,
            lambda coach: save_thought(coach, day, values, record_id=record_id),
            done=self._saved,
        )

    def _saved(self, record: ThoughtRecord | None) -> None:
        if self.is_mounted:
            self._update_state("saved" if record is not None else "")

    def save_unsaved(self) -> None:
        """The app calls this before quitting: nothing typed is lost."""
        self.autosave.flush()

    def on_unmount(self) -> None:
        with suppress(RuntimeError):  # the save queue already closed on quit
            self.autosave.flush()

    def action_save_now(self) -> None:
        if self.autosave.pending:
            self.autosave.flush()
        elif self._pending is None and self.values() == self._saved_values:
            self._update_state("saved" if not self._saved_values.is_empty else "nothing to save")

    def action_delete(self) -> None:
        """Delete this record for good, after the shared confirm dialog."""
        from screens.common.confirm import DELETE_OR_KEEP, ConfirmScreen  # deferred: a screen

        day = self.day
        if day is None:
            return
        question = f"Delete this thought record of {day:%A} {day.day} {day:%B %Y}?"
        detail = "It is gone for good: this cannot be undone."
        confirm = ConfirmScreen(question, DELETE_OR_KEEP, detail=detail, danger=True)
        self.app.push_screen(confirm, self._confirmed)

    def _confirmed(self, answer: str | None) -> None:
        day, record_id = self.day, self.record_id
        if answer != "yes" or day is None:
            return
        self.autosave.cancel()  # nothing typed may bring it back after the deletion
        self._pending = None

        def forget(coach: Coach) -> None:
            # a save queued before runs first (one ordered queue); never saved: nothing to do
            with suppress(InputError):
                delete_thought(coach, day, record_id)

        self.save(SaveKind.ENTRY_DELETION, forget, done=self._deleted)

    def _deleted(self, _: None) -> None:
        if self.app.screen is self:
            self.app.pop_screen()
        self.notify("Thought record deleted.", timeout=4)

    def action_leave(self) -> None:
        self.autosave.flush()
        self.app.pop_screen()
