"""Today's reflect pane: the prompt, a mood and the answer, drafts kept as you type.

When the day's prompt is the unsent letter, it opens the Letter instead.

The letter is private (never in the journal, left out of exports), so on that day
the pane shows the prompt and one button; the writing happens on the Letter screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static, TextArea

from coach.journal.drafts import Draft
from coach.journal.moods import Moment, mood_on
from coach.journal.reflections import is_letter_prompt
from coach.journal.writing import Writing, start_writing
from coach.routine.today import Step, Today
from screens.common.drafting import DraftAutosave
from screens.common.mood_picker import MoodPicker, save_mood
from screens.common.sources import source_line
from screens.common.steps import StepPane

LETTER_NOTE = (
    "This one is for the unsent letter: it opens on its own private page, "
    "never sent and never in your journal."
)


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


class TodayReflectPane(ReflectPane):
    """The reflect pane, with the letter prompt sent to the Letter screen."""

    class LetterRequested(Message):
        """Open the unsent letter for the latest loss."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static(LETTER_NOTE, id="letter-note")
        yield Button("Open the letter  enter", id="open-letter", variant="primary", compact=True)

    @property
    def letter(self) -> bool:
        return self.has_class("-letter")

    def show(self, step: Step, today: Today) -> None:
        prompt = today.prompt
        letter = prompt is not None and is_letter_prompt(prompt) and today.reflection is None
        self.set_class(letter, "-letter")
        if not letter:
            super().show(step, today)
            return
        self.done = step.done
        self.set_class(step.done, "-done")
        self.writing = None  # nothing typed here goes anywhere
        self.query_one("#prompt", Static).update(Content(prompt.text if prompt else ""))
        self.query_one(".pane-source", Static).update(source_line(prompt))

    def focus_first(self) -> None:
        if self.letter:
            self.query_one("#open-letter", Button).focus()
            return
        super().focus_first()

    def save(self) -> None:
        if self.letter:  # ctrl+s on the letter day: to the letter, never the journal
            self.post_message(self.LetterRequested())
            return
        super().save()

    def flush_draft(self) -> None:
        if not self.letter:
            super().flush_draft()

    @on(Button.Pressed, "#open-letter")
    def _open_letter(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.LetterRequested())
