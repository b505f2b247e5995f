"""Keep the door open: check-in dates to edit and tick, and a plan for if they come back."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, Label, Static, TextArea

from coach.core.errors import InputError
from coach.loss import door
from coach.loss.losses import Loss
from coach.session import Coach
from screens.common.date_field import DatePreview
from screens.common.sources import source_line
from screens.loss.loss_page import LossPage
from screens.messages import SaveKind


def checkin_lines(loss: Loss, today: date) -> Content:
    lines: list[Content] = []
    for day in loss.checkins:
        when = f"{day:%a %-d %b %Y}  ({door.months_after(loss, day)})"
        if day in loss.checkins_done:
            lines.append(Content.assemble(("✓ ", "$success"), (when, "$foreground-muted")))
        elif day <= today:
            lines.append(Content.assemble(("● ", "$warning"), when, ("  due now", "$warning")))
        else:
            lines.append(Content.assemble("○ ", when))
    return Content("\n").join(lines) if lines else Content("No check-ins planned.")


class DoorScreen(LossPage):
    """Check-ins at 3, 6 and 12 months (editable) and the return policy."""

    CSS_PATH = "door.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="door.save"),
        Binding("ctrl+t", "checked_in", "Checked in", id="door.checked"),
        Binding("escape", "leave", "Back", id="door.leave"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="door-body"):
            yield Static(id="door-advice")
            yield Static(id="door-source")
            yield Static(id="door-checkins")
            with Horizontal(classes="door-row"):
                yield Label("Check-in dates", classes="door-label")
                yield Input(id="door-dates", placeholder="in 3 months, 2027-06-01", compact=True)
            yield Static(id="door-error")
            if (coach := self.coach) is not None:
                yield DatePreview("door-dates", coach.today(), parse=self._checkin_days)
            yield Label("If they come back, I will…", id="door-policy-label")
            yield TextArea(id="door-policy", soft_wrap=True, show_line_numbers=False)
            with Horizontal(id="door-buttons"):
                yield Button("Save", id="door-save", variant="primary", compact=True)
                yield Button("Checked in", id="door-checked", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        coach, loss = self.coach, self.load_loss()
        if coach is None or loss is None:
            return
        self.sub_title = f"Keep the door open · {loss.client}"
        item = door.door_advice(coach, coach.today())
        self.query_one("#door-advice", Static).update(Content(item.text if item else ""))
        self.query_one("#door-source", Static).update(source_line(item))
        self.query_one("#door-policy", TextArea).load_text(loss.return_policy)
        self.show_loss(loss)
        self.query_one("#door-dates", Input).focus()

    def show_loss(self, loss: Loss) -> None:
        coach = self.coach
        if coach is None:
            return
        self.loss = loss
        self.query_one("#door-checkins", Static).update(checkin_lines(loss, coach.today()))
        self.query_one("#door-dates", Input).value = ", ".join(d.isoformat() for d in loss.checkins)
        self.query_one("#door-error", Static).update("")
        self.refresh_bindings()

    def _checkin_days(self, text: str) -> list[date]:
        """What the preview shows: the check-ins as typed, with door's own rules."""
        coach, loss = self.coach, self.loss
        if coach is None or loss is None:
            return []
        return door.parse_checkins(text, loss.left, coach.today())

    def action_save(self) -> None:
        coach, loss = self.coach, self.loss
        if coach is None or loss is None:
            return
        try:
            days = door.parse_checkins(
                self.query_one("#door-dates", Input).value, loss.left, coach.today()
            )
        except InputError as exc:
            self.query_one("#door-error", Static).update(Content(str(exc)))
            return
        self.query_one("#door-error", Static).update("")
        policy, loss_id = self.query_one("#door-policy", TextArea).text, self.loss_id

        def job(coach: Coach) -> Loss:
            door.set_return_policy(coach, loss_id, policy)
            return door.set_checkins(coach, loss_id, days)

        self.save(SaveKind.DOOR, job, done=self._saved)

    def _saved(self, loss: Loss) -> None:
        self.show_loss(loss)
        self.notify("Saved.", timeout=3)

    def _due(self) -> date | None:
        coach, loss = self.coach, self.loss
        if coach is None or loss is None:
            return None
        nxt = door.next_checkin(loss)
        return nxt if nxt is not None and nxt <= coach.today() else None

    def action_checked_in(self) -> None:
        day, loss_id = self._due(), self.loss_id
        if day is None:
            return
        self.save(
            SaveKind.CHECK_IN,
            lambda coach: door.mark_checked_in(coach, loss_id, day),
            done=self._saved,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "checked_in":
            return self._due() is not None or None
        return True

    def _dirty(self) -> bool:
        loss = self.loss
        if loss is None:
            return False
        dates = ", ".join(d.isoformat() for d in loss.checkins)
        return (
            self.query_one("#door-dates", Input).value.strip() != dates
            or self.query_one("#door-policy", TextArea).text.strip() != loss.return_policy
        )

    def action_leave(self) -> None:
        """Save changes on the way out; stay if the dates need fixing."""
        if self._dirty():
            self.action_save()
            if str(self.query_one("#door-error", Static).render()):
                return
        self.app.pop_screen()

    @on(Input.Submitted, "#door-dates")
    @on(Button.Pressed, "#door-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#door-checked")
    def _checked_pressed(self) -> None:
        self.action_checked_in()
