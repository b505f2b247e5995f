"""Pilot: "what helped" on Progress says nothing below enough days, then states the counts."""

from __future__ import annotations

from pathlib import Path

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.progress.helped import MIN_DAYS
from coach.session import open_coach
from screens.app import CoachApp, make_app
from screens.progress.helped import WhatHelped
from screens.progress.progress import ProgressScreen
from tests.ui.helpers import settle, wait_for
from tests.unit.progress import test_helped


async def shown(app: CoachApp) -> tuple[int, bool, str]:
    """How many steps the widget compares, whether it shows, and its text (while running)."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen), "Progress")
        await settle(pilot)
        widget = app.screen.query_one(WhatHelped)
        return len(widget.steps), widget.display, str(widget.render())


async def test_nothing_below_the_threshold(
    data_dir: Path, clock: FixedClock, library: Library
) -> None:
    test_helped.fill(open_coach(data_dir, clock=clock, library=library), 2 * MIN_DAYS - 1)
    steps, display, _ = await shown(make_app(data_dir, clock=clock, library=library))
    assert (steps, display) == (0, False)


async def test_the_walk_is_compared_with_its_days_stated(
    data_dir: Path, clock: FixedClock, library: Library
) -> None:
    test_helped.fill(open_coach(data_dir, clock=clock, library=library), 2 * MIN_DAYS)
    steps, display, text = await shown(make_app(data_dir, clock=clock, library=library))
    assert (steps, display) == (1, True)
    assert text.startswith("What helped\n")
    line = f"Take a walk: mood after 4.0 on {MIN_DAYS} days with it, 2.0 on {MIN_DAYS} days without"
    assert f"\n  {line}\n" in text
