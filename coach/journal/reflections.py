"""Reflections: the user's journal, one record per answer in the dated log "reflections".

Each answer keeps the prompt's id and its text as it was shown, the mood
chosen before writing (1-5), tags (a field plus every `#word` in the text),
when it was written and, after an edit, when it was edited. An edit never
changes the date an entry belongs to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta

from coach.content.library import Item
from coach.core.errors import InputError
from coach.core.fields import EPOCH, optional_date, optional_datetime, stored_moment
from coach.journal.drafts import discard_draft, draft_key
from coach.journal.moods import check_mood, mood_label, moods_between
from coach.session import Coach
from coach.store import Record, new_id

LOG = "reflections"
TAG_IN_TEXT = re.compile(r"(?<![\w&#/])#(\w[\w-]*)")
TAG_WORD = re.compile(r"^\w[\w-]*$")
MAX_TAGS = 50


@dataclass(frozen=True)
class Reflection:
    """One journal entry."""

    id: str
    day: date
    text: str
    prompt_id: str | None = None
    prompt_text: str = ""
    mood: int | None = None
    tag_field: tuple[str, ...] = ()
    written_at: datetime | None = None
    edited_at: datetime | None = None

    @property
    def tags(self) -> tuple[str, ...]:
        """The tags typed in the field, then those written as #word, without repeats."""
        return tuple(dict.fromkeys((*self.tag_field, *tags_in(self.text))))

    @property
    def first_line(self) -> str:
        return next((line.strip() for line in self.text.splitlines() if line.strip()), "")

    @property
    def is_free(self) -> bool:
        """Written without a prompt."""
        return not self.prompt_id

    @property
    def mood_label(self) -> str:
        return mood_label(self.mood)

    def to_record(self) -> Record:
        record: Record = {
            "id": self.id,
            "date": self.day.isoformat(),
            "prompt_id": self.prompt_id,
            "prompt_text": self.prompt_text,
            "text": self.text,
            "mood": self.mood,
            "tags": list(self.tag_field),
            "written_at": stored_moment(self.written_at),
        }
        if self.edited_at:
            record["edited_at"] = stored_moment(self.edited_at)
        return record


def tags_in(text: str) -> list[str]:
    """Every `#word` in a text, lower-cased, in order, without repeats."""
    return list(
        dict.fromkeys(m.group(1).casefold().rstrip("-") for m in TAG_IN_TEXT.finditer(text))
    )


def clean_tags(raw: Iterable[str] | str) -> tuple[str, ...]:
    """Tags from a field: separated by commas or spaces, '#' optional, lower-cased.

    Raises InputError naming a tag that is not a word.
    """
    parts = re.split(r"[,\s]+", raw) if isinstance(raw, str) else list(raw)
    tags: list[str] = []
    for part in parts:
        tag = part.strip().lstrip("#").casefold()
        if not tag:
            continue
        if not TAG_WORD.match(tag):
            raise InputError(f"a tag is one word (letters, digits, '-' or '_'), not {part!r}")
        tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise InputError(f"at most {MAX_TAGS} tags on one entry")
    return tuple(dict.fromkeys(tags))


def from_record(record: dict[str, Any]) -> Reflection | None:
    """An entry from its stored record; None only when it has no usable id or date.

    Odd values (a mood of 9, tags that are not a list) are read leniently so a
    hand-edited file still shows every word the user wrote.
    """
    try:
        day = date.fromisoformat(str(record["date"]))
        entry_id = str(record["id"])
    except (KeyError, ValueError):
        return None
    mood = record.get("mood")
    tags = record.get("tags")
    prompt_id = record.get("prompt_id")
    text = record.get("text")
    return Reflection(
        id=entry_id,
        day=day,
        text=text if isinstance(text, str) else "",
        prompt_id=prompt_id if isinstance(prompt_id, str) and prompt_id else None,
        prompt_text=str(record.get("prompt_text") or ""),
        mood=mood
        if isinstance(mood, int) and not isinstance(mood, bool) and 1 <= mood <= 5
        else None,
        tag_field=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
        written_at=optional_datetime(record.get("written_at")),
        edited_at=optional_datetime(record.get("edited_at")),
    )


