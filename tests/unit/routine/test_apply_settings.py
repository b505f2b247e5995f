"""The Settings screen's help goal goes through the challenge: past weeks keep their goal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from coach.challenge import helps as challenge
from coach.core.weeks import week_of
from coach.routine.apply_settings import apply_settings
from coach.session import Coach

LAST_WEEK = date(2026, 11, 9)


def test_goal_changed_twice_in_settings_keeps_past_weeks(coach: Coach) -> None:
    apply_settings(coach, replace(coach.settings, help_goal=7))
    coach.clock.advance(timedelta(days=7))  # type: ignore[attr-defined]
    apply_settings(coach, replace(coach.settings, help_goal=9))
    start = coach.settings.week_start
    assert challenge.goal_for(coach, week_of(LAST_WEEK, start)) == 5
    assert challenge.goal_for(coach, week_of(date(2026, 11, 22), start)) == 7
    assert challenge.this_week(coach).goal == 9
    assert coach.settings.help_goal == 9
