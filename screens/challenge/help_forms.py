"""Forms of the help challenge: log or edit a help, set the weekly goal (see common/forms.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Label, Static

from coach.challenge import helps as challenge
from coach.challenge.helps import Help
from coach.core.dates import parse_day
from coach.core.errors import InputError
from coach.session import Coach
from screens.common.date_field import DatePreview
from screens.common.forms import FormScreen


@dataclass(frozen=True)
class HelpDraft:
    """What the user typed into the help form, already checked."""

    who: str
    how: str
    client: bool
    day: date


class HelpForm(FormScreen[HelpDraft]):
    """Log a new help, or edit one (then `entry` is the help being changed)."""

    def __init__(self, coach: Coach, entry: Help | None = None) -> None:
        super().__init__()
        self.coach = coach
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(classes="form-box"):
            yield Static("Edit a help" if entry else "Log a help", classes="form-title")
            yield Label("Who did you help?")
            yield Input(entry.who if entry else "", id="who", placeholder="a name", compact=True)
            yield Label("What did you help them with?")
            yield Input(
                entry.how if entry else "", id="how", placeholder="an intro, advice…", compact=True
            )
            yield Checkbox(
                "They are a client", entry.client if entry else False, id="client", compact=True
            )
            yield Label("Day (today or earlier)")
            day = entry.day if entry else self.coach.today()
            yield Input(day.isoformat(), id="day", placeholder="yesterday, friday…", compact=True)
            yield DatePreview("day", self.coach.today(), what="day")
            yield from self.buttons("Save")

    def on_mount(self) -> None:
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
            typed = self.query_one("#day", Input).value
            day = parse_day(typed, self.coach.today(), what="day") if typed.strip() else None
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


class GoalForm(FormScreen[int]):
    """Set the weekly goal (1..100); it applies from this week on."""

    def __init__(self, goal: int) -> None:
        super().__init__()
        self.goal = goal

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box"):
            yield Static("Weekly goal", classes="form-title")
            yield Label("How many people will you help each week? (1 to 100)")
            yield Input(str(self.goal), id="goal", compact=True, type="integer")
            yield Static(
                "The new goal counts from this week on; past weeks keep theirs.",
                classes="field-hint",
            )
            yield from self.buttons("Set goal")

    def on_mount(self) -> None:
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
