"""Small helpers for Pilot tests of coach screens."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static


async def settle(pilot: Pilot[object]) -> None:
    """Wait until every queued save is on disk and its callbacks have run on the UI."""
    await asyncio.to_thread(pilot.app.saves.drain, 10)  # type: ignore[attr-defined]
    await pilot.pause()
    await pilot.pause()


def shown(widget: Widget) -> str:
    """The plain text a widget shows now (markup would already be interpreted here)."""
    assert isinstance(widget, Static)
    return str(widget.render())
