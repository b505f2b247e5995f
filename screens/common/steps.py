"""The panes beside the step list on Today: one per step of the routine (the base).

The reflect pane, with its text area, lives in screens/today/reflect_pane.py: it is built
only when first shown, so Today's first paint does not import it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from coach.routine.today import Step, Today
from coach.session import Coach
from screens.common.sources import source_line
from screens.services import AppServices, services_of


class StepPane(VerticalScroll):
    """A step's advice for today, with a button to mark it done."""

    @dataclass
    class DoneToggled(Message):
        step_id: str
        done: bool

    class Changed(Message):
        """The pane saved something that changes today (a touch, a help): read it again."""

    def __init__(self, step_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.step_id = step_id
        self.done = False

    @property
    def services(self) -> AppServices:
        return services_of(self)

    @property
    def coach(self) -> Coach | None:
        return services_of(self).coach

    def compose(self) -> ComposeResult:
        yield Static(classes="pane-title")
        yield Static(classes="pane-detail")
        yield Static(classes="pane-advice")
        yield Static(classes="pane-source")
        with Horizontal(classes="pane-buttons"):
            yield self.done_button()

    def done_button(self) -> Button:
        return Button(
            "Mark done",
            id=f"{self.step_id}-done",
            classes="done-button",
            variant="primary",
            compact=True,
        )

    def show(self, step: Step, today: Today) -> None:
        """Show a step's state; all text is literal, never markup."""
        self.done = step.done
        self.query_one(".pane-title", Static).update(Content(step.title))
        self.query_one(".pane-detail", Static).update(Content(step.detail))
        self.query_one(".pane-detail").display = bool(step.detail)
        self.query_one(".pane-advice", Static).update(
            Content(step.advice.text if step.advice else "")
        )
        self.query_one(".pane-source", Static).update(source_line(step.advice))
        self.query_one(".done-button", Button).label = "Undo done" if step.done else "Mark done"
        self.set_class(step.done, "-done")

    def focus_first(self) -> None:
        self.query_one(".done-button", Button).focus()

    @on(Button.Pressed, ".done-button")
    def toggle(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.DoneToggled(self.step_id, not self.done))
<<<<<<< HEAD


class ReflectPane(StepPane):
    """Today's prompt, a mood check-in and a place to answer; drafts kept as you type."""

    @dataclass
    class SaveRequested(Message):
        text: str
        mood: int | None = None

    def __init__(self, step_id: str = "reflect", *, id: str | None = None) -> None:
        super().__init__(step_id, id=id)
        self._saved_text = ""
        self.writing: Writing | None = None
        self.after = False  # the reflection is saved and the routine done: "and now?"
        self.autosave = DraftAutosave(self, self._make_draft)

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pane-title-row"):
            yield Static("Reflect", classes="pane-title")
            yield MoodPicker("", compact=True, id="pane-mood")
        yield Static(classes="pane-advice", id="prompt")
        yield Static(classes="pane-source")
        yield TextArea(id="answer", soft_wrap=True, show_line_numbers=False)
        with Horizontal(classes="pane-buttons"):
            yield Button("Save  ctrl+s", id="reflect-save", variant="primary", compact=True)
            yield Static(classes="save-state")

    def show(self, step: Step, today: Today) -> None:
        self.done = step.done
        self.set_class(step.done, "-done")
        prompt = today.prompt
        self.query_one("#prompt", Static).update(Content(prompt.text if prompt else ""))
        self.query_one(".pane-source", Static).update(source_line(prompt))
        coach = self.coach
        if coach is None or self.dirty or self.autosave.pending:
            self._update_state()
            return
        writing = start_writing(coach, today.day, prompt)
        self.writing = writing
        self._saved_text = writing.saved_text
        area = self.query_one("#answer", TextArea)
        if area.text != writing.text:
            with self.prevent(TextArea.Changed):
                area.load_text(writing.text)
        picker = self.query_one(MoodPicker)
        self.after = bool(writing.saved_text) and today.done_count == len(today.steps)
        picker.tooltip = "How you feel now" if self.after else "How you feel, before writing"
        after = mood_on(coach, today.day, Moment.AFTER) if self.after else None
        picker.value = after if self.after else writing.mood
        self._update_state()

    @property
    def dirty(self) -> bool:
        return self.query_one("#answer", TextArea).text != self._saved_text

    def focus_first(self) -> None:
        self.query_one("#answer", TextArea).focus()  # the mood row is one shift+tab away

    def save(self) -> None:
        self.autosave.cancel()
        mood = self.writing.mood if self.writing else None
        self.post_message(self.SaveRequested(self.query_one("#answer", TextArea).text, mood))

    def mark_saved(self, text: str) -> None:
        """`text` is in the journal now: what was typed since stays unsaved (and drafted)."""
        self._saved_text = text
        self._update_state()

    def _make_draft(self) -> Draft | None:
        if self.writing is None:
            return None
        text = self.query_one("#answer", TextArea).text
        return self.writing.draft("" if text == self._saved_text else text, self.writing.mood)

    def flush_draft(self) -> None:
        """Queue the draft now: the app calls this before quitting."""
        self.autosave.flush()

    @on(TextArea.Changed)
    def _changed(self) -> None:
        if self.writing is not None:
            self.autosave.changed()
        self._update_state()

    @on(MoodPicker.Chosen)
    def _mood(self, event: MoodPicker.Chosen) -> None:
        event.stop()
        writing = self.writing
        if writing is None:
            return
        save_mood(self, writing.day, event.mood, self.after)
        if self.after:
            return
        self.writing = replace(writing, mood=event.mood)
        if self.dirty:
            self.autosave.changed()
        self.query_one("#answer", TextArea).focus()

    def _update_state(self) -> None:
        # a draft is kept as you type either way; "saved" means in the journal
        state = "not saved yet" if self.dirty else ("saved" if self._saved_text else "")
        self.query_one(".save-state", Static).update(state)

    @on(Button.Pressed, "#reflect-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.save()
=======
>>>>>>> main
