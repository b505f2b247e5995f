"""A data folder shared by two machines through Syncthing, Dropbox or Nextcloud.

The folder lock is per machine (flock), so two machines can save the same
file at once; every save is still an atomic rename, so the sync tool sees
whole files and keeps the loser as a *conflict copy* beside the original:

    Syncthing   coach.sync-conflict-20261122-083000-ABCDEFG.json
    Dropbox     coach (Ann's conflicted copy 2026-11-22).json
    Nextcloud   coach (conflicted copy 2026-11-22 083000).json, or coach_conflict-20261122-083000.json

`merge_conflicts(store)` folds each copy back into its file by record id, in
one transaction (atomic, through the commit record): a record only one side
has is kept; the same record changed on both sides keeps the newest edit
when both carry an edit time (`changed_at`, which the store stamps on every
edit, else `edited_at`, `written_at`, `at`...; records of older versions
without one still load and merge) and both versions otherwise (the copy's
under a new id, with `conflict_of`); a record deleted on one side (a
tombstone in the file's `_deleted` table, written by every remove) stays
deleted, unless the other side edited it after the deletion: then it comes
back, the message says so, and the tombstone goes; documents (settings,
drafts) are merged key by key, this machine's value winning. Then each copy is moved into
`backups/conflicts/`. Merging the same copy twice changes nothing, so a kill
between the save and the move is harmless.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.core.atomic import FILE_MODE, ensure_private_dir, fsync_dir
from coach.core.errors import DataFileError
from coach.store.core import (
    BACKUP_DIR,
    CHANGED,
    JOURNAL_DIR,
    MAIN_FILE,
    MONTH_FILE,
    TOMBSTONES,
    Store,
)
from coach.store.storage import parse

CONFLICTS_DIR = "conflicts"
EDIT_FIELDS = (CHANGED, "edited_at", "updated_at", "written_at", "at", "created_at")
PATTERNS = (
    re.compile(r"^(?P<stem>.+)\.sync-conflict-[0-9]{8}-[0-9]{6}-[A-Za-z0-9]+(?P<ext>\.json)$"),
    re.compile(r"^(?P<stem>.+?) \([^()]*conflicted copy[^()]*(?:\([0-9]+\))?\)(?P<ext>\.json)$"),
    re.compile(r"^(?P<stem>.+?)_conflict-[0-9]{8}-[0-9]{6}(?P<ext>\.json)$"),
)
Tables = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Conflict:
    """A sync tool's conflict copy and the data file it belongs to."""

    path: Path
    original: Path


@dataclass
class MergeReport:
    merged: list[str] = field(default_factory=list)  # one line per copy, what it brought
    skipped: list[str] = field(default_factory=list)  # copies that cannot be read


def original_name(name: str) -> str | None:
    """The data file a conflict copy's name belongs to, or None when it is not one."""
    for pattern in PATTERNS:
        m = pattern.match(name)
        if m:
            base = m.group("stem") + m.group("ext")
            return base if base == MAIN_FILE or MONTH_FILE.match(base) else None
    return None


def find_conflicts(folder: Path) -> list[Conflict]:
    """Every conflict copy of a data file in the folder and its journal/, sorted."""
    found: list[Conflict] = []
    for where, main in ((Path(folder), True), (Path(folder) / JOURNAL_DIR, False)):
        if not where.is_dir():
            continue
        for entry in sorted(where.iterdir()):
            base = original_name(entry.name)
            if base is None or (base == MAIN_FILE) != main or not entry.is_file():
                continue
            found.append(Conflict(entry, where / base))
    return found


def _edited(doc: dict[str, Any]) -> float | None:
    """When the record was last changed, in seconds since the epoch (None: it never says).

    The latest of its time fields; a time without an offset is taken as UTC.
    """
    times: list[float] = []
    for name in EDIT_FIELDS:
        value = doc.get(name)
        if not isinstance(value, str) or not value:
            continue
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            continue
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        times.append(moment.timestamp())
    return max(times) if times else None


def _is_document(table: dict[str, Any]) -> bool:
    return list(table) == ["1"] and "id" not in table["1"]


