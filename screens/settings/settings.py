"""The Settings screen: the walk reminder, goals, when the day starts, and your name."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Input, Select, Static, Switch

from coach.core.errors import DataFileError
from coach.core.notify import can_notify
from coach.core.words import plural
from coach.routine.apply_settings import apply_settings
from coach.routine.settings_form import MAX_NAME, parse_form
from coach.settings import Settings
from screens.messages import SaveFailed, SaveKind
from screens.services import CoachScreen

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# (field, label, hint): one row of the form each, in this order.
ROWS: tuple[tuple[str, str, str], ...] = (
    ("your_name", "Your name", "signs the thank-you notes coach drafts"),
    ("reminder_time", "Walk reminder at", "HH:MM, e.g. 10:30"),
    ("walk_goal_minutes", "Walk goal", "minutes a day (1-600)"),
    ("reminder_bell", "Ring the bell", "with the reminder"),
    ("reminder_desktop", "Desktop notification", "with the reminder (notify-send)"),
    ("rollover_hour", "A new day starts at", "o'clock, 0-23 (before it, still yesterday)"),
    ("week_start", "Weeks start on", ""),
    ("help_goal", "Help goal", "people a week (1-100)"),
    ("call_every_days", "Call each customer", "every N days, or 2w (a default)"),
    ("call_at_most_days", "Longest quiet gap", "days, or 4w; past it: quiet"),
)


class SettingsScreen(CoachScreen[None]):
    """Change settings; bad values are named beside their field and nothing is saved."""

    CSS_PATH = "settings.tcss"
    # Focus starts on the first field, not on the scrolling body and then the field: each
    # focus change restyles the whole body (its border follows :focus-within).
    AUTO_FOCUS = "#field-your_name"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "leave", "Back", id="settings.leave"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._saved: dict[str, Any] | None = None  # the form as last filled from the store
        self._warned = False  # escape once more leaves unsaved changes

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="settings-body"):
            for name, label, hint in ROWS:
                with Vertical(classes="setting", id=f"row-{name}"):
                    with Horizontal(classes="setting-line"):
                        yield Static(label, classes="setting-label")
                        yield self._field(name)
                        yield Static(hint, classes="setting-hint")
                    yield Static(classes="setting-error", id=f"error-{name}")
            with Horizontal(id="settings-actions"):
                yield Button("Save", id="settings-save", variant="primary", compact=True)
                yield Static(id="settings-state")
        yield Footer()

    def _field(self, name: str) -> Widget:
        fid = f"field-{name}"
        if name in ("reminder_bell", "reminder_desktop"):
            return Switch(id=fid, animate=False)
        if name == "week_start":
            return Select(
                [(day, n) for n, day in enumerate(WEEKDAYS)],
                allow_blank=False,
                id=fid,
                compact=True,
            )
        # Born "-valid", as Input marks itself when `fill` sets its value (no validators):
        # that first value then restyles nothing (one restyle per field on every open).
        valid = "-valid"
        if name == "your_name":
            return Input(id=fid, max_length=MAX_NAME, compact=True, classes=valid)
        if name == "reminder_time":
            return Input(id=fid, restrict=r"[0-9:]*", max_length=5, compact=True, classes=valid)
        if name in ("call_every_days", "call_at_most_days"):
            return Input(
                id=fid, restrict=r"[0-9A-Za-z ]*", max_length=16, compact=True, classes=valid
            )
        return Input(id=fid, restrict=r"[0-9]*", max_length=3, compact=True, classes=valid)

    def on_mount(self) -> None:
        self.sub_title = "Settings"
        coach = self.coach
        try:
            if coach is not None:
                self.fill(coach.settings)
        except DataFileError as error:
            self.services.show_data_error(error)
            return
        if not can_notify():
            self.query_one("#row-reminder_desktop .setting-hint", Static).update(
                "needs notify-send, which is not installed"
            )

    def fill(self, settings: Settings) -> None:
        """Show stored settings in the form."""
        values = asdict(settings)
        for name, _, _ in ROWS:
            widget = self.query_one(f"#field-{name}")
            value = values[name]
            if isinstance(widget, Switch):
                widget.value = bool(value)
            elif isinstance(widget, Select):
                widget.value = value
            elif isinstance(widget, Input):
                widget.value = str(value)
        self._saved = self.typed()
        self._state("")

    def typed(self) -> dict[str, Any]:
        """What the form holds now, field by field."""
        out: dict[str, Any] = {}
        for name, _, _ in ROWS:
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, (Switch, Input, Select)):
                out[name] = widget.value
        return out

    @property
    def dirty(self) -> bool:
        return self.typed() != self._saved

    def _state(self, text: str, error: bool = False, pending: bool = False) -> None:
        state = self.query_one("#settings-state", Static)
        state.update(Content(text))
        state.set_class(error, "-error")
        state.set_class(pending, "-pending")  # not green: nothing is saved yet

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, _, _ in ROWS:
            error = self.query_one(f"#error-{name}", Static)
            message = errors.get(name, "")
            error.update(Content(message[:1].upper() + message[1:]))
            error.display = bool(message)
            self.query_one(f"#row-{name}").set_class(bool(message), "-invalid")

    # -- saving ----------------------------------------------------------------------
    def action_save(self) -> None:
        coach = self.coach
        if coach is None:
            return
        try:
            current = coach.settings
        except DataFileError as error:
            self.services.show_data_error(error)
            return
        new, errors = parse_form(current, self.typed())
        self.show_errors(errors)
        if new is None:
            count = len(errors)
            self._state(f"Not saved: {plural(count, 'setting')} to fix.", error=True)
            first = next(name for name, _, _ in ROWS if name in errors)
            self.query_one(f"#field-{first}").focus()
            return
        self.save(
            SaveKind.SETTINGS,
            lambda c: apply_settings(c, new),
            done=lambda _: self._saved_ok(new),
        )

    def _saved_ok(self, settings: Settings) -> None:
        self.fill(settings)
        self._state("Saved.")
        self.notify("Settings saved.", timeout=3)

    @on(Button.Pressed, "#settings-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Input.Changed)
    @on(Switch.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self._saved is None:
            return
        if self.dirty:
            self._state("Not saved yet.", pending=True)
        elif str(self.query_one("#settings-state", Static).content) == "Not saved yet.":
            self._state("")

    @on(SaveFailed)
    def _save_failed(self, event: SaveFailed) -> None:
        self._state(f"Not saved: {event.error}", error=True)

    def action_leave(self) -> None:
        if self.dirty and not self._warned:
            self._warned = True
            self._state("Unsaved changes: ctrl+s saves, escape again leaves them.", error=True)
            return
        self.services.action_go("today")
