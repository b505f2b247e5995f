"""Walked days from month summaries, not from every walk of every month (the longest streak).

Each month's walked days are kept as a bit mask (bit d-1: day d) in the data folder's
`.coach.walks`, with the month file's signature (inode, size, mtime) when it was read.
A month whose file still has that signature is not read again, so `coach walk` costs
a stat per month plus a read of the months that changed (the current one, mostly).
The file is only a cache: private (0600), replaced by rename (unsynced), never written for an
encrypted folder (its days would be in the clear), and any doubt (a missing, damaged
or foreign file) means reading the months again.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path

from coach.core.atomic import FILE_MODE, TEMP_SUFFIX, discard
from coach.session import Coach

MonthDays = Callable[[str], Iterable[date]]  # a month key "YYYY-MM" -> the days walked in it

FILE_NAME = ".coach.walks"
VERSION = 1


def _load(coach: Coach) -> dict[str, tuple[list[int], int]]:
    try:
        data = json.loads((coach.store.folder / FILE_NAME).read_bytes())
        if data.get("version") != VERSION:
            return {}
        months = data["months"]
        return {
            str(k): (list(v[0]), int(v[1]))
            for k, v in months.items()
            if isinstance(v, list) and len(v) == 2 and isinstance(v[0], list)
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _mask(key: str, days: Iterable[date]) -> int:
    mask = 0
    for day in days:
        if day.strftime("%Y-%m") == key:
            mask |= 1 << (day.day - 1)
    return mask


def walked_masks(coach: Coach, month_days: MonthDays) -> dict[str, int]:
    """Each month's walked days as a bit mask, reading only months changed since kept."""
    kept = _load(coach)
    fresh: dict[str, tuple[list[int], int]] = {}
    changed = False
    for key in coach.store.months():
        sig = coach.store.month_signature(key)
        if sig is None:
            continue
        hit = kept.get(key)
        if hit is not None and hit[0] == list(sig):
            fresh[key] = hit
            continue
        mask = _mask(key, month_days(key))
        changed = True
        if coach.store.month_signature(key) == sig:  # not saved meanwhile
            fresh[key] = (list(sig), mask)
        else:
            fresh[key] = ([], mask)  # used now, read again next time
    if (changed or set(kept) != set(fresh)) and not coach.store.encrypted:
        _keep(coach, fresh)
    return {key: mask for key, (_, mask) in fresh.items()}


def _keep(coach: Coach, months: dict[str, tuple[list[int], int]]) -> None:
    """Replace the file by rename, unsynced: a cache needs no durability, only never
    to be half written (a crash loses it, and the next run reads the months again)."""
    body = json.dumps({"version": VERSION, "months": months}, separators=(",", ":"))
    folder = coach.store.folder
    with contextlib.suppress(OSError):
        fd, tmp = tempfile.mkstemp(prefix=f"{FILE_NAME}.", suffix=TEMP_SUFFIX, dir=folder)
        try:
            with open(fd, "wb") as out:
                os.fchmod(out.fileno(), FILE_MODE)
                out.write(body.encode())
            os.replace(tmp, folder / FILE_NAME)
        except BaseException:
            discard(Path(tmp))
            raise


def walked_days(coach: Coach, month_days: MonthDays) -> list[date]:
    """Every day walked, oldest first, from the month summaries."""
    days: list[date] = []
    for key, mask in sorted(walked_masks(coach, month_days).items()):
        first = date.fromisoformat(key + "-01")
        days += [first + timedelta(days=n) for n in range(31) if mask >> n & 1]
    return days
