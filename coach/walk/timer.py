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
from typing import TYPE_CHECKING, Any

from coach.core.clock import Clock
from coach.core.errors import InputError

if TYPE_CHECKING:
    from coach.session import Coach

TIMER_DOC = "walk_timer"  # the timer's state in the store, so a walk survives a restart


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

    def to_record(self) -> dict[str, Any]:
        """The timer's state as plain values for the store."""

        def iso(moment: datetime | None) -> str | None:
            return moment.isoformat() if moment else None

        return {
            "state": self.state.value,
            "started_at": iso(self.started_at),
            "since": iso(self._since),
            "banked_seconds": self._banked.total_seconds(),
        }

    @classmethod
    def from_record(cls, clock: Clock, record: dict[str, Any]) -> WalkTimer:
        """A timer in a stored state; anything unreadable gives an idle timer."""
        timer = cls(clock)
        try:
            state = TimerState(record.get("state", "idle"))
            started = _parse(record.get("started_at"))
            since = _parse(record.get("since"))
            banked = float(record.get("banked_seconds") or 0)
        except (TypeError, ValueError):
            return timer
        if state is TimerState.IDLE or started is None or banked < 0:
            return timer
        if state is TimerState.RUNNING and since is None:
            return timer
        timer.state, timer.started_at = state, started
        timer._since = since if state is TimerState.RUNNING else None
        timer._banked = timedelta(seconds=banked)
        return timer


def load_timer(coach: Coach) -> WalkTimer:
    """The walk timer as last saved (idle when none was)."""
    return WalkTimer.from_record(coach.calendar().clock, coach.store.doc(TIMER_DOC).get())


def save_timer(coach: Coach, record: dict[str, Any]) -> None:
    """Remember the timer's state (from `WalkTimer.to_record`)."""
    with coach.store.transaction():
        coach.store.doc(TIMER_DOC).put(record)


def _parse(value: object) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError("naive time")
    return moment


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
