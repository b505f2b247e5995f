"""A draft survives a crash: the app is killed (SIGKILL) between keystrokes.

A child process runs the app, types, waits until the debounced draft is on
disk, types more, and is killed mid-sentence. The next open brings the draft
back; the data files are whole.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from textual.widgets import TextArea

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.journal.drafts import all_drafts
from coach.session import open_coach
from screens.app import make_app
from screens.journal.reflect import ReflectScreen

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import datetime
    from dateutil import tz
    from coach.core.clock import FixedClock
    from coach.journal.drafts import all_drafts
    from coach.session import open_coach
    from screens.common import drafting
    from screens.app import make_app

    drafting.DELAY = 0.2
    clock = FixedClock(datetime(2026, 11, 22, 8, 30, tzinfo=tz.gettz("Europe/London")))

    async def main():
        app = make_app(sys.argv[1], clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("r", "2", *"first words")
            watcher = open_coach(sys.argv[1], clock=clock)
            for _ in range(500):
                if any(d.text == "first words" for d in all_drafts(watcher)):
                    break
                await asyncio.sleep(0.02)
            print("DRAFT ON DISK", flush=True)
            await pilot.press(*" and then")
            print("TYPING", flush=True)
            await asyncio.sleep(120)

    asyncio.run(main())
    """
)


async def test_killed_between_keystrokes_the_draft_comes_back(
    data_dir: Path, clock: FixedClock, library: Library
) -> None:
    root = Path(__file__).resolve().parents[3]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir)],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "DRAFT ON DISK"
        assert child.stdout.readline().strip() == "TYPING"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL

    coach = open_coach(data_dir, clock=clock, library=library)
    coach.store.validate_all()  # nothing half-written
    [draft] = all_drafts(coach)
    assert draft.text.startswith("first words") and draft.mood == 2

    app = make_app(data_dir, clock=clock, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReflectScreen)
        assert app.screen.query_one(TextArea).text.startswith("first words")
