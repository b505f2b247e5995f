"""Today lays out for the terminal: at 160x50 the space is used, 80x24 and 120 columns as before."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from screens.app import CoachApp
from screens.today.today import TodayScreen
from tests.ui.helpers import settle, wait_for


def list_text(screen: TodayScreen) -> str:
    steps = screen.query_one("#steps", OptionList)
    lines = (str(steps.get_option_at_index(i).prompt) for i in range(steps.option_count))
    return " ".join(" ".join(lines).split())  # wrapped lines joined again


def start(text: str) -> str:
    return " ".join(text.split()[:5])


async def test_at_160x50_the_list_shows_each_steps_advice_and_the_boxes_fill_down(
    app: CoachApp,
) -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        today = screen.today
        assert today is not None
        advice = [s.advice.text for s in today.steps if s.advice is not None]
        assert len(advice) == 4
        # every step's advice begins in the list: the day at a glance, not an empty box below
        await wait_for(
            pilot,
            lambda: all(start(text) in list_text(screen) for text in advice),
            "each step's advice in the list",
        )
        steps = screen.query_one("#steps").region
        pane = screen.query_one("#pane-walk").region
        assert steps.height == pane.height >= 20  # one height, reaching down the screen
        assert steps.x >= 3  # the margins round the body kept


@pytest.mark.parametrize(("size", "height"), [((120, 35), 9), ((80, 24), None)])
async def test_at_120_columns_and_80x24_the_list_stays_compact(
    app: CoachApp, size: tuple[int, int], height: int | None
) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.today is not None
        walk = screen.today.step("walk").advice
        assert walk is not None
        assert start(walk.text) not in list_text(screen)
        assert "0 of 140 min" in list_text(screen)  # the detail still there
        if height is not None:  # 120 columns: the list only as tall as its four steps
            assert screen.query_one("#steps").region.height == height
