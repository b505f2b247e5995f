"""The panes beside the step list on Today: one per step of the routine."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static, TextArea

from coach.library import Item
from coach.routine import Step, Today


def source_line(item: Item | None) -> Content:
    if item is None:
        return Content("")
    return Content.assemble(
        ("From ", "$foreground-muted"), (item.source_line, "italic $foreground-muted")
    )


class StepPane(VerticalScroll):
    """A step's advice for today, with a button to mark it done."""

    @dataclass
    class DoneToggled(Message):
        step_id: str
        done: bool

    def __init__(self, step_id: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.step_id = step_id
        self.done = False

    def compose(self) -> ComposeResult:
        yield Static(classes="pane-title")
        yield Static(classes="pane-detail")
        yield Static(classes="pane-advice")
        yield Static(classes="pane-source")
        with Horizontal(classes="pane-buttons"):
            yield Button(
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
        self.query_one(".done-button", Button).label = "Not done yet" if step.done else "Mark done"
        self.set_class(step.done, "-done")

    def focus_first(self) -> None:
        self.query_one(".done-button", Button).focus()

    @on(Button.Pressed, ".done-button")
    def toggle(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.DoneToggled(self.step_id, not self.done))


class ReflectPane(StepPane):
    """Today's prompt and a place to answer it."""

    @dataclass
    class SaveRequested(Message):
        text: str

    def __init__(self, step_id: str = "reflect", *, id: str | None = None) -> None:
        super().__init__(step_id, id=id)
        self._saved_text = ""

    def compose(self) -> ComposeResult:
        yield Static("Reflect", classes="pane-title")
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
        area = self.query_one("#answer", TextArea)
        stored = today.reflection.text if today.reflection else ""
        if not self.dirty and area.text != stored:
            area.load_text(stored)
            self._saved_text = stored
        self._update_state()

    @property
    def dirty(self) -> bool:
        return self.query_one("#answer", TextArea).text != self._saved_text

    def focus_first(self) -> None:
        self.query_one("#answer", TextArea).focus()

    def save(self) -> None:
        self.post_message(self.SaveRequested(self.query_one("#answer", TextArea).text))

    def mark_saved(self) -> None:
        self._saved_text = self.query_one("#answer", TextArea).text
        self._update_state()

    @on(TextArea.Changed)
    def _changed(self) -> None:
        self._update_state()

    def _update_state(self) -> None:
        state = "not saved yet" if self.dirty else ("saved" if self._saved_text else "")
        self.query_one(".save-state", Static).update(state)

    @on(Button.Pressed, "#reflect-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.save()
