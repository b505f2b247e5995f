"""The daily routine: four steps, what each one advises today, and what is done."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from coach.content import rotation
from coach.content.library import Item, Lean, Phase
from coach.customers.customers import all_customers
from coach.days.steps import STEP_IDS as STEP_IDS
from coach.days.steps import STEP_TITLES as STEP_TITLES
from coach.days.steps import StepId
from coach.days.ticks import set_done as set_done
from coach.days.ticks import set_skipped as set_skipped
from coach.days.ticks import ticks_on
from coach.journal.prompts import prompt_for
from coach.journal.reflections import Reflection, prompt_as_shown, todays_answer
from coach.loss.losses import all_losses, current_lean, day_lean
from coach.routine import features
from coach.session import Coach


@dataclass(frozen=True)
class Step:
    """One step of today's routine as the user sees it."""

    id: StepId
    title: str
    done: bool
    advice: Item | None
    detail: str = ""


@dataclass(frozen=True)
class Today:
    """Everything the Today screen shows."""

    day: date
    encouragement: Item | None
    steps: tuple[Step, ...]
    prompt: Item | None
    reflection: Reflection | None  # today's answer to a prompt, if written
    notes: tuple[str, ...] = ()  # short lines under the encouragement ("day 3 since Acme")
    lean: Lean = Lean()  # the latest loss's phase and reasons now (the first-days card)
    # what the day's picks (encouragement, advice, prompt) lean on: the losses recorded
    # before the day began, so a loss recorded mid-day changes them only the next day
    picks_lean: Lean = Lean()
    first_run: bool = False  # nothing recorded yet: Today welcomes a newcomer

    @property
    def first_days(self) -> bool:
        """Days 0-2 after a loss: Today shows the first-days card."""
        return self.lean.phase == Phase.FIRST_DAYS

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def next_step(self, skipped: tuple[str, ...] = ()) -> Step | None:
        """The first step neither done nor skipped: where "Start my morning" resumes."""
        return next((s for s in self.steps if not s.done and s.id not in skipped), None)


def skipped_steps(coach: Coach, day: date) -> tuple[StepId, ...]:
    """The steps "Start my morning" skipped on `day`."""
    return ticks_on(coach, day).skipped


def build_today(coach: Coach, day: date | None = None) -> Today:
    """Read today's state from the store and choose today's content."""
    day = day or coach.today()
    lean = current_lean(coach, day)  # the first-days card: at once after a loss
    picks = day_lean(coach, day)  # the daily picks: the same all day
    done = features.done_steps(coach, day)
    reflection = todays_answer(coach, day)
    prompt = (
        prompt_as_shown(coach, reflection)
        if reflection
        else prompt_for(coach, day, lean=picks, letter=True)
    )
    steps = tuple(
        Step(
            id=step.id,
            title=step.title,
            done=done[step.id],
            advice=pick(coach, step.pool, day, picks) if step.id != StepId.REFLECT else prompt,
            detail=step.detail(coach, day),
        )
        for step in features.STEPS
    )
    return Today(
        day=day,
        encouragement=pick(coach, "encouragement", day, picks),
        steps=steps,
        prompt=prompt,
        reflection=reflection,
        notes=tuple(note for provider in features.NOTES for note in provider(coach, day)),
        lean=lean,
        picks_lean=picks,
        first_run=is_first_run(coach),
    )


def is_first_run(coach: Coach) -> bool:
    """Nothing recorded yet: no dated record in any month, no loss, no best customer."""
    return not coach.store.months() and not all_losses(coach) and not all_customers(coach)


def pick(
    coach: Coach, pool: str, day: date, lean: Lean | None = None, *, skip: Iterable[str] = ()
) -> Item | None:
    """Today's item of a daily pool for this user, leaning on the latest loss recorded
    before the day began (`day_lean`): the same item all day.

    `skip`: ids already shown today ("another idea"): the next one round this user's circle.
    """
    lean = lean or day_lean(coach, day)
    return rotation.pick_for(coach, pool, day, lean.allows, skip=skip)
