"""What a feature derives from each month file, kept while that file is unchanged.

A screen that summarises all history (the longest walking streak, every week of
the help challenge) would otherwise turn every record of every month into
dataclasses on each open, though only the current month usually changed. A
`MonthMemo` keeps one derived value per month, keyed by the month file's
signature (inode, size, mtime: every save replaces the file, so a save here or
by another process, a sync or a restore changes it); a changed file is derived
again on the next read. Keep one per Coach: `coach.kept(SomeMemo)`, a subclass
naming what it holds. Inside a transaction (staged, uncommitted records) nothing
is kept: the value is derived and returned.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from coach.store.core import Store
from coach.store.storage import Signature

T = TypeVar("T")


class MonthMemo(Generic[T]):
    """month key ("YYYY-MM") -> (the month file's signature, the value derived from it)."""

    def __init__(self) -> None:
        self.months: dict[str, tuple[Signature, T]] = {}
        self.lock = threading.Lock()

    def of(self, store: Store, key: str, derive: Callable[[str], T], empty: T) -> T:
        """The value of month `key`: kept, or `derive(key)` when its file changed; `empty`
        when the month has no file."""
        sig = store.month_signature(key)
        if sig is None:
            return empty
        with self.lock:
            hit = self.months.get(key)
        if hit is not None and hit[0] == sig:
            return hit[1]
        value = derive(key)  # the signature taken first: a save meanwhile re-derives next time
        if store._txn is None:
            with self.lock:
                self.months[key] = (sig, value)
        return value
