"""Snapshot: the context card (before the call) at 80x24, with the call script and its sources."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot

from coach.customers.customers import CustomerFields, add_customer
from coach.customers.touches import log_touch
from coach.session import Coach
from screens.app import CoachApp
from screens.customers.context_card import ContextCard
from tests.ui.helpers import SnapCompare, wait_for


def test_context_card_snapshot(snap_compare: SnapCompare, coach: Coach, app: CoachApp) -> None:
    ann = add_customer(
        coach,
        CustomerFields("Ann Lee", "Acme", "+44 20 7946 0000", why="Our first big order"),
    )
    log_touch(
        coach, ann.id, day=date(2026, 11, 5), value="sent the pricing article", outcome="warm"
    )

    async def open_card(pilot: Pilot[int]) -> None:
        await pilot.press("down", "enter", "i")
        await wait_for(pilot, lambda: isinstance(app.screen, ContextCard), "the card")
        await wait_for(pilot, lambda: app.screen.query(".context-line"), "the card's lines")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_card)
