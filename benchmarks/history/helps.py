"""History for the help challenge: 0 to 3 people helped a day."""

from __future__ import annotations

from datetime import date
from random import Random

from coach.challenge import helps as challenge
from coach.session import Coach

PEOPLE = ("Ann", "Bo", "Chen", "Dev", "Eli", "Fatima", "Gus", "Hana", "Ivo", "Jo")
HOW = (
    "reviewed their pricing",
    "answered a question about contracts",
    "introduced them to a supplier",
    "fixed their spreadsheet",
    "gave feedback on a pitch",
    "an hour of advice on hiring",
)


def generate(coach: Coach, day: date, rng: Random) -> None:
    for _ in range(rng.randint(0, 3)):
        challenge.log_help(
            coach, rng.choice(PEOPLE), rng.choice(HOW), client=rng.random() < 0.3, day=day
        )
