"""CPU time of `build_progress` in one process: cold, warm (the month cache) and after a save.

    uv run python -m benchmarks.make_history --years 10 --data-dir /tmp/h10 --end 2026-11-22
    uv run python -m benchmarks.progress_warm /tmp/h10

Writes one tick into the folder (a copy is fine). Not part of pytest: no test depends on timing.
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime

from dateutil import tz

from coach.core.clock import FixedClock
from coach.progress.progress import build_progress
from coach.routine import today as routine
from coach.routine.features import wire
from coach.session import open_coach

DAY = date(2026, 11, 22)


def main() -> None:
    clock = FixedClock(datetime(2026, 11, 22, 8, 30, tzinfo=tz.gettz("Europe/London")))
    coach = wire(open_coach(sys.argv[1], clock=clock))

    def cpu_ms() -> float:
        start = time.process_time()
        build_progress(coach, DAY)
        return (time.process_time() - start) * 1000

    cold = cpu_ms()
    warm = sorted(cpu_ms() for _ in range(5))[2]
    routine.set_done(coach, DAY, "walk")
    changed = cpu_ms()
    print(
        f"build_progress CPU: cold {cold:.0f} ms, warm {warm:.0f} ms, after a save {changed:.0f} ms"
    )


if __name__ == "__main__":
    main()
