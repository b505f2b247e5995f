"""The day's picks (encouragement, step advice, prompt) stay the same all day: a loss
recorded mid-day leans them only from the next day, with one exception made at once: a
loss that puts the user in their first days turns the picks gentle when it is recorded.
The first-days card is not a pick: it appears as soon as the loss is recorded."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from coach.core.clock import FixedClock
from coach.loss.losses import REASONS, add_loss, all_losses
from coach.routine import today as routine
from coach.session import Coach
from tests.conftest import ZONE


def picks(today: routine.Today) -> tuple[str | None, ...]:
    """Every daily pick Today shows, by id."""
    items = (today.encouragement, today.prompt, *(step.advice for step in today.steps))
    return tuple(item.id if item else None for item in items)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute, tzinfo=ZONE)


def test_a_loss_recorded_at_15_00_leaves_the_encouragement_until_the_next_day(
    coach: Coach, clock: FixedClock
) -> None:
    day = date(2026, 11, 22)
    clock.set(at(day, 9))
    morning = routine.build_today(coach)
    assert morning.picks_lean.phase == "steady" and not morning.first_days

    clock.set(at(day, 15))
    loss = add_loss(coach, "Acme", day - timedelta(days=20), ["price"])  # left weeks ago
    # the rest of the user's day, up to the rollover hour (04:00) of the next calendar day
    for moment in (at(day, 15), at(day, 23, 59), at(day + timedelta(days=1), 3, 59)):
        clock.set(moment)
        later = routine.build_today(coach)
        assert later.day == day
        assert later.encouragement == morning.encouragement
        assert picks(later) == picks(morning)
        assert later.picks_lean == morning.picks_lean
        assert later.lean == loss.lean(day)  # Today's notes and phase know at once

    clock.set(at(day + timedelta(days=1), 4))  # the next day leans on the new loss
    tomorrow = routine.build_today(coach)
    assert tomorrow.day == day + timedelta(days=1)
    assert tomorrow.picks_lean == loss.lean(tomorrow.day) == tomorrow.lean
    assert tomorrow.encouragement is not None
    assert tomorrow.picks_lean.allows(tomorrow.encouragement)


def test_a_loss_that_starts_the_first_days_turns_the_picks_gentle_at_once(
    coach: Coach, clock: FixedClock
) -> None:
    day = date(2026, 11, 22)
    clock.set(at(day, 15))
    loss = add_loss(coach, "Acme", day, ["service"])
    first = routine.build_today(coach)
    assert first.first_days and first.picks_lean == loss.lean(day)
    assert first.picks_lean.phase == "first-days"
    for step in first.steps:
        assert step.advice is None or first.picks_lean.allows(step.advice)
    assert first.prompt is None or first.picks_lean.allows(first.prompt)
    clock.set(at(day, 23, 59))
    assert picks(routine.build_today(coach)) == picks(first)  # and then the same all day


def test_sixty_days_each_with_a_new_loss_at_15_00_keep_their_picks(
    coach: Coach, clock: FixedClock
) -> None:
    """The engineer's measurement as a test: before the fix 48 of these 60 days changed.
    A loss that starts the first days (left 0-2 days ago) turns the picks gentle at once:
    those days change once, to first-days picks; every other day keeps its picks."""
    reasons = list(REASONS)
    start = date(2026, 11, 22)
    changed = []
    for n in range(60):
        day = start + timedelta(days=n)
        clock.set(at(day, 9))
        morning = routine.build_today(coach)
        clock.set(at(day, 15))
        add_loss(coach, f"Client {n}", day - timedelta(days=n % 20), [reasons[n % len(reasons)]])
        after = routine.build_today(coach)
        if after.picks_lean.phase == "first-days" and morning.picks_lean.phase != "first-days":
            continue  # the one change made at once
        if picks(after) != picks(morning):
            changed.append(day)
    assert changed == []
    assert len(all_losses(coach)) == 60


def test_a_back_dated_loss_recorded_today_leans_from_tomorrow(
    coach: Coach, clock: FixedClock
) -> None:
    day = date(2026, 11, 22)
    clock.set(at(day, 15))
    loss = add_loss(coach, "Acme", day - timedelta(days=5), ["competitor"])
    assert routine.build_today(coach).picks_lean.phase == "steady"
    assert routine.pick(coach, "encouragement", day) == routine.build_today(coach).encouragement
    clock.set(at(day + timedelta(days=1), 9))
    assert routine.build_today(coach).picks_lean == loss.lean(day + timedelta(days=1))
