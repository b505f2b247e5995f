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

Writing that record is a save like any other: in the app a pick happens on the UI
thread, so the write goes to the app's save queue (`Writes.defer`, set by the app)
and the UI never waits on an fsync. Until the queued write is on disk the pick reads
what it queued (`Writes`), so every pool of the same build walks with one seed.
Without a queue (the CLI) the record is written at once.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
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


@dataclass
class Writes:
    """Per Coach (`coach.kept(Writes)`): where the rotation record's writes go.

    `defer`: hands a write job to the app's save queue (None: write at once, as the
    CLI does). `seed` and `walks` are what was queued and may not be on disk yet.
    """

    defer: Callable[[Callable[[], None]], object] | None = None
    seed: tuple[str, date] | None = None
    walks: dict[str, Anchor] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def write(self, job: Callable[[], None]) -> None:
        if self.defer is None:
            job()
        else:
            self.defer(job)


def writes_of(coach: Any) -> Writes:
    """The Coach's rotation writes (what `daily` and `sequence` take as `writes`)."""
    return coach.kept(Writes)


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
    import secrets  # a seed is made once per folder: no start pays for the import

    return secrets.token_hex(8)


def _stored_seed(raw: dict[str, Any]) -> tuple[str, date] | None:
    seed = raw.get("seed")
    try:
        first = date.fromisoformat(str(raw.get("first_day", "")))
    except ValueError:
        return None
    return (seed, first) if isinstance(seed, str) and seed else None


def load(store: Store, day: date, writes: Writes | None = None) -> Rotation:
    """The stored rotation; made (and stored) on first use, with `day` as the first day.

    With `writes`, what was queued and is not on disk yet counts as stored.
    """
    writes = writes or Writes()
    raw = store.doc(DOC).get()
    stored = _stored_seed(raw)
    if stored is None:
        with writes.lock:
            made = writes.seed is None
            if writes.seed is None:
                writes.seed = (new_seed(), day)
            stored = writes.seed
        if made:
            record = {"seed": stored[0], "first_day": stored[1].isoformat(), "walks": {}}

            def job() -> None:
                _save(store, record)
                with writes.lock:
                    writes.seed = None  # on disk now (ours, or another process's first)

            writes.write(job)
            if writes.defer is None:  # written already: another process's seed wins
                raw = store.doc(DOC).get() or raw
                stored = _stored_seed(raw) or stored
    seed, first = stored
    walks_raw = raw.get("walks")
    walks = {}
    for pool, value in (walks_raw if isinstance(walks_raw, dict) else {}).items():
        anchor = _anchor(value)
        if anchor is not None:
            walks[str(pool)] = anchor
    with writes.lock:
        walks.update(writes.walks)  # queued, newer than what is on disk
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


def _queue_anchor(store: Store, pool: str, anchor: Anchor, writes: Writes) -> None:
    with writes.lock:
        writes.walks[pool] = anchor

    def job() -> None:
        _store_anchor(store, pool, anchor)
        with writes.lock:
            if writes.walks.get(pool) == anchor:
                del writes.walks[pool]

    writes.write(job)


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
    store: Store,
    library: Library,
    pool: str,
    day: date,
    eligible: Eligible = _everything,
    writes: Writes | None = None,
    walk: str | None = None,
) -> Iterator[Item]:
    """Today's item of `pool` first, then the rest of the circle in order (for "another").

    `writes`: the Coach's (`writes_of(coach)`), so the app queues the record's writes.
    `walk`: the name its anchor is kept under (default: the pool), for a pool walked
    separately per thing, e.g. the advice of each loss, whose eligible items differ.
    """
    items = {i.id: i for i in library.pool(pool) if eligible(i)}
    if not items:
        return iter(())
    writes = writes or Writes()
    rotation = load(store, day, writes)
    key = walk or pool
    anchor = rotation.walks.get(key)
    first, moved = pick_id(rotation.seed, rotation.first_day, pool, items, day, anchor)
    if moved is not None and moved != anchor:
        _queue_anchor(store, key, moved, writes)
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
    writes: Writes | None = None,
    walk: str | None = None,
) -> Item | None:
    """The item of `pool` for `day` among the eligible ones (the next one if today's is skipped)."""
    skipped = set(skip)
    items = sequence(store, library, pool, day, eligible, writes, walk)
    return next((i for i in items if i.id not in skipped), None)


def pick_for(
    coach: Any,
    pool: str,
    day: date,
    eligible: Eligible = _everything,
    *,
    skip: Iterable[str] = (),
    walk: str | None = None,
) -> Item | None:
    """`daily` for an open Coach: its store, library and queued writes."""
    return daily(
        coach.store,
        coach.library,
        pool,
        day,
        eligible,
        skip=skip,
        writes=writes_of(coach),
        walk=walk,
    )
