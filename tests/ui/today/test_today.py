"""Pilot tests for the Today screen."""

from __future__ import annotations

from pathlib import Path

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.routine.today import build_today
from coach.session import open_coach
from screens.app import CoachApp, make_app
from screens.today.today import TodayScreen
from tests.ui.helpers import settle


async def test_marking_a_step_done_survives_restart(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("space")  # the highlighted step: take a walk
        await settle(pilot)
        assert app.screen.today is not None
        assert app.screen.today.step("walk").done
        await pilot.press("ctrl+q")
    today = build_today(open_coach(data_dir, clock=clock, library=library))
    assert today.step("walk").done
    assert not today.step("call").done

    again = make_app(data_dir, clock=clock, library=library)
    async with again.run_test(size=(80, 24)):
        screen = again.screen
        assert isinstance(screen, TodayScreen)
        assert screen.today is not None and screen.today.step("walk").done
