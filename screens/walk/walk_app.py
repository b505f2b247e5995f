"""What the app keeps for walks across screens: the walk timer and the reminder poll.

CoachApp mixes in WalkAppFeatures. The rules live in coach/ (WalkTimer,
WalkReminder); this module only asks them on a timer and shows the answer.
"""

from __future__ import annotations

from typing import cast

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.core.clock import logical_day
from coach.core.errors import DataFileError
from coach.core.words import plural
from coach.days.steps import StepId
from coach.routine.features import step_done
from coach.walk import reminder
from coach.walk.reminder import SNOOZE_CHOICES, WalkReminder
from coach.walk.timer import WalkTimer, load_timer, save_timer
from screens.messages import SaveKind
from screens.services import AppServices

REMINDER_POLL_SECONDS = 15.0

SNOOZE_BINDING = Binding("z", "snooze_walk", "Snooze walk", id="walk.snooze")


class SnoozeScreen(ModalScreen[int | None]):
    """Ask for how long to snooze the walk reminder."""

    CSS_PATH = "walk_app.tcss"
    BINDINGS = [
        Binding("1", "choose(15)", "15 min", id="snooze.15"),
        Binding("2", "choose(30)", "30 min", id="snooze.30"),
        Binding("3", "choose(60)", "60 min", id="snooze.60"),
        Binding("escape", "choose(0)", "Cancel", id="snooze.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="snooze-box"):
            yield Static("Remind me about the walk again in…", id="snooze-title")
            with Horizontal(id="snooze-buttons"):
                for n, minutes in enumerate(SNOOZE_CHOICES, 1):
                    yield Button(f"{n}  {minutes} min", id=f"snooze-{minutes}", compact=True)
                yield Button("Cancel", id="snooze-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#snooze-{SNOOZE_CHOICES[0]}", Button).focus()

    def action_choose(self, minutes: int) -> None:
        self.dismiss(minutes or None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        name = (event.button.id or "").removeprefix("snooze-")
        self.dismiss(int(name) if name.isdigit() else None)


class WalkAppFeatures(AppServices):
    """Mixed into CoachApp: `walk_timer`, the reminder poll and snoozing."""

    walk_timer: WalkTimer | None = None
    walk_reminder: WalkReminder
    walk_reminder_showing: bool = False

    def start_walk_features(self) -> None:
        """Call once the Coach is open: make the timer and poll the reminder."""
        app = cast("App[int]", self)
        if self.coach is None:
            return
        try:
            self.walk_timer = load_timer(self.coach)  # a walk under way survives a restart
        except DataFileError:
            self.walk_timer = WalkTimer(self.coach.calendar().clock)
        try:
            shown = reminder.shown_on(self.coach)
        except DataFileError:
            shown = None
        self.walk_reminder = WalkReminder(shown_on=shown)  # shown today already: not again
        app.set_interval(REMINDER_POLL_SECONDS, self.check_walk_reminder)
        app.call_after_refresh(self.check_walk_reminder)

    def walked_today(self) -> bool:
        coach = self.coach
        return coach is not None and step_done(coach, coach.today(), StepId.WALK)

    def check_walk_reminder(self) -> bool:
        """Show the reminder if it is due now; True when it was shown."""
        app = cast("App[int]", self)
        coach = self.coach
        if coach is None or self.data_error is not None:
            return False
        try:
            settings = coach.settings
            now = coach.calendar().now()
            walked = self.walked_today()
        except DataFileError as error:
            self.show_data_error(error)
            return False
        if walked and self.walk_reminder_showing:
            self.walk_reminder_showing = False
            app.refresh_bindings()
        if logical_day(now, settings.rollover_hour) != self.walk_reminder.shown_on:
            self.walk_reminder_showing = False
        if isinstance(app.screen, ModalScreen):
            return (
                False  # a form or dialog in front: its buttons stay clear; the next poll shows it
            )
        if not self.walk_reminder.check(now, settings, walked):
            return False
        self.walk_reminder_showing = True
        shown_day = self.walk_reminder.shown_on
        if shown_day is not None:
            self.save(SaveKind.WALK_REMINDER, lambda c: reminder.mark_shown(c, shown_day))
        app.refresh_bindings()
        app.notify(
            "No walk logged yet today. Press w for the walk, z to snooze.",
            title="Time for your walk",
            timeout=30,
        )
        if settings.reminder_bell:
            app.bell()
        if settings.reminder_desktop:
            self._send_desktop_reminder(settings.walk_goal_minutes)
        return True

    @work(thread=True, group="walk-notify")
    def _send_desktop_reminder(self, goal: int) -> None:
        from coach.core.notify import desktop_notify

        desktop_notify("Time for your walk", f"{plural(goal, 'minute')} outside. No agenda needed.")

    def action_snooze_walk(self) -> None:
        app = cast("App[int]", self)
        app.push_screen(SnoozeScreen(), self._snoozed)

    def _snoozed(self, minutes: int | None) -> None:
        app = cast("App[int]", self)
        if not minutes or self.coach is None:
            return
        until = self.walk_reminder.snooze(self.coach.calendar().now(), minutes)
        self.walk_reminder_showing = False
        app.refresh_bindings()
        app.notify(f"I'll remind you again at {until:%H:%M}.", timeout=4)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "snooze_walk":
            return self.walk_reminder_showing
        parent = cast("App[int]", super())
        return parent.check_action(action, parameters)

    def walk_timer_changed(self) -> None:
        """Queue a save of the timer's state (after start, pause, resume, finish)."""
        if self.walk_timer is not None:
            record = self.walk_timer.to_record()
            self.save(SaveKind.WALK_TIMER, lambda coach: save_timer(coach, record))

    # A message from the Today pane: start the timer (if idle) and open the Walk screen.
    def on_walk_pane_start_walk(self, _message: object) -> None:
        timer = self.walk_timer
        if timer is not None and not timer.active:
            timer.start()
            self.walk_timer_changed()
        self.action_go("walk")
