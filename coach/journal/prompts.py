"""Today's reflection prompt, and the user's choices about prompts.

The prompt of a day comes from the content pool "prompt" through
`rotation.daily`: the same all day, no repeats until the pool is used up, and
only prompts that suit where the user is (`Lean`: no post-mortem on days 0-2).
On top of that the user can:

- ask for **another prompt**: today's offset goes up by one; offset k shows
  the k-th prompt of a sequence drawn without repeats from the prompts not yet
  shown today (after the whole pool it starts again);
- **pin** a prompt: pinned prompts come back once a week, taking turns, on the
  first day of the user's week (settings.week_start);
- **hide** a prompt: it is never chosen again (it stays on old answers).

Choices live in `store.doc(DOC)`:
`{"pinned": [ids], "hidden": [ids], "another": {"date": "YYYY-MM-DD", "offset": k}}`.
Only today's offset is kept; a new day starts again at the day's own prompt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from coach.content import rotation
from coach.content.library import EPOCH, Item, Lean, Phase
from coach.core.errors import InputError
from coach.journal.reflections import is_letter_prompt
from coach.session import Coach

POOL = "prompt"
DOC = "prompts"


@dataclass(frozen=True)
class PromptChoices:
    """What the user chose about prompts."""

    pinned: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    another_date: str = ""
    another_offset: int = 0

    def offset_on(self, day: date) -> int:
        return self.another_offset if self.another_date == day.isoformat() else 0


def _ids(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(v for v in value if isinstance(v, str)))


def load_choices(coach: Coach) -> PromptChoices:
    """The stored choices; anything malformed is read as "no choice"."""
    raw = coach.store.doc(DOC).get()
    stored = raw.get("another")
    another: dict[str, Any] = stored if isinstance(stored, dict) else {}
    offset = another.get("offset", 0)
    return PromptChoices(
        pinned=_ids(raw.get("pinned")),
        hidden=_ids(raw.get("hidden")),
        another_date=str(another.get("date", "")),
        another_offset=offset if isinstance(offset, int) and offset >= 0 else 0,
    )


def is_pin_day(coach: Coach, day: date) -> bool:
    """Pinned prompts come back on the first day of the user's week."""
    return day.weekday() == coach.settings.week_start


def lean_today(coach: Coach, day: date) -> Lean:
    """Where the user stands on `day` (the latest loss's phase and reasons), as wired."""
    return coach.kept(rotation.LeanSource).lean(coach, day)


def prompt_for(
    coach: Coach,
    day: date,
    choices: PromptChoices | None = None,
    lean: Lean | None = None,
    *,
    letter: bool = False,
) -> Item | None:
    """The prompt offered on `day` (None when every prompt is hidden).

    The unsent-letter prompt takes its turn in the walk like the others, but only
    Today offers it (`letter=True`: it opens the private Letter there); the journal
    gets the next prompt round the circle instead, as the letter never goes in it.
    """
    choices = choices or load_choices(coach)
    lean = lean or lean_today(coach, day)
    lib = coach.library
    hidden = set(choices.hidden)

    def eligible(item: Item) -> bool:
        return item.id not in hidden and lean.allows(item)

    first: Item | None = None
    if is_pin_day(coach, day):
        pinned = [lib.get(i) for i in choices.pinned if i not in hidden]
        # the user's own pick comes back whatever the phase, but never a post-mortem on days 0-2
        pinned_items = [
            p
            for p in pinned
            if p is not None
            and p.pool == POOL
            and not is_letter_prompt(p)
            and (lean.phase != Phase.FIRST_DAYS or lean.allows(p))
        ]
        if pinned_items:
            week = (day - EPOCH).days // 7
            first = sorted(pinned_items, key=lambda p: p.id)[week % len(pinned_items)]
    walk = list(rotation.sequence(coach.store, lib, POOL, day, eligible, rotation.writes_of(coach)))
    if not letter:  # the unsent letter is private: its prompt never opens the journal
        walk = [item for item in walk if not is_letter_prompt(item)]
    if first is None:
        first = walk[0] if walk else None
    if first is None:
        return None
    offset = choices.offset_on(day)
    if offset == 0:
        return first
    order = [first, *(i for i in walk if i != first)]
    return order[offset % len(order)]


def another_prompt(coach: Coach, day: date) -> Item | None:
    """Move on to another prompt for `day` and return it."""
    with coach.store.transaction():
        choices = load_choices(coach)
        offset = choices.offset_on(day) + 1
        coach.store.doc(DOC).update({"another": {"date": day.isoformat(), "offset": offset}})
    return prompt_for(coach, day)


def _prompt_id(coach: Coach, prompt_id: str) -> str:
    item = coach.library.get(prompt_id)
    if item is None or item.pool != POOL:
        raise InputError(f"there is no reflection prompt with id {prompt_id!r}")
    return prompt_id


def set_pinned(coach: Coach, prompt_id: str, pinned: bool = True) -> PromptChoices:
    """Pin (or unpin) a prompt: pinned prompts come back once a week."""
    _prompt_id(coach, prompt_id)
    with coach.store.transaction():
        current = list(load_choices(coach).pinned)
        if pinned and prompt_id not in current:
            current.append(prompt_id)
        if not pinned and prompt_id in current:
            current.remove(prompt_id)
        coach.store.doc(DOC).update({"pinned": current})
    return load_choices(coach)


def set_hidden(coach: Coach, prompt_id: str, hidden: bool = True) -> PromptChoices:
    """Hide a prompt for good (or bring it back). Hiding also unpins it."""
    _prompt_id(coach, prompt_id)
    with coach.store.transaction():
        choices = load_choices(coach)
        current = [i for i in choices.hidden if i != prompt_id]
        if hidden:
            current.append(prompt_id)
        pinned = [i for i in choices.pinned if not (hidden and i == prompt_id)]
        coach.store.doc(DOC).update({"hidden": current, "pinned": pinned})
    return load_choices(coach)


def prompts_by_id(coach: Coach) -> dict[str, Item]:
    return {item.id: item for item in coach.library.pool(POOL)}
