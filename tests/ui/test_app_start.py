"""`coach` with no command: what stops the app before it takes over the terminal."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from coach.cli import main
from coach.core import paths
from screens.app import CoachApp
from screens.today.today import TodayScreen
from screens.walk.walk import WalkScreen
from tests.ui.helpers import settle, wait_for


def test_broken_built_in_content_stops_the_app_before_it_starts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(paths.builtin_content_dir(), content)
    (content / "prompts.toml").write_text('[[items]]\nid = "p"\npool = "prompt"\n')
    monkeypatch.setattr(paths, "builtin_content_dir", lambda: content)

    def no_terminal(self: CoachApp) -> None:
        raise AssertionError("the app must not start")

    monkeypatch.setattr(CoachApp, "run", no_terminal)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert f"{content / 'prompts.toml'}, line 1" in err


async def test_opening_today_parses_no_stylesheet_again(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's rules are read with the app's: pushing Today at start reparses nothing
    (Textual would reparse every source from scratch and restyle the app)."""
    reparses: list[str] = []
    real_reparse = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparses.append("reparse")
        real_reparse(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        today_css = {str(path) for path in app.screen.css_path}
        assert today_css and today_css <= {path for path, _ in app.stylesheet.source}
    assert reparses == []


@pytest.mark.parametrize(
    ("size", "breakpoints"),
    [((80, 24), {"-narrow", "-short"}), ((160, 50), {"-wide", "-tall"})],
)
async def test_today_starts_with_its_breakpoint_classes(
    app: CoachApp,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    breakpoints: set[str],
) -> None:
    """Today is pushed with its width's and height's classes set: its first resize
    changes no breakpoint class (Textual would then style every widget of it again)."""
    changes: list[tuple[set[str], set[str]]] = []
    real = TodayScreen.update_classes
    every = {"-narrow", "-wide", "-short", "-tall"}

    def watched(self: TodayScreen, *args: Any, **kwargs: Any) -> TodayScreen:
        before = set(self.classes) & every
        result = real(self, *args, **kwargs)
        if set(self.classes) & every != before:
            changes.append((before, set(self.classes) & every))
        return result

    monkeypatch.setattr(TodayScreen, "update_classes", watched)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await wait_for(pilot, lambda: app.screen.size == app.size, "Today laid out")
        assert set(app.screen.classes) & every == breakpoints
    assert changes == []


async def test_todays_first_frame_is_made_outside_the_start_batch_with_its_footer(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual drops a frame made inside a batch: Today's first full frame was made inside
    the app's start batch, so the first frame a terminal got was a later partial update
    (no encouragement, progress bar or step pane). Its first frame is now made with no
    batch open, and its Footer already holds the keys (they came a rebuild later)."""
    firsts: list[tuple[int, int, str]] = []
    real = CoachApp._display

    def display(self: CoachApp, screen: Screen[object], renderable: object) -> None:
        if isinstance(screen, TodayScreen) and renderable is not None and not firsts:
            keys = len(screen.query(FooterKey))
            firsts.append((self._batch_count, keys, type(renderable).__name__))
        real(self, screen, renderable)  # type: ignore[arg-type]

    monkeypatch.setattr(CoachApp, "_display", display)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(firsts), "Today's first frame")
        batch, keys, kind = firsts[0]
        assert (batch, kind) == (0, "LayoutUpdate")  # written whole, not dropped
        assert keys > 0


async def test_a_screen_opened_again_is_styled_as_the_first_time(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today (its CSS read with the app's) and a screen opened a second time skip the
    restyle of their first resume, and look exactly as when Textual restyles."""
    restyled: list[str] = []  # screens whose resume Textual's handler restyles
    real = Screen._on_screen_resume

    def counted(self: Screen[Any], event: events.ScreenResume) -> None:
        if event.refresh_styles:
            restyled.append(type(self).__name__)
        real(self, event)

    def styles(screen: Screen[Any]) -> list[str]:
        return [f"{n!r} {n.styles.css}" for n in screen.walk_children(with_self=True)]

    monkeypatch.setattr(Screen, "_on_screen_resume", counted)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await settle(pilot)
        assert "TodayScreen" not in restyled
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, WalkScreen), "Walk")
        await settle(pilot)
        assert "WalkScreen" in restyled  # its .tcss came as it opened: Textual restyles
        first = styles(app.screen)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today again")
        restyled.clear()
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, WalkScreen), "Walk again")
        await settle(pilot)
        assert "WalkScreen" not in restyled
        assert styles(app.screen) == first
