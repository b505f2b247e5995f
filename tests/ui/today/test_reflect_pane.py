"""Today's reflect pane: writing, saving, and saving again."""

from __future__ import annotations

from pathlib import Path

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.journal.reflections import reflections_between
from coach.session import open_coach
from screens.app import CoachApp
from screens.today.reflect_pane import ReflectPane
from screens.today.today import TodayScreen
from tests.ui.helpers import settle


async def test_saving_twice_updates_one_entry(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, TodayScreen)
        app.screen.select_step("reflect")
        await pilot.pause()
        app.screen.query_one("#pane-reflect", ReflectPane).focus_first()
        await pilot.press(*"first")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press(*" and more")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+q")
    [entry] = reflections_between(open_coach(data_dir, clock=clock, library=library))
    assert entry.text == "first and more"
