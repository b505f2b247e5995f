"""Pilot: the Settings rows for the call cadence defaults save, and bad values are named."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.settings import Settings
from screens.app import CoachApp
from screens.settings.settings import SettingsScreen
from tests.ui.helpers import settle, text_of
from tests.ui.settings.test_settings_screen import stored


async def test_cadence_rows_save_and_reject_bad_values(
    app: CoachApp, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        every = app.screen.query_one("#field-call_every_days", Input)
        at_most = app.screen.query_one("#field-call_at_most_days", Input)
        assert (every.value, at_most.value) == ("14", "28")

        every.value, at_most.value = "0", "28"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(app, "#error-call_every_days") == (
            "The call rhythm must be 1 to 730 days, not 0"
        )
        assert app.focused is every
        every.value, at_most.value = "3w", "2w"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.screen.query_one("#error-call_every_days").display
        assert text_of(app, "#error-call_at_most_days") == (
            "The longest quiet gap (14 days) cannot be shorter than the rhythm (21 days)"
        )
        assert text_of(app, "#settings-state") == "Not saved: 1 setting to fix."
        assert stored(data_dir, clock, library) == Settings()

        at_most.value = "6w"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(app, "#settings-state") == "Saved."
        assert (every.value, at_most.value) == ("21", "42")  # shown back in days
    saved = stored(data_dir, clock, library)
    assert (saved.call_every_days, saved.call_at_most_days) == (21, 42)
