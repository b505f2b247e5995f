"""What is due now: the walk not taken, follow-up calls, check-ins after a loss...

Each feature adds a provider: `fn(coach, now) -> list[Due]`. `coach remind`
prints them and the app shows them; both use `due_now`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from coach.customers import calls
from coach.session import Coach


@dataclass(frozen=True)
class Due:
    """One thing due now, in words for the user."""

    kind: str  # "walk", "follow-up", "check-in", ...
    text: str


Provider = Callable[[Coach, datetime], list[Due]]

# Every feature's provider, imported here so `coach remind` and the app always see them.
# (Imported after Due: a provider module imports Due inside its function.)
from coach.loss.door import checkin_reminders  # noqa: E402
from coach.walk.reminder import walk_due  # noqa: E402

PROVIDERS: list[Provider] = [
    walk_due,
    checkin_reminders,
    calls.follow_up_reminders,
]


def due_now(coach: Coach, now: datetime | None = None) -> list[Due]:
    """Everything due at `now` (default: the coach's clock), in provider order."""
    moment = now or coach.clock.now()
    return [due for provider in PROVIDERS for due in provider(coach, moment)]
