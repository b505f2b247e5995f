"""Mood check-ins: 1 to 5, always shown with a word (feelings-not-facts).

A check-in is written before a reflection ("before") and, if the user likes,
after the routine ("after"), in the dated log "moods". A reflection also keeps
the mood chosen before writing it, so the journal can be filtered by mood.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from coach.core.errors import InputError
from coach.core.fields import EPOCH, optional_datetime, stored_moment
from coach.session import Coach
from coach.store import new_id

MOOD_WORDS: dict[int, str] = {1: "heavy", 2: "low", 3: "steady", 4: "good", 5: "bright"}


class Moment(StrEnum):
    """When a mood was noted: before the routine or after it."""

    BEFORE = "before"
    AFTER = "after"


MOMENTS: tuple[Moment, ...] = tuple(Moment)
LOG = "moods"


@dataclass(frozen=True)
class MoodCheck:
    """One check-in: how the user felt, and when."""

    id: str
    day: date
    mood: int
    moment: Moment
    at: datetime | None

    @property
    def label(self) -> str:
        return mood_label(self.mood)


def mood_label(mood: int | None) -> str:
    """'4 good', or '' when no mood was given."""
    return f"{mood} {MOOD_WORDS[mood]}" if mood in MOOD_WORDS else ""


def mood_scale() -> str:
    return ", ".join(f"{n} {w}" for n, w in MOOD_WORDS.items())


def check_mood(value: object) -> int:
    """Accept 1..5 (a whole number, or its digit as text) or raise InputError naming the scale."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(f"mood must be 1..5 ({mood_scale()}), not {value!r}")
    try:
        mood = int(str(value).strip())
    except ValueError:
        raise InputError(f"mood must be a number 1..5 ({mood_scale()}), not {value!r}") from None
    if mood not in MOOD_WORDS:
        raise InputError(f"mood must be 1..5 ({mood_scale()}), not {value!r}")
    return mood


def record_mood(
    coach: Coach,
    day: date,
    mood: int,
    moment: str = Moment.BEFORE,
    now: datetime | None = None,
) -> MoodCheck:
    """Log a check-in. A second check-in of the same moment that day replaces the first."""
    mood = check_mood(mood)
    if moment not in MOMENTS:
        raise InputError(f"a mood check-in is 'before' or 'after', not {moment!r}")
    moment = Moment(moment)
    at = (now or coach.clock.now()).replace(microsecond=0)
    log = coach.store.log(LOG)
    with coach.store.transaction():
        same = [r for r in log.on(day) if r.get("moment") == moment]
        record_id = str(same[-1]["id"]) if same else new_id()
        log.put(day, {"id": record_id, "mood": mood, "moment": moment, "at": stored_moment(at)})
    return MoodCheck(record_id, day, mood, moment, at)


def moods_on(coach: Coach, day: date) -> list[MoodCheck]:
    """The day's check-ins, oldest first."""
    return _parse_all(coach.store.log(LOG).on(day))


def moods_between(
    coach: Coach, first: date | None = None, last: date | None = None
) -> list[MoodCheck]:
    return _parse_all(coach.store.log(LOG).between(first, last))


def mood_on(coach: Coach, day: date, moment: str) -> int | None:
    """The mood of a day's check-in of this moment, if there is one."""
    found = [m.mood for m in moods_on(coach, day) if m.moment == moment]
    return found[-1] if found else None


def _parse_all(records: list[dict[str, Any]]) -> list[MoodCheck]:
    """Check-ins from records; a record that makes no sense is skipped, never fatal."""
    out: list[MoodCheck] = []
    for record in records:
        try:
            out.append(
                MoodCheck(
                    id=str(record["id"]),
                    day=date.fromisoformat(str(record["date"])),
                    mood=check_mood(record["mood"]),
                    moment=Moment(record.get("moment", Moment.BEFORE)),
                    at=optional_datetime(record.get("at")),
                )
            )
        except (KeyError, ValueError, InputError):
            continue
    return sorted(out, key=lambda m: (m.day, m.at or EPOCH))
