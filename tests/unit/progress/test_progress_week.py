"""Progress on one week of data, as a new user logs it: every figure agrees with what was logged."""

from __future__ import annotations

from datetime import date, timedelta

from coach.challenge import helps
from coach.journal.reflections import save_reflection
from coach.progress import progress
from coach.progress.progress import HelpWeeks
from coach.routine import today as routine
from coach.session import Coach
from coach.walk.walks import log_walk

TODAY = date(2026, 11, 22)  # a Sunday: the week is Mon 16 .. Sun 22
LEFT = date(2026, 11, 17)


def a_week(coach: Coach) -> None:
    with coach.store.transaction():
        coach.store.records("losses").insert({"client": "Acme Ltd", "left": LEFT.isoformat()})
        for n, kind in enumerate(["call"] * 6 + ["meeting"] * 2):
            coach.store.log("touches").insert(TODAY - timedelta(days=n % 5), {"kind": kind})
    for n in range(4):
        log_walk(coach, TODAY - timedelta(days=n), 20)
    routine.set_done(coach, TODAY - timedelta(days=4), "walk")  # a tick, not a walk
    for n in range(6):  # six entries on five days
        save_reflection(coach, TODAY - timedelta(days=n % 5), f"entry {n}", None, mood=3)
    for n in range(5):
        helps.log_help(coach, f"P{n}", "an intro", day=TODAY - timedelta(days=n))


def test_since_they_left_counts_what_was_logged_with_units(coach: Coach) -> None:
    a_week(coach)
    p = progress.build_progress(coach, TODAY)
    assert p.recovery is not None
    assert p.recovery.sentence() == (
        "Since Acme Ltd left: 4 walks, 5 people helped, 6 calls, 2 meetings, 6 reflection entries."
    )
    assert p.touches == {"call": 6, "meeting": 2}


def test_weeks_without_moods_are_empty_not_bars(coach: Coach) -> None:
    a_week(coach)
    p = progress.build_progress(coach, TODAY)
    assert len(p.moods) == progress.TREND_WEEKS
    assert p.moods[-1] == 3.0
    assert all(m is None for m in p.moods[:-1])  # no week before this one had a mood


def test_first_week_never_says_met_in_0_of_0_yet_1_in_a_row(coach: Coach) -> None:
    a_week(coach)  # 5 helped this week, the default goal met
    h = progress.build_progress(coach, TODAY).help
    assert h is not None and h.count >= h.goal
    words = h.weeks_sentence()
    assert "0 of 0" not in words
    assert words == "Goal met in 1 of 1 week · 1 week in a row · best week 5 people"


def test_help_weeks_sentence_agrees_with_itself() -> None:
    def weeks(**kw: int) -> HelpWeeks:
        base = {"count": 0, "goal": 5, "recent": (), "met": 0, "played": 0, "streak": 0, "best": 0}
        return HelpWeeks(**(base | kw))  # type: ignore[arg-type]

    assert weeks(count=2, best=2).weeks_sentence() == (
        "Your first week of the challenge · best week 2 people"
    )
    assert weeks(count=1, best=6, met=2, played=3, streak=1).weeks_sentence() == (
        "Goal met in 2 of 3 weeks · 1 week in a row · best week 6 people"
    )
    assert weeks(count=1, best=1, played=1).weeks_sentence() == (
        "Goal met in 0 of 1 week · best week 1 person"
    )
