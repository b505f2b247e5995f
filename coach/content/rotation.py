"""The daily pick per user: each pool walked in this user's own order, one item a day.

Every item of a pool has a place on a circle, a hash of (this folder's seed,
pool, item id), so each user gets their own shuffle and an item keeps its
place whatever else is added or removed. Day N after the user's first day
shows the item N steps round the circle from where the walk started: the same
item all day, nothing again until the whole circle has been shown.

The walk is over the items that suit today (`eligible`: the phase after a
loss, its reasons, prompts the user hid). When that set changes (a new loss, a
new phase, content added or removed), the walk is anchored where it stood
yesterday and goes on round the circle from there: what was just seen stays
behind it, and new items are met in their turn. Only the anchor is stored,
in `store.doc(DOC)`: `{"seed", "first_day", "walks": {pool: {"day", "at", "ids"}}}`.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coach.content.library import Item, Lean, Library
from coach.core.errors import CoachError
from coach.store import Store

DOC = "rotation"

Eligible = Callable[[Item], bool]


@dataclass
class LeanSource:
    """Per Coach (`coach.kept(LeanSource)`): how a feature finds today's Lean.

    The latest loss decides it, and features stand alone, so the one wiring module
    (coach.routine.features.wire) sets `find`; until then everything reads as steady.
    """

    find: Callable[[Any, date], Lean] | None = None

    def lean(self, coach: Any, day: date) -> Lean:
        return self.find(coach, day) if self.find is not None else Lean()


def _everything(item: Item) -> bool:
    return True


@functools.lru_cache(maxsize=8192)
def place(seed: str, pool: str, item_id: str) -> str:
    """An item's place on this user's circle for `pool` (comparable text)."""
    return hashlib.sha256(f"{seed}|{pool}|{item_id}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Anchor:
    """Where a pool's walk stood: on `day` it showed the item at place `at`, among `ids`."""

    day: date
    at: str
    ids: tuple[str, ...]


def circle(seed: str, pool: str, ids: Iterable[str]) -> list[str]:
    """The ids in this user's order for `pool`."""
    return list(_circle(seed, pool, tuple(sorted(ids))))


@functools.lru_cache(maxsize=512)
def _circle(seed: str, pool: str, ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(ids, key=lambda i: (place(seed, pool, i), i)))


def walk_index(seed: str, pool: str, order: list[str], anchor: Anchor, day: date) -> int:
    """The index in `order` (a circle) of the item shown on `day`, walking from `anchor`."""
    start = next(
        (n for n, i in enumerate(order) if place(seed, pool, i) >= anchor.at), 0
    )  # the anchor's item, or the next one round the circle if it is gone
    return (start + (day - anchor.day).days) % len(order)


def pick_id(
    seed: str, first_day: date, pool: str, ids: Iterable[str], day: date, anchor: Anchor | None
) -> tuple[str | None, Anchor | None]:
    """The id shown on `day` among `ids`, and a new anchor to store (None: keep the old one).

    Pure: the store is only read and written by `daily`, so a simulation can run it alone.
    """
    current = tuple(sorted(set(ids)))
    if not current:
        return None, None
    order = circle(seed, pool, current)
    if anchor is None:
        start = Anchor(first_day, "", current)
        return order[walk_index(seed, pool, order, start, day)], start
    if anchor.ids == current or day <= anchor.day:
        return order[walk_index(seed, pool, order, anchor, day)], None
    # the set changed: stand where the old walk stood yesterday, then go on round
    before = circle(seed, pool, anchor.ids) if anchor.ids else order
    yesterday = day - timedelta(days=1)
    last = before[walk_index(seed, pool, before, anchor, yesterday)]
    moved = Anchor(yesterday, place(seed, pool, last), current)
    return order[walk_index(seed, pool, order, moved, day)], moved


def _anchor(raw: Any) -> Anchor | None:
    if not isinstance(raw, dict):
        return None
    try:
        day = date.fromisoformat(str(raw.get("day", "")))
    except ValueError:
        return None
    ids = raw.get("ids")
    if not isinstance(ids, list):
        return None
    return Anchor(day, str(raw.get("at", "")), tuple(sorted({str(i) for i in ids})))


@dataclass(frozen=True)
class Rotation:
    """This folder's seed and first day (made once, on the first pick)."""

    seed: str
    first_day: date
    walks: dict[str, Anchor]


def new_seed() -> str:
    """A fresh seed for a new folder (tests fix it, as they fix the clock)."""
    return secrets.token_hex(8)


def load(store: Store, day: date) -> Rotation:
    """The stored rotation; made (and stored) on first use, with `day` as the first day."""
    raw = store.doc(DOC).get()
    seed = raw.get("seed")
    try:
        first = date.fromisoformat(str(raw.get("first_day", "")))
    except ValueError:
        first = None
    if not isinstance(seed, str) or not seed or first is None:
        seed, first = new_seed(), day
        _save(store, {"seed": seed, "first_day": first.isoformat(), "walks": {}})
        raw = store.doc(DOC).get() or raw
        if isinstance(raw.get("seed"), str) and raw["seed"]:
            seed = raw["seed"]
    walks_raw = raw.get("walks")
    walks = {}
    for pool, value in (walks_raw if isinstance(walks_raw, dict) else {}).items():
        anchor = _anchor(value)
        if anchor is not None:
            walks[str(pool)] = anchor
    return Rotation(seed, first, walks)


def _save(store: Store, changes: dict[str, Any]) -> None:
    """Store what the walk needs; a folder that cannot be written still gets today's pick."""
    try:
        with store.transaction():
            doc = store.doc(DOC)
            current = doc.get()
            if "seed" in changes and current.get("seed"):
                return  # another process made it first: keep theirs
            doc.update(changes)
    except (CoachError, OSError):
        pass


def _store_anchor(store: Store, pool: str, anchor: Anchor) -> None:
    try:
        with store.transaction():
            doc = store.doc(DOC)
            walks = doc.get().get("walks")
            walks = dict(walks) if isinstance(walks, dict) else {}
            walks[pool] = {"day": anchor.day.isoformat(), "at": anchor.at, "ids": list(anchor.ids)}
            doc.update({"walks": walks})
    except (CoachError, OSError):
        pass


def sequence(
    store: Store, library: Library, pool: str, day: date, eligible: Eligible = _everything
) -> Iterator[Item]:
    """Today's item of `pool` first, then the rest of the circle in order (for "another")."""
    items = {i.id: i for i in library.pool(pool) if eligible(i)}
    if not items:
        return iter(())
    rotation = load(store, day)
    anchor = rotation.walks.get(pool)
    first, moved = pick_id(rotation.seed, rotation.first_day, pool, items, day, anchor)
    if moved is not None and moved != anchor:
        _store_anchor(store, pool, moved)
    order = circle(rotation.seed, pool, items)
    start = order.index(first) if first in order else 0
    return (items[order[(start + k) % len(order)]] for k in range(len(order)))


def daily(
    store: Store,
    library: Library,
    pool: str,
    day: date,
    eligible: Eligible = _everything,
    *,
    skip: Iterable[str] = (),
) -> Item | None:
    """The item of `pool` for `day` among the eligible ones (the next one if today's is skipped)."""
    skipped = set(skip)
    return next(
        (i for i in sequence(store, library, pool, day, eligible) if i.id not in skipped), None
    )
