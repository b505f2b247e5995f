"""Keeping the unsent letter on a day Today offers the letter prompt answers that prompt."""

from __future__ import annotations

from datetime import datetime, timedelta

from coach.core.clock import FixedClock
from coach.days.steps import StepId
from coach.journal.reflections import is_letter_prompt
from coach.loss.letters import save_letter
from coach.loss.losses import add_loss
from coach.routine import features
from coach.routine.today import build_today
from coach.session import Coach
from tests.conftest import ZONE


def test_keeping_the_letter_when_it_is_the_prompt_ticks_reflect(
    coach: Coach, clock: FixedClock
) -> None:
    start = coach.today()
    loss = add_loss(coach, "Acme", start, ["service"])
    offered = {}
    for n in range(14):
        day = start + timedelta(days=n)
        prompt = build_today(coach, day).prompt
        offered[day] = prompt is not None and is_letter_prompt(prompt)
    letter_day = next(d for d, is_letter in offered.items() if is_letter)
    other_day = next(d for d, is_letter in offered.items() if not is_letter)

    clock.set(datetime.combine(other_day, datetime.min.time(), ZONE) + timedelta(hours=20))
    save_letter(coach, loss.id, "Dear Acme, I did my best.")
    assert not features.step_done(coach, other_day, StepId.REFLECT)  # not the prompt that day

    # at 01:00 the next morning it is still `letter_day` for the user (rollover at 04:00)
    after_midnight = datetime.combine(letter_day, datetime.min.time(), ZONE) + timedelta(days=1)
    clock.set(after_midnight + timedelta(hours=1))
    assert coach.today() == letter_day
    assert not features.step_done(coach, letter_day, StepId.REFLECT)
    save_letter(coach, loss.id, "Dear Acme, I did my best, and I am letting it go.")
    assert features.step_done(coach, letter_day, StepId.REFLECT)
    assert build_today(coach).step(StepId.REFLECT).done
    between = features.done_between(coach, start, start + timedelta(days=13))
    assert StepId.REFLECT in between[letter_day]
    assert other_day not in between  # the letter was kept again: it counts on its last day only


def test_keeping_the_letter_again_later_keeps_the_prompt_days_tick(
    coach: Coach, clock: FixedClock
) -> None:
    start = coach.today()
    loss = add_loss(coach, "Acme", start, ["service"])
    days = [start + timedelta(days=n) for n in range(30)]
    prompts = {d: build_today(coach, d).prompt for d in days}
    letter_day = next(d for d, p in prompts.items() if p is not None and is_letter_prompt(p))
    clock.set(datetime.combine(letter_day, datetime.min.time(), ZONE) + timedelta(hours=20))
    save_letter(coach, loss.id, "Dear Acme, I did my best.")
    later = letter_day + timedelta(days=5)
    clock.set(datetime.combine(later, datetime.min.time(), ZONE) + timedelta(hours=20))
    save_letter(coach, loss.id, "Dear Acme, I did my best, and I am letting it go.")
    assert features.step_done(coach, letter_day, StepId.REFLECT)  # kept, not moved on
    assert not features.step_done(coach, later, StepId.REFLECT)  # not the prompt that day
