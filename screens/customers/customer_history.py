"""One customer's history: every touch, newest first, and the last check-up."""

from __future__ import annotations

from datetime import date

from textual import on, work
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

SHORT = 30  # characters of a value or outcome in the table; the detail below has it all


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


class CustomerHistory(ModalScreen[None]):
    """Loads the touches in a worker (they span every month) and lists them."""

    CSS_PATH = "customer_history.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close", id="history.close")]

    def __init__(self, customer: Customer, label: str) -> None:
        super().__init__()
        self.touches: dict[str, Touch] = {}
        self.customer = customer
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box"):
            yield Static(
                Content.assemble("History with ", (self.label, "bold")), id="history-title"
            )
            yield Static(id="history-summary")
            yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="history-detail")  # the highlighted touch in full, wrapped
            yield Static(id="history-checkup")

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns("Date", "Kind", "Follow-up", "Value added", "How it went")
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
        self.touches = {t.id: t for t in touches}
        for t in touches:
            follow_up = f"{t.follow_up:%-d %b %Y}" if t.follow_up else ""
            table.add_row(
                f"{t.day:%-d %b %Y}",
                t.kind,
                follow_up,
                Content(_short(t.value)),
                Content(_short(t.outcome)),
                key=t.id,
            )
        self.show_detail(touches[0] if touches else None)
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

    @on(DataTable.RowHighlighted, "#history-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        self.show_detail(self.touches.get(key) if key is not None else None)

    def show_detail(self, touch: Touch | None) -> None:
        """The whole of what was written for one touch: the table shows only the start."""
        detail = self.query_one("#history-detail", Static)
        detail.display = touch is not None
        if touch is None:
            return
        parts: list[tuple[str, str] | str] = [(f"{touch.day:%A %-d %B %Y}, {touch.kind}", "bold")]
        if touch.value:
            parts += ["\n", ("Value added: ", "$foreground-muted"), touch.value]
        if touch.outcome:
            parts += ["\n", ("How it went: ", "$foreground-muted"), touch.outcome]
        if touch.follow_up:
            parts += ["\n", ("Follow up: ", "$foreground-muted"), f"{touch.follow_up:%A %-d %B %Y}"]
        detail.update(Content.assemble(*parts))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
