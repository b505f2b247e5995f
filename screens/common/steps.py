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
