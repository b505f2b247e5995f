"""`coach` with no command: what stops the app before it takes over the terminal."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.css.stylesheet import Stylesheet

from coach.cli import main
from coach.core import paths
from screens.app import CoachApp
from screens.today.today import TodayScreen
from tests.ui.helpers import wait_for


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


@pytest.mark.parametrize(("size", "breakpoint"), [((80, 24), "-narrow"), ((160, 50), "-wide")])
async def test_today_starts_with_its_breakpoint_class(
    app: CoachApp,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
    breakpoint: str,
) -> None:
    """Today is pushed with its width's class set: its first resize changes no class
    (Textual would then style every widget of it again)."""
    changes: list[tuple[set[str], set[str]]] = []
    real = TodayScreen.update_classes

    def watched(self: TodayScreen, *args: Any, **kwargs: Any) -> TodayScreen:
        before = set(self.classes)
        result = real(self, *args, **kwargs)
        if set(self.classes) != before:
            changes.append((before, set(self.classes)))
        return result

    monkeypatch.setattr(TodayScreen, "update_classes", watched)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await wait_for(pilot, lambda: app.screen.size == app.size, "Today laid out")
        assert app.screen.has_class(breakpoint)
    assert changes == []
