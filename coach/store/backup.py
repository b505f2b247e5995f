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
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import Any

from coach.core.atomic import (
    FILE_MODE,
    atomic_write,
    discard,
    ensure_private_dir,
    fsync_dir,
    remove_stale_temps,
    write_temp,
)
from coach.core.errors import (
    CoachError,
    DataFileError,
    InputError,
    StoreSyncError,
    StoreWriteError,
)
from coach.store.commit import AfterCommit, Step, commit, digest_of, recover
from coach.store.core import JOURNAL_DIR, MAIN_FILE, MIGRATION_BACKUP_PREFIX, MONTH_FILE
from coach.store.crypto import MAGIC, Cipher, encrypted, salt_of, sealed
from coach.store.lock import DataLock
from coach.store.storage import parse, plaintext

BACKUP_DIR = "backups"
MANIFEST = "manifest.json"
FORMAT = "coach-backup"
VERSION = 1


Progress = Callable[[int, int], object]  # on_progress(done, total): the CLI's progress bar


class BackupKind(StrEnum):
    """Why a backup was made; the value is part of its file name."""

    DAILY = "daily"
    MANUAL = "manual"
    PRE_RESTORE = "pre-restore"


KINDS: tuple[BackupKind, ...] = tuple(BackupKind)
KEEP_DAILY = 14
KEEP_MONTHLY = 12
KEEP_OTHER = 20
NAME = re.compile(r"^coach-(\d{4}-\d{2}-\d{2})T(\d{6})-(daily|manual|pre-restore)\.zip$")
MAX_MEMBER_BYTES = 128 * 1024 * 1024  # one data file (read whole to check it)
MAX_BACKUP_BYTES = 512 * 1024 * 1024  # every data file together, uncompressed
MAX_MANIFEST_BYTES = 1024 * 1024
CHUNK = 1024 * 1024
# Whatever a damaged or hostile zip can raise while it is opened or read.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,  # also json and UTF-8 decoding errors
    RuntimeError,  # an encrypted member
    NotImplementedError,  # an unknown compression method
    zlib.error,
    RecursionError,  # JSON nested too deeply
)


class BackupError(InputError):
    """A backup file coach will not restore; the data was not touched."""


@dataclass(frozen=True)
class Backup:
    """One backup file, known by its name."""

    path: Path
    day: date
    stamp: str  # YYYY-MM-DDTHHMMSS: sorts by time
    kind: BackupKind


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
            kind = BackupKind(m.group(3))
            out.append(Backup(path, day, f"{m.group(1)}T{m.group(2)}", kind))
    return sorted(out, key=lambda b: (b.stamp, b.kind))


def _write_zip(
    folder: Path,
    names: list[str],
    target: Path,
    now: datetime,
    kind: str,
    on_progress: Progress | None = None,
) -> None:
    """A new complete backup of `names`: a file unchanged since the previous backup (the
    same size, mtime, inode and ctime as recorded there) has its compressed bytes copied
    from that backup after checking them (inflated against the recorded checksum), not
    read and compressed again; any other is read from the folder. Every backup holds
    every file, so each restores on its own, whatever rotation removed before it."""
    previous = _previous(folder, target)
    try:
        members = _incremental(folder, names, previous, on_progress)
        _write_archive(target, members, now.isoformat(timespec="seconds"), kind)
    finally:
        if previous is not None:
            previous.close()


def signature_of(st: os.stat_result) -> list[int]:
    """A data file's signature: the store replaces a file by rename on every save, so a
    save changes the inode (and ctime) even when size and mtime repeat."""
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