def merge_tables(ours: Tables, theirs: Tables) -> tuple[Tables, list[str]]:
    """Our file's tables with the conflict copy's folded in; and what changed, in words.

    A record deleted on one machine (a tombstone) and edited on the other after the
    deletion comes back, and the tombstone goes; deleted after its last edit, it
    stays deleted. A record that never says when it changed loses to a tombstone.
    """
    out: Tables = {name: {k: dict(d) for k, d in t.items()} for name, t in ours.items()}
    notes: list[str] = []
    stones: dict[str, float] = {}
    for side in (ours, theirs):
        present = _keys(side)  # put back after its deletion (an undo): that tombstone is old
        for key, at in side.get(TOMBSTONES, {}).get("1", {}).items():
            if isinstance(at, int | float) and key not in present:
                stones[key] = max(float(at), stones.get(key, 0.0))
    # a record edited (on either side) after its deletion wins over the tombstone
    for side in (ours, theirs):
        for name, table in side.items():
            if name.startswith("_") or _is_document(table):
                continue
            for doc in table.values():
                key = f"{name}:{doc.get('id')}"
                edited = _edited(doc)
                if key in stones and edited is not None and edited > stones[key]:
                    del stones[key]
                    notes.append(
                        f"{name}: {doc.get('id')} was deleted on one machine but edited later "
                        "on the other: kept (delete it again if it should go)"
                    )
    if stones:
        out[TOMBSTONES] = {"1": stones}  # where our file has it: the same input, the same bytes
    else:
        out.pop(TOMBSTONES, None)
    for name, table in theirs.items():
        if name.startswith("_"):
            continue
        mine = out.setdefault(name, {})
        if _is_document(table) and (not mine or _is_document(mine)):
            doc = mine.get("1", {})
            added = [k for k in table["1"] if k not in doc]
            if added:
                mine["1"] = {**table["1"], **doc}
                notes.append(f"{name}: {', '.join(sorted(added))} from the other machine")
            continue
        by_id = {d.get("id"): k for k, d in mine.items()}
        for doc in table.values():
            rid = doc.get("id")
            if not isinstance(rid, str) or f"{name}:{rid}" in stones:
                continue
            key = by_id.get(rid)
            if key is None:
                by_id[rid] = slot = _next_key(mine)
                mine[slot] = dict(doc)
                notes.append(f"{name}: added {rid}")
            elif mine[key] != doc:
                a, b = _edited(mine[key]), _edited(doc)
                if a is not None and b is not None and a != b:
                    if b > a:
                        mine[key] = dict(doc)
                        notes.append(f"{name}: {rid} took the newer edit from the other machine")
                elif (twin := _twin_id(rid, doc)) not in by_id:
                    slot = _next_key(mine)
                    mine[slot] = {**doc, "id": twin, "conflict_of": rid}
                    by_id[twin] = slot
                    notes.append(f"{name}: {rid} changed on both machines: both kept")
    for name, mine in out.items():
        if name.startswith("_"):
            continue
        for key in [k for k, d in mine.items() if f"{name}:{d.get('id')}" in stones]:
            notes.append(f"{name}: {mine[key].get('id')} deleted on the other machine")
            del mine[key]
    return out, notes


def _keys(tables: Tables) -> set[str]:
    """ "table:id" of every record in a file's record tables."""
    return {
        f"{name}:{doc.get('id')}"
        for name, table in tables.items()
        if not name.startswith("_") and not _is_document(table)
        for doc in table.values()
    }


def _twin_id(rid: str, doc: dict[str, Any]) -> str:
    """The id of the other machine's version kept beside ours: the same for the same
    version, so merging one copy twice (or on both machines) adds it once."""
    body = json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()
    return f"{rid}-{hashlib.blake2b(body, digest_size=6).hexdigest()}"


def _next_key(table: dict[str, Any]) -> str:
    return str(max((int(k) for k in table), default=0) + 1)


def merge_conflicts(store: Store) -> MergeReport:
    """Fold every conflict copy into its data file (one save), then move the copies aside."""
    report = MergeReport()
    conflicts = find_conflicts(store.folder)
    if not conflicts:
        return report
    done: list[Conflict] = []
    with store.transaction():
        for conflict in conflicts:
            try:
                theirs = parse(conflict.path, conflict.path.read_bytes(), store.cipher)
            except (DataFileError, OSError) as exc:
                report.skipped.append(f"{conflict.path.name}: {exc}")
                continue
            if conflict.original.name == MAIN_FILE:
                storage = store._writing(store._main)
            else:
                storage = store._writing(store._month(conflict.original.stem))
            merged, notes = merge_tables(storage.read() or {}, theirs)
            storage.write(merged)
            what = "; ".join(notes) if notes else "nothing new"
            report.merged.append(f"{conflict.path.name} into {conflict.original.name}: {what}")
            done.append(conflict)
    aside = store.folder / BACKUP_DIR / CONFLICTS_DIR
    ensure_private_dir(aside)
    for conflict in done:
        os.replace(conflict.path, aside / conflict.path.name)
        os.chmod(aside / conflict.path.name, FILE_MODE)  # the sync tool's mode may be 0644
    fsync_dir(aside)
    return report
