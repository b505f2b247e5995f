"""The Store: coach's only door to its data files.

Layout of a data folder:
    coach.json            settings, best customers, losses: small, slow-growing
    journal/YYYY-MM.json  dated records (walks, calls, reflections...) by month

Dated records live in the file of their local calendar month, so a save
rewrites one month, never ten years. Every save runs in a transaction that
holds the folder lock, re-reads what other processes wrote, applies the
change and replaces the touched files atomically.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tinydb.queries import Query
from tinydb.table import Document, Table

from coach.core.atomic import (
    atomic_write,
    discard,
    ensure_private_dir,
    fsync_dir,
    remove_stale_temps,
)
from coach.core.errors import DataFileError, StoreSyncError, StoreWriteError
from coach.core.oserrors import describe
from coach.store import commit, crypto
from coach.store.lock import DataLock
from coach.store.storage import AtomicJSONStorage, Signature, signature

MAIN_FILE = "coach.json"
BACKUP_DIR = "backups"
MIGRATION_BACKUP_PREFIX = "pre-migration-"
JOURNAL_DIR = "journal"
MONTH_FILE = re.compile(r"^([0-9]{4})-([0-9]{2})\.json$")  # ASCII digits only

Record = dict[str, Any]
TOMBSTONES = "_deleted"  # per file: one document {"table:id": time of deletion} (coach.store.sync)
TOMBSTONE_DAYS = 180  # pruned after this: a machine away longer may bring a record back
# every update or replacing put stamps it (UTC): which edit is newest, for a sync merge.
# Not `edited_at`: reflections own that one (History shows it as the user's edit).
CHANGED = "changed_at"


def new_id() -> str:
    """A record id that stays unique across files, machines and imports."""
    return uuid.uuid4().hex


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _text(record: Record, key: str) -> str:
    """A field for ordering: a value of another type (a damaged record) sorts as ""."""
    value = record.get(key)
    return value if isinstance(value, str) else ""


class Store:
    """Open a data folder. Raises DataFileError if the main file is damaged.

    An encrypted folder (coach.store.crypto) needs its passphrase: `passphrase`,
    else $COACH_PASSPHRASE, else the system keyring; none is crypto.Locked, a
    wrong one crypto.WrongPassphrase (nothing written). The key is derived once
    here and kept in memory for this Store's life.
    """

    def __init__(self, folder: Path, passphrase: str | crypto.Cipher | None = None) -> None:
        self.folder = Path(folder)
        try:
            # True when an existing folder others could read was made 0700: callers say so.
            self.tightened = ensure_private_dir(self.folder)
        except OSError as exc:
            problem = "it is a file, not a folder" if self.folder.is_file() else exc.strerror
            raise DataFileError(self.folder, f"cannot use this data folder: {problem}") from exc
        self.lock = DataLock(self.folder)
        self.cipher: crypto.Cipher | None = None
        # wall-clock seconds for edit times and tombstones (what two machines compare);
        # tests set a fixed one
        self.wall_clock: Callable[[], float] = time.time
        self._main = AtomicJSONStorage(
            self.folder / MAIN_FILE,
            kind="main",
            lock=self.lock,
            settle=self._settle,
            cipher=self._get_cipher,
        )
        self._months: dict[str, AtomicJSONStorage] = {}
        self._txn: list[AtomicJSONStorage] | None = None
        self._txn_owner: int | None = None
        self._migration_backup: Path | None = None
        self._swept = False  # stray temp files cleaned (once per Store, under the lock)
        # Called after each save is on disk (outermost transaction, lock released), to keep
        # what is derived from the data (the status line: coach.routine.status.keep).
        self.after_save: list[Callable[[], None]] = []
        if commit.pending(self.folder):
            self._settle()  # a save killed midway: finish it before reading anything
        self.cipher = crypto.open_folder(self.folder, passphrase)
        self._marker_sig = _marker_signature(self.folder)
        self._main.committed()  # validate now: a damaged file is reported at open

    def _get_cipher(self) -> crypto.Cipher | None:
        return self.cipher

    @property
    def encrypted(self) -> bool:
        return self.cipher is not None

    # -- files ---------------------------------------------------------------
    @property
    def main_path(self) -> Path:
        return self._main.path

    @property
    def journal_dir(self) -> Path:
        return self.folder / JOURNAL_DIR

    def month_path(self, key: str) -> Path:
        """The journal file of month `key` (YYYY-MM), whether or not it exists."""
        return self.journal_dir / f"{key}.json"

    def month_signature(self, key: str) -> Signature | None:
        """The month file's signature (inode, size, mtime), None when there is no file: what
        the month caches key on (coach.store.memo, coach.walk.summary, coach.progress)."""
        return signature(self.month_path(key))

    def _month(self, key: str) -> AtomicJSONStorage:
        storage = self._months.get(key)
        if storage is None:
            storage = AtomicJSONStorage(
                self.month_path(key),
                kind="journal",
                lock=self.lock,
                settle=self._settle,
                cipher=self._get_cipher,
            )
            self._months[key] = storage
        return storage

    def months(self) -> list[str]:
        """Month keys (YYYY-MM) that have a journal file, oldest first."""
        if not self.journal_dir.is_dir():
            return []
        keys = [
            m.group(1) + "-" + m.group(2)
            for p in self.journal_dir.iterdir()
            if (m := MONTH_FILE.match(p.name))
        ]
        return sorted(keys)

    def files(self) -> list[Path]:
        """Every data file that exists, main first."""
        paths = [self._main.path] if self._main.path.exists() else []
        return paths + [self.month_path(k) for k in self.months()]

    def changed(self) -> bool:
        """True when another process saved since this one last read."""
        return self._main.changed() or any(s.changed() for s in list(self._months.values()))

    def validate_all(self) -> None:
        """Read every data file, raising DataFileError for the first damaged one."""
        self._main.committed()
        for key in self.months():
            self._month(key).committed()

    # -- transactions --------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Hold the lock; stage writes; replace touched files when the block ends."""
        if self._txn is not None and self._txn_owner == threading.get_ident():
            yield self  # nested: the outer transaction commits
            return
        with self.lock:
            self._recover()  # before the sweep: a half-done commit's temps are data
            if _marker_signature(self.folder) != self._marker_sig:
                raise StoreWriteError(
                    self.folder,
                    "the data folder was encrypted, decrypted or given a new passphrase "
                    "since coach opened it (coach encrypt, elsewhere): open coach again",
                )
            if not self._swept:
                # Temps of saves killed midway; their names never match a data file.
                remove_stale_temps(self.folder)
                remove_stale_temps(self.journal_dir)
                self._swept = True
            self._txn, self._txn_owner = [], threading.get_ident()
            try:
                yield self
                if any(s is not self._main for s in self._txn):
                    ensure_private_dir(self.journal_dir)
                self._commit(self._txn)
            except BaseException:
                for storage in self._txn:
                    storage.rollback()
                raise
            finally:
                self._txn, self._txn_owner = None, None
        for hook in list(self.after_save):
            hook()

    def _settle(self) -> None:
        """Before re-reading outside a save: finish a commit another process left half done.

        Waits for the lock, so a reader never sees a commit in the middle of its renames.
        """
        if commit.pending(self.folder) and not self.lock.held():
            with self.lock:
                self._recover()

    def _recover(self) -> None:
        """Roll forward a killed multi-file commit (under the lock); DataFileError if damaged."""
        try:
            commit.recover(self.folder)
        except OSError as exc:
            raise StoreWriteError(
                self.folder, f"cannot complete an interrupted save: {describe(exc)}"
            ) from exc

    def _commit(self, touched: list[AtomicJSONStorage]) -> None:
        """Write every touched file to a temp first; only when all are on disk, commit.

        A full disk or an I/O error while writing leaves every file as it was.
        Several files are replaced all or nothing (coach.store.commit); renames
        go months first, main last.
        """
        ordered = sorted(touched, key=lambda s: s is self._main)
        if any(s.migrated_from is not None for s in ordered):
            self._backup_before_migration()
        temps: list[Path | None] = []
        try:
            for storage in ordered:
                temps.append(storage.prepare())
        except BaseException:
            for tmp in temps:
                if tmp is not None:
                    discard(tmp)
            raise
        steps = [
            commit.Step(s.path, tmp, s.staged_digest)
            for s, tmp in zip(ordered, temps, strict=True)
            if tmp is not None
        ]
        if not steps:
            for storage in ordered:
                storage.installed()
            return
        where = steps[0].target if len(steps) == 1 else self.folder
        try:
            commit.commit(self.folder, steps, sync=fsync_dir)
        except commit.AfterCommit as exc:
            for storage in ordered:
                storage.forget()
            raise StoreSyncError(where, describe(exc)) from exc
        except OSError as exc:
            for storage in ordered:
                storage.forget()
            raise StoreWriteError(where, describe(exc)) from exc
        for storage in ordered:
            storage.installed()

    def _backup_before_migration(self) -> None:
        """Copy every data file, byte for byte, before migrated data replaces any of them.

        Goes to backups/pre-migration-<UTC time>/ (0700, files 0600, synced),
        once per Store; a failure stops the save (StoreWriteError), so nothing
        is migrated on disk without its backup.
        """
        if self._migration_backup is not None:
            return
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())  # a file name, not a day
        target = self.folder / BACKUP_DIR / f"{MIGRATION_BACKUP_PREFIX}{stamp}"
        n = 1
        while target.exists():
            n += 1
            target = target.with_name(f"{MIGRATION_BACKUP_PREFIX}{stamp}-{n}")
        try:
            ensure_private_dir(target.parent)
            partial = target.with_name("." + target.name + ".partial")
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(mode=0o700)
            (partial / JOURNAL_DIR).mkdir(mode=0o700)
            for path in self.files():
                name = path.relative_to(self.folder)
                atomic_write(partial / name, path.read_bytes())
            fsync_dir(partial / JOURNAL_DIR)
            os.replace(partial, target)
            fsync_dir(target.parent)
        except OSError as exc:
            raise StoreWriteError(
                target, f"cannot back up the data before upgrading it: {describe(exc)}"
            ) from exc
        self._migration_backup = target

    def _writing(self, storage: AtomicJSONStorage) -> AtomicJSONStorage:
        if self._txn is None or self._txn_owner != threading.get_ident():
            raise RuntimeError("store writes must happen inside store.transaction()")
        if storage not in self._txn:
            storage.begin()
            self._txn.append(storage)
        return storage

    # -- tables ----------------------------------------------------------------
    def records(self, name: str) -> Records:
        """An undated table in the main file (customers, losses...)."""
        return Records(self, name)

    def log(self, name: str) -> Log:
        """A dated table split by month (walks, reflections...)."""
        return Log(self, name)

    def doc(self, name: str) -> Doc:
        """A single document in the main file (settings, state)."""
        return Doc(self, name)

    def _tombstone(self, storage: AtomicJSONStorage, table: str, record_id: str) -> None:
        """Note in the record's own file that it was deleted, so a sync merge keeps it gone."""
        now = self.wall_clock()
        stones = self._table(storage, TOMBSTONES, True)
        doc = stones.get(doc_id=1)
        kept = dict(doc) if isinstance(doc, dict) else {}
        cutoff = now - TOMBSTONE_DAYS * 86400
        kept = {k: v for k, v in kept.items() if isinstance(v, int | float) and v >= cutoff}
        kept[f"{table}:{record_id}"] = now
        stones.upsert(Document(kept, doc_id=1))

    def edit(self, changes: Record) -> Record:
        """`changes` stamped with `changed_at`, now (UTC, milliseconds): every edit is."""
        moment = datetime.fromtimestamp(self.wall_clock(), UTC)
        return {**changes, CHANGED: moment.isoformat(timespec="milliseconds")}

    def _table(self, storage: AtomicJSONStorage, name: str, write: bool) -> Table:
        if write:
            self._writing(storage)
        return Table(storage, name, cache_size=0)


