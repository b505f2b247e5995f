"""The four steps of the daily routine: their ids, in order, and their titles."""

from __future__ import annotations

from enum import StrEnum


class StepId(StrEnum):
    """A step of the routine; its value is what the data files store."""

    WALK = "walk"
    CALL = "call"
    HELP = "help"
    REFLECT = "reflect"


STEP_IDS: tuple[StepId, ...] = tuple(StepId)
STEP_TITLES: dict[StepId, str] = {
    StepId.WALK: "Take a walk",
    StepId.CALL: "Call your best customer",
    StepId.HELP: "Help someone",
    StepId.REFLECT: "Reflect",
}
