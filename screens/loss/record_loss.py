"""The form for recording a loss: a modal that checks what was typed before saving."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, SelectionList, Static

from coach.core.dates import parse_day
from coach.core.errors import InputError
from coach.loss.losses import REASONS
from screens.common.date_field import DatePreview
from screens.common.forms import FORMS_TCSS, FormScreen


@dataclass(frozen=True)
class NewLoss:
    """What the form collected, already checked."""

    client: str
    left: date
    reasons: tuple[str, ...]
    tenure: str
    value: str
    said: str


def check_form(
    client: str, left: str, reasons: list[str], today: date
) -> tuple[str, date, tuple[str, ...]]:
    """The form's rules; InputError names the first field that is wrong."""
    if not client.strip():
        raise InputError("Who was the client? The name is empty.")
    day = parse_day(left, today, what="The date they left")
    if not reasons:
        raise InputError('Tick at least one reason ("I don\'t know yet" is fine).')
    return client.strip(), day, tuple(reasons)


class RecordLossScreen(FormScreen[NewLoss]):
    """Client, date, how long, value, what they said, and why."""

    CSS_PATH = [FORMS_TCSS, "record_loss.tcss"]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # 80x24: a shorter reasons list
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="record.cancel"),
        Binding("ctrl+s", "submit", "Record", id="record.save"),
    ]

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="record-box", classes="form-box"):
            yield Static("Record a lost client", id="record-title", classes="form-title")
            for field_id, label, placeholder, value in (
                ("client", "Client", "their name or company", ""),
                ("left", "Left on", "yesterday, friday, 3 dec…", self.today.isoformat()),
                ("tenure", "Client for", "e.g. 3 years (optional)", ""),
                ("value", "Worth", "e.g. £12,000 a year (optional)", ""),
                ("said", "They said", "what they told you (optional)", ""),
            ):
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield Input(value, placeholder=placeholder, id=f"loss-{field_id}", compact=True)
                if field_id == "left":
                    yield DatePreview("loss-left", self.today, what="The date they left")
            yield Label("Why they left (space to tick, one or more)", id="reasons-label")
            yield SelectionList[str](
                *[(Content(r.words), r.id) for r in REASONS.values()],
                id="loss-reasons",
                compact=True,
            )
            yield from self.buttons("Record  ctrl+s", "Cancel  esc", prefix="record")

    def on_mount(self) -> None:
        self.query_one("#loss-client", Input).focus()

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#loss-{field_id}", Input).value

    def action_submit(self) -> None:
        reasons = list(self.query_one("#loss-reasons", SelectionList).selected)
        try:
            client, left, chosen = check_form(
                self._value("client"), self._value("left"), reasons, self.today
            )
        except InputError as exc:
            self.show_error(str(exc))
            return
        self.dismiss(
            NewLoss(
                client=client,
                left=left,
                reasons=chosen,
                tenure=self._value("tenure").strip(),
                value=self._value("value").strip(),
                said=self._value("said").strip(),
            )
        )

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()