class _Previous:
    """The newest earlier backup whose manifest records signatures: its members to reuse."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fh = open(path, "rb")  # noqa: SIM115 (closed by close())
        try:
            self.zip = zipfile.ZipFile(self.fh)
            manifest = json.loads(self.zip.read(MANIFEST))
            self.rows = {
                row["path"]: row
                for row in manifest.get("files", [])
                if isinstance(row, dict) and isinstance(row.get("signature"), list)
            }
        except BaseException:
            self.fh.close()
            raise

    def close(self) -> None:
        self.zip.close()
        self.fh.close()

    def member(self, name: str, sig: list[int]) -> Reused | None:
        """The member's compressed bytes when `sig` is the one recorded and the bytes check
        out (any doubt: None, and the file is read afresh)."""
        row = self.rows.get(name)
        if row is None or row.get("signature") != sig:
            return None
        try:
            info = self.zip.getinfo(name)
            if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_DEFLATED, 0):
                return None
            if info.file_size != row.get("size") or info.compress_size > MAX_MEMBER_BYTES:
                return None
            self.fh.seek(info.header_offset)
            header = self.fh.read(30)
            if len(header) != 30 or header[:4] != b"PK\x03\x04":
                return None
            skip = int.from_bytes(header[26:28], "little") + int.from_bytes(header[28:30], "little")
            self.fh.seek(info.header_offset + 30 + skip)
            data = self.fh.read(info.compress_size)
            if len(data) != info.compress_size:
                return None
            plain = zlib.decompress(data, -15) if info.compress_type else data
        except ZIP_ERRORS:
            return None
        sha = hashlib.sha256(plain).hexdigest()
        if len(plain) != info.file_size or zlib.crc32(plain) != info.CRC or sha != row["sha256"]:
            return None
        return Reused(info, data, sha)


@dataclass(frozen=True)
class Reused:
    """A member copied as it is compressed in the previous backup."""

    info: zipfile.ZipInfo
    data: bytes
    sha256: str


def _previous(folder: Path, target: Path) -> _Previous | None:
    for backup in reversed(list_backups(folder)):
        if backup.path == target:
            continue
        try:
            return _Previous(backup.path)
        except (*ZIP_ERRORS, KeyError, TypeError, AttributeError):
            return None  # the newest is damaged: read every file afresh
    return None


Member = tuple[str, "bytes | Reused", "list[int] | None"]


def _incremental(
    folder: Path, names: list[str], previous: _Previous | None, on_progress: Progress | None
) -> Iterator[Member]:
    for done, name in enumerate(names, 1):
        path = folder / name
        try:
            sig = signature_of(path.stat())
            reused = previous.member(name, sig) if previous is not None else None
            if reused is not None:
                yield name, reused, sig
            else:
                raw = path.read_bytes()
                # a file changed while it was read gets no signature: never reused
                yield name, raw, sig if signature_of(path.stat()) == sig else None
        except FileNotFoundError:
            pass  # removed since listed
        if on_progress is not None:
            on_progress(done, len(names))


def _copy_member(archive: zipfile.ZipFile, name: str, reused: Reused) -> None:
    """Put a member's already compressed bytes into `archive` as ZipFile.mkdir puts an
    entry: header, data, then the central directory entry at close."""
    zinfo = zipfile.ZipInfo(name, date_time=reused.info.date_time)
    zinfo.compress_type = reused.info.compress_type
    zinfo.external_attr = reused.info.external_attr
    zinfo.CRC, zinfo.file_size = reused.info.CRC, reused.info.file_size
    zinfo.compress_size = len(reused.data)
    z: Any = archive  # ZipFile's own bookkeeping, as its mkdir() does it
    with z._lock:
        if z._seekable:
            z.fp.seek(z.start_dir)
        zinfo.header_offset = z.fp.tell()
        z._writecheck(zinfo)
        z._didModify = True
        z.filelist.append(zinfo)
        z.NameToInfo[zinfo.filename] = zinfo
        z.fp.write(zinfo.FileHeader(False))
        z.fp.write(reused.data)
        z.start_dir = z.fp.tell()


def _write_archive(
    target: Path,
    members: Iterable[tuple[str, bytes]] | Iterable[Member],
    created_at: str,
    kind: str,
    mtime_ns: int | None = None,
) -> None:
    """Write a backup zip (members one at a time, then the manifest) atomically, 0600."""
    tmp = archive_temp(target, members, created_at, kind, mtime_ns)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(target.parent)


def archive_temp(
    target: Path,
    members: Iterable[tuple[str, bytes]] | Iterable[Member],
    created_at: str,
    kind: str,
    mtime_ns: int | None = None,
) -> Path:
    """Write a backup zip to a fsynced temp file beside `target`; returns the temp."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        os.chmod(tmp, FILE_MODE)
        files = []
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, raw, *more in members:
                row: dict[str, object]
                if isinstance(raw, Reused):
                    _copy_member(archive, name, raw)
                    row = {"path": name, "size": raw.info.file_size, "sha256": raw.sha256}
                else:
                    archive.writestr(name, raw)
                    row = {
                        "path": name,
                        "size": len(raw),
                        "sha256": hashlib.sha256(raw).hexdigest(),
                    }
                if more and more[0] is not None:
                    row["signature"] = more[0]
                files.append(row)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": created_at,
                "kind": kind,
                "files": files,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2))
        if mtime_ns is not None:
            os.utime(tmp, ns=(mtime_ns, mtime_ns))
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def make_backup(
    folder: Path, now: datetime, kind: str = "manual", on_progress: Progress | None = None
) -> Backup:
    """Copy every data file into a new dated backup and rotate old ones.

    `on_progress(done, total)` after each data file.
    """
    with DataLock(Path(folder)):
        return _make_backup_locked(Path(folder), now, kind, on_progress)


