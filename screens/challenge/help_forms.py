"""Modal forms of the help challenge: log or edit a help, set the goal, confirm a delete.

Each form checks its fields with the domain's own rules and shows what is wrong
inline; it dismisses with clean values (or None when cancelled). The caller saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from coach.challenge import helps as challenge
from coach.challenge.helps import Help
from coach.core.errors import InputError
from coach.session import Coach


@dataclass(frozen=True)
class HelpDraft:
    """What the user typed into the help form, already checked."""

    who: str
    how: str
    client: bool
    day: date


class Form(ModalScreen[object]):
    """Shared keys of the forms: escape cancels, ctrl+s saves."""

    CSS_PATH = "help_forms.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="form.save"),
    ]

    def show_error(self, message: str) -> None:
        error = self.query_one(".form-error", Static)
        error.update(Content(message))
        error.display = bool(message)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Changed)
    def _typing(self) -> None:
        self.show_error("")  # the message was about what was there before

    def action_submit(self) -> None:
        raise NotImplementedError

    @on(Button.Pressed, ".form-save")
    def _save_pressed(self) -> None:
        self.action_submit()

    @on(Button.Pressed, ".form-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def buttons(self, save: str) -> ComposeResult:
        yield Static(classes="form-error")
        with Horizontal(classes="form-buttons"):
            yield Button(save, variant="primary", classes="form-save", compact=True)
            yield Button("Cancel", classes="form-cancel", compact=True)


class HelpForm(Form):
    """Log a new help, or edit one (then `entry` is the help being changed)."""

    def __init__(self, coach: Coach, entry: Help | None = None) -> None:
        super().__init__()
        self.coach = coach
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(classes="form"):
            yield Static("Edit a help" if entry else "Log a help", classes="form-title")
            yield Label("Who did you help?")
            yield Input(entry.who if entry else "", id="who", compact=True)
            yield Label("What did you help them with?")
            yield Input(entry.how if entry else "", id="how", compact=True)
            yield Checkbox(
                "They are a client", entry.client if entry else False, id="client", compact=True
            )
            yield Label("Day (YYYY-MM-DD, today or earlier)")
            day = entry.day if entry else self.coach.today()
            yield Input(day.isoformat(), id="day", compact=True)
            yield from self.buttons("Save")

    def on_mount(self) -> None:
        self.show_error("")
        self.query_one("#who", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in the name moves on to an empty description; anywhere else it saves."""
        event.stop()
        how = self.query_one("#how", Input)
        if event.input.id == "who" and event.value.strip() and not how.value.strip():
            how.focus()
            return
        self.action_submit()

    def action_submit(self) -> None:
        try:
            day = challenge.parse_day(self.query_one("#day", Input).value)
            who, how, day = challenge.check_help(
                self.coach,
                self.query_one("#who", Input).value,
                self.query_one("#how", Input).value,
                day,
            )
        except InputError as problem:
            message = str(problem)
            self.show_error(message[:1].upper() + message[1:] + ".")
            return
        client = self.query_one("#client", Checkbox).value
        self.dismiss(HelpDraft(who, how, client, day))


class GoalForm(Form):
    """Set the weekly goal (1..100); it applies from this week on."""

    def __init__(self, goal: int) -> None:
        super().__init__()
        self.goal = goal

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static("Weekly goal", classes="form-title")
            yield Label("How many people will you help each week? (1 to 100)")
            yield Input(str(self.goal), id="goal", compact=True, type="integer")
            yield Static(
                "The new goal counts from this week on; past weeks keep theirs.",
                classes="form-hint",
            )
            yield from self.buttons("Set goal")

    def on_mount(self) -> None:
        self.show_error("")
        self.query_one("#goal", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        text = self.query_one("#goal", Input).value.strip()
        goal = int(text) if text.lstrip("-").isdigit() else None
        if goal is None or goal not in challenge.GOAL_RANGE:
            self.show_error("The goal must be a whole number from 1 to 100.")
            return
        self.dismiss(goal)
