"""The cyclic GC's full collection runs on Today at idle (screens/shell/idle_gc.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from screens.app import CoachApp
from screens.shell import idle_gc
from screens.shell.idle_gc import IdleCollector
from screens.today.today import TodayScreen
from screens.walk.walk import WalkScreen
from tests.ui.helpers import settle, wait_for


@pytest.fixture(autouse=True)
def frozen_as_the_suite_leaves_it() -> Iterator[None]:
    """Nothing frozen to start with (the suite freezes what collection made, tests/conftest.py),
    so a freeze here is the app's; afterwards only what is still alive is frozen again."""
    gc.unfreeze()
    yield
    gc.collect()
    gc.freeze()


def collector(app: CoachApp) -> IdleCollector:
    assert app.idle_gc is not None
    return app.idle_gc


async def test_back_on_today_the_gc_collects_once_and_freezes(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        idle = collector(app)
        assert idle.timer is None  # start-up's first Today: screens/app.py's own pause
        await pilot.press("w")
        assert isinstance(app.screen, WalkScreen)
        await pilot.press("t")
        assert isinstance(app.screen, TodayScreen)
        await wait_for(pilot, lambda: idle.collections == 1, "the collection at idle")
        assert gc.get_freeze_count() > 0  # what survived is left out of the next walks
        assert idle.timer is None and not idle.away  # once, until another screen opens


async def test_a_screen_opened_before_the_delay_cancels_it(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(idle_gc, "IDLE_SECONDS", 600)  # never fires here, however slow
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        idle = collector(app)
        await pilot.press("w", "t")
        timer = idle.timer
        assert timer is not None
        await pilot.press("w")  # another screen before the delay: no collection mid-open
        assert isinstance(app.screen, WalkScreen)
        assert idle.timer is None
        idle.collect()  # even if the timer had fired: not on Today, nothing is done
        assert idle.collections == 0


async def test_nothing_while_start_up_keeps_the_gc_paused(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        idle = collector(app)
        gc.disable()
        try:
            idle.collect()
        finally:
            gc.enable()
        assert idle.collections == 0
        idle.collect()
        assert idle.collections == 1


async def test_nothing_once_the_app_has_no_screen(app: CoachApp) -> None:
    """A timer firing while the app quits (its screens popped) does nothing, raises nothing."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        idle = collector(app)
    assert app.screen_stack == []
    idle.collect()
    assert idle.collections == 0
