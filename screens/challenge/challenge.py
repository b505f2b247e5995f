"""The Challenge screen: how many people can you help with what you know this week?

This week (read at once: one or two month files) paints first; the history of
every past week is read in a worker and fills in the chart, best week and streak.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widgets import Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from coach.challenge import helps as challenge
from coach.challenge.helps import Help, History, ThisWeek, WeekResult
from coach.content.library import Item
from coach.core.words import plural
from coach.routine.today import pick
from coach.session import Coach
from screens.challenge.help_forms import GoalForm, HelpDraft, HelpForm
from screens.challenge.week_chart import CELLS_PER_WEEK, WeekChart
from screens.common.confirm import Choice, ConfirmScreen
from screens.common.sources import source_line
from screens.messages import SaveKind
from screens.services import CoachScreen

CHART_MIN_WEEKS = 8  # the chart shows as many past weeks as fit, two cells each
MET_MARK = "✓"
MISSED_MARK = "·"


def entry_label(entry: Help) -> Content:
    """One help as a line of the list; the user's words stay literal."""
    client = Content.assemble(" ", ("client", "$accent")) if entry.client else Content("")
    return Content.assemble(
        (f"{entry.day:%a}", "$foreground-muted"),
        " ",
        Content(entry.who).stylize("bold"),
        client,
        " · ",
        Content(entry.how),
    )


def people(n: int) -> str:
    return plural(n, "person")


def days_left_text(week: ThisWeek) -> str:
    if week.days_left <= 1:
        return "last day"
    return f"{plural(week.days_left, 'day')} left"


