"""The longest walking streak from month summaries: the same answer as reading every walk,
reading only the months changed since the last time."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.session import Coach, open_coach
from coach.store import Store
from coach.store.core import Log as StoreLog
from coach.walk import summary
from coach.walk import walks as walks_module
from coach.walk.summary import FILE_NAME
from coach.walk.walks import log_walk, longest_of, longest_streak, walks_between
from tests.cli_helpers import run

START = date(2024, 12, 20)


def every_walk_longest(coach: Coach, day: date | None = None) -> walks_module.Streak:
    return longest_of(w.day for w in walks_between(coach, None, day))


def months_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The month keys whose walks the summaries read again."""
    read: list[str] = []
    real = summary._mask

    def counting(key: str, days: Iterable[date]) -> int:
        read.append(key)
        return real(key, days)

    monkeypatch.setattr(summary, "_mask", counting)
    return read


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(offsets=st.lists(st.integers(0, 120), max_size=40), cut=st.integers(0, 130))
def test_the_same_longest_streak_as_reading_every_walk(
    data_dir: Path, offsets: list[int], cut: int
) -> None:
    coach = open_coach(data_dir / f"h{abs(hash((tuple(offsets), cut)))}")
    for offset in offsets:
        log_walk(coach, START + timedelta(days=offset), 10)
        assert longest_streak(coach) == every_walk_longest(coach)  # kept summaries follow saves
    day = START + timedelta(days=cut)
    assert longest_streak(coach, day) == every_walk_longest(coach, day)


def test_only_changed_months_are_read_again(coach: Coach, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(0, 150, 2):
        log_walk(coach, START + timedelta(days=n), 10)
    log_walk(coach, date(2025, 2, 3), 10)  # between two walks: Feb 2-4 in a row
    fresh = open_coach(coach.store.folder)
    read = months_read(monkeypatch)
    longest_streak(fresh)
    assert len(read) == len(fresh.store.months())  # the first time: every month
    read.clear()
    assert longest_streak(open_coach(coach.store.folder)).length == 3
    assert read == []  # nothing changed: nothing read
    log_walk(coach, date(2025, 2, 5), 10)
    assert longest_streak(open_coach(coach.store.folder)).length == 5
    assert read == ["2025-02"]
    path = coach.store.folder / FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("garbage", [b"", b"{", b'{"version": 1, "months": []}', b"[1]"])
def test_a_damaged_summary_file_is_only_a_miss(coach: Coach, garbage: bytes) -> None:
    for n in range(5):
        log_walk(coach, START + timedelta(days=n), 10)
    (coach.store.folder / FILE_NAME).write_bytes(garbage)
    assert longest_streak(coach).length == 5


def test_a_summary_from_another_folder_is_never_trusted(coach: Coach) -> None:
    for n in range(5):
        log_walk(coach, START + timedelta(days=n), 10)
    longest_streak(coach)
    kept = json.loads((coach.store.folder / FILE_NAME).read_text())
    for entry in kept["months"].values():
        entry[1] = 2**31 - 1  # every day walked, says the copy
        entry[0][0] += 1  # but its files were other files
    (coach.store.folder / FILE_NAME).write_text(json.dumps(kept))
    assert longest_streak(coach).length == 5


def test_no_summary_is_kept_for_an_encrypted_folder(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_walk(coach, START, 10)
    monkeypatch.setattr(Store, "encrypted", property(lambda self: True))
    assert longest_streak(coach).length == 1
    assert not (coach.store.folder / FILE_NAME).exists()


def test_plain_coach_walk_prints_the_longest_streak_reading_no_unchanged_month(
    capsys: pytest.CaptureFixture[str], coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    for n in range(4):
        log_walk(coach, date(2025, 6, 1) + timedelta(days=n), 10)
    log_walk(coach, date(2026, 11, 22), 10)
    assert "Longest: 4 days in a row." in run(capsys, "walk")[1]
    opened: list[str] = []
    real = StoreLog._t

    def counting(self, key, write=False):
        opened.append(key)
        return real(self, key, write)

    monkeypatch.setattr(StoreLog, "_t", counting)
    assert "Longest: 4 days in a row." in run(capsys, "walk")[1]
    assert "2026-11" in opened  # today's walk and the current streak
    assert "2025-06" not in opened  # the longest streak's month, unchanged: not read