def _make_backup_locked(
    folder: Path, now: datetime, kind: str, on_progress: Progress | None = None
) -> Backup:
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    _settle(folder, strict=False)  # a damaged commit record: back up the files as they are
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
        _write_zip(folder, data_files(folder), target, now, kind, on_progress)
    except OSError as exc:
        raise StoreWriteError(target, exc.strerror or str(exc)) from exc
    rotate(folder)
    return Backup(target, moment.date(), stamp, BackupKind(kind))


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


# -- a plain backup in an encrypted folder ----------------------------------------
def plain_backups(folder: Path) -> list[Backup]:
    """In an encrypted folder, the backups holding a data file in plain JSON: written by a
    machine that had not yet seen the encryption turned on, and brought here by the sync
    tool. Needs no key (the files' first bytes say it); a damaged zip is not counted.
    """
    if not encrypted(folder):
        return []
    found: list[Backup] = []
    for backup in list_backups(folder):
        try:
            with zipfile.ZipFile(backup.path) as archive:
                for info in archive.infolist():
                    if info.filename == MANIFEST or info.file_size == 0:
                        continue
                    with archive.open(info) as fh:
                        head = fh.read(len(MAGIC))
                    if not sealed(head):
                        found.append(backup)
                        break
        except ZIP_ERRORS:
            continue  # damaged: doctor's check of the backups says so
    return found


def seal_plain_backups(folder: Path, cipher: Cipher) -> list[Backup]:
    """Encrypt each plain backup (plain_backups) under the folder's key; the ones done.

    Each is re-written to a fsynced temp beside it (same name, manifest and time), the
    temp checked to decrypt to exactly the same data, then renamed over it: a kill or
    a full disk leaves the old zip whole. One this key cannot read all of (a member
    under another passphrase) or a damaged one is left as it is, for doctor to report.
    """
    folder = Path(folder)
    if not plain_backups(folder):
        return []
    done: list[Backup] = []
    with DataLock(folder):
        for backup in plain_backups(folder):  # again under the lock: rekey may have run
            try:
                _seal_zip(backup.path, cipher)
            except (CoachError, OSError):
                continue
            done.append(backup)
        if done:
            fsync_dir(backups_dir(folder))
    return done


