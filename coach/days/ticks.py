"""Ticks: the steps the user marked done (or skipped) on a day, by hand.

Stored in the dated log "days", one record per day with the day as its id:
`{"done": {"walk": true, ...}, "skipped": ["call"]}`. Whether a step is *done*
also depends on the feature's own log (a walk logged ticks the walk):
`coach.routine.features.step_done` puts both together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coach.core.errors import InputError
from coach.core.fields import optional_date
from coach.days.steps import STEP_IDS, StepId
from coach.session import Coach
from coach.store import Record

LOG = "days"


@dataclass(frozen=True)
class DayTicks:
    """What was ticked and skipped by hand on one day."""

    day: date
    done: frozenset[StepId] = frozenset()
    skipped: tuple[StepId, ...] = ()


def step_id(value: object) -> StepId:
    """A step id from user input or a stored value, or InputError naming the valid ones."""
    try:
        return StepId(str(value))
    except ValueError:
        raise InputError(f"unknown step {value!r} (steps: {', '.join(STEP_IDS)})") from None


def _steps(values: object) -> list[StepId]:
    """The valid step ids among stored values; anything else is skipped."""
    known = {s.value: s for s in STEP_IDS}
    return (
        [known[v] for v in values if isinstance(v, str) and v in known]
        if isinstance(values, list | tuple)
        else []
    )


def ticks_from(day: date, record: Record | None) -> DayTicks:
    """A day's ticks from its stored record (read defensively)."""
    if record is None:
        return DayTicks(day)
    marked = record.get("done")
    done = [s for s, v in marked.items() if v] if isinstance(marked, dict) else []
    return DayTicks(day, frozenset(_steps(done)), tuple(_steps(record.get("skipped"))))


def ticks_on(coach: Coach, day: date) -> DayTicks:
    found = coach.store.log(LOG).on(day)
    return ticks_from(day, found[0] if found else None)


def ticks_between(coach: Coach, first: date | None, last: date | None) -> dict[date, DayTicks]:
    """Every day with a record from `first` to `last` (either end may be open)."""
    out: dict[date, DayTicks] = {}
    for record in coach.store.log(LOG).between(first, last):
        day = optional_date(record.get("date"))
        if day is not None:
            out[day] = ticks_from(day, record)
    return out


def _put(coach: Coach, day: date, changes: Record) -> None:
    with coach.store.transaction():
        found = coach.store.log(LOG).on(day)
        record = found[0] if found else {"done": {}, "skipped": []}
        merged = {**record, **changes, "id": record.get("id") or day.isoformat()}
        coach.store.log(LOG).put(day, merged)


def set_done(coach: Coach, day: date, step: str, done: bool = True) -> None:
    """Mark a step of a day done (or not done)."""
    step = step_id(step)
    with coach.store.transaction():
        found = coach.store.log(LOG).on(day)
        marked = found[0].get("done", {}) if found else {}
        marked = marked if isinstance(marked, dict) else {}
        _put(coach, day, {"done": {**marked, step.value: done}})


def set_skipped(coach: Coach, day: date, skipped: tuple[str, ...]) -> None:
    """Remember which steps "Start my morning" skipped today."""
    _put(coach, day, {"skipped": [step_id(s).value for s in skipped]})
