"""Today's call step: who to call, how long it has been, an idea, "log a touch", "not today"."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from coach.customers import calls
from coach.customers.cadence import State
from coach.customers.calls import CallPlan
from coach.routine.today import Step, Today
from screens.common.sources import source_line
from screens.common.steps import StepPane
from screens.customers.touch_form import TouchDraft, TouchForm
from screens.messages import SaveKind


def contact_line(plan: CallPlan) -> Content:
    c = plan.customer
    if c is None:
        return Content("")
    bits = [b for b in (c.phone, c.email) if b]
    state = plan.standing.state if plan.standing is not None else State.OK
    style = {State.QUIET: "$error", State.DUE: "$warning"}.get(state, "$foreground-muted")
    return Content.assemble(
        (plan.label, "bold"),
        ("  at risk" if c.at_risk else "", "bold $warning"),
        ("\n" + (plan.why or plan.since_line), style),  # why today, against their rhythm
        ("\n" + "  ·  ".join(bits) if bits else "", "$foreground-muted"),
    )


class CallPane(StepPane):
    """The call step with today's suggested customer (styled in today.tcss)."""

    BINDINGS = [Binding("i", "context", "Before the call", id="call.context")]

    def __init__(self, step_id: str = "call", *, id: str | None = None) -> None:
        super().__init__(step_id, id=id)
        self.plan: CallPlan | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="pane-title")
        yield Static(classes="pane-detail")
        yield Static(id="call-who")
        with Horizontal(classes="pane-buttons"):
            yield Button("Log a touch", id="call-log", variant="primary", compact=True)
            yield Button("Not today", id="call-skip", compact=True)
            yield Button("Mark done", id="call-done", classes="done-button", compact=True)
        # below the buttons: a long reason must never push them under the fold at 80x24
        yield Static(id="call-why")
        yield Static(id="call-idea")
        yield Static(classes="pane-advice")
        yield Static(classes="pane-source")

    def show(self, step: Step, today: Today) -> None:
        super().show(step, today)
        coach = self.coach
        if coach is None:
            return
        self.plan = plan = calls.call_plan(coach, today.day)
        # the detail line names the customer; here the lines below do, so show it only when done
        self.query_one(".pane-detail").display = bool(plan.reached)
        who = self.query_one("#call-who", Static)
        if plan.customer is not None:
            prefix = "Next: " if plan.reached else ""
            who.update(Content(prefix) + contact_line(plan))
        elif plan.has_customers:
            who.update(Content("Nobody else to suggest today."))
        else:
            who.update(Content("Add your best customers (press c) and coach suggests one a day."))
        why = plan.customer.why if plan.customer else ""
        self.query_one("#call-why", Static).update(
            Content(f"Why they matter: {why}" if why else "")
        )
        self.query_one("#call-why").display = bool(why)
        idea = self.query_one("#call-idea", Static)
        if plan.idea is not None and plan.customer is not None:
            idea.update(
                Content.assemble(("Idea: ", "bold $accent"), plan.idea.text)
                + Content("\n")
                + source_line(plan.idea)
            )
        idea.display = plan.idea is not None and plan.customer is not None
        self.query_one("#call-log", Button).disabled = plan.customer is None
        self.query_one("#call-skip", Button).disabled = plan.customer is None

    def focus_first(self) -> None:
        log = self.query_one("#call-log", Button)
        (log if not log.disabled else self.query_one("#call-done", Button)).focus()

    def _reload_screen(self, _: object = None) -> None:
        self.post_message(self.Changed())

    @on(Button.Pressed, "#call-log")
    def log_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        plan = self.plan
        if plan is None or plan.customer is None:
            return
        customer_id, day = plan.customer.id, plan.day

        def logged(draft: TouchDraft | None) -> None:
            if draft is None:
                return
            self.services.save(
                SaveKind.CALL,
                lambda coach: draft.log(coach, customer_id, day),
                done=self._reload_screen,
            )

        self.app.push_screen(TouchForm(plan.label, day), logged)

    def action_context(self) -> None:
        """Before the call: the customer's context card."""
        plan = self.plan
        if plan is None or plan.customer is None:
            return
        from screens.customers.context_card import ContextCard  # deferred: a screen

        self.app.push_screen(ContextCard(plan.customer))

    @on(Button.Pressed, "#call-skip")
    def skip_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        plan = self.plan
        if plan is None or plan.customer is None:
            return
        customer_id, day, label = plan.customer.id, plan.day, plan.label
        self.services.save(
            SaveKind.NOT_TODAY,
            lambda coach: calls.not_today(coach, customer_id, day),
            done=self._reload_screen,
        )
        self.notify(f"Not today: {label} comes back tomorrow.", timeout=4, markup=False)