def recoded_archive(
    path: Path, members: list[tuple[str, bytes]], old: Cipher | None, new: Cipher | None
) -> Path:
    """A fsynced temp beside the backup `path`: its checked `members` (the manifest first,
    as _members gives them) under `new`, with the same manifest time, kind and mtime."""
    manifest = json.loads(members[0][1])
    rows = [(name, recode(path, raw, old, new)) for name, raw in members if name != MANIFEST]
    return archive_temp(
        path,
        rows,
        str(manifest.get("created_at", "")),
        str(manifest.get("kind", "")),
        mtime_ns=path.stat().st_mtime_ns,
    )


def _seal_zip(path: Path, cipher: Cipher) -> None:
    members = list(_members(path, cipher))  # every member checked, under this key
    plain = {name: plaintext(path, raw, cipher) for name, raw in members if name != MANIFEST}
    tmp = recoded_archive(path, members, cipher, cipher)
    try:
        again = {n: plaintext(path, raw, cipher) for n, raw in read_backup(tmp, cipher).items()}
        if again != plain:
            raise BackupError(f"{path}: re-encrypting it did not give the same data back")
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise


# -- restore -----------------------------------------------------------------
def _settle(folder: Path, *, strict: bool = True) -> None:
    """Finish a save killed midway (under the lock) before reading or replacing data."""
    try:
        recover(folder)
    except DataFileError:
        if strict:
            raise
    except OSError as exc:
        raise StoreWriteError(
            folder, f"cannot complete an interrupted save: {exc.strerror or exc}"
        ) from exc


def _safe_member(name: str) -> bool:
    """Only the data file names coach writes: no absolute path, no `..`, nothing else."""
    if name == MAIN_FILE:
        return True
    p = PurePosixPath(name)
    return (
        "\\" not in name
        and len(p.parts) == 2
        and f"{p.parts[0]}/{p.parts[1]}" == name
        and p.parts[0] == JOURNAL_DIR
        and MONTH_FILE.match(p.parts[1]) is not None
    )


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """A member's bytes, read in chunks; None when it holds more than `limit` bytes."""
    out = bytearray()
    with archive.open(info) as fh:
        while chunk := fh.read(min(CHUNK, limit + 1 - len(out))):
            out += chunk
            if len(out) > limit:
                return None
    return bytes(out)


def _entries(path: Path, manifest: object, names: list[str]) -> list[tuple[str, int, str]]:
    """The manifest's (name, size, sha256) list, checked against the zip's member names."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: not a coach backup (wrong manifest)")
    if manifest.get("version") != VERSION:
        raise BackupError(f"{path}: backup version {manifest.get('version')!r} is unknown")
    rows = manifest.get("files")
    if not isinstance(rows, list) or not rows:
        raise BackupError(f"{path}: the backup lists no data files")
    entries: list[tuple[str, int, str]] = []
    for row in rows:
        if not isinstance(row, dict):
            raise BackupError(f"{path}: the manifest is damaged")
        name, size, sha = row.get("path"), row.get("size"), row.get("sha256")
        if not isinstance(name, str) or not _safe_member(name) or name in {e[0] for e in entries}:
            raise BackupError(f"{path}: the manifest names an unexpected file {name!r}")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise BackupError(f"{path}: the manifest is damaged (size of {name})")
        if size > MAX_MEMBER_BYTES:
            raise BackupError(f"{path}: {name} is too large ({size} bytes)")
        if not isinstance(sha, str):
            raise BackupError(f"{path}: the manifest is damaged (checksum of {name})")
        entries.append((name, size, sha))
    total = sum(size for _, size, _ in entries)
    if total > MAX_BACKUP_BYTES:
        raise BackupError(f"{path}: the backup is too large ({total} bytes of data)")
    listed = {name for name, _, _ in entries}
    for name in names:
        if name != MANIFEST and name not in listed:
            raise BackupError(f"{path}: the backup holds an unexpected file {name!r}")
    return entries


def _members(
    path: Path, cipher: Cipher | None = None, on_progress: Progress | None = None
) -> Iterator[tuple[str, bytes]]:
    """Open a backup and yield its manifest's bytes, then each data file's, each checked.

    Member names, sizes and the total are checked before any member is read;
    one member is in memory at a time. Raises BackupError naming the problem.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    try:
        archive = zipfile.ZipFile(path)
    except ZIP_ERRORS as exc:
        raise BackupError(f"{path}: not a coach backup ({exc})") from None
    with archive:
        try:
            names = archive.namelist()
            if len(set(names)) != len(names):
                raise BackupError(f"{path}: the backup holds a file twice")
            try:
                info = archive.getinfo(MANIFEST)
            except KeyError:
                raise BackupError(f"{path}: not a coach backup (no {MANIFEST})") from None
            raw = _read_member(archive, info, MAX_MANIFEST_BYTES)
            if raw is None:
                raise BackupError(f"{path}: the manifest is damaged (too large)")
            manifest = json.loads(raw)
        except ZIP_ERRORS as exc:
            raise BackupError(f"{path}: the manifest is damaged ({exc})") from None
        entries = _entries(path, manifest, names)
        yield MANIFEST, raw
        for done, (name, size, sha) in enumerate(entries, 1):
            yield name, _member(path, archive, name, size, sha, cipher)
            if on_progress is not None:
                on_progress(done, len(entries))


