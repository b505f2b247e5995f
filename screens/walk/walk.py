"""The Walk screen: a timer with a thought to take along, logging a walk, and the walk log."""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Button, Digits, Footer, Header, Input, ProgressBar, Static

from coach.core.clock import logical_day
from coach.core.dates import parse_day
from coach.core.errors import DataFileError, InputError
from coach.core.words import plural
from coach.routine.today import pick
from coach.session import Coach
from coach.walk.timer import FinishedWalk, TimerState, WalkTimer, clock_face
from coach.walk.walks import (
    STREAK_NAME,
    Walk,
    WalkLog,
    check_minutes,
    edit_walk,
    log_walk,
    streak_words,
    walk_log,
)
from screens.common.date_field import DatePreview
from screens.common.sources import source_line
from screens.messages import DataChanged, SaveFailed, SaveKind
from screens.services import CoachScreen

TOGGLE_LABELS = {
    TimerState.IDLE: "Start",
    TimerState.RUNNING: "Pause",
    TimerState.PAUSED: "Resume",
}
STATE_WORDS = {
    TimerState.IDLE: "Ready when you are.",
    TimerState.RUNNING: "Walking. Leave the screen if you like: the timer keeps going.",
    TimerState.PAUSED: "Paused.",
}


def day_line(day: date, minutes: int, notes: list[str]) -> Content:
    """'Sun 22 Nov   25 min  along the river' with the note shown literally."""
    note = " · ".join(n for n in notes if n)
    return Content.assemble(
        (f"{day:%a %d %b}", "$foreground-muted"),
        f"  {minutes:>3} min",
        (f"  {note}" if note else ""),
    )


