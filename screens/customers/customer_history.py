"""One customer's history: every touch, newest first, and the last check-up."""

from __future__ import annotations

from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from coach.core.dates import since
from coach.core.words import plural
from coach.customers.checkup import Checkup, last_checkup
from coach.customers.customers import Customer
from coach.customers.touches import Touch, history
from screens.services import services_of


class CustomerHistory(ModalScreen[None]):
    """Loads the touches in a worker (they span every month) and lists them."""

    CSS_PATH = "customer_history.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close", id="history.close")]

    def __init__(self, customer: Customer, label: str) -> None:
        super().__init__()
        self.customer = customer
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box"):
            yield Static(
                Content.assemble("History with ", (self.label, "bold")), id="history-title"
            )
            yield Static(id="history-summary")
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="history-checkup")

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns("Date", "Kind", "Value added", "How it went")
        self.query_one("#history-summary", Static).update("Loading…")
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        coach = services_of(self).coach
        if coach is None:
            return
        touches = history(coach, self.customer.id)
        checkup = last_checkup(coach, self.customer)
        self.app.call_from_thread(self.show, touches, checkup, coach.today())

    def show(self, touches: list[Touch], checkup: Checkup | None, today: date) -> None:
        table = self.query_one("#history-table", DataTable)
        for t in touches:
            table.add_row(
                f"{t.day:%-d %b %Y}", t.kind, Content(t.value), Content(t.outcome), key=t.id
            )
        summary = (
            f"{plural(len(touches), 'touch')}; last contact {since(touches[0].day, today)}"
            if touches
            else "No touches logged yet."
        )
        self.query_one("#history-summary", Static).update(summary)
        line = self.query_one("#history-checkup", Static)
        if checkup is None:
            line.update("No check-up yet.")
        else:
            risk = "at risk" if checkup.at_risk else "not at risk"
            notes = f": {checkup.notes}" if checkup.notes else ""
            line.update(Content(f"Last check-up {checkup.day:%-d %b %Y}, {risk}{notes}"))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
