"""The walk reminder: once at the reminder time, never after a walk, snooze, rollover."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from coach.core.clock import FixedClock, logical_day
from coach.routine import reminders
from coach.routine import today as routine
from coach.session import Coach
from coach.settings import Settings, save_settings
from coach.walk.reminder import WalkReminder, reminder_moment, walk_due
from coach.walk.walks import log_walk

LONDON = tz.gettz("Europe/London")
SETTINGS = Settings()  # reminder 10:30, rollover 04:00


def at(hour: int, minute: int = 0, day: int = 22) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


def test_fires_once_when_the_reminder_time_passes() -> None:
    reminder = WalkReminder()
    minutes = [at(10, 0) + timedelta(minutes=n) for n in range(0, 120, 1)]
    fired = [m for m in minutes if reminder.check(m, SETTINGS, walked_today=False)]
    assert fired == [at(10, 30)]


def test_does_not_fire_when_the_walk_is_done() -> None:
    reminder = WalkReminder()
    assert not reminder.check(at(10, 30), SETTINGS, walked_today=True)
    assert not reminder.check(at(15, 0), SETTINGS, walked_today=True)


def test_snooze_brings_it_back_once_after_the_chosen_minutes() -> None:
    reminder = WalkReminder()
    assert reminder.check(at(10, 31), SETTINGS, False)
    reminder.snooze(at(10, 31), 15)
    assert not reminder.check(at(10, 45), SETTINGS, False)
    assert reminder.check(at(10, 46), SETTINGS, False)
    assert not reminder.check(at(10, 47), SETTINGS, False)
    reminder.snooze(at(10, 47), 60)
    assert not reminder.check(at(11, 46), SETTINGS, False)
    assert reminder.check(at(11, 47), SETTINGS, False)


def test_a_snoozed_reminder_stays_quiet_once_the_walk_is_logged() -> None:
    reminder = WalkReminder()
    assert reminder.check(at(10, 30), SETTINGS, False)
    reminder.snooze(at(10, 30), 30)
    assert not reminder.check(at(11, 30), SETTINGS, walked_today=True)


def test_rollover_resets_it_for_the_next_day() -> None:
    reminder = WalkReminder()
    assert reminder.check(at(10, 30), SETTINGS, False)
    assert not reminder.check(at(23, 59), SETTINGS, False)
    assert not reminder.check(at(3, 59, day=23), SETTINGS, False)  # still Sunday
    assert not reminder.check(at(4, 0, day=23), SETTINGS, False)  # Monday, before 10:30
    assert reminder.check(at(10, 30, day=23), SETTINGS, False)


def test_a_snooze_into_the_next_day_is_dropped_at_rollover() -> None:
    reminder = WalkReminder()
    assert reminder.check(at(23, 0), SETTINGS, False)
    reminder.snooze(at(23, 0), 60 * 6)  # until 05:00 Monday
    assert not reminder.check(at(5, 0, day=23), SETTINGS, False)
    assert reminder.check(at(10, 30, day=23), SETTINGS, False)


def test_a_reminder_time_before_the_rollover_hour_belongs_to_the_night() -> None:
    night = replace(SETTINGS, reminder_time="02:00")
    assert reminder_moment(date(2026, 11, 22), night, LONDON) == at(2, 0, day=23)
    reminder = WalkReminder()
    assert not reminder.check(at(23, 0), night, False)
    assert reminder.check(at(2, 0, day=23), night, False)


def test_the_provider_says_the_walk_is_due_after_the_reminder_time(
    coach: Coach, clock: FixedClock
) -> None:
    assert reminders.due_now(coach) == []  # 08:30
    clock.set(at(10, 30))
    assert [d.kind for d in reminders.due_now(coach)] == ["walk"]
    save_settings(coach.store, replace(coach.settings, reminder_time="11:00"))
    assert reminders.due_now(coach) == []
    clock.set(at(11, 0))
    assert [d.kind for d in reminders.due_now(coach)] == ["walk"]
    log_walk(coach, coach.today(), 20)
    assert reminders.due_now(coach) == []


def test_a_walk_ticked_done_on_today_counts_as_walked(coach: Coach, clock: FixedClock) -> None:
    clock.set(at(12, 0))
    routine.set_done(coach, coach.today(), "walk")
    assert reminders.due_now(coach) == []
    assert walk_due(coach, clock.now(), lambda day: False) != []  # the walk itself is not logged


@given(
    st.lists(st.integers(min_value=1, max_value=600), min_size=1, max_size=60),
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=0, max_value=23),
)
def test_without_snooze_it_fires_at_most_once_a_day_and_only_after_its_time(
    steps: list[int], reminder_hour: int, rollover_hour: int
) -> None:
    settings = replace(
        SETTINGS, reminder_time=f"{reminder_hour:02d}:15", rollover_hour=rollover_hour
    )
    reminder = WalkReminder()
    now = at(0, 0)
    fired: dict[date, int] = {}
    for minutes in steps:
        now = (now.astimezone(tz.UTC) + timedelta(minutes=minutes * 7)).astimezone(LONDON)
        if reminder.check(now, settings, walked_today=False):
            day = logical_day(now, rollover_hour)
            assert now >= reminder_moment(day, settings, LONDON)
            fired[day] = fired.get(day, 0) + 1
    assert all(count == 1 for count in fired.values())