class WalkScreen(CoachScreen[None]):
    """Walk now with the timer, or log a walk you already took."""

    CSS_PATH = "walk.tcss"
    # Focus starts on the timer's button, not on the scrolling pane and then the button:
    # each focus change restyles the whole pane (its border follows :focus-within).
    AUTO_FOCUS = "#timer-toggle"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        Binding("space", "toggle_timer", "Start/Pause", id="walk.toggle"),
        Binding("f", "finish", "Finish", id="walk.finish"),
        Binding("n", "log_form", "Log a walk", id="walk.log"),
        Binding("ctrl+s", "save_form", "Save", id="walk.save", show=False),
        Binding("escape", "leave_form", "Back to timer", id="walk.leave", show=False),
    ]

    history: var[WalkLog | None] = var(None, init=False)
    editing: var[Walk | None] = var(None, init=False)  # the walk just finished, for its note

    def __init__(self) -> None:
        super().__init__()
        self._unsaved: tuple[date, FinishedWalk] | None = None  # a timed walk not yet on disk

    @property
    def timer(self) -> WalkTimer | None:
        return self.services.walk_timer

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="walk-body"):
            with VerticalScroll(id="walk-main"):
                yield Static("A thought to take along", id="thought-title")
                yield Static(id="thought")
                yield Static(id="thought-source")
                with Horizontal(id="timer-row"):
                    yield Digits("00:00", id="walk-clock")
                    with Vertical(id="timer-side"):
                        yield Static(id="timer-state")
                        with Horizontal(id="timer-buttons"):
                            yield Button(
                                "Start", id="timer-toggle", variant="primary", compact=True
                            )
                            yield Button("Finish", id="timer-finish", compact=True)
                with Vertical(id="log-form"):
                    yield Static("Log a walk you took", id="form-title")
                    with Horizontal(classes="form-row"):
                        yield Static("Minutes", classes="form-label")
                        yield Input(
                            id="form-minutes",
                            placeholder="1-600",
                            restrict=r"[0-9]*",
                            max_length=3,
                            compact=True,
                        )
                        yield Static("Day", classes="form-label short")
                        yield Input(
                            id="form-date", placeholder="yesterday…", max_length=40, compact=True
                        )
                    if (coach := self.coach) is not None:
                        yield DatePreview("form-date", coach.today, what="day")
                    with Horizontal(classes="form-row"):
                        yield Static("Note", classes="form-label")
                        yield Input(id="form-note", placeholder="optional", compact=True)
                    with Horizontal(classes="form-row", id="form-actions"):
                        yield Button("Log walk", id="form-save", variant="primary", compact=True)
                        yield Static(id="form-message")
            with VerticalScroll(id="walk-side"):
                yield Static("This week", classes="side-title")
                yield Static("…", id="week-minutes")
                yield ProgressBar(show_eta=False, show_percentage=False, id="week-progress")
                yield Static(id="streaks")
                yield Static("Recent walks", classes="side-title")
                yield Static(id="recent-days")
                yield Static("By week", classes="side-title")
                yield Static(id="recent-weeks")
        yield Footer()

    def on_mount(self) -> None:
        coach = self.coach
        if coach is None:
            return
        try:
            today = coach.today()  # the rollover hour is a setting, in the main file
        except DataFileError as error:
            self.services.show_data_error(error)
            return
        self.sub_title = "Take a walk"
        item = pick(coach, "walk-thought", today)  # this user's rotation, leaning on the loss
        self.query_one("#thought", Static).update(Content(item.text if item else ""))
        self.query_one("#thought-source", Static).update(source_line(item))
        self.query_one("#form-date", Input).value = today.isoformat()
        self.show_timer()
        self.set_interval(1, self.show_timer)
        self.load_log()

    def on_screen_resume(self) -> None:
        self.show_timer()

    def on_data_changed(self, _: DataChanged) -> None:
        """Another coach process logged a walk: read the log again."""
        self.load_log()

    # -- the log (read in a worker: the longest streak reads all history) -----
    @work(thread=True, exclusive=True, group="walk-log")
    def load_log(self) -> None:
        coach = self.coach
        if coach is None or self.services.data_error is not None:
            return
        try:
            result = walk_log(coach)
        except DataFileError as error:
            self.app.call_from_thread(self.services.show_data_error, error)
            return
        self.app.call_from_thread(setattr, self, "history", result)

    def watch_history(self, log: WalkLog | None) -> None:
        if log is None:
            return
        stats = log.stats
        goal = stats.week_goal
        self.query_one("#week-minutes", Static).update(
            f"{stats.week_minutes} of {goal} min ({stats.daily_goal} a day)"
        )
        self.query_one("#week-progress", ProgressBar).update(
            total=goal, progress=min(stats.week_minutes, goal)
        )
        longest = stats.longest.length if stats.longest else 0
        self.query_one("#streaks", Static).update(
            f"{STREAK_NAME}: {streak_words(stats.current.length, in_a_row='')}\n"
            f"Longest: {streak_words(longest, in_a_row='')}"
        )
        days = [day_line(d.day, d.minutes, [w.note for w in d.walks]) for d in log.days[:30]] or [
            Content("No walks yet.\nThe first one counts the most.")
        ]
        self.query_one("#recent-days", Static).update(Content("\n").join(days))
        weeks = [
            Content.assemble(
                (f"{w.start:%d %b}", "$foreground-muted"),
                f"  {w.minutes:>4} min",
                (f"  {plural(w.days, 'day')}", "$foreground-muted"),
            )
            for w in log.weeks
        ]
        self.query_one("#recent-weeks", Static).update(Content("\n").join(weeks))

    # -- the timer ---------------------------------------------------------------
    def show_timer(self) -> None:
        timer = self.timer
        if timer is None:
            return
        self.query_one("#walk-clock", Digits).update(clock_face(timer.elapsed()))
        self.query_one("#timer-state", Static).update(STATE_WORDS[timer.state])
        self.query_one("#timer-toggle", Button).label = TOGGLE_LABELS[timer.state]
        self.query_one("#timer-finish", Button).disabled = not timer.active
        self.set_class(timer.running, "-running")
        self.refresh_bindings()

    def action_toggle_timer(self) -> None:
        if self.timer is not None:
            self.timer.toggle()
            self.services.walk_timer_changed()
            self.show_timer()

    @on(Button.Pressed, "#timer-toggle")
    def _toggle_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_toggle_timer()

    @on(Button.Pressed, "#timer-finish")
    def _finish_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_finish()

    def action_finish(self) -> None:
        """Stop the timer and save the walk now; then the note can be added."""
        timer, coach = self.timer, self.coach
        if timer is None or coach is None or not timer.active:
            return
        try:
            rollover_hour = coach.settings.rollover_hour
        except DataFileError as error:
            self.services.show_data_error(error)
            return  # the timer keeps its time: nothing is lost
        finished = timer.finish()
        self.show_timer()
        day = logical_day(finished.started_at, rollover_hour)
        self._unsaved = (day, finished)  # kept until the save is on disk
        self.save(
            SaveKind.WALK,
            lambda c: self._save_finished(c, day, finished),
            done=self._finished_saved,
        )
        self.services.walk_timer_changed()

    @staticmethod
    def _save_finished(coach: Coach, day: date, finished: FinishedWalk) -> Walk:
        day = min(day, coach.today())
        return log_walk(
            coach,
            day,
            finished.minutes,
            started_at=finished.started_at,
            ended_at=finished.ended_at,
        )

    def _finished_saved(self, walk: Walk) -> None:
        self._unsaved = None
        self.editing = walk
        self.notify(f"Walk saved: {plural(walk.minutes, 'minute')}. Well done.", timeout=4)
        self.query_one("#form-note", Input).focus()
        self.load_log()

    def watch_editing(self, walk: Walk | None) -> None:
        minutes = self.query_one("#form-minutes", Input)
        day = self.query_one("#form-date", Input)
        note = self.query_one("#form-note", Input)
        self._message("")
        if walk is None:
            self.query_one("#form-title", Static).update("Log a walk you took")
            self.query_one("#form-save", Button).label = "Log walk"
            minutes.value, note.value = "", ""
            day.disabled = False
            coach = self.coach
            day.value = coach.today().isoformat() if coach else ""
            return
        self.query_one("#form-title", Static).update(
            f"Saved: {plural(walk.minutes, 'minute')}. Add a note?"
        )
        self.query_one("#form-save", Button).label = "Save note"
        minutes.value, day.value, note.value = str(walk.minutes), walk.day.isoformat(), walk.note
        day.disabled = True

    # -- the form ------------------------------------------------------------------
    def action_log_form(self) -> None:
        self.query_one("#form-minutes", Input).focus()

    def action_leave_form(self) -> None:
        if self.editing is not None:
            self.editing = None
        self.query_one("#timer-toggle", Button).focus()

    def action_save_form(self) -> None:
        self.save_form()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.save_form()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save_form()

    def _message(self, text: str, error: bool = False) -> None:
        message = self.query_one("#form-message", Static)
        message.update(Content(text))
        message.set_class(error, "-error")

    def save_form(self) -> None:
        """Check the form; save the walk (or the finished walk's changes), or say what is wrong."""
        coach = self.coach
        if coach is None:
            return
        minutes_text = self.query_one("#form-minutes", Input).value
        day_text = self.query_one("#form-date", Input).value.strip()
        note = self.query_one("#form-note", Input).value
        try:
            today = coach.today()
        except DataFileError as error:
            self.services.show_data_error(error)
            return
        try:
            minutes = check_minutes(minutes_text)
            day = parse_day(day_text, today, what="day")
        except InputError as exc:
            message = str(exc)
            self._message(message[:1].upper() + message[1:], error=True)
            return
        editing = self.editing
        if editing is not None:
            self.save(
                SaveKind.WALK,
                lambda c: edit_walk(c, editing, minutes=minutes, note=note),
                done=lambda walk: self._form_saved("Saved."),
            )
            return
        self.save(
            SaveKind.WALK,
            lambda c: log_walk(c, day, minutes, note),
            done=lambda walk: self._form_saved(
                f"Logged {plural(walk.minutes, 'minute')} on {walk.day:%a %-d %b}."
            ),
        )

    def _form_saved(self, text: str) -> None:
        self.editing = None
        self.query_one("#form-minutes", Input).value = ""
        self.query_one("#form-note", Input).value = ""
        self._message(text)
        self.query_one("#timer-toggle", Button).focus()
        self.load_log()

    @on(SaveFailed)
    def _save_failed(self, event: SaveFailed) -> None:
        unsaved, self._unsaved = self._unsaved, None
        if unsaved is not None:  # the timed walk: put it in the form to try again
            day, finished = unsaved
            self.editing = None
            self.query_one("#form-minutes", Input).value = str(finished.minutes)
            self.query_one("#form-date", Input).value = day.isoformat()
            self._message(f"Not saved: {event.error}. Your walk is in the form.", error=True)
            return
        self._message(f"Not saved: {event.error}", error=True)

    def save_unsaved(self) -> None:
        """On quit: keep a note typed for the walk just finished."""
        editing = self.editing
        note = self.query_one("#form-note", Input).value
        if editing is not None and note.strip() != editing.note:
            self.save(SaveKind.WALK, lambda c: edit_walk(c, editing, note=note))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "finish":
            return bool(self.timer and self.timer.active) or None
        return True
