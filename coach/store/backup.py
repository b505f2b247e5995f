"""Backups of the data folder: dated zip archives in `backups/` beside the data.

A backup is one zip file holding every data file byte for byte plus a
`manifest.json` (format, when, why, and each file's size and SHA-256). It is
written to a temp file and renamed into place, so a half-written backup never
looks like a real one. Works on the folder directly, without opening a Store,
so a damaged data folder can still be backed up and restored.

Rotation keeps the newest automatic backup of each of the last 14 days and of
each of the last 12 months that have one; manual backups and the safety copies
made before a restore are kept, the newest 20 of each.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path, PurePosixPath

from coach.core.errors import DataFileError, InputError, StoreWriteError
from coach.store.atomic import (
    FILE_MODE,
    atomic_write,
    ensure_private_dir,
    fsync_dir,
    remove_stale_temps,
)
from coach.store.core import JOURNAL_DIR, MAIN_FILE
from coach.store.lock import DataLock
from coach.store.storage import parse

BACKUP_DIR = "backups"
MANIFEST = "manifest.json"
FORMAT = "coach-backup"
VERSION = 1
KINDS = ("daily", "manual", "pre-restore")
KEEP_DAILY = 14
KEEP_MONTHLY = 12
KEEP_OTHER = 20
NAME = re.compile(r"^coach-(\d{4}-\d{2}-\d{2})T(\d{6})-(daily|manual|pre-restore)\.zip$")
MAX_MEMBER_BYTES = 512 * 1024 * 1024


class BackupError(InputError):
    """A backup file coach will not restore; the data was not touched."""


@dataclass(frozen=True)
class Backup:
    """One backup file, known by its name."""

    path: Path
    day: date
    stamp: str  # YYYY-MM-DDTHHMMSS: sorts by time
    kind: str


def backups_dir(folder: Path) -> Path:
    return Path(folder) / BACKUP_DIR


def data_files(folder: Path) -> list[str]:
    """Every data file, as paths relative to the folder (POSIX), main first."""
    folder = Path(folder)
    names = [MAIN_FILE] if (folder / MAIN_FILE).is_file() else []
    journal = folder / JOURNAL_DIR
    if journal.is_dir():
        names += sorted(
            f"{JOURNAL_DIR}/{p.name}"
            for p in journal.iterdir()
            if p.suffix == ".json" and not p.name.startswith(".") and p.is_file()
        )
    return names


def list_backups(folder: Path) -> list[Backup]:
    """The backups in the folder's backups/, oldest first."""
    out = []
    where = backups_dir(folder)
    if not where.is_dir():
        return []
    for path in where.iterdir():
        m = NAME.match(path.name)
        if m:
            try:
                day = date.fromisoformat(m.group(1))
            except ValueError:
                continue
            out.append(Backup(path, day, f"{m.group(1)}T{m.group(2)}", m.group(3)))
    return sorted(out, key=lambda b: (b.stamp, b.kind))


