"""Before the call: the context card for one customer (last touches, follow-up, why, lessons)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

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
            with Vertical(id="context-body"):
                yield Static("Loading…")
        yield Footer()

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
        self.app.call_from_thread(self.call_later, self.show, context.lines(card))

    async def show(self, lines: list[str]) -> None:
        """One Static a line, indented by its leading spaces, so wrapped lines hang."""
        body = self.query_one("#context-body", Vertical)
        await body.remove_children()
        rows = []
        for line in lines:
            text = line.lstrip(" ")
            depth = min((len(line) - len(text)) // 2, 2)
            heading = depth == 0 and text.endswith(":")
            rows.append(
                Static(Content(text), classes=f"context-line depth-{depth}" + " heading" * heading)
            )
        await body.mount_all(rows)

    def action_close(self) -> None:
        self.dismiss(None)
