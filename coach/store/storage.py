"""A TinyDB Storage that reads lazily, caches by file signature and writes atomically.

TinyDB's own JSONStorage truncates and rewrites the file in place, so a crash
mid-write loses data. This storage never writes over a file it could not read,
and only writes inside a transaction (while the data folder lock is held).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from itertools import repeat
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from coach.core.atomic import fsync_dir, install, write_temp
from coach.core.errors import DataFileError, StoreSyncError, StoreWriteError
from coach.core.oserrors import describe
from coach.store import schema
from coach.store.commit import new_hash
from coach.store.crypto import Cipher, sealed
from coach.store.lock import DataLock
from coach.store.schema import SCHEMA_VERSION as SCHEMA_VERSION  # re-exported, read via schema
from coach.store.schema import Tables, meta_of, migrate, stamp

Signature = tuple[int, int, int]


def signature(path: Path) -> Signature | None:
    """Identity of a file's current content: changes whenever it is replaced."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def parse(path: Path, raw: bytes, cipher: Cipher | None = None) -> Tables:
    """Parse and validate a data file's bytes, or raise DataFileError naming the problem.

    A file of an older schema comes back migrated (in memory only). An encrypted
    file is decrypted with `cipher` (DataFileError without one).
    """
    return parse_versioned(path, raw, cipher)[0]


def plaintext(path: Path, raw: bytes, cipher: Cipher | None) -> bytes:
    """A data file's bytes decrypted when they are encrypted (coach.store.crypto)."""
    if not sealed(raw):
        return raw
    if cipher is None:
        raise DataFileError(path, "is encrypted: coach needs the passphrase to read it")
    return cipher.open(path, raw)


