"""Today's reflect pane: when the day's prompt is the unsent letter, it opens the Letter.

The letter is private (never in the journal, left out of exports), so on that day
the pane shows the prompt and one button; the writing happens on the Letter screen.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from coach.journal.reflections import is_letter_prompt
from coach.routine.today import Step, Today
from screens.common.sources import source_line
from screens.common.steps import ReflectPane

LETTER_NOTE = (
    "This one is for the unsent letter: it opens on its own private page, "
    "never sent and never in your journal."
)


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
