"""Walks: logging, the week against the goal, and streaks (rollover hour, DST, month edges)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.clock import FixedClock
from coach.core.errors import InputError
from coach.routine import today as routine
from coach.session import Coach
from coach.settings import save_settings
from coach.walk.walks import (
    by_day,
    by_week,
    current_streak,
    log_walk,
    logged_on,
    longest_of,
    longest_streak,
    walk_detail,
    walk_stats,
    walks_on,
)

LONDON = tz.gettz("Europe/London")
SUNDAY = date(2026, 11, 22)


def walk_days(coach: Coach, *days: date, minutes: int = 20) -> None:
    for day in days:
        log_walk(coach, day, minutes)


def back(n: int) -> date:
    return SUNDAY - timedelta(days=n)


def test_a_logged_walk_is_stored_on_its_day_and_ticks_the_step(coach: Coach) -> None:
    walk = log_walk(coach, SUNDAY, 25, "  round the park  ")
    assert walk.minutes == 25 and walk.note == "round the park" and walk.day == SUNDAY
    assert walks_on(coach, SUNDAY) == [walk]
    assert routine.build_today(coach).step("walk").done


@pytest.mark.parametrize("minutes", [0, -5, 601, 10_000, "ten", "", "2.5", True, None])
def test_minutes_out_of_range_are_refused_and_nothing_is_saved(
    coach: Coach, minutes: object
) -> None:
    with pytest.raises(InputError, match="minutes"):
        log_walk(coach, SUNDAY, minutes)  # type: ignore[arg-type]
    assert walks_on(coach, SUNDAY) == []


def test_the_edges_of_the_minute_range_are_accepted(coach: Coach) -> None:
    log_walk(coach, SUNDAY, 1)
    log_walk(coach, SUNDAY, 600)
    assert [w.minutes for w in walks_on(coach, SUNDAY)] == [1, 600]


def test_a_future_day_is_refused(coach: Coach) -> None:
    with pytest.raises(InputError, match="future"):
        log_walk(coach, SUNDAY + timedelta(days=1), 20)


def test_a_walk_after_midnight_belongs_to_the_evening_before(
    coach: Coach, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 11, 23, 1, 30, tzinfo=LONDON))  # Monday 01:30: still Sunday
    log_walk(coach, coach.today(), 15)
    assert walks_on(coach, SUNDAY)[0].minutes == 15
    clock.set(datetime(2026, 11, 23, 4, 0, tzinfo=LONDON))  # the rollover hour: Monday
    assert coach.today() == SUNDAY + timedelta(days=1)
    assert not logged_on(coach, coach.today())
    assert current_streak(coach, coach.today()).length == 1  # today is not over yet


def test_week_minutes_follow_the_week_start_setting(coach: Coach) -> None:
    walk_days(coach, back(7), back(6), back(1), SUNDAY, minutes=10)  # Sun, Mon, Sat, Sun
    stats = walk_stats(coach)
    assert stats.week_start == date(2026, 11, 16) and stats.week_minutes == 30
    save_settings(coach.store, replace(coach.settings, week_start=6))  # weeks start on Sunday
    stats = walk_stats(coach)
    assert stats.week_start == SUNDAY and stats.week_minutes == 10


def test_walk_detail_tells_the_week_and_the_streak(coach: Coach) -> None:
    assert walk_detail(coach, SUNDAY) == "0 of 140 min this week"
    walk_days(coach, back(2), back(1), SUNDAY, minutes=15)
    assert walk_detail(coach, SUNDAY) == "45 of 140 min this week · walked 3 days in a row"
    assert routine.build_today(coach).step("walk").detail.startswith("45 of 140")


def test_current_streak_counts_back_to_the_first_gap(coach: Coach) -> None:
    walk_days(coach, back(10), back(3), back(2), back(1), SUNDAY)
    streak = current_streak(coach, SUNDAY)
    assert (streak.length, streak.first, streak.last) == (4, back(3), SUNDAY)


def test_a_streak_is_kept_while_today_has_no_walk_yet_and_lost_after_a_missed_day(
    coach: Coach,
) -> None:
    walk_days(coach, back(3), back(2), back(1))
    assert current_streak(coach, SUNDAY).length == 3
    assert current_streak(coach, SUNDAY + timedelta(days=1)).length == 0


def test_two_walks_on_one_day_count_once(coach: Coach) -> None:
    walk_days(coach, SUNDAY, SUNDAY, back(1))
    assert current_streak(coach, SUNDAY).length == 2
    assert longest_streak(coach).length == 2


def test_a_streak_across_months_and_years(coach: Coach, clock: FixedClock) -> None:
    clock.set(datetime(2027, 1, 2, 9, 0, tzinfo=LONDON))
    first = date(2026, 11, 20)
    days = [first + timedelta(days=n) for n in range(44)]  # 20 Nov .. 2 Jan
    walk_days(coach, *days)
    assert current_streak(coach, date(2027, 1, 2)).length == 44
    assert current_streak(coach, date(2027, 1, 2), limit=10).length == 10


def test_the_current_streak_reads_only_the_months_it_needs(
    coach: Coach, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.set(datetime(2026, 1, 1, 9, 0, tzinfo=LONDON))
    walk_days(coach, date(2025, 6, 1), date(2025, 12, 30), date(2026, 1, 1))
    clock.set(datetime(2026, 11, 22, 9, 0, tzinfo=LONDON))
    walk_days(coach, back(1), SUNDAY)
    seen: list[tuple[date | None, date | None]] = []
    log = type(coach.store.log("walks"))
    original = log.between

    def between(self: Any, a: date | None = None, b: date | None = None) -> list[Any]:
        seen.append((a, b))
        return original(self, a, b)

    monkeypatch.setattr(log, "between", between)
    assert current_streak(coach, SUNDAY).length == 2
    assert seen == [(date(2026, 11, 1), date(2026, 11, 30))]


def test_longest_streak_looks_at_all_history(coach: Coach) -> None:
    walk_days(coach, *[back(n) for n in range(40, 30, -1)], back(1), SUNDAY)
    assert longest_streak(coach).length == 10
    assert longest_streak(coach).first == back(40)
    assert walk_stats(coach).current.length == 2


def test_streaks_across_the_spring_dst_change_with_an_early_rollover(
    coach: Coach, clock: FixedClock
) -> None:
    """London skips 01:00-02:00 on 29 March 2026; a rollover at 1 still gives whole days."""
    save_settings(coach.store, replace(coach.settings, rollover_hour=1))
    moments = [
        datetime(2026, 3, 28, 0, 30, tzinfo=LONDON),  # still Friday 27th
        datetime(2026, 3, 28, 23, 30, tzinfo=LONDON),  # Saturday 28th
        datetime(2026, 3, 29, 0, 59, tzinfo=LONDON),  # still Saturday: no walk for Sunday
        datetime(2026, 3, 29, 2, 30, tzinfo=LONDON),  # after the jump: Sunday 29th
        datetime(2026, 3, 30, 0, 45, tzinfo=LONDON),  # still Sunday
    ]
    days = []
    for moment in moments:
        clock.set(moment)
        days.append(coach.today())
        log_walk(coach, coach.today(), 20)
    assert (
        days == [date(2026, 3, 27), date(2026, 3, 28), date(2026, 3, 28)] + [date(2026, 3, 29)] * 2
    )
    clock.set(datetime(2026, 3, 30, 1, 0, tzinfo=LONDON))  # Monday begins
    assert current_streak(coach, coach.today()).length == 3
    assert longest_streak(coach).length == 3


def test_streaks_across_the_autumn_dst_change(coach: Coach, clock: FixedClock) -> None:
    """London repeats 01:00-02:00 on 25 October 2026: the day after is still one day."""
    clock.set(datetime(2026, 10, 24, 9, 0, tzinfo=LONDON))
    log_walk(coach, coach.today(), 20)
    clock.set(datetime(2026, 10, 25, 1, 30, tzinfo=LONDON))  # before rollover: still the 24th
    assert coach.today() == date(2026, 10, 24)
    clock.advance(timedelta(hours=3))  # one repeated hour later it's 03:30 GMT: still the 24th
    assert coach.today() == date(2026, 10, 24)
    clock.advance(timedelta(hours=1))
    assert coach.today() == date(2026, 10, 25)
    log_walk(coach, coach.today(), 20)
    assert current_streak(coach, coach.today()).length == 2


def test_by_day_and_by_week(coach: Coach) -> None:
    walk_days(coach, back(8), minutes=30)
    walk_days(coach, back(1), SUNDAY, SUNDAY, minutes=10)
    walks = [w for d in (back(8), back(1), SUNDAY) for w in walks_on(coach, d)]
    days = by_day(walks)
    assert [(d.day, d.minutes, len(d.walks)) for d in days] == [
        (SUNDAY, 20, 2),
        (back(1), 10, 1),
        (back(8), 30, 1),
    ]
    weeks = by_week(walks)
    assert [(w.start, w.minutes, w.days) for w in weeks] == [
        (date(2026, 11, 16), 30, 2),
        (date(2026, 11, 9), 30, 1),
    ]


def test_a_damaged_record_still_counts_as_a_walking_day(coach: Coach) -> None:
    with coach.store.transaction():
        coach.store.log("walks").insert(SUNDAY, {"minutes": "lots", "note": 5})
    walk = walks_on(coach, SUNDAY)[0]
    assert (walk.minutes, walk.note) == (0, "")
    assert current_streak(coach, SUNDAY).length == 1


def brute_longest(days: set[date]) -> int:
    best = 0
    for d in days:
        n = 0
        while d + timedelta(days=n) in days:
            n += 1
        best = max(best, n)
    return best


@given(st.sets(st.integers(min_value=0, max_value=120)))
def test_longest_of_matches_a_brute_force_count(offsets: set[int]) -> None:
    days = {date(2026, 1, 1) + timedelta(days=n) for n in offsets}
    streak = longest_of(days)
    assert streak.length == brute_longest(days)
    if streak.length:
        assert streak.first is not None and streak.last is not None
        assert (streak.last - streak.first).days + 1 == streak.length
        assert all(streak.first + timedelta(days=n) in days for n in range(streak.length))


@settings(max_examples=25, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=70), max_size=40))
def test_current_streak_agrees_with_the_run_ending_today(
    tmp_path_factory: pytest.TempPathFactory, offsets: set[int]
) -> None:
    from coach.content.library import Library
    from coach.session import open_coach

    folder = tmp_path_factory.mktemp("streak")
    coach = open_coach(
        folder, clock=FixedClock(datetime(2026, 11, 22, 9, tzinfo=LONDON)), library=Library()
    )
    days = {SUNDAY - timedelta(days=n) for n in offsets}
    with coach.store.transaction():
        for day in days:
            coach.store.log("walks").insert(day, {"minutes": 10})
    end = SUNDAY if SUNDAY in days else SUNDAY - timedelta(days=1)
    expected = 0
    while end - timedelta(days=expected) in days:
        expected += 1
    assert current_streak(coach, SUNDAY).length == expected
    assert longest_streak(coach).length == brute_longest(days)


def test_editing_a_walk_changes_minutes_and_note_only(coach: Coach) -> None:
    from coach.walk.walks import edit_walk, remove_walk

    walk = log_walk(coach, back(1), 20, "first")
    edited = edit_walk(coach, walk, minutes=35, note="  longer than I thought ")
    assert (edited.minutes, edited.note, edited.day) == (35, "longer than I thought", back(1))
    assert walks_on(coach, back(1)) == [edited]
    with pytest.raises(InputError):
        edit_walk(coach, walk, minutes=0)
    assert walks_on(coach, back(1)) == [edited]
    remove_walk(coach, edited)
    with pytest.raises(InputError, match="no longer"):
        edit_walk(coach, walk, note="gone")
