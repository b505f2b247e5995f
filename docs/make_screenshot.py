"""Regenerate docs/today.svg, the README's screenshot: `uv run python docs/make_screenshot.py`.

A made-up morning in a throwaway data folder, with a fixed clock, so the
picture only changes when the Today screen or the content does.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from datetime import date, datetime
from pathlib import Path

from dateutil import tz

OUT = Path(__file__).resolve().parent / "today.svg"


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COACH_CONFIG_DIR"] = str(Path(tmp) / "config")  # built-in content only
        from coach.content.library import default_library
        from coach.core.clock import FixedClock
        from coach.routine.today import set_done
        from coach.session import open_coach
        from coach.walk.walks import log_walk
        from screens.app import make_app

        clock = FixedClock(datetime(2026, 11, 24, 8, 40, tzinfo=tz.gettz("Europe/London")))
        library = default_library()
        coach = open_coach(Path(tmp) / "data", clock=clock, library=library)
        log_walk(coach, date(2026, 11, 23), 20)
        log_walk(coach, date(2026, 11, 24), 25)
        set_done(coach, date(2026, 11, 24), "help")
        app = make_app(Path(tmp) / "data", clock=clock, library=library)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "down", "down")
            await pilot.pause(0.3)
            app.save_screenshot(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
