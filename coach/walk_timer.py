"""The walk timer: start, pause, resume, finish, reading time from an injected clock.

The app keeps one WalkTimer, so a walk keeps counting while the user looks at
other screens. Elapsed time is measured in UTC, so a walk across a DST change
counts real minutes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from coach.clock import Clock
from coach.errors import InputError


class TimerState(Enum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"


@dataclass(frozen=True)
class FinishedWalk:
    """What a finished timer hands to the save: when it started and ended, and its minutes."""

    started_at: datetime
    ended_at: datetime
    minutes: int


class WalkTimer:
    """Counts walking time; paused time does not count."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.state = TimerState.IDLE
        self.started_at: datetime | None = None
        self._banked = timedelta()  # time walked before the last resume
        self._since: datetime | None = None  # when the current running stretch began

    @property
    def running(self) -> bool:
        return self.state is TimerState.RUNNING

    @property
    def active(self) -> bool:
        """True from start until finish or reset (running or paused)."""
        return self.state is not TimerState.IDLE

    def elapsed(self) -> timedelta:
        """Walking time so far (paused stretches left out)."""
        if self.state is TimerState.RUNNING and self._since is not None:
            return self._banked + (_utc(self.clock.now()) - _utc(self._since))
        return self._banked

    def start(self) -> None:
        if self.state is not TimerState.IDLE:
            raise InputError("the walk timer is already going: finish or reset it first")
        now = self.clock.now()
        self.state, self.started_at, self._since = TimerState.RUNNING, now, now
        self._banked = timedelta()

    def pause(self) -> None:
        if self.state is not TimerState.RUNNING:
            raise InputError("the walk timer is not running")
        self._banked = self.elapsed()
        self.state, self._since = TimerState.PAUSED, None

    def resume(self) -> None:
        if self.state is not TimerState.PAUSED:
            raise InputError("the walk timer is not paused")
        self.state, self._since = TimerState.RUNNING, self.clock.now()

    def toggle(self) -> None:
        """Start, pause or resume: whatever comes next."""
        {
            TimerState.IDLE: self.start,
            TimerState.RUNNING: self.pause,
            TimerState.PAUSED: self.resume,
        }[self.state]()

    def finish(self) -> FinishedWalk:
        """Stop the timer and hand back the walk (at least one minute); the timer is idle again."""
        if self.state is TimerState.IDLE or self.started_at is None:
            raise InputError("the walk timer was not started")
        elapsed = self.elapsed()
        walk = FinishedWalk(self.started_at, self.clock.now(), minutes_of(elapsed))
        self.reset()
        return walk

    def reset(self) -> None:
        self.state, self.started_at, self._since = TimerState.IDLE, None, None
        self._banked = timedelta()


def minutes_of(elapsed: timedelta) -> int:
    """Whole minutes for the log: rounded to nearest, at least 1, at most 600."""
    minutes = math.floor(elapsed.total_seconds() / 60 + 0.5)
    return max(1, min(600, minutes))


def clock_face(elapsed: timedelta) -> str:
    """'12:05' or '1:02:05' for the timer display."""
    seconds = max(0, int(elapsed.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _utc(moment: datetime) -> datetime:
    from dateutil import tz

    return moment.astimezone(tz.UTC)
