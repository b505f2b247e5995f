"""`coach status`: today's routine in one short line, for a shell prompt or a status bar.

Reads only the main file and the current week's month files; imports no
Textual and no content library, so it is quick enough to run at every prompt.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coach.challenge import helps as challenge
from coach.core import statusline
from coach.core.clock import day_start, logical_day
from coach.core.errors import CoachError
from coach.days import rest_days
from coach.days.steps import STEP_IDS, StepId
from coach.routine.features import done_steps
from coach.session import Coach
from coach.store import commit, crypto
from coach.store.core import JOURNAL_DIR, MAIN_FILE, month_key

DONE, OPEN = "✓", "·"


@dataclass(frozen=True)
class Status:
    day: date
    done: dict[StepId, bool]
    helped: int
    help_goal: int
    rest: bool

    def line(self) -> str:
        parts = []
        for step in STEP_IDS:
            if step == "help":
                parts.append(f"help {self.helped}/{self.help_goal}")
            else:
                parts.append(f"{step} {DONE if self.done[step] else OPEN}")
        return " ".join(parts) + (" rest" if self.rest else "")

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "done": self.done,
            "help": {"count": self.helped, "goal": self.help_goal},
            "rest": self.rest,
        }


def status(coach: Coach, day: date | None = None) -> Status:
    day = day or coach.today()
    done = done_steps(coach, day)
    week = challenge.this_week(coach, day)
    return Status(day, done, week.count, week.goal, rest_days.is_rest(coach, day))


def json_text(result: Status) -> str:
    """`coach status --json` exactly as printed (the values hold no control character)."""
    return json.dumps(result.as_json(), ensure_ascii=False)


def _status_files(day: date) -> list[str]:
    """Every file the status of `day` is read from, relative to the folder, and two that
    must stay absent: the encryption marker and a half-done save's commit record."""
    months = sorted({month_key(day + timedelta(days=d)) for d in range(-6, 7)})  # any week
    return [
        MAIN_FILE,
        *(f"{JOURNAL_DIR}/{key}.json" for key in months),
        crypto.MARKER,
        commit.RECORD_NAME,
    ]


def all_data_files(coach: Coach) -> list[str]:
    """Every data file (main, every month) and the two that must stay absent, as above."""
    months = [f"{JOURNAL_DIR}/{key}.json" for key in coach.store.months()]
    return [MAIN_FILE, *months, crypto.MARKER, commit.RECORD_NAME]


def keep_output(
    coach: Coach,
    name: str,
    signed: Callable[[date], list[str]],
    outputs: Callable[[date], dict[str, str]],
) -> dict[str, str] | None:
    """Keep `outputs(day)` for today in the data folder's file `name` (coach.core.statusline),
    signed by the rows `signed(day)` taken before reading; never for an encrypted folder
    (the outputs would be in the clear). A failure removes the file (a miss) and never
    fails the command or save that called it. Returns the outputs made, if any."""
    folder = coach.store.folder
    if coach.store.encrypted:
        statusline.forget(folder, name)
        return None
    made = None
    try:
        calendar = coach.calendar()
        now = calendar.now()
        day = logical_day(now, calendar.rollover_hour)
        zone = now.tzinfo
        assert zone is not None
        window = (
            day_start(day, zone, calendar.rollover_hour).timestamp(),
            day_start(day + timedelta(days=1), zone, calendar.rollover_hour).timestamp(),
        )
        # Signed before reading: a save elsewhere while we read changes a signature (a miss).
        before = signed(day)
        made = outputs(day)
        if signed(day) != before:
            statusline.forget(folder, name)
            return made
        statusline.write(folder, statusline.render(window, before, made), name)
    except (CoachError, OSError, ValueError, OverflowError):
        statusline.forget(folder, name)
    return made


def keep(coach: Coach, result: Status | None = None) -> None:
    """Keep today's status line for the fast `coach status` (coach.cli.quick).

    Called after every save of a CLI command or the app, and by a slow `coach status`.
    """

    def outputs(day: date) -> dict[str, str]:
        found = result if result is not None and result.day == day else status(coach, day)
        return {"line": found.line(), "json": json_text(found)}

    keep_output(
        coach,
        statusline.FILE_NAME,
        lambda day: statusline.sign(coach.store.folder, _status_files(day)),
        outputs,
    )


def keep_on_saves(coach: Coach) -> Coach:
    """Keep the status line after every save through this Coach (the CLI's and the app's)."""
    coach.store.after_save.append(lambda: keep(coach))
    return coach
