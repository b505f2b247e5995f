"""`coach status`: today's routine in one short line, for a shell prompt or a status bar.

Reads only the main file and the current week's month files; imports no
Textual and no content library, so it is quick enough to run at every prompt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from coach.challenge import helps as challenge
from coach.days import rest_days
from coach.days.steps import STEP_IDS, StepId
from coach.routine.features import done_steps
from coach.session import Coach

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
