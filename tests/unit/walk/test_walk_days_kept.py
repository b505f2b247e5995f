"""The longest walking streak keeps each month's walk days while its file is unchanged
(coach.walk.summary): a save here, a save by another process (the CLI) and a
removed walk are all seen on the next read (reading only changed months: test_walk_summary.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.routine.features import wire
from coach.session import Coach, open_coach
from coach.walk.walks import log_walk, longest_streak, remove_walk, walks_on

SUNDAY = date(2026, 11, 22)


def days_back(n: int, end: date = SUNDAY) -> list[date]:
    return [end - timedelta(days=k) for k in range(n)]


def test_a_save_in_this_process_is_seen(coach: Coach) -> None:
    for day in days_back(3, SUNDAY - timedelta(days=40)):
        log_walk(coach, day, 20)
    assert longest_streak(coach, SUNDAY).length == 3
    for day in days_back(5):
        log_walk(coach, day, 20)
    assert longest_streak(coach, SUNDAY).length == 5
    remove_walk(coach, walks_on(coach, SUNDAY - timedelta(days=2))[0])
    assert longest_streak(coach, SUNDAY).length == 3  # 40 days back, or the last two: 3 wins


def test_a_save_by_another_process_is_seen(
    coach: Coach, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    log_walk(coach, SUNDAY - timedelta(days=1), 20)
    assert longest_streak(coach, SUNDAY).length == 1
    other = wire(open_coach(data_dir, clock=clock, library=library))  # say `coach walk`
    log_walk(other, SUNDAY, 20)
    log_walk(other, SUNDAY - timedelta(days=2), 20)
    assert longest_streak(coach, SUNDAY).length == 3


def test_days_after_the_last_are_left_out(coach: Coach) -> None:
    for day in days_back(4):
        log_walk(coach, day, 20)
    assert longest_streak(coach, SUNDAY).length == 4
    assert longest_streak(coach, SUNDAY - timedelta(days=2)).length == 2
    assert longest_streak(coach, SUNDAY - timedelta(days=1)).length == 3
