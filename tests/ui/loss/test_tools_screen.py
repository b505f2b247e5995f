"""The Tools screen: every tool reachable (o, the palette), copied and saved privately;
your people edited and kept; the loss tools say what they need without a loss."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.loss import tools
from coach.loss.losses import add_loss
from coach.routine.features import wire
from coach.session import open_coach
from screens.app import CoachApp
from screens.common.save_file import SaveFileScreen
from screens.loss.tools import ToolsScreen
from tests.ui.helpers import settle, text_of, wait_for


async def open_tools(app: CoachApp, pilot: Pilot[int]) -> ToolsScreen:
    await settle(pilot)
    await pilot.press("o")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ToolsScreen)
    return screen


@pytest.fixture
def lost(data_dir: Path, clock: FixedClock, library: Library) -> None:
    coach = wire(open_coach(data_dir, clock=clock, library=library))
    add_loss(coach, "Acme", coach.today() - timedelta(days=20), ["competitor"])


@pytest.mark.usefixtures("lost")
async def test_every_tool_is_reachable_copied_and_saved(app: CoachApp, tmp_path: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tools(app, pilot)
        for n, tool in enumerate(tools.TOOLS):
            if n:
                await pilot.press("down")
                await pilot.pause()
            assert screen.tool_id == tool.id
            text = text_of(app, "#tools-text")
            assert text.strip() and text.rstrip("\n") == screen.text.rstrip("\n")
            assert "From " in text_of(app, "#tools-source")
            await pilot.press("ctrl+o")
            assert app.clipboard == screen.text
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert isinstance(app.screen, SaveFileScreen)
            target = tmp_path / f"{tool.id}.txt"
            app.screen.query_one("#savefile-path", Input).value = str(target)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ToolsScreen), "the save")
            assert target.read_text(encoding="utf-8") == screen.text
            assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert "Acme" in Path(tmp_path / "questionnaire.txt").read_text(encoding="utf-8")


@pytest.mark.usefixtures("lost")
async def test_the_palette_opens_a_tool(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.run_action("go('tools')")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ToolsScreen)
        await app.run_action("screen.show_tool('checkins')")
        await pilot.pause()
        assert screen.tool_id == "checkins"
        assert "At 6 months" in text_of(app, "#tools-text")
        assert screen.query_one("#tools-list", OptionList).highlighted == 3


async def test_your_people_are_edited_and_kept(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_tools(app, pilot)
        # no loss yet: the loss tools say what they need, with nothing to copy
        assert "record one first" in text_of(app, "#tools-text")
        await pilot.press("e")
        await pilot.pause()
        assert screen.tool_id == "people" and screen.editing
        area = screen.query_one("#tools-people", TextArea)
        assert app.focused is area
        await pilot.press(*"Ann: mentor", "enter", *"Bob")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not screen.editing
        assert "- Ann: mentor" in text_of(app, "#tools-text")
        await pilot.press("e")
        await pilot.pause()
        area.load_text("\n".join(f"P{n}" for n in range(13)))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.editing  # refused, with a message naming why; nothing changed
        assert app.coach is not None and tools.people(app.coach) == ["Ann: mentor", "Bob"]
        await pilot.press("escape")
        assert not screen.editing
        await pilot.press("escape")
        assert not isinstance(app.screen, ToolsScreen)


async def test_o_on_the_loss_screen_opens_tools_for_the_selected_loss(
    data_dir: Path, clock: FixedClock, library: Library
) -> None:
    from screens.app import make_app
    from screens.loss.loss import LossScreen

    coach = wire(open_coach(data_dir, clock=clock, library=library))
    add_loss(coach, "Old Co", coach.today() - timedelta(days=90), ["merger"])
    add_loss(coach, "Acme", coach.today() - timedelta(days=20), ["competitor"])
    app = make_app(data_dir, clock=clock, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LossScreen), "the Loss screen")
        await pilot.press("down")  # the older loss, not the most recent
        await wait_for(pilot, lambda: text_of(app, "#loss-title") == "Old Co", "Old Co selected")
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, ToolsScreen), "Tools")
        screen = app.screen
        assert isinstance(screen, ToolsScreen)
        assert screen.loss is not None and screen.loss.client == "Old Co"
        assert "for Old Co" in text_of(app, "#tools-help")
        assert "Old Co" in screen.text
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LossScreen), "back on Loss")
        assert text_of(app, "#loss-title") == "Old Co"
