"""The Progress screen: the year as a heatmap, the forgiving streak, weekly trends, recovery.

The history is read in a worker after the screen paints; nothing here blocks
the UI on the disk.
"""

from __future__ import annotations

from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Footer, Header, ProgressBar, Static

from coach.core.errors import DataFileError
from coach.core.words import plural
from coach.days import rest_days
from coach.progress import progress as model
from coach.progress import streak
from coach.progress.progress import TREND_WEEKS, Progress
from coach.routine import today as routine
from screens.messages import DataChanged, SaveKind
from screens.progress.helped import WhatHelped
from screens.services import CoachScreen

CELL = "■"
NO_CELL = "·"
CELL_STYLES = {
    "full": "$success",
    "core": "$success-darken-2",
    "partial": "$warning",
    "rest": "$primary",
    "none": "$panel-lighten-2",
    "future": "",
}
LEGEND = (("full", "all four"), ("core", "counts"), ("partial", "some"), ("rest", "rest"))
WEEKDAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
STEP_LABELS = {"walk": "Walk", "call": "Call", "help": "Help", "reflect": "Reflect"}


def heatmap_content(cells: tuple[tuple[date, str], ...], first_weekday: int) -> Content:
    """Weeks as columns, weekdays as rows, month names above: coloured cells, no markup."""
    weeks = [cells[i : i + 7] for i in range(0, len(cells), 7)]
    months = [" "] * (len(weeks) + 3)
    starts = [c for c, w in enumerate(weeks) if c == 0 or w[0][0].month != weeks[c - 1][0][0].month]
    for index, column in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else len(weeks)
        if following - column >= 3 and all(
            ch == " " for ch in months[max(0, column - 1) : column + 3]
        ):
            months[column : column + 3] = list(f"{weeks[column][0][0]:%b}")
    parts: list[tuple[str, str] | str] = ["    " + "".join(months[: len(weeks)]).rstrip(), "\n"]
    for row in range(7):
        label = WEEKDAY_LABELS[(first_weekday + row) % 7]
        parts.append((f"{label if row % 2 == 0 else '':<4}", "$foreground-muted"))
        for week in weeks:
            _, level = week[row]
            if level == "future":
                parts.append(" ")
            elif level == "none":
                parts.append((NO_CELL, CELL_STYLES["none"]))
            else:
                parts.append((CELL, CELL_STYLES[level]))
        if row < 6:
            parts.append("\n")
    return Content.assemble(*parts)


def legend_content() -> Content:
    parts: list[tuple[str, str] | str] = ["    "]
    for level, words in LEGEND:
        parts += [(CELL, CELL_STYLES[level]), f" {words}   "]
    parts += [(NO_CELL, CELL_STYLES["none"]), " none"]
    return Content.assemble(*parts)


def streak_content(p: Progress) -> Content:
    parts: list[tuple[str, str] | str] = [
        (f"{streak.NAME} ", "$foreground-muted"),
        (plural(p.streak, "day"), "bold $success" if p.streak else "bold"),
        ("   Longest ", "$foreground-muted"),
        (plural(p.longest, "day"), "bold"),
    ]
    if p.rest_today:
        parts += ["   ", ("resting today", "italic $accent")]
    return Content.assemble(*parts)


BARS = "▁▂▃▄▅▆▇█"  # a week's days or mood, lowest to highest
TREND_LABEL_WIDTH = 10
TREND_GAP = "  "  # between a row's bars and its words
# a fuller week is brighter too: a day or two darker, most of the week in full colour
WEEK_SHADES = ("", *["$primary-darken-2"] * 2, *["$primary-darken-1"] * 3, *["$primary"] * 2)


def week_bars(counts: tuple[int, ...]) -> Content:
    """One cell per week on the fixed 0-7 days scale: heights from zero, so rows compare
    (Textual's Sparkline scaled each row from its own smallest week); none is a dot."""
    parts: list[tuple[str, str] | str] = []
    for days in counts:
        if days <= 0:
            parts.append((NO_CELL, "$foreground-muted"))
        else:
            index = round((min(days, 7) - 1) / 6 * (len(BARS) - 1))
            parts.append((BARS[index], WEEK_SHADES[min(days, 7)]))
    return Content.assemble(*parts)


def trend_row(label: str, bars: Content | None = None, words: str = "") -> Content:
    """A weekly trend as one line: its label, a cell per week, this week in words."""
    if bars is None:  # not read yet
        bars = Content.assemble((NO_CELL * TREND_WEEKS, "$foreground-muted"))
    head = (f"{label:<{TREND_LABEL_WIDTH}}", "$foreground-muted")
    return Content.assemble(head, bars, TREND_GAP, words)


def mood_bars(moods: tuple[float | None, ...]) -> Content:
    """One cell per week on the fixed 1-5 scale; a week with no mood noted is a dot, not a bar."""
    parts: list[tuple[str, str] | str] = []
    for mood in moods:
        if mood is None:
            parts.append((NO_CELL, "$foreground-muted"))
        else:
            index = round((min(max(mood, 1.0), 5.0) - 1) / 4 * (len(BARS) - 1))
            parts.append((BARS[index], "$accent"))
    return Content.assemble(*parts)