def _marker_signature(folder: Path) -> tuple[int, int, int] | None:
    """Which encryption marker the folder has now (None: not encrypted)."""
    try:
        st = os.stat(crypto.marker_path(folder))
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class Records:
    """Undated records keyed by their `id` field."""

    def __init__(self, store: Store, name: str) -> None:
        self.store, self.name = store, name

    def _t(self, write: bool = False) -> Table:
        return self.store._table(self.store._main, self.name, write)

    def all(self) -> list[Record]:
        return [dict(d) for d in self._t().all()]

    def get(self, record_id: str) -> Record | None:
        doc = self._t().get(Query().id == record_id)
        return dict(doc) if isinstance(doc, dict) else None

    def insert(self, record: Record) -> Record:
        record = {"id": new_id(), **record}
        self._t(write=True).insert(record)
        return record

    def put(self, record: Record) -> Record:
        """Insert or replace the record with this id (a replacement is stamped as an edit)."""
        table = self._t(write=True)
        if not table.update(self.store.edit(record), Query().id == record["id"]):
            table.insert(record)
        return record

    def update(self, record_id: str, changes: Record) -> None:
        self._t(write=True).update(self.store.edit(changes), Query().id == record_id)

    def remove(self, record_id: str) -> None:
        if self._t(write=True).remove(Query().id == record_id):
            self.store._tombstone(self.store._main, self.name, record_id)


