"""Turning encryption on or off, or changing the passphrase: every file at once.

Every data file, every backup zip (each member) and every pre-migration copy
is re-written to a fsynced temp under the new key (or as plain JSON), and
the marker `.coach.crypt` with them; then all of it is put in place by one
commit record (coach.store.commit). A kill at any point leaves the folder
wholly under the old passphrase (before the record is down) or, once the
next open has rolled the record forward, wholly under the new one.

Everything is read and checked before anything is written: a file the old
passphrase does not open, or a damaged backup, stops the switch with
nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.core.atomic import discard, remove_stale_temps, write_temp
from coach.core.errors import CoachError, DataFileError, StoreSyncError, StoreWriteError
from coach.core.oserrors import describe
from coach.store.backup import (
    BackupError,
    _members,
    _settle,
    backups_dir,
    data_files,
    list_backups,
    recode,
    recoded_archive,
)
from coach.store.commit import AfterCommit, Step, commit, digest_of
from coach.store.core import JOURNAL_DIR, MIGRATION_BACKUP_PREFIX
from coach.store.crypto import Cipher, marker_path
from coach.store.lock import DataLock
from coach.store.storage import parse
from coach.store.sync import CONFLICTS_DIR


@dataclass(frozen=True)
class Rekeyed:
    """What a switch re-wrote."""

    files: int
    backups: int


def rekey(folder: Path, old: Cipher | None, new: Cipher | None) -> Rekeyed:
    """Re-write the whole folder from `old` (None: plain) to `new` (None: plain), atomically."""
    folder = Path(folder)
    with DataLock(folder):
        _settle(folder)
        for where in (folder, folder / JOURNAL_DIR, backups_dir(folder)):
            remove_stale_temps(where)
        steps: list[Step] = []
        try:
            files = _stage_files(folder, old, new, steps)
            where = backups_dir(folder)
            copies = sorted(where.glob(f"{MIGRATION_BACKUP_PREFIX}*")) if where.is_dir() else []
            for copy in copies:
                if copy.is_dir():
                    _stage_files(copy, old, new, steps)
            steps.extend(_stage_conflict_copies(where / CONFLICTS_DIR, old, new))
            zips = list_backups(folder)
            for backup in zips:
                steps.append(_stage_zip(backup.path, old, new))
            marker = marker_path(folder)
            if new is not None:
                body = new.marker()
                steps.append(Step(marker, _temp(marker, body), digest_of(body)))
            elif marker.exists():
                steps.append(Step(marker))
        except BaseException:
            for step in steps:
                if step.temp is not None:
                    discard(step.temp)
            raise
        try:
            commit(folder, steps)
        except AfterCommit as exc:
            raise StoreSyncError(folder, describe(exc)) from exc
        except OSError as exc:
            raise StoreWriteError(folder, describe(exc)) from exc
    return Rekeyed(files, len(zips))


def _temp(target: Path, raw: bytes) -> Path:
    try:
        return write_temp(target, raw)
    except OSError as exc:
        raise StoreWriteError(target, describe(exc)) from exc


def _stage_files(folder: Path, old: Cipher | None, new: Cipher | None, steps: list[Step]) -> int:
    """Each data file of `folder` (the data, or a pre-migration copy) staged under `new`."""
    names = data_files(folder)
    for name in names:
        path = folder / name
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DataFileError(path, f"cannot be read ({exc.strerror})") from exc
        parse(path, raw, old)  # damaged, or the wrong passphrase: stop before writing
        out = recode(path, raw, old, new)
        steps.append(Step(path, _temp(path, out), digest_of(out)))
    return len(names)


def _stage_conflict_copies(aside: Path, old: Cipher | None, new: Cipher | None) -> list[Step]:
    """The sync conflict copies kept in backups/conflicts/, under `new` like the rest.

    A copy the old key cannot read (one under another machine's passphrase, waiting for
    `coach encrypt --merge-copy`) is left exactly as it is: it is ciphertext already.
    """
    steps: list[Step] = []
    if not aside.is_dir():
        return steps
    for path in sorted(aside.iterdir()):
        if not path.is_file() or path.name.endswith(".tmp"):
            continue
        try:
            raw = path.read_bytes()
            out = recode(path, raw, old, new)
        except (CoachError, OSError):
            continue
        if out != raw:
            steps.append(Step(path, _temp(path, out), digest_of(out)))
    return steps


def _stage_zip(path: Path, old: Cipher | None, new: Cipher | None) -> Step:
    """The backup `path` re-written with each member under the new key, as a temp."""
    try:
        members = list(_members(path, old))
    except BackupError as exc:
        raise BackupError(
            f"{exc} (move that backup out of the folder, or delete it, and run this again: "
            "nothing was changed)"
        ) from None
    try:
        tmp = recoded_archive(path, members, old, new)
    except OSError as exc:
        raise StoreWriteError(path, describe(exc)) from exc
    return Step(path, tmp, digest_of(tmp.read_bytes()))
