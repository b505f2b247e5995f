"""Unsaved writing, kept as the user types so a crash loses at most a few seconds.

Drafts are NOT reflections: the reflect step counts any record in the "reflections"
log as the reflect step done, so drafts live in `store.doc(DOC)`, keyed by
what they are a draft of: today's answer to a prompt ("2026-11-22:pr-the-lesson"),
a free entry ("2026-11-22:free") or an edit of a saved entry ("edit:<id>").
Saving the reflection removes its draft in the same transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

from coach.core.fields import EPOCH, optional_datetime, stored_moment
from coach.session import Coach

DOC = "drafts"


def draft_key(day: date, prompt_id: str | None, entry_id: str | None = None) -> str:
    """What a draft is a draft of: an edit of an entry, or a day's answer to a prompt."""
    if entry_id:
        return f"edit:{entry_id}"
    return f"{day.isoformat()}:{prompt_id or 'free'}"


@dataclass(frozen=True)
class Draft:
    """Text not yet saved as a reflection, with what it answers."""

    day: date
    text: str
    prompt_id: str | None = None
    prompt_text: str = ""
    mood: int | None = None
    tags: tuple[str, ...] = ()
    entry_id: str | None = None
    saved_at: datetime | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        return draft_key(self.day, self.prompt_id, self.entry_id)


def _items(coach: Coach) -> dict[str, Any]:
    items = coach.store.doc(DOC).get().get("items")
    return dict(items) if isinstance(items, dict) else {}


def _from_raw(raw: Any) -> Draft | None:
    if not isinstance(raw, dict):
        return None
    try:
        day = date.fromisoformat(str(raw["day"]))
    except (KeyError, ValueError):
        return None
    mood = raw.get("mood")
    tags = raw.get("tags")
    return Draft(
        day=day,
        text=str(raw.get("text", "")),
        prompt_id=raw.get("prompt_id") if isinstance(raw.get("prompt_id"), str) else None,
        prompt_text=str(raw.get("prompt_text", "")),
        mood=mood
        if isinstance(mood, int) and not isinstance(mood, bool) and 1 <= mood <= 5
        else None,
        tags=tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
        entry_id=raw.get("entry_id") if isinstance(raw.get("entry_id"), str) else None,
        saved_at=optional_datetime(raw.get("saved_at")),
    )


def save_draft(coach: Coach, draft: Draft, now: datetime | None = None) -> Draft:
    """Keep a draft (an empty one is removed instead: nothing to keep)."""
    moment = (now or coach.clock.now()).replace(microsecond=0)
    with coach.store.transaction():
        items = _items(coach)
        if draft.text.strip():
            raw = asdict(draft) | {"day": draft.day.isoformat(), "tags": list(draft.tags)}
            items[draft.key] = raw | {"saved_at": stored_moment(moment)}
        elif draft.key not in items:
            return draft  # nothing kept, nothing to forget: no write
        else:
            del items[draft.key]
        coach.store.doc(DOC).update({"items": items})
    return replace(draft, saved_at=moment)


def load_draft(coach: Coach, key: str) -> Draft | None:
    return _from_raw(_items(coach).get(key))


def all_drafts(coach: Coach) -> list[Draft]:
    """Every kept draft, oldest day first."""
    found = [d for raw in _items(coach).values() if (d := _from_raw(raw))]
    return sorted(found, key=lambda d: (d.day, d.saved_at or EPOCH))


def discard_draft(coach: Coach, key: str) -> None:
    """Forget a draft (inside or outside a transaction)."""
    with coach.store.transaction():
        items = _items(coach)
        if key in items:
            del items[key]
            coach.store.doc(DOC).update({"items": items})
