"""The Footer rebuilds only when its keys change (screens/common/footer_updates.py), and
still shows exactly the keys of the screen and focus it is on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from screens.app import CoachApp
from screens.today.today import TodayScreen
from screens.walk.walk import WalkScreen
from tests.ui.helpers import wait_for


def expected(app: CoachApp) -> list[tuple[str, str, bool]]:
    """(action, key display, enabled) of what Footer.compose would show now, in order."""
    seen: dict[str, tuple[str, str, bool]] = {}
    palette = None
    for key, (_node, binding, enabled, _tip) in app.screen.active_bindings.items():
        if binding.show and binding.action not in seen:
            seen[binding.action] = (binding.action, app.get_key_display(binding), enabled)
        if key == app.COMMAND_PALETTE_BINDING:
            palette = (binding.action, app.get_key_display(binding), enabled)
    return [*seen.values(), *([palette] if palette else [])]


def shown(app: CoachApp) -> list[tuple[str, str, bool]]:
    footer = app.screen.query_one(Footer)
    return [
        (k.action, k.key_display, not k.has_class("-disabled")) for k in footer.query(FooterKey)
    ]


async def footer_true(pilot: Any, app: CoachApp, where: str) -> None:
    await wait_for(pilot, lambda: shown(app) == expected(app) != [], f"the Footer {where}")


@pytest.fixture
def composes(monkeypatch: pytest.MonkeyPatch) -> list[Footer]:
    calls: list[Footer] = []
    real = Footer.compose

    def counting(self: Footer) -> Iterable[Any]:
        calls.append(self)
        return real(self)

    monkeypatch.setattr(Footer, "compose", counting)
    return calls


async def test_the_footer_follows_screens_and_focus(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await footer_true(pilot, app, "on Today")
        for _ in range(4):  # the steps list, the pane's fields and buttons
            await pilot.press("tab")
            await footer_true(pilot, app, f"with {app.focused!r} focused")
        await pilot.press("escape")
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, WalkScreen), "Walk")
        await footer_true(pilot, app, "on Walk")
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today again")
        await footer_true(pilot, app, "back on Today")


async def test_opening_a_screen_rebuilds_its_footer_once_or_twice(
    app: CoachApp, composes: list[Footer]
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await footer_true(pilot, app, "on Today")
        assert len(composes) <= 3  # the first, empty compose and one with the keys (16 before)
        composes.clear()
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, WalkScreen), "Walk")
        await footer_true(pilot, app, "on Walk")
        await pilot.pause()
        assert len(composes) <= 3  # 17 before: one per focus and binding change


async def test_a_compact_footer_still_makes_compact_keys() -> None:
    """As Textual makes them: every key compact (the palette's always is, bound or not)."""
    from textual.app import App, ComposeResult

    class Compact(App[int]):
        BINDINGS = [("x", "bell", "Ring")]

        def compose(self) -> ComposeResult:
            yield Footer(compact=True)

    async with Compact().run_test() as pilot:
        await wait_for(pilot, lambda: len(pilot.app.query(FooterKey)) > 0, "the keys")
        assert all(k.compact and k.has_class("-compact") for k in pilot.app.query(FooterKey))


async def test_the_footer_keys_are_styled_once_not_restyled_for_compact(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FooterKey bound to its Footer starts as compact as the Footer: no -compact
    added and taken away (each a restyle) on every key of every Footer rebuild. The
    palette's key, bound to nothing, stays compact as in Textual."""
    toggled: list[bool] = []
    real = FooterKey._watch_compact

    def watched(self: FooterKey, compact: bool) -> None:
        toggled.append(compact)
        real(self, compact)

    monkeypatch.setattr(FooterKey, "_watch_compact", watched)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await footer_true(pilot, app, "on Today")
        keys = list(app.screen.query(FooterKey))
        compact = [key.has_class("-compact") for key in keys]
        palette = [key.has_class("-command-palette") for key in keys]
        assert len(keys) > 1 and compact == palette
    assert toggled.count(True) == palette.count(True)
