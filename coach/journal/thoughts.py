"""Thought records ("Feelings aren't facts"): a hot thought weighed against the facts.

One record per thought in the dated log "thoughts": the situation in facts,
the feelings and how strong (0-100), the hot thought, the evidence for and
against it, a balanced thought, the feelings re-rated and any thinking traps
(content items of the "thinking-trap" pool). Every field may be empty, so an
editor can save as the user types; a record with nothing in it is never kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from coach.content.library import Item, Library
from coach.core.errors import InputError
from coach.core.fields import (
    EPOCH,
    optional_date,
    optional_datetime,
    percent,
    stored_moment,
    text_or_empty,
)
from coach.session import Coach
from coach.store import Record, new_id

LOG = "thoughts"
TRAP_POOL = "thinking-trap"
# the reflection prompt that opens a thought record ("Feelings aren't facts", content/prompts.toml)
PROMPT_ID = "pr-feelings-and-facts"
MAX_TEXT = 5000
MAX_LINES = 50  # evidence lines on one side
MAX_FEELINGS = 12
MAX_NAME = 40
FEELING = re.compile(r"^\s*(?P<name>[^:]+?)\s*:\s*(?P<strength>\S+)\s*$")


@dataclass(frozen=True)
class Feeling:
    """A feeling and how strong it is, 0-100."""

    name: str
    strength: int

    def __str__(self) -> str:
        return f"{self.name} {self.strength}"


@dataclass(frozen=True)
class ThoughtFields:
    """What the user typed; any field may be empty."""

    situation: str = ""
    feelings: tuple[Feeling, ...] = ()
    thought: str = ""
    evidence_for: tuple[str, ...] = ()
    evidence_against: tuple[str, ...] = ()
    balanced: str = ""
    rerated: tuple[Feeling, ...] = ()
    traps: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.situation.strip(),
                self.feelings,
                self.thought.strip(),
                self.evidence_for,
                self.evidence_against,
                self.balanced.strip(),
                self.rerated,
                self.traps,
            )
        )


FIELD_NAMES = tuple(ThoughtFields.__dataclass_fields__)


@dataclass(frozen=True, kw_only=True)
class ThoughtRecord(ThoughtFields):
    """One kept thought record: the fields, the day it belongs to and when it was written."""

    id: str
    day: date
    written_at: datetime | None = None
    edited_at: datetime | None = None

    @property
    def fields(self) -> ThoughtFields:
        return ThoughtFields(**{k: getattr(self, k) for k in FIELD_NAMES})

    @property
    def headline(self) -> str:
        """The line a list shows: the hot thought, else the situation."""
        for text in (self.thought, self.situation, self.balanced):
            line = next((x.strip() for x in text.splitlines() if x.strip()), "")
            if line:
                return line
        return "(a thought record)"

    @property
    def text(self) -> str:
        """Every word of the record, for search."""
        parts = [
            self.situation,
            " ".join(f.name for f in (*self.feelings, *self.rerated)),
            self.thought,
            *self.evidence_for,
            *self.evidence_against,
            self.balanced,
        ]
        return "\n".join(p for p in parts if p)

    def to_record(self) -> Record:
        record: Record = {
            "id": self.id,
            "date": self.day.isoformat(),
            "situation": self.situation,
            "feelings": [_feeling_record(f) for f in self.feelings],
            "thought": self.thought,
            "for": list(self.evidence_for),
            "against": list(self.evidence_against),
            "balanced": self.balanced,
            "rerated": [_feeling_record(f) for f in self.rerated],
            "traps": list(self.traps),
            "written_at": stored_moment(self.written_at),
        }
        if self.edited_at:
            record["edited_at"] = stored_moment(self.edited_at)
        return record


def _feeling_record(feeling: Feeling) -> Record:
    return {"name": feeling.name, "strength": feeling.strength}


def check_strength(value: object, name: str = "a feeling") -> int:
    """0..100 (a whole number, or its digits as text), or InputError naming the feeling."""
    return percent(value, f"how strong {name} is")


def make_feeling(name: str, strength: object) -> Feeling:
    clean = " ".join(name.split())
    if not clean:
        raise InputError("a feeling needs a name, e.g. 'anxious:80'")
    if len(clean) > MAX_NAME:
        raise InputError(f"a feeling's name is at most {MAX_NAME} characters: {clean[:20]!r}…")
    return Feeling(clean, check_strength(strength, repr(clean)))


def parse_feeling(text: str) -> Feeling:
    """'anxious:80' -> Feeling('anxious', 80), or InputError saying what is wrong."""
    match = FEELING.match(text)
    if match is None:
        raise InputError(f"a feeling is NAME:0-100, e.g. 'anxious:80', not {text!r}")
    return make_feeling(match["name"], match["strength"])


def parse_feelings(text: str) -> tuple[Feeling, ...]:
    """Feelings typed in one field, 'anxious 80, ashamed 60' or 'anxious:80; sad:40'."""
    out = []
    for part in re.split(r"[,;\n]+", text):
        if not part.strip():
            continue
        match = re.match(r"^\s*(.+?)\s*[: ]\s*(\d+)\s*$", part)
        if match is None:
            raise InputError(
                f"a feeling is a name and 0-100, e.g. 'anxious 80', not {part.strip()!r}"
            )
        out.append(make_feeling(match[1], match[2]))
    return _check_feelings(out)


def _check_feelings(feelings: Iterable[Feeling]) -> tuple[Feeling, ...]:
    found = tuple({f.name.casefold(): f for f in feelings}.values())
    if len(found) > MAX_FEELINGS:
        raise InputError(f"at most {MAX_FEELINGS} feelings on one record")
    return found


def _check_text(text: str, what: str) -> str:
    if len(text) > MAX_TEXT:
        raise InputError(f"{what} is longer than {MAX_TEXT} characters")
    return text


def _check_lines(lines: Iterable[str], what: str) -> tuple[str, ...]:
    out = tuple(_check_text(line.strip(), what) for line in lines if line.strip())
    if len(out) > MAX_LINES:
        raise InputError(f"at most {MAX_LINES} lines of {what}")
    return out


def traps(library: Library) -> list[Item]:
    """The thinking traps a record may be tagged with, in the order they are listed."""
    return list(library.pool(TRAP_POOL))


def check_traps(library: Library, chosen: Iterable[str]) -> tuple[str, ...]:
    known = {t.id: t for t in traps(library)}
    short = {t.id.removeprefix("trap-"): t.id for t in known.values()}
    out = []
    for raw in chosen:
        key = raw.strip().casefold()
        trap_id = key if key in known else short.get(key)
        if trap_id is None:
            raise InputError(f"unknown thinking trap {raw!r} (known: {', '.join(short) or 'none'})")
        out.append(trap_id)
    return tuple(dict.fromkeys(out))


def check_fields(library: Library, values: ThoughtFields) -> ThoughtFields:
    """The fields cleaned (evidence stripped, feelings deduplicated), or InputError."""
    return ThoughtFields(
        situation=_check_text(values.situation, "the situation"),
        feelings=_check_feelings(values.feelings),
        thought=_check_text(values.thought, "the thought"),
        evidence_for=_check_lines(values.evidence_for, "evidence for"),
        evidence_against=_check_lines(values.evidence_against, "evidence against"),
        balanced=_check_text(values.balanced, "the balanced thought"),
        rerated=_check_feelings(values.rerated),
        traps=check_traps(library, values.traps),
    )


def _feelings_from(value: Any) -> tuple[Feeling, ...]:
    out = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict):
            continue
        name, strength = text_or_empty(item.get("name")), item.get("strength")
        if name and isinstance(strength, int) and not isinstance(strength, bool):
            out.append(Feeling(name, min(100, max(0, strength))))
    return tuple(out)


def _lines_from(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def from_record(record: Record) -> ThoughtRecord | None:
    """A record from its stored form; None only without a usable id or date (odd fields read leniently)."""
    day = optional_date(record.get("date"))
    if day is None or not record.get("id"):
        return None
    return ThoughtRecord(
        id=str(record["id"]),
        day=day,
        situation=text_or_empty(record.get("situation")),
        feelings=_feelings_from(record.get("feelings")),
        thought=text_or_empty(record.get("thought")),
        evidence_for=_lines_from(record.get("for")),
        evidence_against=_lines_from(record.get("against")),
        balanced=text_or_empty(record.get("balanced")),
        rerated=_feelings_from(record.get("rerated")),
        traps=_lines_from(record.get("traps")),
        written_at=optional_datetime(record.get("written_at")),
        edited_at=optional_datetime(record.get("edited_at")),
    )


def _parse(records: Iterable[Record]) -> list[ThoughtRecord]:
    out = [t for r in records if (t := from_record(r)) is not None]
    return sorted(out, key=lambda t: (t.day, t.written_at or EPOCH, t.id))


def thoughts_between(
    coach: Coach, first: date | None = None, last: date | None = None
) -> list[ThoughtRecord]:
    """Thought records with first <= day <= last, oldest first."""
    return _parse(coach.store.log(LOG).between(first, last))


def thoughts_on(coach: Coach, day: date) -> list[ThoughtRecord]:
    return _parse(coach.store.log(LOG).on(day))


def thoughts_in_month(coach: Coach, key: str) -> list[ThoughtRecord]:
    """The records of one month file ('2026-11'), oldest first (search reads these)."""
    return _parse(coach.store.log(LOG).in_month(key))


def logged_on(coach: Coach, day: date) -> bool:
    """True when a thought record is kept for `day` (it counts for the reflect step)."""
    return bool(coach.store.log(LOG).on(day))


def logged_days(coach: Coach, first: date, last: date) -> set[date]:
    return {t.day for t in thoughts_between(coach, first, last)}


def get_thought(coach: Coach, day: date, record_id: str) -> ThoughtRecord | None:
    record = coach.store.log(LOG).get(day, record_id)
    return from_record(record) if record else None


def new_thought_id() -> str:
    """An id for a record not saved yet: an editor picks one, then saves under it as you type."""
    return new_id()


def save_thought(
    coach: Coach,
    day: date,
    values: ThoughtFields,
    *,
    record_id: str | None = None,
    now: datetime | None = None,
) -> ThoughtRecord | None:
    """Save a record as typed so far; with `record_id`, replace that record's fields.

    A record with every field empty is not kept (an existing one is removed),
    so opening the editor and leaving never ticks the reflect step. Returns
    the record saved, or None when nothing is kept.
    """
    if day > coach.today():
        raise InputError(f"{day.isoformat()} is in the future: record today or a day before")
    clean = check_fields(coach.library, values)
    moment = (now or coach.clock.now()).replace(microsecond=0)
    log = coach.store.log(LOG)
    with coach.store.transaction():
        # with an id not stored yet, a new record takes it (an editor picks one before saving)
        old = log.get(day, record_id) if record_id is not None else None
        base = from_record(old) if old else None
        entry = ThoughtRecord(
            id=record_id or new_id(),
            day=day,
            written_at=base.written_at if base and base.written_at else moment,
            edited_at=moment if base else None,
            **{k: getattr(clean, k) for k in FIELD_NAMES},
        )
        if entry.is_empty:
            if old is not None:
                log.remove(day, entry.id)
            return None
        log.put(day, {**(old or {}), **entry.to_record()})  # keeps fields a newer coach added
    return entry


def delete_thought(coach: Coach, day: date, record_id: str) -> None:
    log = coach.store.log(LOG)
    with coach.store.transaction():
        if log.get(day, record_id) is None:
            raise InputError(f"no thought record {record_id!r} on {day.isoformat()}")
        log.remove(day, record_id)


def with_evidence(values: ThoughtFields, picked: Sequence[str]) -> ThoughtFields:
    """The fields with facts added to the evidence against (each once)."""
    lines = tuple(dict.fromkeys((*values.evidence_against, *picked)))
    return replace(values, evidence_against=lines)


def trap_titles(library: Library, record: ThoughtRecord) -> list[str]:
    known = {t.id: t for t in traps(library)}
    return [known[t].title if t in known else t for t in record.traps]


def shift(record: ThoughtRecord) -> list[tuple[str, int, int]]:
    """Each feeling rated before and re-rated after: (name, before, after)."""
    after = {f.name.casefold(): f.strength for f in record.rerated}
    return [
        (f.name, f.strength, after[f.name.casefold()])
        for f in record.feelings
        if f.name.casefold() in after
    ]
