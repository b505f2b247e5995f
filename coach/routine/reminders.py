"""What is due now: the walk not taken, follow-up calls, check-ins after a loss...

`coach remind` prints them and the app shows them; both use `due_now`. The
providers are listed in coach.routine.features.REMINDERS.
"""

from __future__ import annotations

from datetime import datetime

from coach.core.notices import Due as Due
from coach.routine import features
from coach.session import Coach


def due_now(coach: Coach, now: datetime | None = None) -> list[Due]:
    """Everything due at `now` (default: the coach's clock), in provider order."""
    moment = now or coach.clock.now()
    return [due for provider in features.REMINDERS for due in provider(coach, moment)]
