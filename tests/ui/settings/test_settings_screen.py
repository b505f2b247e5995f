"""Pilot flows for the Settings screen: saving, bad values named inline, nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select, Switch

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.session import open_coach
from coach.settings import Settings
from screens.app import CoachApp
from screens.settings.settings import SettingsScreen
from screens.today.today import TodayScreen
from tests.ui.helpers import first_focus, settle, text_of, wait_for


def stored(data_dir: Path, clock: FixedClock, library: Library) -> Settings:
    return open_coach(data_dir, clock=clock, library=library).settings


def set_input(app: CoachApp, name: str, value: str) -> None:
    app.screen.query_one(f"#field-{name}", Input).value = value


async def test_changing_settings_saves_them(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#field-reminder_time", Input).value == "10:30"
        await pilot.press(*"Ann")  # the name field has focus
        set_input(app, "reminder_time", "9:15")
        set_input(app, "walk_goal_minutes", "30")
        set_input(app, "rollover_hour", "5")
        set_input(app, "help_goal", "7")
        app.screen.query_one("#field-reminder_bell", Switch).value = False
        app.screen.query_one("#field-reminder_desktop", Switch).value = True
        app.screen.query_one("#field-week_start", Select).value = 6
        await pilot.pause()
        assert text_of(app, "#settings-state") == "Not saved yet."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(app, "#settings-state") == "Saved."
        assert app.screen.query_one("#field-reminder_time", Input).value == "09:15"
    assert stored(data_dir, clock, library) == Settings(
        your_name="Ann",
        reminder_time="09:15",
        walk_goal_minutes=30,
        rollover_hour=5,
        help_goal=7,
        reminder_bell=False,
        reminder_desktop=True,
        week_start=6,
    )


async def test_bad_values_are_named_beside_their_field_and_nothing_is_saved(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        set_input(app, "your_name", "Bo")
        set_input(app, "reminder_time", "25:00")
        set_input(app, "walk_goal_minutes", "0")
        set_input(app, "rollover_hour", "24")
        await pilot.click("#settings-save")
        await settle(pilot)
        assert "Reminder time must be HH:MM" in text_of(app, "#error-reminder_time")
        assert "Walk goal must be 1..600" in text_of(app, "#error-walk_goal_minutes")
        assert "0..23" in text_of(app, "#error-rollover_hour")
        assert not app.screen.query_one("#error-help_goal").display
        assert text_of(app, "#settings-state") == "Not saved: 3 settings to fix."
        assert app.focused is app.screen.query_one("#field-reminder_time")
        assert app.screen.query_one("#row-walk_goal_minutes").has_class("-invalid")
        assert stored(data_dir, clock, library) == Settings()
        set_input(app, "reminder_time", "10:45")
        set_input(app, "walk_goal_minutes", "25")
        set_input(app, "rollover_hour", "3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.screen.query_one("#error-reminder_time").display
    saved = stored(data_dir, clock, library)
    assert (saved.your_name, saved.reminder_time, saved.walk_goal_minutes) == ("Bo", "10:45", 25)


async def test_a_name_with_markup_is_kept_literally(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", *"[bold red]x[/]", "enter")
        await app.workers.wait_for_complete()
    assert stored(data_dir, clock, library).your_name == "[bold red]x[/]"


async def test_escape_warns_about_unsaved_changes_once(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "Z", "escape")
        assert isinstance(app.screen, SettingsScreen)
        assert "Unsaved changes" in text_of(app, "#settings-state")
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("s", "escape")  # nothing changed: leaves at once
        assert isinstance(app.screen, TodayScreen)


async def test_opening_settings_restyles_no_field_for_its_first_value(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each Input is made "-valid" (what filling it would add): its first value changes
    no class, so opening the screen restyles no field for it."""
    added: list[Input] = []
    real = Input.add_class

    def recording(self: Input, *names: str, update: bool = True) -> Input:
        if "-valid" in names and not self.has_class("-valid"):
            added.append(self)
        return real(self, *names, update=update)

    monkeypatch.setattr(Input, "add_class", recording)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen), "Settings")
        await settle(pilot)
        fields = list(app.screen.query(Input))
        assert len(fields) >= 5 and all(f.has_class("-valid") for f in fields)
        assert added == []


async def test_focus_starts_on_the_name_field_in_a_focused_body(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AUTO_FOCUS: the first field at once, not the scrolling body first (each move restyles
    every field), and the body has the focused border."""
    focused = first_focus(monkeypatch, SettingsScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        await settle(pilot)
        assert focused[0] == "field-your_name"  # the first focus of the screen
        assert app.focused is screen.query_one("#field-your_name", Input)
        body = screen.query_one("#settings-body")
        assert body.has_pseudo_class("focus-within")
        app.set_focus(None)
        await settle(pilot)
        unfocused = body.styles.border_top[1]
        screen.query_one("#field-your_name", Input).focus()
        await settle(pilot)
        assert body.styles.border_top[1] != unfocused