def _member(
    path: Path, archive: zipfile.ZipFile, name: str, size: int, sha: str, cipher: Cipher | None
) -> bytes:
    try:
        info = archive.getinfo(name)
    except KeyError:
        raise BackupError(f"{path}: {name} is listed but missing") from None
    if info.file_size != size:
        raise BackupError(f"{path}: {name} does not match its checksum (size)")
    try:
        raw = _read_member(archive, info, size)
    except ZIP_ERRORS as exc:
        raise BackupError(f"{path}: {name} is damaged ({exc})") from None
    if raw is None or len(raw) != size or hashlib.sha256(raw).hexdigest() != sha:
        raise BackupError(f"{path}: {name} does not match its checksum")
    try:
        parse(Path(name), raw, cipher)
    except DataFileError as exc:
        raise BackupError(f"{path}: {name} inside is damaged: {exc.problem}") from None
    return raw


def check_backup(
    path: Path, cipher: Cipher | None = None, on_progress: Progress | None = None
) -> dict[str, int]:
    """Check a backup completely without holding it in memory: data file name -> size."""
    return {name: len(raw) for name, raw in _members(path, cipher, on_progress) if name != MANIFEST}


def read_backup(path: Path, cipher: Cipher | None = None) -> dict[str, bytes]:
    """Every data file of a checked backup, in memory (check_backup does not hold them).

    An encrypted backup needs the `cipher` of the folder it came from.
    """
    return {name: raw for name, raw in _members(path, cipher) if name != MANIFEST}


def recode(path: Path, raw: bytes, old: Cipher | None, new: Cipher | None) -> bytes:
    """A data file's bytes as they are kept under `new` (encrypted, or plain when None)."""
    if new is not None and sealed(raw) and salt_of(raw) == new.salt:
        return raw  # already under this key
    plain = plaintext(path, raw, old)
    return new.seal(plain) if new is not None else plain


def restore(
    folder: Path,
    path: Path,
    now: datetime,
    cipher: Cipher | None = None,
    on_progress: Progress | None = None,
) -> Backup:
    """Replace the data with a backup's, all or nothing (coach.store.commit).

    Checks each file of the backup while writing it to a temp file, then backs
    up the current data (returned), then puts every file in place at once and
    removes data files the backup does not have.
    """
    folder = Path(folder)
    try:
        ensure_private_dir(folder)  # a new machine: restore into a folder not made yet
    except OSError as exc:
        raise StoreWriteError(folder, exc.strerror or str(exc)) from exc
    with DataLock(folder):
        _settle(folder)
        for where in (folder, folder / JOURNAL_DIR):
            remove_stale_temps(where)
        steps: list[Step] = []
        try:
            for name, raw in _members(path, cipher, on_progress):
                if name != MANIFEST:
                    kept_as = recode(folder / name, raw, cipher, cipher)
                    steps.append(_stage(folder / name, kept_as))
            safety = _make_backup_locked(folder, now, "pre-restore")
        except BaseException:
            for step in steps:
                if step.temp is not None:
                    discard(step.temp)
            raise
        kept = {step.target for step in steps}
        steps += [Step(folder / n) for n in data_files(folder) if folder / n not in kept]
        try:
            commit(folder, steps)
        except AfterCommit as exc:
            raise StoreSyncError(folder, exc.strerror or str(exc)) from exc
        except OSError as exc:
            raise StoreWriteError(folder, exc.strerror or str(exc)) from exc
    return safety


