"""The unsent letter: words to the client that go nowhere.

Kept as a private record (`"private": true`) in its own table, so exports
leave it out unless the user asks. "Let it go" removes the record: the text is
gone from the data file, not merely flagged, and from every backup too
(coach.store.backup.scrub_backups rewrites each zip that holds it), so neither
`coach restore` nor an old zip brings it back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from coach.content import rotation
from coach.content.library import Item
from coach.core.clock import logical_day
from coach.core.errors import InputError
from coach.core.fields import optional_date, optional_datetime
from coach.loss.losses import get_loss
from coach.session import Coach
from coach.store import Record

TABLE = "letters"
LETTER_POOL = "unsent-letter"
NOWHERE = "ul-goes-nowhere"  # the screen says this one always, above the letter


def letter_guidance(coach: Coach, day: date) -> Item | None:
    """Today's guidance above the letter: this user's order, no repeats, same all day."""
    return rotation.pick_for(coach, LETTER_POOL, day, lambda item: item.id != NOWHERE)


@dataclass(frozen=True)
class Letter:
    id: str
    loss_id: str
    text: str
    written_at: datetime | None


def _record(coach: Coach, loss_id: str) -> Record | None:
    found = [r for r in coach.store.records(TABLE).all() if r.get("loss_id") == loss_id]
    return found[0] if found else None


def letter_for(coach: Coach, loss_id: str) -> Letter | None:
    record = _record(coach, loss_id)
    if record is None:
        return None
    return Letter(
        id=str(record["id"]),
        loss_id=loss_id,
        text=str(record.get("text", "")),
        written_at=optional_datetime(record.get("written_at")),
    )


KEPT_ON_LIMIT = 400  # days a letter was kept, newest last: enough for any streak shown


def kept_days(coach: Coach, first: date, last: date) -> set[date]:
    """The user's days, `first` to `last`, on which a letter was kept: every day it was
    saved (`kept_on`), and the last save's day for letters kept before that was recorded."""
    zone = coach.clock.now().tzinfo
    days: set[date] = set()
    for record in coach.store.records(TABLE).all():
        found = {d for d in map(optional_date, _kept_on(record)) if d is not None}
        moment = optional_datetime(record.get("written_at"))
        if moment is not None:
            found.add(logical_day(moment.astimezone(zone), coach.settings.rollover_hour))
        days.update(d for d in found if first <= d <= last)
    return days


def _kept_on(record: Record) -> list[object]:
    kept = record.get("kept_on")
    return list(kept) if isinstance(kept, list) else []


def save_letter(coach: Coach, loss_id: str, text: str) -> Letter:
    """Keep the letter (one per loss), private."""
    if not text.strip():
        raise InputError("the letter is empty: write something first, or let it go")
    stamp = coach.clock.now().isoformat(timespec="seconds")
    with coach.store.transaction():
        get_loss(coach, loss_id)
        existing = _record(coach, loss_id)
        kept_on = [str(d) for d in _kept_on(existing)] if existing else []
        if coach.today().isoformat() not in kept_on:
            kept_on = [*kept_on, coach.today().isoformat()][-KEPT_ON_LIMIT:]
        record = {
            "id": existing["id"] if existing else "",
            "loss_id": loss_id,
            "text": text,
            "written_at": stamp,
            "kept_on": kept_on,
            "private": True,
        }
        table = coach.store.records(TABLE)
        if existing:
            table.put(record)
        else:
            del record["id"]
            record = table.insert(record)
    letter = letter_for(coach, loss_id)
    assert letter is not None
    return letter


def let_go(coach: Coach, loss_id: str) -> bool:
    """Delete the letter for good, from the data and every backup. True when there was one."""
    with coach.store.transaction():
        existing = _record(coach, loss_id)
        if existing is None:
            return False
        coach.store.records(TABLE).remove(existing["id"])
    # After the save, not inside it: scrubbing takes the folder's lock itself.
    from coach.store.backup import scrub_backups  # the zip work: imported only to let go

    scrub_backups(coach.store.folder, TABLE, str(existing["id"]), coach.store.cipher)
    return True
