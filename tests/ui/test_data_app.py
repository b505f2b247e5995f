"""The palette's backup, export, import and restore; the app noticing another process's saves."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from coach.core.clock import FixedClock
from coach.walk.walks import log_walk, walk_log
from screens.app import CoachApp
from screens.common.confirm import ConfirmScreen
from screens.common.path_prompt import PathPromptScreen
from screens.messages import SaveKind
from screens.today.today import TodayScreen
from screens.walk.walk import WalkScreen
from tests.cli_helpers import run
from tests.ui.helpers import coach_app, settle, text_of, wait_for


def notes(app: CoachApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def start(app: CoachApp, pilot: Pilot[int]) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")


async def palette_titles(app: CoachApp, pilot: Pilot[int], query: str) -> list[str]:
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
    await pilot.press(*query)
    commands = app.screen.query_one(CommandList)
    await wait_for(pilot, lambda: commands.option_count > 0, f"hits for {query!r}")
    await settle(pilot)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def from_palette(app: CoachApp, pilot: Pilot[int], query: str) -> None:
    """Run the palette's first hit for `query`, as a user would."""
    await palette_titles(app, pilot, query)
    await pilot.press("enter")


async def test_the_palette_has_one_quit_and_one_keys(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        titles = await palette_titles(app, pilot, "quit")
        assert sum("Quit" in t.splitlines()[0] for t in titles) == 1, titles
        assert any("pending saves finish first" in t for t in titles)
        await pilot.press("escape")
        titles = await palette_titles(app, pilot, "keys")
        assert sum(t.splitlines()[0] == "Keys" for t in titles) == 1, titles


async def test_back_up_now_from_the_palette(app: CoachApp, data_dir: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        coach = coach_app(pilot).coach
        assert coach is not None
        app.save(SaveKind.WALK, lambda c: log_walk(c, c.today(), 20, ""))
        titles = await palette_titles(app, pilot, "back up")
        assert "Back up now" in titles[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Backed up to" in notes(app), "the backup's message")
        made = list((data_dir / "backups").glob("coach-*-manual.zip"))
        assert len(made) == 1
        assert str(made[0]) in notes(app)


async def test_export_asks_for_a_file_and_writes_it_private(app: CoachApp, tmp_path: Path) -> None:
    target = tmp_path / "out" / "mine.json"
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        await from_palette(app, pilot, "export your")
        await wait_for(pilot, lambda: isinstance(app.screen, PathPromptScreen), "the path prompt")
        field = app.screen.query_one("#path-input", Input)
        assert field.value == "~/coach-export-2026-11-22.json"
        assert app.screen.focused is field
        field.value = str(target)  # a missing folder: said plainly, nothing written
        await pilot.press("enter")
        await wait_for(pilot, lambda: "does not exist" in notes(app), "the missing folder")
        assert not target.exists()
        target.parent.mkdir()
        await from_palette(app, pilot, "export your")
        await wait_for(pilot, lambda: isinstance(app.screen, PathPromptScreen), "the prompt")
        app.screen.query_one("#path-input", Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: f"Exported to {target}" in notes(app), "the export")
    assert json.loads(target.read_text())["format"] == "coach-export"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


async def test_import_adds_an_export_and_a_bad_path_is_named(
    app: CoachApp, tmp_path: Path, clock: FixedClock, library: object
) -> None:
    from coach.data.exchange import export_data, to_json
    from coach.routine.features import wire
    from coach.session import open_coach

    other = wire(open_coach(tmp_path / "other", clock=clock))
    log_walk(other, other.today(), 35, "from the other folder")
    export = tmp_path / "other.json"
    export.write_text(to_json(export_data(other.store, clock.now())))
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        await from_palette(app, pilot, "import a coach")
        await wait_for(pilot, lambda: isinstance(app.screen, PathPromptScreen), "the prompt")
        app.screen.query_one("#path-input", Input).value = str(tmp_path / "nothing.json")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "There is no file" in notes(app), "the bad path")
        await from_palette(app, pilot, "import a coach")
        await wait_for(pilot, lambda: isinstance(app.screen, PathPromptScreen), "the prompt")
        app.screen.query_one("#path-input", Input).value = str(export)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Added 1 walks" in notes(app), "the import's summary")
        coach = app.coach
        assert coach is not None
        assert [w.minutes for d in walk_log(coach).days for w in d.walks] == [35]
        assert list((coach.store.folder / "backups").glob("*-manual.zip"))  # backed up first


async def test_restore_offers_the_newest_backup_and_asks_first(app: CoachApp) -> None:
    from coach.data.backups import backup_now

    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        coach = app.coach
        assert coach is not None
        log_walk(coach, coach.today(), 20, "")
        made = backup_now(coach)
        log_walk(coach, coach.today(), 45, "after the backup")
        await app.run_action("go('walk')")
        await wait_for(pilot, lambda: isinstance(app.screen, WalkScreen), "Walk")
        await from_palette(app, pilot, "restore a backup")
        await wait_for(pilot, lambda: isinstance(app.screen, PathPromptScreen), "the prompt")
        assert app.screen.query_one("#path-input", Input).value == str(made.path)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "are you sure")

        def safe_focused() -> bool:
            return app.screen.focused is not None and app.screen.focused.id == "confirm-no"

        await wait_for(pilot, safe_focused, "focus on the safe choice")
        await pilot.press("shift+tab")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Restored" in notes(app), "the restore")
        assert "as it was is in" in notes(app)
        assert [w.minutes for d in walk_log(coach).days for w in d.walks] == [20]
        await wait_for(pilot, lambda: "45" not in text_of(app, "#recent-days"), "Walk re-read")


async def test_a_walk_logged_by_the_cli_shows_on_the_open_walk_screen(
    app: CoachApp, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, WalkScreen), "Walk")
        await settle(pilot)
        assert "No walks yet" in text_of(app, "#recent-days")
        code, _, err = run(capsys, "walk", "--minutes", "27")  # another terminal, as it were
        assert code == 0, err
        await wait_for(pilot, lambda: "27" in text_of(app, "#recent-days"), "the CLI's walk")


async def test_today_notices_a_cli_write(
    app: CoachApp, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import OptionList

    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(app, pilot)
        steps = app.screen.query_one("#steps", OptionList)

        def walk_ticked() -> bool:
            return "✓" in str(steps.get_option("walk").prompt)

        assert not walk_ticked()
        code, _, err = run(capsys, "walk", "--minutes", "15")
        assert code == 0, err
        await wait_for(pilot, walk_ticked, "Today to tick the walk")
