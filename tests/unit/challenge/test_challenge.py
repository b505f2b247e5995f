"""The help challenge: logging, goals that keep the past, streaks, best week, the closed week."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.challenge import helps as challenge
from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.core.errors import InputError
from coach.core.weeks import week_of
from coach.routine import today as routine
from coach.session import Coach, open_coach
from tests.conftest import own_notes

SUNDAY = date(2026, 11, 22)  # the clock fixture's day; the week is Mon 16 - Sun 22 Nov
THIS_MONDAY = date(2026, 11, 16)


def helped(coach: Coach, day: date, n: int = 1) -> None:
    for i in range(n):
        challenge.log_help(coach, f"person {i}", "some advice", day=day)


def test_a_logged_help_counts_this_week_and_ticks_the_step(coach: Coach) -> None:
    entry = challenge.log_help(coach, " Ann ", " reviewed her prices ", client=True)
    assert (entry.who, entry.how, entry.client, entry.day) == (
        "Ann",
        "reviewed her prices",
        True,
        SUNDAY,
    )
    week = challenge.this_week(coach)
    assert (week.count, week.goal, week.to_go, week.days_left) == (1, 5, 4, 1)
    today = routine.build_today(coach)
    assert today.step("help").done
    assert today.step("help").detail == "1 of 5 this week, 4 to go"


def test_help_detail_says_when_the_goal_is_met(coach: Coach) -> None:
    helped(coach, THIS_MONDAY, 5)
    assert challenge.help_detail(coach, SUNDAY) == "5 of 5 this week: goal met"


@pytest.mark.parametrize(
    ("who", "how", "day", "problem"),
    [
        ("", "x", None, "name is empty"),
        ("Ann", "   ", None, "description is empty"),
        ("Ann", "x", date(2026, 11, 23), "in the future"),
        ("A" * 501, "x", None, "under 500"),
    ],
)
def test_bad_helps_are_refused_with_a_reason(
    coach: Coach, who: str, how: str, day: date | None, problem: str
) -> None:
    with pytest.raises(InputError, match=problem):
        challenge.log_help(coach, who, how, day=day)
    assert challenge.this_week(coach).count == 0


def test_a_past_day_counts_for_its_own_week(coach: Coach) -> None:
    challenge.log_help(coach, "Bo", "intro", day=date(2026, 11, 15))  # last Sunday
    assert challenge.this_week(coach).count == 0
    assert challenge.history(coach).weeks[-1].count == 1


def test_edit_moves_a_help_across_months_and_delete_removes_it(coach: Coach) -> None:
    entry = challenge.log_help(coach, "Ann", "prices", day=date(2026, 10, 30))
    moved = challenge.edit_help(coach, entry, "Ann B", "prices and terms", False, SUNDAY)
    assert moved.id == entry.id
    assert coach.store.log("helps").between(date(2026, 10, 1), date(2026, 10, 31)) == []
    (again,) = challenge.this_week(coach).helps
    assert (again.who, again.how, again.day) == ("Ann B", "prices and terms", SUNDAY)
    with pytest.raises(InputError, match="future"):
        challenge.edit_help(coach, again, "Ann", "x", False, SUNDAY + timedelta(days=1))
    challenge.delete_help(coach, again)
    assert challenge.this_week(coach).helps == ()
    with pytest.raises(InputError, match="no longer there"):
        challenge.edit_help(coach, again, "Ann", "x", False)


def test_a_goal_change_applies_from_this_week_and_keeps_the_past(
    coach: Coach, clock: FixedClock
) -> None:
    helped(coach, date(2026, 11, 9), 3)  # last week: 3 of 5
    helped(coach, THIS_MONDAY, 3)
    challenge.set_goal(coach, 3)
    past = challenge.history(coach)
    assert [(r.count, r.goal, r.met) for r in past.weeks] == [(3, 5, False)]
    assert (past.current.goal, past.current.met) == (3, True)
    assert coach.settings.help_goal == 3
    # next week: change again; this week keeps 3, last week keeps 5
    clock.advance(timedelta(days=1))
    challenge.set_goal(coach, 8)
    challenge.set_goal(coach, 7)  # a second change in the same week replaces the first
    past = challenge.history(coach)
    assert [r.goal for r in past.weeks] == [5, 3]
    assert past.current.goal == 7
    assert len(coach.store.doc("challenge").get()["goals"]) == 3


@pytest.mark.parametrize("goal", [0, 101, -1, True, 2.5])
def test_goal_out_of_range_is_refused(coach: Coach, goal: object) -> None:
    with pytest.raises(InputError, match="1 to 100"):
        challenge.set_goal(coach, goal)  # type: ignore[arg-type]
    assert challenge.this_week(coach).goal == 5


def test_streak_counts_met_weeks_and_the_open_week_does_not_break_it(coach: Coach) -> None:
    # six weeks ago met, then a miss, then three met weeks, then this week (open)
    for weeks_ago, count in [(6, 5), (5, 2), (4, 5), (3, 6), (2, 0), (1, 5)]:
        helped(coach, THIS_MONDAY - timedelta(weeks=weeks_ago), count)
    past = challenge.history(coach)
    assert [r.count for r in past.weeks] == [5, 2, 5, 6, 0, 5]
    assert past.streak == 1  # the empty week two weeks ago broke it
    helped(coach, THIS_MONDAY, 2)
    assert challenge.history(coach).streak == 1  # open and not met yet: no break
    helped(coach, SUNDAY, 3)
    assert challenge.history(coach).streak == 2  # met: it counts


def test_best_week_is_the_most_helps_and_a_tie_keeps_the_earlier_week(coach: Coach) -> None:
    assert challenge.history(coach).best is None
    helped(coach, THIS_MONDAY - timedelta(weeks=3), 4)
    helped(coach, THIS_MONDAY - timedelta(weeks=1), 4)
    best = challenge.history(coach).best
    assert best is not None and best.week.start == THIS_MONDAY - timedelta(weeks=3)
    helped(coach, THIS_MONDAY, 5)
    best = challenge.history(coach).best
    assert best is not None and best.week.start == THIS_MONDAY and best.count == 5


def test_history_follows_the_week_start_setting(coach: Coach) -> None:
    helped(coach, date(2026, 11, 14), 1)  # a Saturday
    with coach.store.transaction():
        coach.store.doc("settings").update({"week_start": 6})  # weeks start on Sunday
    week = challenge.this_week(coach)
    assert week.week == week_of(SUNDAY, 6) and week.week.start == SUNDAY
    assert week.days_left == 7
    weeks = challenge.history(coach).weeks
    assert [(r.week.start, r.count) for r in weeks] == [
        (date(2026, 11, 8), 1),
        (date(2026, 11, 15), 0),
    ]


def test_week_closed_result_shows_once(
    coach: Coach, clock: FixedClock, data_dir: Path, library: Library
) -> None:
    assert challenge.week_closed_note(coach, SUNDAY) == []  # never played: nothing to report
    helped(coach, THIS_MONDAY, 4)
    assert challenge.week_closed_note(coach, SUNDAY) == []  # the week is still open
    clock.set(datetime(2026, 11, 23, 3, 59, tzinfo=tz.gettz("Europe/London")))
    # before the rollover hour: still Sunday
    assert own_notes(routine.build_today(coach).notes) == ()
    clock.set(datetime(2026, 11, 23, 4, 0, tzinfo=tz.gettz("Europe/London")))
    today = routine.build_today(coach)
    (note,) = own_notes(today.notes)
    assert note.startswith("Last week you helped 4 people, 1 short of your goal of 5. So close.")
    result = challenge.pending_result(coach)
    assert result is not None
    challenge.mark_seen(coach, result.week)
    assert challenge.pending_result(coach) is None
    assert routine.build_today(coach).notes == today.notes  # it stays for this open...
    reopened = open_coach(data_dir, clock=clock, library=library)
    assert own_notes(routine.build_today(reopened).notes) == ()  # ...and the next open is quiet
    assert challenge.closed_week_news(reopened) is None
    # the next week closes with nothing logged: still reported, since the user plays
    clock.advance(timedelta(weeks=1))
    (note,) = challenge.week_closed_note(reopened, reopened.today())
    assert "no one was counted" in note


@pytest.mark.parametrize(
    ("count", "goal", "expected"),
    [
        (5, 5, "Last week you helped 5 people. Goal met, well played."),
        (7, 5, "Last week you helped 7 people, 2 beyond your goal. Goal met, well played."),
        (1, 3, "Last week you helped 1 person, 2 short of your goal of 3. A new week, a new game."),
    ],
)
def test_result_message(count: int, goal: int, expected: str) -> None:
    result = challenge.WeekResult(week_of(SUNDAY), count, goal)
    assert challenge.result_message(result) == expected


def test_damaged_records_and_goal_entries_are_skipped(coach: Coach) -> None:
    with coach.store.transaction():
        coach.store.log("helps").insert(SUNDAY, {"who": 3, "how": None, "client": "yes"})
        coach.store.doc("challenge").put({"goals": [{"from_week": "nope", "goal": 9}, {"goal": 2}]})
    (entry,) = challenge.this_week(coach).helps
    assert (entry.who, entry.how, entry.client) == ("", "", False)
    assert challenge.this_week(coach).goal == 5


@settings(max_examples=200)
@given(
    weeks=st.lists(st.tuples(st.integers(0, 9), st.integers(1, 9)), max_size=12),
    now=st.tuples(st.integers(0, 9), st.integers(1, 9)),
)
def test_streak_and_best_week_match_their_rules(
    weeks: list[tuple[int, int]], now: tuple[int, int]
) -> None:
    start = week_of(THIS_MONDAY)
    closed: list[challenge.WeekResult] = []
    for back, (count, goal) in enumerate(reversed(weeks), 1):
        week = start
        for _ in range(back):
            week = week.previous()
        closed.insert(0, challenge.WeekResult(week, count, goal))
    current = challenge.WeekResult(start, *now)
    # streak: met weeks back from last week, plus this week once met
    expected = 0
    for result in reversed(closed):
        if result.count < result.goal:
            break
        expected += 1
    if current.count >= current.goal:
        expected += 1
    assert challenge.streak(closed, current) == expected
    # best: the most helps; the earliest such week; none when nobody was helped
    everything = [*closed, current]
    best = challenge.best_week(everything)
    top = max(r.count for r in everything)
    if top == 0:
        assert best is None
    else:
        assert best == next(r for r in everything if r.count == top)