class ChallengeScreen(CoachScreen[None]):
    """This week's count against the goal, its helps, ideas, and the weeks behind you."""

    CSS_PATH = "challenge.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("a", "log_help", "Log a help", id="challenge.log"),
        Binding("e", "edit_help", "Edit", id="challenge.edit"),
        Binding("d,delete", "delete_help", "Delete", id="challenge.delete"),
        Binding("g", "set_goal", "Goal", id="challenge.goal"),
        Binding("i", "next_idea", "Another idea", id="challenge.idea", show=False),
        Binding("escape", "app.go('today')", "Today", id="challenge.back", show=False),
    ]

    week: var[ThisWeek | None] = var(None, init=False)
    past: var[History | None] = var(None, init=False)

    @dataclass
    class HistoryLoaded(Message):
        """The worker read every past week."""

        history: History

    def __init__(self) -> None:
        super().__init__()
        self._shown_ideas: list[str] = []
        self._idea: Item | None = None

    @property
    def coach(self) -> Coach:
        """The screen opens only once the Coach is open."""
        coach = self.services.coach
        assert coach is not None
        return coach

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="challenge-top"):
            yield Static(id="week-line")
            with Horizontal(id="score-row"):
                yield Static(id="score")
                yield ProgressBar(show_eta=False, show_percentage=False, id="week-progress")
            yield Static("Reading your weeks…", id="past-summary")
            yield Static(id="closed-week")
        with Horizontal(id="challenge-body"):
            with Vertical(id="entries-box"):
                yield Static("Helped this week", classes="box-title")
                yield OptionList(id="entries")
                yield Static("Nobody yet. Press a to log a help.", id="no-entries")
            with Vertical(id="side"):
                yield Static(
                    Content.assemble(
                        ("An idea", "bold $primary"), ("  i: another", "$foreground-muted")
                    ),
                    id="idea-title",
                )
                yield Static(id="idea")
                yield Static(id="idea-source")
                yield Static(id="past-title")
                yield WeekChart(id="chart")
                yield Static(id="chart-marks")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.show_idea()
        self.show_closed_week()
        self.query_one("#entries", OptionList).focus()
        self.set_interval(30, self.check_day)
        self.set_interval(3, self.check_external_changes)

    # -- data ----------------------------------------------------------------------
    def reload(self) -> None:
        """Read this week now (cheap) and every past week in a worker."""
        self.week = challenge.this_week(self.coach)
        self.load_history()

    def check_day(self) -> None:
        """A new day (maybe a new week) while the screen is open: read it again."""
        if self.week is not None and self.coach.today() != self.week.today:
            self.reload()
            self.show_closed_week()

    def check_external_changes(self) -> None:
        """Another coach process (say `coach helped`) saved: show what it wrote."""
        if self.coach.store.changed():
            self.reload()

    @work(thread=True, exclusive=True, group="challenge-history")
    def load_history(self) -> None:
        self.post_message(self.HistoryLoaded(challenge.history(self.coach)))

    @on(HistoryLoaded)
    def _history_loaded(self, event: HistoryLoaded) -> None:
        self.past = event.history

    def watch_week(self, week: ThisWeek | None) -> None:
        if week is None:
            return
        self.sub_title = f"Help challenge · {week.week.label()}"
        self.query_one("#week-line", Static).update(
            Content.assemble(
                ("This week ", "bold"),
                (f"{week.week.start:%a %-d %b} – {week.week.end:%a %-d %b}", ""),
                (f"  ·  {days_left_text(week)}", "$foreground-muted"),
            )
        )
        if week.met:
            score = f"{week.count} of {week.goal} helped · goal met"
        else:
            score = f"{week.count} of {week.goal} helped · {week.to_go} to go"
        self.query_one("#score", Static).update(score)
        self.query_one("#score", Static).set_class(week.met, "-met")
        self.query_one("#week-progress", ProgressBar).update(
            total=week.goal, progress=min(week.count, week.goal)
        )
        entries = self.query_one("#entries", OptionList)
        highlighted = entries.highlighted
        entries.clear_options()
        entries.add_options(Option(entry_label(h), id=h.id) for h in reversed(week.helps))
        if week.helps:
            entries.highlighted = min(highlighted or 0, len(week.helps) - 1)
        entries.display = bool(week.helps)
        self.query_one("#no-entries").display = not week.helps
        self.refresh_bindings()

    def on_resize(self) -> None:
        self.watch_past(self.past)

    def chart_weeks(self) -> int:
        """How many weeks fit across the side panel, two cells each."""
        width = self.query_one("#side").content_size.width
        return max(CHART_MIN_WEEKS, width // CELLS_PER_WEEK)

    def watch_past(self, past: History | None) -> None:
        if past is None:
            return
        shown = list(past.weeks[-self.chart_weeks() :])
        chart = self.query_one("#chart", WeekChart)
        chart.show(shown)
        chart.display = bool(shown)
        marks = "".join(f"{MET_MARK if r.met else MISSED_MARK} " for r in shown)
        self.query_one("#chart-marks", Static).update(Content.styled(marks, "$success"))
        self.query_one("#chart-marks").display = bool(shown)
        title = f"Past {len(shown)} weeks" if len(shown) > 1 else "Past weeks"
        self.query_one("#past-title", Static).update(
            Content.assemble(
                (title, "bold $primary"), (f"  {MET_MARK} goal met", "$foreground-muted")
            )
        )
        self.query_one("#past-summary", Static).update(self.summary(past))

    @staticmethod
    def summary(past: History) -> Content:
        if past.best is None:
            return Content.styled(
                "No weeks played yet: this one can be the first.", "$foreground-muted"
            )
        best = past.best
        when = "this week" if best.week == past.current.week else best.week.label()
        return Content.assemble(
            ("Streak ", "$foreground-muted"),
            (f"{plural(past.streak, 'week')} meeting the goal", "bold" if past.streak else ""),
            ("  ·  Best ", "$foreground-muted"),
            f"{people(best.count)}, {when}",
        )

    def show_idea(self) -> None:
        """An idea for whom to help and how: today's first, then the next on `i`."""
        coach, day = self.coach, self.coach.today()
        idea = pick(coach, "help-idea", day, skip=self._shown_ideas)
        if idea is None:
            idea = pick(coach, "help", day, skip=self._shown_ideas)
        if idea is None:  # every idea shown: start again
            self._shown_ideas.clear()
            idea = pick(coach, "help-idea", day) or pick(coach, "help", day)
        self._idea = idea
        if idea is not None:
            self._shown_ideas.append(idea.id)
        self.query_one("#idea", Static).update(Content(idea.text if idea else ""))
        self.query_one("#idea-source", Static).update(source_line(idea))

    def show_closed_week(self) -> None:
        """The result of a week that closed since the last visit, while it is news."""
        pending = challenge.pending_result(self.coach)
        result = challenge.closed_week_news(self.coach)
        banner = self.query_one("#closed-week", Static)
        banner.display = result is not None
        if result is None:
            return
        banner.update(Content(challenge.result_message(result)))
        banner.set_class(result.met, "-met")
        if pending is not None:
            self.mark_seen(pending)

    def mark_seen(self, result: WeekResult) -> None:
        week = result.week
        self.save(SaveKind.CHALLENGE, lambda coach: challenge.mark_seen(coach, week))

    # -- actions -------------------------------------------------------------------
    @property
    def selected(self) -> Help | None:
        week, entries = self.week, self.query_one("#entries", OptionList)
        if week is None or entries.highlighted is None or not week.helps:
            return None
        option_id = entries.get_option_at_index(entries.highlighted).id
        return next((h for h in week.helps if h.id == option_id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_help", "delete_help"):
            return self.selected is not None or None
        return True

    @on(OptionList.OptionHighlighted, "#entries")
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#entries")
    def _selected(self) -> None:
        self.action_edit_help()

    def action_log_help(self) -> None:
        def save(draft: object) -> None:
            if isinstance(draft, HelpDraft):
                self.save(
                    SaveKind.HELP,
                    lambda coach: challenge.log_help(
                        coach, draft.who, draft.how, draft.client, draft.day
                    ),
                    done=lambda _: self.saved(f"Logged: you helped {draft.who}."),
                )

        self.app.push_screen(HelpForm(self.coach), save)

    def action_edit_help(self) -> None:
        entry = self.selected
        if entry is None:
            return

        def save(draft: object) -> None:
            if isinstance(draft, HelpDraft):
                self.save(
                    SaveKind.HELP,
                    lambda coach: challenge.edit_help(
                        coach, entry, draft.who, draft.how, draft.client, draft.day
                    ),
                    done=lambda _: self.saved("Help updated."),
                )

        self.app.push_screen(HelpForm(self.coach, entry), save)

    def action_delete_help(self) -> None:
        entry = self.selected
        if entry is None:
            return

        def delete(answer: str | None) -> None:
            if answer == "yes":
                self.save(
                    SaveKind.HELP,
                    lambda coach: challenge.delete_help(coach, entry),
                    done=lambda _: self.saved("Help deleted."),
                )

        choices = [Choice("yes", "Delete", "error", "y"), Choice("no", "Keep it")]
        what = f"{entry.who}: {entry.how} ({entry.day:%a %-d %b})\nThis cannot be undone."
        self.app.push_screen(
            ConfirmScreen("Delete this help?", choices, detail=what, danger=True), delete
        )

    def action_set_goal(self) -> None:
        goal = self.week.goal if self.week else self.coach.settings.help_goal

        def save(new_goal: object) -> None:
            if isinstance(new_goal, int) and not isinstance(new_goal, bool):
                self.save(
                    SaveKind.GOAL,
                    lambda coach: challenge.set_goal(coach, new_goal),
                    done=lambda _: self.saved(f"Goal set: {new_goal} a week, from this week on."),
                )

        self.app.push_screen(GoalForm(goal), save)

    def action_next_idea(self) -> None:
        self.show_idea()

    def saved(self, message: str) -> None:
        self.reload()
        self.notify(message, timeout=3, markup=False)
