"""The longest walking streak keeps each month's walk days while its file is unchanged
(coach.walk.walks.WalkDays): a save here, a save by another process (the CLI) and a
removed walk are all seen on the next read; a month read again only when it changed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.routine.features import wire
from coach.session import Coach, open_coach
from coach.store import Log, Record
from coach.walk import walks
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


def test_an_unchanged_month_is_not_read_again(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in (date(2026, 9, 10), date(2026, 10, 10), SUNDAY):
        log_walk(coach, day, 20)
    assert longest_streak(coach, SUNDAY).length == 1
    read: list[str] = []
    real = Log.in_month

    def counting(self: Log, key: str) -> list[Record]:
        if self.name == walks.LOG:
            read.append(key)
        return real(self, key)

    monkeypatch.setattr(Log, "in_month", counting)
    log_walk(coach, SUNDAY - timedelta(days=1), 20)
    assert longest_streak(coach, SUNDAY).length == 2
    assert read == ["2026-11"]


def test_days_after_the_last_are_left_out(coach: Coach) -> None:
    for day in days_back(4):
        log_walk(coach, day, 20)
    assert longest_streak(coach, SUNDAY).length == 4
    assert longest_streak(coach, SUNDAY - timedelta(days=2)).length == 2
    assert walks.walked_days(coach, SUNDAY - timedelta(days=1)) == set(
        days_back(3, SUNDAY - timedelta(days=1))
    )
