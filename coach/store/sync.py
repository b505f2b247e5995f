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
import shlex
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.core.atomic import FILE_MODE, atomic_write, ensure_private_dir, fsync_dir
from coach.core.errors import CoachError, DataFileError
from coach.store.core import (
    BACKUP_DIR,
    CHANGED,
    JOURNAL_DIR,
    MAIN_FILE,
    MONTH_FILE,
    TOMBSTONES,
    Store,
)
from coach.store.crypto import (
    HEADER,
    MARKER,
    OTHER_PASSPHRASE_ENV,
    Cipher,
    WrongPassphrase,
    salt_of,
    sealed,
)
from coach.store.storage import AtomicJSONStorage, parse, plaintext

CONFLICTS_DIR = "conflicts"
EDIT_FIELDS = (CHANGED, "edited_at", "updated_at", "written_at", "at", "created_at")
PATTERNS = (
    re.compile(
        r"^(?P<stem>.+)\.sync-conflict-[0-9]{8}-[0-9]{6}-[A-Za-z0-9]+(?P<ext>\.json|\.crypt)$"
    ),
    re.compile(
        r"^(?P<stem>.+?) \([^()]*conflicted copy[^()]*(?:\([0-9]+\))?\)(?P<ext>\.json|\.crypt)$"
    ),
    re.compile(r"^(?P<stem>.+?)_conflict-[0-9]{8}-[0-9]{6}(?P<ext>\.json|\.crypt)$"),
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
            return base if base in (MAIN_FILE, MARKER) or MONTH_FILE.match(base) else None
    return None


def find_conflicts(folder: Path) -> list[Conflict]:
    """Every conflict copy of a data file in the folder and its journal/, sorted."""
    found: list[Conflict] = []
    for where, main in ((Path(folder), True), (Path(folder) / JOURNAL_DIR, False)):
        if not where.is_dir():
            continue
        for entry in sorted(where.iterdir()):
            base = original_name(entry.name)
            if base is None or (base in (MAIN_FILE, MARKER)) != main or not entry.is_file():
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
    """Fold every conflict copy into its data file (one save), then move the copies aside.

    Two machines changing the encryption at once leave copies this folder's key cannot
    merge by itself; none is lost:
    - a plain copy beside encrypted data (one machine wrote before it saw the encryption
      turned on): merged, and kept in backups/conflicts/ encrypted, like the rest;
    - a copy under another passphrase, or encrypted beside plain data: kept unmerged in
      backups/conflicts/, and the line says how to merge it (`coach encrypt --merge-copy`);
    - the encryption marker's own conflict copy: kept there, and the line says which
      passphrase the folder uses now.
    """
    report = MergeReport()
    conflicts = find_conflicts(store.folder)
    if not conflicts:
        return report
    done: list[tuple[Conflict, bytes | None]] = []  # the copy, and its bytes to keep if new
    with store.transaction():
        for conflict in conflicts:
            name = conflict.path.name
            try:
                raw = conflict.path.read_bytes()
            except OSError as exc:
                report.skipped.append(f"{name}: cannot be read ({exc.strerror})")
                continue
            if conflict.original.name == MARKER:
                report.skipped.append(_marker_conflict(store, raw, name))
                done.append((conflict, None))
                continue
            unmergeable = _needs_its_own_key(store, conflict.path, raw)
            if unmergeable:
                report.skipped.append(unmergeable)
                done.append((conflict, None))
                continue
            try:
                theirs = parse(conflict.path, raw, store.cipher)
            except DataFileError as exc:
                report.skipped.append(f"{name}: {exc}")
                continue
            merged, notes = merge_tables(_storage(store, conflict.original).read() or {}, theirs)
            _storage(store, conflict.original).write(merged)
            what = "; ".join(notes) if notes else "nothing new"
            plain_beside = store.cipher is not None and not sealed(raw)
            if plain_beside:
                what += (
                    " (written unencrypted, on a machine that had not seen the encryption "
                    "turned on: its copy is kept encrypted in backups/conflicts/)"
                )
            report.merged.append(f"{name} into {conflict.original.name}: {what}")
            done.append(
                (conflict, store.cipher.seal(raw) if plain_beside and store.cipher else None)
            )
    aside = store.folder / BACKUP_DIR / CONFLICTS_DIR
    ensure_private_dir(aside)
    for conflict, sealed_copy in done:
        _keep_aside(conflict.path, aside, sealed_copy)
    fsync_dir(aside)
    return report


def _storage(store: Store, original: Path) -> AtomicJSONStorage:
    if original.name == MAIN_FILE:
        return store._writing(store._main)
    return store._writing(store._month(original.stem))


def _keep_aside(path: Path, aside: Path, replacement: bytes | None) -> None:
    """Move a merged or unmergeable copy into backups/conflicts/ (as `replacement` if given)."""
    target = aside / path.name
    if replacement is None:
        os.replace(path, target)
        os.chmod(target, FILE_MODE)  # the sync tool's mode may be 0644
    else:
        atomic_write(target, replacement)
        path.unlink()


def merge_command(name: str) -> str:
    """The command that merges the copy `name` kept in backups/conflicts/."""
    return f"coach encrypt --merge-copy {shlex.quote(f'{BACKUP_DIR}/{CONFLICTS_DIR}/{name}')}"


def waiting_copies(folder: Path, cipher: Cipher | None = None) -> list[Path]:
    """The copies kept in backups/conflicts/ that wait for `coach encrypt --merge-copy`:
    data files under another key than this folder's (or encrypted beside plain data).

    Needs no key: a copy under the folder's salt is one already merged; with the
    folder's `cipher`, a copy of another salt that it opens is too.
    """
    aside = Path(folder) / BACKUP_DIR / CONFLICTS_DIR
    if not aside.is_dir():
        return []
    try:
        marker = (Path(folder) / MARKER).read_bytes()[: HEADER.size]
    except OSError:
        marker = b""
    ours = cipher.salt if cipher is not None else salt_of(marker) if sealed(marker) else None
    found: list[Path] = []
    for path in sorted(aside.iterdir()):
        base = original_name(path.name) or path.name
        if base == MARKER or not (base == MAIN_FILE or MONTH_FILE.match(base)):
            continue
        try:
            raw = path.read_bytes() if path.is_file() else b""
        except OSError:
            continue
        if not sealed(raw) or (ours is not None and salt_of(raw) == ours):
            continue
        if cipher is not None:
            try:
                cipher.open(path, raw)
            except (WrongPassphrase, DataFileError):
                pass
            else:
                continue
        found.append(path)
    return found


def _needs_its_own_key(store: Store, path: Path, raw: bytes) -> str | None:
    """Why this folder's key cannot read the copy (another key, or encrypted beside plain
    data), in words with what to do; None when it can."""
    if not sealed(raw):
        return None
    kept = f"{BACKUP_DIR}/{CONFLICTS_DIR}/{path.name}"
    todo = (
        f"nothing is lost: it is kept in {kept}; to merge it, run: "
        f"{merge_command(path.name)} (it asks for the passphrase it "
        f"was encrypted with, or takes ${OTHER_PASSPHRASE_ENV})"
    )
    if store.cipher is None:
        return (
            f"{path.name}: encrypted, but this folder's data is not (encryption was turned "
            f"off here while the other machine still wrote, or turned on there): {todo}"
        )
    if salt_of(raw) == store.cipher.salt:
        return None
    try:
        store.cipher.open(path, raw)
    except (WrongPassphrase, DataFileError):
        return (
            f"{path.name}: encrypted with another passphrase than this folder's (the "
            f"encryption was changed on two machines at once): {todo}"
        )
    return None


def _marker_conflict(store: Store, raw: bytes, name: str) -> str:
    kept = f"{BACKUP_DIR}/{CONFLICTS_DIR}/{name}"
    if store.cipher is not None and sealed(raw):
        try:
            store.cipher.open(Path(name), raw)
        except (WrongPassphrase, DataFileError):
            pass
        else:
            return (
                f"{name}: a copy of the encryption marker under this folder's passphrase "
                f"(nothing to do): kept in {kept}"
            )
    return (
        f"{name}: the encryption was set up or changed on two machines at once; this folder "
        f"now uses {'the passphrase you opened it with' if store.cipher else 'no encryption'}. "
        f"The other machine's marker is kept in {kept}. On the other machine, open coach "
        "here again with this folder's passphrase; copies it wrote under its own are kept "
        "in backups/conflicts/ for 'coach encrypt --merge-copy'"
    )


def merge_copy(store: Store, path: Path, passphrase: str | None) -> str:
    """Merge one copy of a data file by hand (`coach encrypt --merge-copy`): a conflict copy
    under another passphrase, or a data file moved out because it was. What it merged.

    The copy is then kept in backups/conflicts/ under this folder's key (or plain when the
    folder is), so no file under the other passphrase is left. Raises WrongPassphrase or
    DataFileError with nothing changed, CoachError when `path` is not a coach data file.
    """
    path = Path(path)
    base = original_name(path.name) or path.name
    if base == MAIN_FILE:
        original = store.folder / MAIN_FILE
    elif MONTH_FILE.match(base):
        original = store.folder / JOURNAL_DIR / base
    else:
        raise CoachError(
            f"{path.name} is not a copy of a coach data file (coach.json or YYYY-MM.json)"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(path, f"cannot be read ({exc.strerror})") from exc
    if sealed(raw):
        if store.cipher is not None and salt_of(raw) == store.cipher.salt:
            cipher = store.cipher
        elif not passphrase:
            raise CoachError(
                f"{path} is encrypted: give the passphrase it was encrypted with "
                f"(${OTHER_PASSPHRASE_ENV}, or type it when coach asks)"
            )
        else:
            cipher = Cipher(passphrase)
    else:
        cipher = None
    try:
        theirs = parse(path, raw, cipher)
    except WrongPassphrase:
        raise WrongPassphrase(path) from None  # the other passphrase was wrong
    with store.transaction():
        storage = _storage(store, original)
        merged, notes = merge_tables(storage.read() or {}, theirs)
        storage.write(merged)
    plain = plaintext(path, raw, cipher)
    kept = store.cipher.seal(plain) if store.cipher is not None else plain
    aside = store.folder / BACKUP_DIR / CONFLICTS_DIR
    ensure_private_dir(aside)
    target = aside / path.name
    atomic_write(target, kept)
    if path.resolve() != target.resolve():
        path.unlink()
    fsync_dir(aside)
    what = "; ".join(notes) if notes else "nothing new"
    return f"merged {path.name} into {original.name}: {what}; the copy is kept in {target}"