class Log:
    """Dated records: each has `id` and `date` (YYYY-MM-DD, the user's local day)."""

    def __init__(self, store: Store, name: str) -> None:
        self.store, self.name = store, name

    def _t(self, key: str, write: bool = False) -> Table:
        return self.store._table(self.store._month(key), self.name, write)

    def on(self, day: date) -> list[Record]:
        iso = day.isoformat()
        return [dict(d) for d in self._t(month_key(day)).search(Query().date == iso)]

    def between(self, first: date | None = None, last: date | None = None) -> list[Record]:
        """Records with first <= date <= last, oldest first (either end may be open)."""
        lo = month_key(first) if first else ""
        hi = month_key(last) if last else "9999-99"
        lo_iso = first.isoformat() if first else ""
        hi_iso = last.isoformat() if last else "9999-99-99"
        out: list[Record] = []
        for key in self.store.months():
            if lo <= key <= hi:
                out.extend(
                    dict(d) for d in self._t(key).all() if lo_iso <= _text(d, "date") <= hi_iso
                )
        out.sort(key=lambda r: (_text(r, "date"), _text(r, "at")))
        return out

    def all(self) -> list[Record]:
        return self.between()

    def in_month(self, key: str) -> list[Record]:
        """Every record of one month file (key "YYYY-MM"), in file order."""
        return [dict(d) for d in self._t(key).all()]

    def get(self, day: date, record_id: str) -> Record | None:
        doc = self._t(month_key(day)).get(Query().id == record_id)
        return dict(doc) if isinstance(doc, dict) else None

    def insert(self, day: date, record: Record) -> Record:
        record = {"id": new_id(), **record, "date": day.isoformat()}
        self._t(month_key(day), write=True).insert(record)
        return record

    def put(self, day: date, record: Record) -> Record:
        """Insert or replace the record with this id on this day."""
        record = {**record, "date": day.isoformat()}
        table = self._t(month_key(day), write=True)
        if not table.update(self.store.edit(record), Query().id == record["id"]):
            table.insert(record)
        return record

    def update(self, day: date, record_id: str, changes: Record) -> None:
        self._t(month_key(day), write=True).update(
            self.store.edit(changes), Query().id == record_id
        )

    def remove(self, day: date, record_id: str) -> None:
        if self._t(month_key(day), write=True).remove(Query().id == record_id):
            self.store._tombstone(self.store._month(month_key(day)), self.name, record_id)


class Doc:
    """One named document in the main file."""

    def __init__(self, store: Store, name: str) -> None:
        self.store, self.name = store, name

    def get(self) -> Record:
        doc = self.store._table(self.store._main, self.name, False).get(doc_id=1)
        return dict(doc) if isinstance(doc, dict) else {}

    def put(self, value: Record) -> None:
        table = self.store._table(self.store._main, self.name, True)
        table.upsert(Document(value, doc_id=1))

    def update(self, changes: Record) -> None:
        self.put({**self.get(), **changes})