def _parse(records: Iterable[dict[str, Any]]) -> list[Reflection]:
    out = [r for record in records if (r := from_record(record)) is not None]
    return sorted(out, key=lambda r: (r.day, r.written_at or EPOCH))


def reflections_on(coach: Coach, day: date) -> list[Reflection]:
    """The entries of one day, oldest first."""
    return _parse(coach.store.log(LOG).on(day))


def reflections_between(
    coach: Coach, first: date | None = None, last: date | None = None
) -> list[Reflection]:
    """Entries with first <= day <= last, oldest first. Reads only those months."""
    return _parse(coach.store.log(LOG).between(first, last))


def logged_on(coach: Coach, day: date) -> bool:
    """True when any entry is written on `day` (it ticks the reflect step)."""
    return bool(coach.store.log(LOG).on(day))


def logged_days(coach: Coach, first: date, last: date) -> set[date]:
    return {r.day for r in reflections_between(coach, first, last)}


def count_by_day(coach: Coach, first: date | None, last: date | None) -> Counter[date]:
    """How many entries were written on each day from `first` to `last`."""
    days = (optional_date(r.get("date")) for r in coach.store.log(LOG).between(first, last))
    return Counter(day for day in days if day is not None)


def moods_by_day(coach: Coach, first: date | None, last: date | None) -> dict[date, list[int]]:
    """Every mood noted from `first` to `last`, by day: check-ins and the entries' own moods."""
    out: dict[date, list[int]] = {}
    for check in moods_between(coach, first, last):
        out.setdefault(check.day, []).append(check.mood)
    for record in coach.store.log(LOG).between(first, last):
        day, value = optional_date(record.get("date")), record.get("mood")
        if day and isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
            out.setdefault(day, []).append(value)
    return out


def get_reflection(coach: Coach, day: date, entry_id: str) -> Reflection | None:
    record = coach.store.log(LOG).get(day, entry_id)
    return from_record(record) if record else None


def todays_reflection(coach: Coach, day: date) -> Reflection | None:
    """The latest entry of a day (any kind): the reflect step is done when there is one."""
    entries = reflections_on(coach, day)
    return entries[-1] if entries else None


def todays_answer(coach: Coach, day: date) -> Reflection | None:
    """The latest answer to a prompt on a day: what Today's reflect pane shows and edits."""
    answers = [r for r in reflections_on(coach, day) if not r.is_free]
    return answers[-1] if answers else None


def prompt_as_shown(coach: Coach, entry: Reflection) -> Item | None:
    """The prompt an entry answered, with its text as it was shown then.

    The library's item gives the source article; if the prompt has since left
    the content, an item is rebuilt from what the entry kept.
    """
    if entry.is_free or entry.prompt_id is None:
        return None
    item = coach.library.get(entry.prompt_id)
    if item is not None and item.text == entry.prompt_text:
        return item
    return Item(
        id=entry.prompt_id,
        pool="prompt",
        text=entry.prompt_text,
        sources=item.sources if item else (),
        advice=item.advice if item else (),
        title=item.title if item else "",
    )


def _check_day(coach: Coach, day: date) -> None:
    if day > coach.today():
        raise InputError(f"{day.isoformat()} is in the future: write about today or a day before")


def _check_text(text: str) -> None:
    if not text.strip():
        raise InputError("the reflection is empty: write something first")


LETTER_ADVICE = "unsent-letter"


def is_letter_prompt(item: Item) -> bool:
    """The "write a letter you won't send" prompt: it opens the private letter, never a journal entry."""
    return LETTER_ADVICE in item.advice


def save_reflection(
    coach: Coach,
    day: date,
    text: str,
    prompt: Item | None,
    mood: int | None = None,
    now: datetime | None = None,
    *,
    tags: Iterable[str] | str = (),
    entry_id: str | None = None,
) -> Reflection:
    """Save an answer (a free entry when `prompt` is None) and drop its draft.

    With `entry_id`, the entry of that day with this id is updated instead
    (its date and prompt stay; edited_at is set). Without, a new entry is added.
    """
    _check_text(text)
    if prompt is not None and is_letter_prompt(prompt):
        raise InputError(
            "the letter you won't send stays private: write it on the Letter screen"
            " (Loss, then Letter), not in the journal"
        )
    if entry_id is not None:
        return edit_reflection(coach, day, entry_id, text, mood=mood, tags=tags, now=now)
    _check_day(coach, day)
    mood = check_mood(mood) if mood is not None else None
    tag_field = clean_tags(tags)
    moment = (now or coach.clock.now()).replace(microsecond=0)
    entry = Reflection(
        id=new_id(),
        day=day,
        text=text,
        prompt_id=prompt.id if prompt else None,
        prompt_text=prompt.text if prompt else "",
        mood=mood,
        tag_field=tag_field,
        written_at=moment,
    )
    with coach.store.transaction():
        coach.store.log(LOG).insert(day, entry.to_record())
        discard_draft(coach, draft_key(day, entry.prompt_id))
    return entry


