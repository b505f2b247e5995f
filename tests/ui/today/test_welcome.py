"""A first run: Today welcomes a newcomer on an empty data folder, and stops once there is data."""

from __future__ import annotations

from screens.app import CoachApp
from screens.loss.loss import LossScreen
from screens.today.today import TodayScreen
from tests.ui.helpers import settle, text_of, wait_for


async def test_an_empty_folder_is_welcomed_and_l_records_the_loss(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await settle(pilot)
        welcome = app.screen.query_one("#welcome")
        assert welcome.display
        assert "Lost a client? Press l to record it" in text_of(app, "#welcome")
        assert "? every key" in text_of(app, "#welcome")
        assert welcome.region.bottom < 24 and app.screen.query_one("#steps").region.height
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LossScreen), "the Loss screen")


async def test_no_welcome_once_something_is_recorded(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await settle(pilot)
        await pilot.press("space")  # tick the walk step: the folder is no longer empty
        await settle(pilot)
        await wait_for(
            pilot, lambda: not app.screen.query_one("#welcome").display, "the welcome gone"
        )
