"""Snapshots of Today at 80x24 and 160x50: fixed clock, fixed library, known data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from coach.content.library import Item, Library
from coach.core.clock import FixedClock
from coach.journal.reflections import save_reflection
from coach.routine.today import set_done
from coach.session import open_coach
from screens.app import make_app
from tests.ui.helpers import SnapCompare, settle

DAY = date(2026, 11, 22)
EMOTIONAL = "Overcoming the Emotional Loss of Losing a Customer"
HUGHES = "Dealing With the Loss of a Client"


def fixed_library() -> Library:
    """One item per pool the Today screen shows, so content edits never move a snapshot."""
    lib = Library(sources={EMOTIONAL: "", HUGHES: "Kim Hughes"})
    items = [
        (
            "encouragement",
            "Losing one client makes room for the next. Today, do one small thing well.",
        ),
        (
            "walk",
            "Ten minutes outside counts. Leave the phone in your pocket and notice the street.",
        ),
        ("call", "Call a customer you value, ask how they are, and listen more than you talk."),
        ("help", "Give someone ten minutes of your know-how today, expecting nothing back."),
        ("prompt", "What went well with this client? Write down three things you did right."),
    ]
    for pool, text in items:
        source = HUGHES if pool in ("prompt", "encouragement") else EMOTIONAL
        lib.add(Item(id=f"snap-{pool}", pool=pool, text=text, sources=(source,), advice=("x",)))
    return lib


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_today_fresh(
    snap_compare: SnapCompare, data_dir: Path, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(data_dir, clock=clock, library=fixed_library())
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_today_half_done_reflecting(
    snap_compare: SnapCompare, data_dir: Path, clock: FixedClock, size: tuple[int, int]
) -> None:
    library = fixed_library()
    coach = open_coach(data_dir, clock=clock, library=library)
    set_done(coach, DAY, "walk")
    set_done(coach, DAY, "help")
    save_reflection(coach, DAY, "They trusted me with their launch.", library.daily("prompt", DAY))
    app = make_app(data_dir, clock=clock, library=library)

    async def open_reflection(pilot: Pilot[int]) -> None:
        await pilot.press("end", "enter")
        area = pilot.app.screen.query_one("#answer", TextArea)
        area.move_cursor(area.document.end)
        await pilot.press(*" Then", "escape")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_reflection)