def mood_words(p: Progress) -> str:
    if p.mood_now is None:
        return "no mood noted lately"
    text = f"{p.mood_now:.1f} of 5 lately"
    if p.mood_before is not None:
        change = p.mood_now - p.mood_before
        if change >= 0.3:
            text += f", up from {p.mood_before:.1f}"
        elif change <= -0.3:
            text += f", down from {p.mood_before:.1f}"
        else:
            text += ", steady"
    return text


def touches_words(touches: dict[str, int]) -> str:
    if not touches:
        return "none yet"
    order = ["call", "meeting", "message"]
    kinds = sorted(touches, key=lambda k: (order.index(k) if k in order else 9, k))
    return " · ".join(plural(touches[k], k) for k in kinds)


class ProgressScreen(CoachScreen[None]):
    """How the recovery is going, over the last year and since the loss."""

    CSS_PATH = "progress.tcss"
    BINDINGS = [
        Binding("b", "toggle_rest", "Rest today", id="progress.rest"),
        Binding("escape", "app.go('today')", "Today", id="progress.back", show=False),
    ]

    progress: var[Progress | None] = var(None, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        # two columns at 120+ (progress.tcss): the year on the left, the weeks on the right
        with VerticalScroll(id="progress-body"), Horizontal(id="progress-columns"):
            with Vertical(id="progress-year"):
                yield Static(id="streak")
                yield Static(Content(streak.RULE), id="rule")
                yield Static(id="recovery")
                yield Static("Last 12 months", classes="section")
                yield Static(id="heatmap")
                yield Static(legend_content(), id="legend")
            with Vertical(id="progress-weeks"):
                yield from self._weeks()
        yield Footer()

    def _weeks(self) -> ComposeResult:
        """The last 26 weeks of each step and the mood, the help challenge, the calls."""
        yield Static("Each week, the last 26", classes="section")
        for step_id in routine.STEP_IDS:
            label = STEP_LABELS[step_id]
            yield Static(trend_row(label), id=f"trend-{step_id}", classes="trend-row")
        yield Static(trend_row("Mood"), id="trend-mood", classes="trend-row")
        yield Static("Help challenge", classes="section")
        with Horizontal(id="help-row"):
            yield ProgressBar(show_eta=False, show_percentage=False, id="help-bar")
            yield Static(id="help-now")
        yield Static(id="help-weeks")
        yield Static("Calls and meetings", classes="section")
        yield Static(id="touches")
        yield WhatHelped(id="what-helped")

    def on_mount(self) -> None:
        self.sub_title = "Progress"
        coach = self.coach
        try:
            kept = model.cached_progress(coach) if coach is not None else None
        except DataFileError:
            kept = None  # the worker reads again and reports it
        if kept is not None:  # every month already read: shown in the first paint
            self.progress = kept
            return
        self.query_one("#streak", Static).update(Content("Reading your history…"))
        self.load()

    def on_data_changed(self, _: DataChanged) -> None:
        """Another coach process saved: read the history again."""
        self.load()

    @work(thread=True, exclusive=True, group="progress")
    def load(self) -> None:
        """Read the whole history off the UI thread, then show it."""
        coach = self.coach
        if coach is None:
            return
        result = model.build_progress(coach)
        self.app.call_from_thread(self.set_progress, result)

    def set_progress(self, result: Progress) -> None:
        self.progress = result

    def watch_progress(self, p: Progress | None) -> None:
        if p is None:
            return
        self.query_one("#streak", Static).update(streak_content(p))
        self.query_one("#heatmap", Static).update(heatmap_content(p.heatmap, p.first_weekday))
        for step_id, counts in p.weekly.items():
            this_week = f"{counts[-1] if counts else 0} of 7 days this week"
            row = trend_row(STEP_LABELS[step_id], week_bars(counts), this_week)
            self.query_one(f"#trend-{step_id}", Static).update(row)
        mood = trend_row("Mood", mood_bars(p.moods), mood_words(p))
        self.query_one("#trend-mood", Static).update(mood)
        help_bar = self.query_one("#help-bar", ProgressBar)
        if p.help is None:
            help_bar.update(total=5, progress=0)
            self.query_one("#help-now", Static).update("nobody helped yet")
            self.query_one("#help-weeks", Static).update("")
        else:
            h = p.help
            help_bar.update(total=h.goal, progress=min(h.count, h.goal))
            met = ": goal met" if h.count >= h.goal else f", {h.goal - h.count} to go"
            self.query_one("#help-now", Static).update(f"{h.count} of {h.goal} this week{met}")
            self.query_one("#help-weeks", Static).update(h.weeks_sentence())
        self.query_one("#touches", Static).update(touches_words(p.touches))
        recovery = self.query_one("#recovery", Static)
        if p.recovery is None:
            recovery.update("")
        else:
            r = p.recovery
            ago = "today" if r.days == 0 else f"{plural(r.days, 'day')} ago"
            recovery.update(
                Content.assemble((r.sentence(), "bold"), (f"  ({ago})", "$foreground-muted"))
            )
        recovery.display = p.recovery is not None
        self.refresh_bindings()

    # -- actions -----------------------------------------------------------------
    def action_toggle_rest(self) -> None:
        p = self.progress
        if p is None:
            return
        day, rest = p.today, not p.rest_today
        self.save(
            SaveKind.REST_DAY,
            lambda coach: rest_days.set_rest(coach, day, rest),
            done=lambda _: self.load(),
        )
        self.notify(
            "Today is a rest day: your routine streak waits for you."
            if rest
            else "Rest day taken back.",
            timeout=4,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_rest":
            return self.progress is not None or None
        return True
