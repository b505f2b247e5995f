"""The config file in the app: theme and keymap applied, a changed theme remembered, bad values warned."""

from __future__ import annotations

from pathlib import Path

from coach.core.config import config_path, load_config
from screens.app import CoachApp
from tests.ui.helpers import settle


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


async def test_theme_and_keymap_from_the_config(app: CoachApp) -> None:
    write_config('theme = "nord"\n[keymap]\n"go.walk" = "W"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        await pilot.press("W")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "WalkScreen"


async def test_a_new_theme_is_remembered(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "dracula"
        await pilot.pause()
        await settle(pilot)
    assert load_config().theme == "dracula"


async def test_an_unknown_theme_warns_and_carries_on(app: CoachApp) -> None:
    write_config('theme = "no-such-theme"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme != "no-such-theme"
        assert any("no-such-theme" in str(n.message) for n in app._notifications)
    assert load_config().theme == "no-such-theme"  # not overwritten by the default


async def test_a_bad_config_warns_in_the_app(app: CoachApp) -> None:
    write_config("theme = 3\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert any("theme must be a name" in str(n.message) for n in app._notifications)
