"""A one-line mood check-in: 1 heavy ... 5 bright. Keys 1-5 or left/right, or click."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.journal.moods import MOOD_WORDS, Moment, mood_label, record_mood
from screens.messages import SaveKind
from screens.services import services_of


def save_mood(node: Widget, day: date, mood: int, after: bool) -> None:
    """Queue a check-in from a picker: before writing, or after ("and now?", said back)."""
    moment = Moment.AFTER if after else Moment.BEFORE
    services_of(node).save(SaveKind.MOOD, lambda coach: record_mood(coach, day, mood, moment))
    if after:
        node.notify(f"Noted: feeling {mood_label(mood)} now.", timeout=3)


class MoodPicker(Widget, can_focus=True):
    """Pick how you feel; words beside the numbers (feelings, not scores)."""

    DEFAULT_CSS = """
    MoodPicker {
        height: 1;
        width: auto;
    }
    """
    BINDINGS = [
        *[Binding(str(n), f"choose({n})", show=False, id=f"mood.{n}") for n in MOOD_WORDS],
        Binding("left", "step(-1)", show=False, id="mood.left"),
        Binding("right", "step(1)", show=False, id="mood.right"),
    ]

    value: reactive[int | None] = reactive(None)

    @dataclass
    class Chosen(Message):
        """The user picked a mood."""

        picker: MoodPicker
        mood: int

        @property
        def control(self) -> MoodPicker:
            return self.picker

    def __init__(
        self, label: str = "How do you feel?", *, compact: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.compact = compact  # numbers only, then the word of the chosen mood
        self._spans: list[tuple[int, int, int]] = []  # (start, end, mood) of each choice

    def render(self) -> Content:
        label = f"{self.label} " if self.label else ""
        parts: list[str | tuple[str, str]] = [(label, "$foreground-muted")]
        self._spans = []
        x = len(label)
        for mood, word in MOOD_WORDS.items():
            chip = f" {mood} " if self.compact else f" {mood} {word} "
            style = "bold reverse $accent" if mood == self.value else ""
            if self.has_focus and mood == (self.value or 3):
                style = (style + " underline").strip()
            parts.append((chip, style) if style else chip)
            self._spans.append((x, x + len(chip), mood))
            x += len(chip)
        if self.compact:
            word = MOOD_WORDS[self.value] if self.value else "mood"
            parts.append((f" {word}", "$accent" if self.value else "$foreground-muted"))
        return Content.assemble(*parts)

    def action_choose(self, mood: int) -> None:
        self.value = mood
        self.post_message(self.Chosen(self, mood))

    def action_step(self, delta: int) -> None:
        start = self.value or 3
        self.action_choose(min(5, max(1, start + delta)) if self.value else start)

    def on_click(self, event: events.Click) -> None:
        for start, end, mood in self._spans:
            if start <= event.x < end:
                self.action_choose(mood)
                return

    def on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def on_blur(self, event: events.Blur) -> None:
        self.refresh()
