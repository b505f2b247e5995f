"""Progress from stored history: the streak over real records, rest days, backfill, losses."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dateutil import tz

from coach.core.clock import FixedClock
from coach.core.errors import InputError
from coach.days import rest_days
from coach.journal.reflections import save_reflection
from coach.progress import progress
from coach.routine import today as routine
from coach.session import Coach

TODAY = date(2026, 11, 22)


def core(coach: Coach, day: date, *, full: bool = False) -> None:
    for step in ("walk", "reflect", "call", *(("help",) if full else ())):
        routine.set_done(coach, day, step)


def test_core_rule() -> None:
    assert progress.is_core(frozenset({"walk", "reflect", "help"}))
    assert progress.is_core(frozenset({"walk", "reflect", "call"}))
    assert not progress.is_core(frozenset({"walk", "call", "help"}))
    assert not progress.is_core(frozenset({"reflect", "call", "help"}))


def test_streak_from_records_with_a_forgiven_day(coach: Coach) -> None:
    for n in (1, 2, 4, 5):
        core(coach, TODAY - timedelta(days=n))
    routine.set_done(coach, TODAY - timedelta(days=3), "walk")  # partial: a miss
    p = progress.build_progress(coach, TODAY)
    assert (p.streak, p.longest) == (4, 4)
    assert progress.current_streak_of(coach, TODAY) == 4


def test_two_missed_days_break_and_backfill_mends(coach: Coach) -> None:
    for n in (1, 2, 5, 6, 7):
        core(coach, TODAY - timedelta(days=n))
    assert progress.current_streak_of(coach, TODAY) == 2
    assert progress.build_progress(coach, TODAY).longest == 3
    core(coach, TODAY - timedelta(days=3))  # filling in a past day
    assert progress.current_streak_of(coach, TODAY) == 6


def test_rest_days_pause_the_streak(coach: Coach) -> None:
    core(coach, TODAY - timedelta(days=1))
    for n in (2, 3, 4):
        rest_days.set_rest(coach, TODAY - timedelta(days=n))
    core(coach, TODAY - timedelta(days=5))
    assert progress.current_streak_of(coach, TODAY) == 2
    rest_days.set_rest(coach, TODAY - timedelta(days=3), False)
    rest_days.set_rest(coach, TODAY - timedelta(days=3), False)  # twice: no harm
    assert progress.current_streak_of(coach, TODAY) == 2  # one miss is forgiven
    rest_days.set_rest(coach, TODAY - timedelta(days=4), False)
    assert progress.current_streak_of(coach, TODAY) == 1  # two misses (a rest between)
    with pytest.raises(InputError, match="future"):
        rest_days.set_rest(coach, TODAY + timedelta(days=1))


def test_the_streak_follows_the_rollover_hour(coach: Coach, clock: FixedClock) -> None:
    zone = tz.gettz("Europe/London")
    core(coach, date(2026, 11, 21))
    core(coach, date(2026, 11, 22))
    clock.set(datetime(2026, 11, 23, 2, 30, tzinfo=zone))  # still the 22nd for the user
    assert coach.today() == date(2026, 11, 22)
    assert progress.current_streak_of(coach) == 2
    clock.set(datetime(2026, 11, 25, 4, 0, tzinfo=zone))  # 23rd and 24th missed
    assert progress.current_streak_of(coach) == 0


def test_a_streak_across_months_and_a_gap_month(coach: Coach) -> None:
    day = date(2026, 9, 20)
    while day <= date(2026, 11, 21):
        core(coach, day)
        day += timedelta(days=1)
    assert progress.current_streak_of(coach, TODAY) == 63
    # a month with no file at all is all missed days
    assert progress.current_streak_of(coach, date(2027, 2, 1)) == 0


def test_heatmap_levels_and_week_counts(coach: Coach) -> None:
    core(coach, TODAY, full=True)
    core(coach, TODAY - timedelta(days=1))
    routine.set_done(coach, TODAY - timedelta(days=2), "walk")
    rest_days.set_rest(coach, TODAY - timedelta(days=3))
    p = progress.build_progress(coach, TODAY)
    levels = dict(p.heatmap)
    assert len(p.heatmap) == 53 * 7
    assert p.heatmap[0][0].weekday() == 0  # weeks start on Monday by default
    assert levels[TODAY] == "full"
    assert levels[TODAY - timedelta(days=1)] == "core"
    assert levels[TODAY - timedelta(days=2)] == "partial"
    assert levels[TODAY - timedelta(days=3)] == "rest"
    assert levels[TODAY - timedelta(days=4)] == "none"
    assert p.weekly["walk"][-1] == 3  # Monday 16th .. Sunday 22nd
    assert p.weekly["help"][-1] == 1


def test_moods_touches_and_recovery_since_the_latest_loss(coach: Coach) -> None:
    with coach.store.transaction():
        coach.store.records("losses").insert({"client": "Acme", "left": "2026-11-10"})
        coach.store.records("losses").insert({"name": "Older Co", "date": "2026-01-01"})
        coach.store.records("losses").insert({"client": "Future", "date": "2027-01-01"})
        coach.store.records("losses").insert({"client": "Broken", "date": "not a date"})
        coach.store.log("touches").insert(TODAY, {"kind": "meeting"})
        coach.store.log("helps").insert(TODAY, {"who": "Bo"})
        coach.store.log("helps").insert(TODAY, {"who": "Cy"})
        coach.store.log("moods").insert(TODAY, {"mood": 2, "moment": "after"})
        coach.store.log("moods").insert(TODAY, {"mood": "bad", "moment": "after"})  # skipped
    save_reflection(coach, TODAY, "ok", None, mood=4)
    save_reflection(coach, TODAY - timedelta(days=20), "ok", None, mood=2)
    routine.set_done(coach, TODAY - timedelta(days=1), "walk")
    routine.set_done(coach, TODAY - timedelta(days=1), "call")
    p = progress.build_progress(coach, TODAY)
    assert p.recovery is not None
    assert p.recovery.sentence() == (
        "Since Acme left: 0 walks, 2 people helped, 0 calls, 1 meeting, 1 reflection entry."
    )  # the ticked walk and call are not walks or calls logged
    assert p.recovery.days == 12
    assert p.touches == {"meeting": 1, "call": 1}  # the ticked call still counts here
    assert p.moods[-1] == 3.0  # today: reflection 4, check-in 2
    assert p.moods[-3] == 2.0  # two weeks back (Mon 2 Nov), the other reflection
    assert [m for m in p.moods if m is not None] == [2.0, 3.0]
    assert len(p.moods) == progress.TREND_WEEKS
    assert p.help is not None and p.help.count == 2


def test_no_history(coach: Coach) -> None:
    p = progress.build_progress(coach, TODAY)
    assert (p.streak, p.longest, p.recovery, p.help) == (0, 0, None, None)
    assert progress.current_streak_of(coach, TODAY) == 0
