"""The walk timer on an injected clock: no sleeping."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from dateutil import tz

from coach.core.clock import FixedClock
from coach.core.errors import InputError
from coach.walk.timer import TimerState, WalkTimer, clock_face, minutes_of

LONDON = tz.gettz("Europe/London")


def test_paused_time_does_not_count(clock: FixedClock) -> None:
    timer = WalkTimer(clock)
    timer.start()
    clock.advance(timedelta(minutes=10))
    timer.pause()
    clock.advance(timedelta(minutes=30))
    assert timer.elapsed() == timedelta(minutes=10)
    timer.resume()
    clock.advance(timedelta(minutes=5, seconds=40))
    assert timer.elapsed() == timedelta(minutes=15, seconds=40)
    walk = timer.finish()
    assert walk.minutes == 16
    assert walk.ended_at - walk.started_at == timedelta(minutes=45, seconds=40)
    assert timer.state is TimerState.IDLE and timer.elapsed() == timedelta()


def test_toggle_walks_through_start_pause_resume(clock: FixedClock) -> None:
    timer = WalkTimer(clock)
    states = []
    for _ in range(3):
        timer.toggle()
        states.append(timer.state)
    assert states == [TimerState.RUNNING, TimerState.PAUSED, TimerState.RUNNING]


def test_a_walk_across_the_autumn_clock_change_counts_real_minutes() -> None:
    clock = FixedClock(datetime(2026, 10, 25, 1, 50, tzinfo=LONDON))  # first 01:50 (BST)
    timer = WalkTimer(clock)
    timer.start()
    clock.advance(timedelta(minutes=20))  # wall clock shows 01:10 (GMT)
    assert clock.now().hour == 1 and clock.now().minute == 10
    assert timer.finish().minutes == 20


def test_a_walk_across_the_spring_clock_change_counts_real_minutes() -> None:
    clock = FixedClock(datetime(2026, 3, 29, 0, 50, tzinfo=LONDON))
    timer = WalkTimer(clock)
    timer.start()
    clock.advance(timedelta(minutes=25))  # wall clock jumps to 02:15
    assert clock.now().hour == 2
    assert timer.finish().minutes == 25


def test_wrong_moves_are_refused(clock: FixedClock) -> None:
    timer = WalkTimer(clock)
    for move in (timer.pause, timer.resume, timer.finish):
        with pytest.raises(InputError):
            move()
    timer.start()
    with pytest.raises(InputError):
        timer.start()


@pytest.mark.parametrize(
    ("seconds", "minutes"), [(0, 1), (29, 1), (89, 1), (90, 2), (600 * 60 + 500, 600)]
)
def test_minutes_for_the_log(seconds: int, minutes: int) -> None:
    assert minutes_of(timedelta(seconds=seconds)) == minutes


def test_clock_face() -> None:
    assert clock_face(timedelta(seconds=65)) == "01:05"
    assert clock_face(timedelta(hours=1, minutes=2, seconds=5)) == "1:02:05"


def test_a_running_timer_survives_a_restart(coach, clock: FixedClock) -> None:
    from coach.walk.timer import load_timer, save_timer

    timer = WalkTimer(clock)
    timer.start()
    clock.advance(timedelta(minutes=5))
    timer.pause()
    clock.advance(timedelta(minutes=10))
    timer.resume()
    save_timer(coach, timer.to_record())
    clock.advance(timedelta(minutes=3))
    again = load_timer(coach)
    assert again.state is TimerState.RUNNING and again.elapsed() == timedelta(minutes=8)
    assert again.finish().started_at == timer.started_at


@pytest.mark.parametrize(
    "record",
    [
        {},
        {"state": "running"},
        {"state": "flying", "started_at": "2026-11-22T08:00:00+00:00"},
        {"state": "paused", "started_at": "yesterday", "banked_seconds": 60},
        {"state": "paused", "started_at": "2026-11-22T08:00:00", "banked_seconds": 60},
        {"state": "running", "started_at": "2026-11-22T08:00:00+00:00", "since": None},
        {"state": "paused", "started_at": "2026-11-22T08:00:00+00:00", "banked_seconds": "x"},
    ],
)
def test_an_unreadable_stored_timer_is_idle(clock: FixedClock, record: dict) -> None:
    assert WalkTimer.from_record(clock, record).state is TimerState.IDLE
