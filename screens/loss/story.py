"""Your story of the loss, and the form that asks for it (coach/loss/story.py).

The Loss screen shows each answer over time (day 1, after the post-mortem, 3
months...) so the user sees self-blame soften or a real lesson stand; `k` asks
for the answer that is due now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from coach.core.errors import InputError
from coach.loss.losses import Loss
from coach.loss.story import Stage, check_sure, story_due, story_of
from screens.common.forms import FORMS_TCSS, FormScreen

LABEL = 23  # "after the post-mortem" and two spaces

ASK = {
    Stage.RECORDED: "What do you think caused it, today?",
    Stage.POSTMORTEM: "After the post-mortem: what caused it, as you see it now?",
    Stage.CHECK_IN: "Some months on: what caused it, as you see it now?",
}


def story_lines(loss: Loss, today: date) -> Content:
    """The answers side by side in time, then what is due; empty when none and none due."""
    entries = story_of(loss)
    due = story_due(loss, today)
    if not entries and due is None:
        return Content("")
    parts: list[Content] = [Content.styled("Your story of it", "bold")]
    for entry in entries:
        sure = f"  ({entry.sure}% sure)" if entry.sure is not None else ""
        parts.append(
            Content.assemble(
                (f"{entry.label(loss):<{LABEL}}", "$accent"),
                entry.cause,
                (sure, "$foreground-muted"),
            )
        )
        if entry.words:
            parts.append(
                Content.assemble((" " * LABEL + "they said: ", "$foreground-muted"), entry.words)
            )
    if due is not None:
        parts.append(Content.styled(f"k  {ASK[due[0]]}", "$foreground-muted"))
    return Content("\n").join(parts)


@dataclass(frozen=True)
class StoryAnswer:
    """What the form collected, checked."""

    stage: Stage
    checkin: date | None
    cause: str
    sure: int | None
    words: str


class StoryScreen(FormScreen[StoryAnswer]):
    """What you think caused it and how sure you are (and the client's words, after the post-mortem)."""

    CSS_PATH = [FORMS_TCSS, "story.tcss"]
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="story.cancel"),
        Binding("ctrl+s", "submit", "Keep it", id="story.save"),
    ]

    def __init__(self, stage: Stage, checkin: date | None) -> None:
        super().__init__()
        self.stage = stage
        self.checkin = checkin

    def compose(self) -> ComposeResult:
        with Vertical(id="story-box", classes="form-box"):
            yield Static(ASK[self.stage], id="story-title", classes="form-title")
            rows = [
                ("cause", "Caused by", "e.g. the price, or 'I don't know yet'"),
                ("sure", "How sure", "0-100 (optional)"),
            ]
            if self.stage is Stage.POSTMORTEM:
                rows.append(("words", "They said", "the client's own words, if you got them"))
            for field_id, label, placeholder in rows:
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield Input(placeholder=placeholder, id=f"story-{field_id}", compact=True)
            yield from self.buttons("Keep it  ctrl+s", "Cancel  esc", prefix="story")

    def on_mount(self) -> None:
        self.query_one("#story-cause", Input).focus()

    def action_submit(self) -> None:
        cause = self.query_one("#story-cause", Input).value.strip()
        sure_text = self.query_one("#story-sure", Input).value.strip()
        words = self.query("#story-words")
        try:
            if not cause:
                raise InputError("Write what you think caused it, even 'I don't know yet'.")
            sure = check_sure(sure_text) if sure_text else None
        except InputError as exc:
            self.show_error(str(exc))
            return
        said = words.first(Input).value.strip() if words else ""
        self.dismiss(StoryAnswer(self.stage, self.checkin, cause, sure, said))

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()