def edit_reflection(
    coach: Coach,
    day: date,
    entry_id: str,
    text: str,
    *,
    mood: int | None = None,
    tags: Iterable[str] | str | None = None,
    now: datetime | None = None,
) -> Reflection:
    """Change an entry's text (and mood, tags). Its date and prompt never change."""
    _check_text(text)
    mood = check_mood(mood) if mood is not None else None
    tag_field = clean_tags(tags) if tags is not None else None
    stamp = (now or coach.clock.now()).isoformat(timespec="seconds")
    log = coach.store.log(LOG)
    with coach.store.transaction():
        record = log.get(day, entry_id)
        if record is None:
            raise InputError(
                f"no journal entry {entry_id!r} on {day.isoformat()} (was it deleted?)"
            )
        changes: Record = {"text": text, "edited_at": stamp}
        if mood is not None:
            changes["mood"] = mood
        if tag_field is not None:
            changes["tags"] = list(tag_field)
        log.update(day, entry_id, changes)
        discard_draft(coach, draft_key(day, None, entry_id))
        if record.get("prompt_id"):
            discard_draft(coach, draft_key(day, str(record["prompt_id"])))
    updated = from_record({**record, **changes})
    assert updated is not None
    return updated


class DeletedEntries(dict[str, Record]):
    """Entries deleted while this folder is open, so undo puts back every field, even unknown ones."""


def delete_reflection(coach: Coach, day: date, entry_id: str) -> Reflection:
    """Remove an entry from its data file and from every backup; `restore_reflection`
    undoes it while the folder is open (from memory)."""
    log = coach.store.log(LOG)
    with coach.store.transaction():
        record = log.get(day, entry_id)
        if record is None:
            raise InputError(f"no journal entry {entry_id!r} on {day.isoformat()}")
        log.remove(day, entry_id)
    # After the save, not inside it: scrubbing takes the folder's lock itself.
    from coach.store.backup import scrub_backups  # deferred: zipfile, for deletes only

    scrub_backups(coach.store.folder, LOG, entry_id, coach.store.cipher)
    coach.kept(DeletedEntries)[entry_id] = record
    entry = from_record(record)
    assert entry is not None
    return entry


def restore_reflection(coach: Coach, entry: Reflection) -> Reflection:
    """Put a deleted entry back exactly as it was (same id, date and fields)."""
    record = coach.kept(DeletedEntries).pop(entry.id, None) or entry.to_record()
    with coach.store.transaction():
        coach.store.log(LOG).put(entry.day, record)
    restored = from_record(record)
    assert restored is not None
    return restored


# -- on this day ---------------------------------------------------------------
NOTE_WIDTH = 40  # the quoted first line, so a note fits one line at 80 columns
ON_THIS_DAY = (("A month ago", relativedelta(months=1)), ("A year ago", relativedelta(years=1)))


def on_this_day(coach: Coach, day: date) -> list[tuple[str, Reflection]]:
    """What the user wrote a month ago and a year ago (reads only those two months)."""
    found: list[tuple[str, Reflection]] = []
    for label, delta in ON_THIS_DAY:
        entries = reflections_on(coach, day - delta)
        if entries:
            found.append((label, entries[-1]))
    return found


def on_this_day_notes(coach: Coach, day: date) -> list[str]:
    """Today's notes: 'A year ago you wrote: "..."', one per past entry found."""
    notes = []
    for label, entry in on_this_day(coach, day):
        line = entry.first_line
        if len(line) > NOTE_WIDTH:
            line = line[: NOTE_WIDTH - 1].rstrip() + "…"
        notes.append(f"{label} you wrote: “{line}”")
    return notes
