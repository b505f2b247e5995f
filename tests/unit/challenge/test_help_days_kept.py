"""The challenge's history keeps each month's help counts while its file is unchanged
(coach.challenge.helps.HelpDays): a save here, one by another process (`coach helped`)
and a deleted help are seen on the next read; an unchanged month is not read again."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.challenge import helps as challenge
from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.routine.features import wire
from coach.session import Coach, open_coach
from coach.store import Log, Record

SUNDAY = date(2026, 11, 22)  # the clock's day; weeks start on Monday


def counts(coach: Coach) -> list[int]:
    return [r.count for r in challenge.history(coach).weeks]


def test_saves_here_and_by_another_process_are_seen(
    coach: Coach, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    challenge.log_help(coach, "Ann", "a call", day=SUNDAY - timedelta(days=14))
    assert counts(coach) == [1, 0]
    first = challenge.log_help(coach, "Bo", "a lift", day=SUNDAY - timedelta(days=7))
    assert counts(coach) == [1, 1]
    other = wire(open_coach(data_dir, clock=clock, library=library))  # say `coach helped`
    challenge.log_help(other, "Cy", "an intro", day=SUNDAY - timedelta(days=8))
    assert counts(coach) == [1, 2]
    challenge.delete_help(coach, first)
    assert counts(coach) == [1, 1]
    assert challenge.history(coach).best is not None


def test_an_unchanged_month_is_not_read_again(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in (date(2026, 8, 3), date(2026, 9, 7), date(2026, 11, 9)):
        challenge.log_help(coach, "Ann", "a call", day=day)
    before = counts(coach)
    read: list[str] = []
    real = Log.in_month

    def counting(self: Log, key: str) -> list[Record]:
        if self.name == challenge.LOG:
            read.append(key)
        return real(self, key)

    monkeypatch.setattr(Log, "in_month", counting)
    assert counts(coach) == before
    assert read == []
    challenge.log_help(coach, "Bo", "a lift", day=date(2026, 11, 10))
    assert sum(counts(coach)) == 4
    assert read == ["2026-11"]


def test_this_weeks_helps_are_not_in_the_closed_weeks(coach: Coach) -> None:
    challenge.log_help(coach, "Ann", "a call", day=SUNDAY - timedelta(days=7))
    challenge.log_help(coach, "Bo", "a lift", day=SUNDAY)
    past = challenge.history(coach)
    assert [r.count for r in past.weeks] == [1]
    assert past.current.count == 1
