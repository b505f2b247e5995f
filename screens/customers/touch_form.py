"""The "log a touch" form: a call, meeting or message, the value added, how it went, a follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from coach.core.dates import parse_when
from coach.core.errors import InputError
from coach.customers.touches import KINDS, Touch, log_touch
from coach.session import Coach
from screens.common.date_field import DatePreview
from screens.common.forms import FORMS_TCSS, FormScreen


@dataclass(frozen=True)
class TouchDraft:
    """What the form hands back: ready for touches.log_touch."""

    kind: str
    value: str
    outcome: str
    follow_up: date | None

    def log(self, coach: Coach, customer_id: str, day: date) -> Touch:
        """Log it with the customer (a save job: run it on the save queue)."""
        return log_touch(
            coach,
            customer_id,
            kind=self.kind,
            value=self.value,
            outcome=self.outcome,
            follow_up=self.follow_up,
            day=day,
        )


class TouchForm(FormScreen[TouchDraft]):
    """Log a touch with one customer. Escape cancels; nothing is saved until Save."""

    CSS_PATH = [FORMS_TCSS, "touch_form.tcss"]
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="touch.cancel"),
        Binding("ctrl+s", "submit", "Save", id="touch.save"),
    ]

    def __init__(self, who: str, today: date) -> None:
        super().__init__()
        self.who = who
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="touch-box", classes="form-box"):
            yield Static(
                Content.assemble("Log a touch with ", (self.who, "bold")), id="touch-title"
            )
            with RadioSet(id="touch-kind", compact=True):
                for kind in KINDS:
                    yield RadioButton(kind.capitalize(), value=kind == "call", name=kind)
            yield Label("What value did you add?")
            yield Input(
                placeholder="an introduction, an article, a favour...",
                id="touch-value",
                compact=True,
            )
            yield Label("How did it go?")
            yield Input(placeholder="a few words", id="touch-outcome", compact=True)
            yield Label("Follow up (optional)")
            yield Input(
                placeholder='"in 2 weeks", "next friday", 2026-12-04',
                id="touch-follow-up",
                compact=True,
            )
            yield DatePreview(
                "touch-follow-up", self.today, parse=self._follow_ups, id="touch-when"
            )
            yield from self.buttons("Save", prefix="touch")

    def on_mount(self) -> None:
        self.query_one("#touch-value", Input).focus()

    def _follow_ups(self, text: str) -> list[date]:
        """What the preview shows and Save keeps: one follow-up date, today or later."""
        return [parse_when(text, self.today)] if text.strip() else []

    @on(Input.Submitted)
    def action_submit(self) -> None:
        field = self.query_one("#touch-follow-up", Input)
        try:
            follow_up = next(iter(self._follow_ups(field.value)), None)
        except InputError:
            self.query_one("#touch-when", DatePreview).show(field.value)  # says what is wrong
            field.focus()
            return
        pressed = self.query_one("#touch-kind", RadioSet).pressed_button
        kind = pressed.name if pressed is not None and pressed.name in KINDS else "call"
        value = self.query_one("#touch-value", Input).value.strip()
        outcome = self.query_one("#touch-outcome", Input).value.strip()
        if not value and not outcome:
            # two enters in a row would log a touch that says nothing and tick the step
            self.show_error("Say what value you added or how it went (escape cancels).")
            self.query_one("#touch-value", Input).focus()
            return
        self.dismiss(TouchDraft(kind=kind, value=value, outcome=outcome, follow_up=follow_up))
