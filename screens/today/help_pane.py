"""Today's "Help someone" pane: the week's score, what is left, and a quick way to log a help."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, ProgressBar, Static

from coach.challenge import helps as challenge
from coach.challenge.helps import WeekResult
from coach.core.words import plural
from coach.routine.today import Step, Today
from screens.challenge.help_forms import HelpDraft, HelpForm
from screens.common.steps import StepPane
from screens.messages import SaveKind


class HelpPane(StepPane):
    """The help step with this week's count against the goal.

    When a week has closed since the last visit, its result shows as a note on
    Today; this pane marks it seen, so the next open does not repeat it.
    """

    def __init__(self, step_id: str = "help", *, id: str | None = None) -> None:
        super().__init__(step_id, id=id)
        self._closed_week: WeekResult | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="pane-title")
        yield Static(classes="pane-detail")
        with Horizontal(classes="help-score"):
            yield ProgressBar(show_eta=False, show_percentage=False, classes="help-progress")
            yield Static(classes="help-days-left")
        yield Static(classes="pane-advice")
        yield Static(classes="pane-source")
        with Horizontal(classes="pane-buttons"):
            yield self.done_button()
            yield Button("Log a help", classes="help-log", compact=True)

    def show(self, step: Step, today: Today) -> None:
        super().show(step, today)
        self.query_one(".pane-detail").display = True
        coach = self.coach
        if coach is None:
            return
        week = challenge.this_week(coach, today.day)
        self.query_one(".help-progress", ProgressBar).update(
            total=week.goal, progress=min(week.count, week.goal)
        )
        left = "last day" if week.days_left <= 1 else f"{plural(week.days_left, 'day')} left"
        self.query_one(".help-days-left", Static).update(Content(left))
        pending = challenge.pending_result(coach, today.day)
        if pending is not None and pending != self._closed_week:
            self._closed_week = pending
            self.services.save(SaveKind.CHALLENGE, lambda c: challenge.mark_seen(c, pending.week))

    @on(Button.Pressed, ".help-log")
    def log_help(self, event: Button.Pressed) -> None:
        event.stop()
        coach = self.coach
        if coach is None:
            return

        def save(draft: object) -> None:
            if isinstance(draft, HelpDraft):
                self.services.save(
                    SaveKind.HELP,
                    lambda c: challenge.log_help(c, draft.who, draft.how, draft.client, draft.day),
                    done=lambda _: self._logged(draft),
                )

        self.app.push_screen(HelpForm(coach), save)

    def _logged(self, draft: HelpDraft) -> None:
        self.post_message(self.Changed())
        self.notify(f"Logged: you helped {draft.who}.", timeout=3, markup=False)
