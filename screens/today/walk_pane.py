"""The walk step on Today: the week and the streak, and a button that starts the walk."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widgets import Button

from coach.routine.today import Step, Today
from screens.common.steps import StepPane


class WalkPane(StepPane):
    """StepPane plus "Start walk": starts the timer and opens the Walk screen (today.tcss)."""

    @dataclass
    class StartWalk(Message):
        """Asks the app to start the walk timer (if idle) and open the Walk screen."""

    def on_mount(self) -> None:
        button = Button("Start walk", id="walk-start", variant="success", compact=True)
        self.query_one(".pane-buttons").mount(button)
        self.set_interval(1, self.show_timer_state)  # the timer runs on other screens too

    def show(self, step: Step, today: Today) -> None:
        super().show(step, today)
        self.show_timer_state()

    def show_timer_state(self) -> None:
        timer = self.services.walk_timer
        label = "Back to your walk" if timer is not None and timer.active else "Start walk"
        for button in self.query("#walk-start").results(Button):
            if str(button.label) != label:
                button.label = label

    @on(Button.Pressed, "#walk-start")
    def _start(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.StartWalk())
