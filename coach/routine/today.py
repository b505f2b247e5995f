"""The daily routine: four steps, what each one advises today, and what is done."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from coach.challenge import helps as challenge
from coach.content.library import Item
from coach.core.errors import InputError
from coach.core.weeks import week_start as week_start  # re-exported: coach.walk.walks uses it
from coach.customers import calls
from coach.journal.prompts import prompt_for
from coach.journal.reflections import Reflection, on_this_day_notes, prompt_as_shown, todays_answer
from coach.journal.reflections import (
    save_reflection as save_reflection,  # moved to coach.journal.reflections
)
from coach.journal.reflections import todays_reflection as todays_reflection
from coach.session import Coach
from coach.store import Record

STEP_IDS: tuple[str, ...] = ("walk", "call", "help", "reflect")
STEP_TITLES = {
    "walk": "Take a walk",
    "call": "Call your best customer",
    "help": "Help someone",
    "reflect": "Reflect",
}
STEP_POOLS = {"walk": "walk", "call": "call", "help": "help", "reflect": "prompt"}

# Each feature may add a provider of one-line notes for Today: fn(coach, day) -> list[str].
NOTE_PROVIDERS: list[Callable[[Coach, date], list[str]]] = []
NOTE_PROVIDERS.append(challenge.week_closed_note)
NOTE_PROVIDERS.append(calls.follow_up_notes)


def _loss_notes(coach: Coach, day: date) -> list[str]:
    """Day N since the latest loss, and any check-in due (coach/losses.py, coach/door.py)."""
    from coach.loss.door import checkin_notes
    from coach.loss.losses import since_notes

    return since_notes(coach, day) + checkin_notes(coach, day)


NOTE_PROVIDERS.append(_loss_notes)
NOTE_PROVIDERS.append(on_this_day_notes)  # a month ago, a year ago (coach/reflections.py)


@dataclass(frozen=True)
class Step:
    """One step of today's routine as the user sees it."""

    id: str
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

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    def next_step(self, skipped: tuple[str, ...] = ()) -> Step | None:
        """The first step neither done nor skipped: where "Start my morning" resumes."""
        return next((s for s in self.steps if not s.done and s.id not in skipped), None)


def day_record(coach: Coach, day: date) -> Record:
    """The `days` record of a day (done steps, skipped steps), or an empty one."""
    found = coach.store.log("days").on(day)
    return found[0] if found else {"date": day.isoformat(), "done": {}, "skipped": []}


# A step also counts as done when its log has an entry that day. Log names:
LOGS = {"walk": "walks", "call": "touches", "help": "helps", "reflect": "reflections"}


# One detail line per step, shown beside its advice. Each feature owns its function.
def walk_detail(coach: Coach, day: date) -> str:
    from coach.walk.walks import walk_detail as detail

    return detail(coach, day)


def call_detail(coach: Coach, day: date) -> str:
    return calls.call_detail(coach, day)


def help_detail(coach: Coach, day: date) -> str:
    week = challenge.this_week(coach, day)
    if week.met:
        return f"{week.count} of {week.goal} this week: goal met"
    return f"{week.count} of {week.goal} this week, {week.to_go} to go"


def reflect_detail(coach: Coach, day: date) -> str:
    return ""


DETAILS: dict[str, Callable[[Coach, date], str]] = {
    "walk": walk_detail,
    "call": call_detail,
    "help": help_detail,
    "reflect": reflect_detail,
}


def build_today(coach: Coach, day: date | None = None) -> Today:
    """Read today's state from the store and choose today's content."""
    day = day or coach.today()
    lib = coach.library
    record = day_record(coach, day)
    marked = record.get("done", {})
    done = {
        step_id: bool(marked.get(step_id)) or bool(coach.store.log(LOGS[step_id]).on(day))
        for step_id in STEP_IDS
    }
    reflection = todays_answer(coach, day)
    prompt = prompt_as_shown(coach, reflection) if reflection else prompt_for(coach, day)
    steps = tuple(
        Step(
            id=step_id,
            title=STEP_TITLES[step_id],
            done=bool(done.get(step_id)),
            advice=lib.daily(STEP_POOLS[step_id], day) if step_id != "reflect" else prompt,
            detail=DETAILS[step_id](coach, day),
        )
        for step_id in STEP_IDS
    )
    return Today(
        day=day,
        encouragement=_encouragement(coach, day),
        steps=steps,
        prompt=prompt,
        reflection=reflection,
        notes=tuple(note for provider in NOTE_PROVIDERS for note in provider(coach, day)),
    )


def _encouragement(coach: Coach, day: date) -> Item | None:
    """Today's encouragement, leaning on the phase of the latest loss when there is one."""
    from coach.loss.losses import current_phase, phase_item

    phase = current_phase(coach, day)
    if phase is None:
        return coach.library.daily("encouragement", day)
    return phase_item(coach.library, "encouragement", day, phase)


def _put_day(coach: Coach, day: date, changes: Record) -> None:
    with coach.store.transaction():
        record = day_record(coach, day)
        coach.store.log("days").put(
            day, {**record, **changes, "id": record.get("id") or day.isoformat()}
        )


def set_done(coach: Coach, day: date, step_id: str, done: bool = True) -> None:
    """Mark a step of a day done (or not done)."""
    if step_id not in STEP_IDS:
        raise InputError(f"unknown step {step_id!r} (steps: {', '.join(STEP_IDS)})")
    with coach.store.transaction():
        record = day_record(coach, day)
        _put_day(coach, day, {"done": {**record.get("done", {}), step_id: done}})


def set_skipped(coach: Coach, day: date, skipped: tuple[str, ...]) -> None:
    """Remember which steps "Start my morning" skipped today."""
    _put_day(coach, day, {"skipped": list(skipped)})
