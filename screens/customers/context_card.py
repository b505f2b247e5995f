"""Before the call: the context card for one customer (last touches, follow-up, why, lessons)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.customers import context
from coach.customers.customers import Customer
from coach.routine.features import checkup_lessons, checkup_warnings
from screens.services import services_of


class ContextCard(ModalScreen[None]):
    """Loads the card in a worker (the touches span every month) and shows it literally."""

    CSS_PATH = "context_card.tcss"
    BINDINGS = [Binding("escape", "close", "Close", id="context.close")]

    def __init__(self, customer: Customer) -> None:
        super().__init__()
        self.customer = customer

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="context-box"):
            yield Static("Before the call", id="context-title")
            yield Static("Loading…", id="context-body")

    def on_mount(self) -> None:
        self.query_one("#context-box").focus()
        self.load()

    @work(thread=True, exclusive=True, group="context")
    def load(self) -> None:
        coach = services_of(self).coach
        if coach is None:
            return
        day = coach.today()
        flags = [f.line for f in checkup_warnings(coach, day) if f.customer.id == self.customer.id]
        card = context.context(coach, self.customer, day, checkup_lessons(coach), flags)
        self.app.call_from_thread(self.show, context.lines(card))

    def show(self, lines: list[str]) -> None:
        self.query_one("#context-body", Static).update(Content("\n".join(lines)))

    def action_close(self) -> None:
        self.dismiss(None)
