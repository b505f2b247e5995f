"""Challenge and Customers at 160x50: the space is used (their 80x24 snapshots sit beside
their tests; Today's and Progress's two sizes are in their own folders)."""

from __future__ import annotations

from textual.pilot import Pilot

from coach.session import Coach
from screens.app import CoachApp
from tests.ui.challenge.test_challenge_screen import seed_weeks
from tests.ui.customers.test_customers_screen import seed
from tests.ui.helpers import SnapCompare, settle


def test_challenge_at_160x50(snap_compare: SnapCompare, app: CoachApp, coach: Coach) -> None:
    seed_weeks(coach)

    async def open_challenge(pilot: Pilot[int]) -> None:
        await pilot.press("h")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(160, 50), run_before=open_challenge)


def test_customers_at_160x50(snap_compare: SnapCompare, app: CoachApp, coach: Coach) -> None:
    seed(coach)

    async def open_customers(pilot: Pilot[int]) -> None:
        await pilot.press("c")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(160, 50), run_before=open_customers)