def parse_versioned(path: Path, raw: bytes, cipher: Cipher | None = None) -> tuple[Tables, int]:
    """Like parse, and also the schema version the file was written with."""
    raw = plaintext(path, raw, cipher)
    if not raw.strip():
        raise DataFileError(path, "the file is empty")
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise DataFileError(path, "the file is not text (UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(
            path, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise DataFileError(path, "wrong shape: nested too deeply to be coach data") from None
    if not isinstance(data, dict):
        raise DataFileError(path, "wrong shape: expected a JSON object of tables")
    meta = meta_of(data)
    if meta is None:
        raise DataFileError(path, "wrong shape: no schema version (_meta table)")
    version = meta.get("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DataFileError(path, f"wrong shape: schema version {version!r} is not valid")
    current = schema.SCHEMA_VERSION
    if version > current:
        raise DataFileError(
            path,
            f"written by a newer coach (schema {version}; this coach reads up to "
            f"{current}). Upgrade coach to open it.",
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DataFileError(path, f"wrong shape: table {name!r} is not an object")
        if not _well_formed(table):
            for key, doc in table.items():
                if not (key.isascii() and key.isdigit()) or not isinstance(doc, dict):
                    raise DataFileError(path, f"wrong shape: record {key!r} in table {name!r}")
    if version < current:
        try:
            data = migrate(data, version)
        except Exception as exc:
            raise DataFileError(
                path, f"cannot be brought from schema {version} to {current}: {exc!r}"
            ) from exc
    return data, version


def _well_formed(table: dict[str, Any]) -> bool:
    """Every key a record number (ASCII digits) and every record an object: checked in C
    loops, as a month holds thousands of records (the slow loop names the odd one)."""
    if not table:
        return True
    keys = "".join(table)
    return (
        all(table)  # no empty key (it would vanish from the join)
        and keys.isascii()
        and keys.isdigit()
        and all(map(isinstance, table.values(), repeat(dict)))
    )


def _digest(raw: bytes) -> bytes:
    """The checksum of a file's bytes (the one commit records keep, as hex)."""
    h = new_hash()
    h.update(raw)
    return h.digest()


def _copy(data: Tables) -> Tables:
    """Copy down to each document: TinyDB mutates tables and documents in place."""
    return {name: {k: dict(doc) for k, doc in table.items()} for name, table in data.items()}


class AtomicJSONStorage(Storage):
    """One data file. Reads see committed data; a transaction's writes are staged."""

    def __init__(
        self,
        path: Path,
        kind: str = "journal",
        lock: DataLock | None = None,
        settle: Callable[[], None] | None = None,
        cipher: Callable[[], Cipher | None] | None = None,
    ) -> None:
        self.path = Path(path)
        self._cipher = cipher or (lambda: None)  # the folder's, when it is encrypted
        self._settle = settle  # finishes a commit left half done, before a re-read
        self.kind = kind
        self._lock = lock
        self._cache: Tables | None = None
        self._sig: Signature | None = None
        self._digest: bytes | None = None  # of the bytes self._cache came from
        self._checked = -1  # the lock generation in which the content was last verified
        self._staged: Tables | None = None
        self._staged_digest: bytes | None = None
        self.migrated_from: int | None = None  # the older schema of the cached data, if any
        self._owner: int | None = None
        self._read = False  # whether committed() has looked at the file (even if absent)

    # -- reading -----------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._owner == threading.get_ident():
            if self._staged is None:
                self._staged = _copy(self.committed() or {})
            return self._staged
        return self.committed()

    def committed(self) -> Tables | None:
        """The file's data as on disk now (re-read only when the file changed).

        Outside a save, "changed" means a new (inode, size, mtime) signature:
        cheap, and at worst briefly stale. Under the lock (inside a save) the
        content itself is checked once per save, because a signature can repeat
        on a coarse-clock file system (inode reused, same size, same tick) and a
        stale read there would lose another process's update.
        """
        self._read = True
        lock = self._lock
        if lock is not None and lock.held():
            if self._checked != lock.generation:
                self._load(self._read_bytes())
                self._checked = lock.generation
            return self._cache
        sig = signature(self.path)
        if (sig != self._sig or self._cache is None) and self._settle is not None:
            self._settle()
            sig = signature(self.path)
        if sig is None:
            self._cache, self._sig, self._digest = None, None, None
            return None
        if sig != self._sig or self._cache is None:
            self._load(self._read_bytes())
        return self._cache

    def _read_bytes(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DataFileError(self.path, f"cannot be read ({exc.strerror})") from exc

    def _load(self, raw: bytes | None) -> None:
        """Take `raw` as the file's content: parse it unless it is what is cached."""
        if raw is None:
            self._cache, self._sig, self._digest = None, None, None
            return
        sig = signature(self.path)
        digest = _digest(raw)
        if digest != self._digest or self._cache is None:
            self._cache, version = parse_versioned(self.path, raw, self._cipher())
            self.migrated_from = version if version < schema.SCHEMA_VERSION else None
            self._digest = digest
        self._sig = sig

    def changed(self) -> bool:
        """True when the file on disk differs from what was last read (or appeared since)."""
        return self._read and signature(self.path) != self._sig

    # -- writing -----------------------------------------------------------
    def begin(self) -> None:
        self._owner = threading.get_ident()
        self._staged = None

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._owner != threading.get_ident():
            raise StoreWriteError(self.path, "write outside a transaction")
        self._staged = data

    @property
    def staged_digest(self) -> str:
        """The checksum (coach.store.commit) of the temp file the last prepare() wrote."""
        return (self._staged_digest or b"").hex()

    def prepare(self) -> Path | None:
        """First half of a commit: write the staged data to a fsynced temp file.

        Raises StoreWriteError (the file on disk untouched) when the disk refuses.
        """
        staged = self._staged
        if staged is None:
            return None
        stamp(staged, self.kind)
        payload = json.dumps(staged, ensure_ascii=False, separators=(",", ":")).encode()
        cipher = self._cipher()
        if cipher is not None:
            payload = cipher.seal(payload)
        self._staged_digest = _digest(payload)
        try:
            return write_temp(self.path, payload)
        except OSError as exc:
            raise StoreWriteError(self.path, describe(exc)) from exc

    def install(self, tmp: Path | None) -> None:
        """Second half: rename the temp file into place and remember what was written."""
        if tmp is not None and self._staged is not None:
            try:
                install(tmp, self.path)
            except OSError as exc:
                self.forget()
                raise StoreWriteError(self.path, describe(exc)) from exc
        self.installed()

    def installed(self) -> None:
        """The prepared temp file is in place (renamed by a commit): cache what it holds."""
        staged, self._staged, self._owner = self._staged, None, None
        if staged is None:
            return
        self._cache, self._sig, self._digest = staged, signature(self.path), self._staged_digest
        self.migrated_from = None

    def forget(self) -> None:
        """What is on disk is unknown (a commit failed midway): read it again next time."""
        self._staged, self._owner = None, None
        self._cache, self._sig, self._digest = None, None, None

    def commit(self) -> None:
        """Write the staged data to the file atomically and durably."""
        self.install(self.prepare())
        try:
            fsync_dir(self.path.parent)
        except OSError as exc:
            raise StoreSyncError(self.path.parent, describe(exc)) from exc

    def rollback(self) -> None:
        self._staged, self._owner = None, None

    def close(self) -> None:
        pass