def _write_zip(folder: Path, names: list[str], target: Path, now: datetime, kind: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        os.chmod(tmp, FILE_MODE)
        files = []
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in names:
                try:
                    raw = (folder / name).read_bytes()
                except FileNotFoundError:
                    continue  # removed since listed
                archive.writestr(name, raw)
                files.append(
                    {"path": name, "size": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
                )
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": now.isoformat(timespec="seconds"),
                "kind": kind,
                "files": files,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def make_backup(folder: Path, now: datetime, kind: str = "manual") -> Backup:
    """Copy every data file into a new dated backup and rotate old ones."""
    with DataLock(Path(folder)):
        return _make_backup_locked(Path(folder), now, kind)


def _make_backup_locked(folder: Path, now: datetime, kind: str) -> Backup:
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    where = backups_dir(folder)
    ensure_private_dir(where)
    remove_stale_temps(where)
    moment = now
    while True:  # two backups in one second: the second takes the next second
        stamp = moment.strftime("%Y-%m-%dT%H%M%S")
        target = where / f"coach-{stamp}-{kind}.zip"
        if not target.exists():
            break
        moment += timedelta(seconds=1)
    try:
        _write_zip(folder, data_files(folder), target, now, kind)
    except OSError as exc:
        raise StoreWriteError(target, exc.strerror or str(exc)) from exc
    rotate(folder)
    return Backup(target, moment.date(), stamp, kind)


def to_delete(backups: list[Backup]) -> list[Backup]:
    """Which backups rotation removes (pure: the policy in one place)."""
    keep: set[Path] = set()
    daily = [b for b in backups if b.kind == "daily"]
    newest_per_day: dict[date, Backup] = {}
    newest_per_month: dict[tuple[int, int], Backup] = {}
    for b in daily:  # oldest first: later ones win
        newest_per_day[b.day] = b
        newest_per_month[(b.day.year, b.day.month)] = b
    for day in sorted(newest_per_day)[-KEEP_DAILY:]:
        keep.add(newest_per_day[day].path)
    for month in sorted(newest_per_month)[-KEEP_MONTHLY:]:
        keep.add(newest_per_month[month].path)
    for kind in KINDS[1:]:
        keep.update(b.path for b in [b for b in backups if b.kind == kind][-KEEP_OTHER:])
    return [b for b in backups if b.path not in keep]


def rotate(folder: Path) -> list[Backup]:
    """Delete backups the policy no longer keeps; returns them."""
    gone = to_delete(list_backups(folder))
    for b in gone:
        with contextlib.suppress(FileNotFoundError):
            b.path.unlink()
    return gone


# -- daily -------------------------------------------------------------------
def backed_up_on(folder: Path, day: date) -> bool:
    """True when a daily backup of `day` exists."""
    return any(b.day == day and b.kind == "daily" for b in list_backups(folder))


def ensure_daily(folder: Path, day: date, now: datetime) -> Backup | None:
    """The first open of a logical day makes that day's backup; later opens do nothing."""
    if not data_files(folder) or backed_up_on(folder, day):
        return None
    stamp_day = now.replace(year=day.year, month=day.month, day=day.day)
    return make_backup(folder, stamp_day, "daily")


# -- restore -----------------------------------------------------------------
def _safe_member(name: str) -> bool:
    p = PurePosixPath(name)
    if p.is_absolute() or ".." in p.parts or "\\" in name:
        return False
    if name == MAIN_FILE:
        return True
    return (
        len(p.parts) == 2
        and p.parts[0] == JOURNAL_DIR
        and re.match(r"^\d{4}-\d{2}\.json$", p.parts[1]) is not None
    )


def read_backup(path: Path) -> dict[str, bytes]:
    """Open a backup and check every file in it; raise BackupError naming the problem."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{path}: not a coach backup ({exc})") from None
    with archive:
        try:
            manifest = json.loads(archive.read(MANIFEST))
        except KeyError:
            raise BackupError(f"{path}: not a coach backup (no {MANIFEST})") from None
        except (ValueError, zipfile.BadZipFile, OSError) as exc:
            raise BackupError(f"{path}: the manifest is damaged ({exc})") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(f"{path}: not a coach backup (wrong manifest)")
        if manifest.get("version") != VERSION:
            raise BackupError(f"{path}: backup version {manifest.get('version')!r} is unknown")
        entries = manifest.get("files")
        if not isinstance(entries, list) or not entries:
            raise BackupError(f"{path}: the backup lists no data files")
        files: dict[str, bytes] = {}
        for entry in entries:
            if not isinstance(entry, dict):
                raise BackupError(f"{path}: the manifest is damaged")
            name = entry.get("path")
            if not isinstance(name, str) or not _safe_member(name) or name in files:
                raise BackupError(f"{path}: the manifest names an unexpected file {name!r}")
            try:
                info = archive.getinfo(name)
                if info.file_size > MAX_MEMBER_BYTES:
                    raise BackupError(f"{path}: {name} is too large")
                raw = archive.read(name)
            except KeyError:
                raise BackupError(f"{path}: {name} is listed but missing") from None
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise BackupError(f"{path}: {name} is damaged ({exc})") from None
            if len(raw) != entry.get("size") or hashlib.sha256(raw).hexdigest() != entry.get(
                "sha256"
            ):
                raise BackupError(f"{path}: {name} does not match its checksum")
            try:
                parse(Path(name), raw)
            except DataFileError as exc:
                raise BackupError(f"{path}: {name} inside is damaged: {exc.problem}") from None
            files[name] = raw
    return files


def restore(folder: Path, path: Path, now: datetime) -> Backup:
    """Replace the data with a backup's. Checks the backup completely first, then
    backs up the current data (returned), then writes each file atomically.
    """
    folder = Path(folder)
    files = read_backup(path)  # before anything changes
    with DataLock(folder):
        safety = _make_backup_locked(folder, now, "pre-restore")
        ensure_private_dir(folder)
        for name, raw in files.items():
            target = folder / name
            ensure_private_dir(target.parent)
            try:
                atomic_write(target, raw)
            except OSError as exc:
                raise StoreWriteError(target, exc.strerror or str(exc)) from exc
        for name in data_files(folder):
            if name not in files:
                (folder / name).unlink()
        journal = folder / JOURNAL_DIR
        if journal.is_dir():
            fsync_dir(journal)
    return safety