def _stage(target: Path, raw: bytes) -> Step:
    """Write one restored file to a fsynced temp beside its target."""
    try:
        ensure_private_dir(target.parent)
        return Step(target, write_temp(target, raw), digest_of(raw))
    except OSError as exc:
        raise StoreWriteError(target, exc.strerror or str(exc)) from exc


# -- scrubbing -------------------------------------------------------------------
@dataclass
class ScrubReport:
    """Backups rewritten without a record, and those too damaged to be read."""

    rewritten: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)


def scrub_backups(
    folder: Path, table: str, record_id: str, cipher: Cipher | None = None
) -> ScrubReport:
    """Remove the record `record_id` of `table` from every backup of the folder.

    Each zip holding it is rewritten atomically (manifest updated, name and
    time kept); so are the copies made before a migration. A backup that
    cannot be read is left as it is and listed in the report.
    """
    folder = Path(folder)
    report = ScrubReport()
    with DataLock(folder):
        for backup in list_backups(folder):
            try:
                if _scrub_zip(backup.path, table, record_id, cipher):
                    report.rewritten.append(backup.path)
            except BackupError:
                report.unreadable.append(backup.path)
            except OSError as exc:
                raise StoreWriteError(backup.path, exc.strerror or str(exc)) from exc
        where = backups_dir(folder)
        copies = sorted(where.glob(f"{MIGRATION_BACKUP_PREFIX}*")) if where.is_dir() else []
        for copy in copies:
            for name in data_files(copy):
                path = copy / name
                try:
                    raw = path.read_bytes()
                    scrubbed = without_record(raw, table, record_id, cipher)
                    if scrubbed is not None:
                        atomic_write(path, scrubbed)
                        report.rewritten.append(path)
                except (ValueError, RecursionError, DataFileError):
                    report.unreadable.append(path)
                except OSError as exc:
                    raise StoreWriteError(path, exc.strerror or str(exc)) from exc
    return report


def without_record(
    raw: bytes, table: str, record_id: str, cipher: Cipher | None = None
) -> bytes | None:
    """A data file's bytes without the record; None when it does not hold it.

    An encrypted file comes back encrypted (DataFileError without its cipher).
    """
    data = json.loads(plaintext(Path(table), raw, cipher) if sealed(raw) else raw)
    rows = data.get(table) if isinstance(data, dict) else None
    if not isinstance(rows, dict):
        return None
    keep = {
        k: doc
        for k, doc in rows.items()
        if not (isinstance(doc, dict) and doc.get("id") == record_id)
    }
    if len(keep) == len(rows):
        return None
    data[table] = keep
    out = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return cipher.seal(out) if cipher is not None and sealed(raw) else out


def _scrub_zip(path: Path, table: str, record_id: str, cipher: Cipher | None) -> bool:
    """Rewrite one backup without the record (True), or leave it when it lacks it."""
    holds = (
        name != MANIFEST and without_record(raw, table, record_id, cipher) is not None
        for name, raw in _members(path, cipher)
    )
    if not any(holds):
        return False
    members = _members(path, cipher)
    manifest = json.loads(next(members)[1])
    rows = ((name, without_record(raw, table, record_id, cipher) or raw) for name, raw in members)
    _write_archive(
        path,
        rows,
        str(manifest.get("created_at", "")),
        str(manifest.get("kind", "")),
        mtime_ns=path.stat().st_mtime_ns,
    )
    return True
