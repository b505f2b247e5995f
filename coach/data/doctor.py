"""`coach doctor`: is the data folder healthy, are there backups, is the content valid?

Each check gives lines marked ok, note or PROBLEM; any problem means exit 1.
Works on a damaged folder: files are checked one by one, never through a Store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from coach.core.errors import CoachError, ContentError
from coach.session import Passphrase
from coach.store.crypto import Cipher
from coach.store.schema import SCHEMA_VERSION

OK, NOTE, PROBLEM = "ok", "note", "PROBLEM"
BACKUP_STALE = timedelta(days=2)
SYNC_STALE = timedelta(days=14)
SYNC_MARKERS = (".stfolder", ".dropbox", ".sync", ".owncloudsync.log", ".nextcloudsync.log")


@dataclass
class Report:
    folder: Path
    lines: list[tuple[str, str]] = field(default_factory=list)
    cipher: Cipher | None = field(default=None, repr=False)  # an encrypted folder's, unlocked

    def add(self, level: str, text: str) -> None:
        self.lines.append((level, text))

    @property
    def problems(self) -> int:
        return sum(level == PROBLEM for level, _ in self.lines)

    def render(self) -> str:
        out = [f"coach doctor: {self.folder}"]
        out += [f"  {level:<8} {text}" for level, text in self.lines]
        n = self.problems
        out.append("")
        out.append("No problems found." if n == 0 else f"{n} problem{'s' * (n != 1)} found.")
        return "\n".join(out)


def orphans(data: dict[str, Any]) -> list[str]:
    """Records whose `<thing>_id` names a record that is gone (e.g. a touch's customer).

    Reported as notes, not problems: coach keeps some on purpose (the calls of a
    deleted customer stay in the history, with the name on them).

    Generic: a field `customer_id` points into the table `customers`; it is
    checked when that table exists or the thing is one coach stores (customer, loss).
    """
    return _orphans(
        (kind, name, row)
        for kind in ("records", "logs")
        for name, rows in data[kind].items()
        for row in rows
    )


def _orphans(rows: Iterable[tuple[str, str, dict[str, Any]]]) -> list[str]:
    """orphans() over (kind, table, record), read once: only every id and the records that
    point somewhere are kept (so the journal can come a month at a time, _store_orphans).
    Found in dump order: records as given, then logs by table, date and id."""
    ids: dict[str, set[str]] = {}
    # (a log's?, table, date, id, " on <date>", field, value) of each record pointing somewhere
    pointing: list[tuple[bool, str, str, str, str, str, str]] = []
    for kind, name, row in rows:
        ids.setdefault(name, set()).add(str(row.get("id")))
        day = str(row.get("date", ""))
        where = f" on {row['date']}" if "date" in row else ""
        for key, value in row.items():
            if key.endswith("_id") and isinstance(value, str) and value:
                pointing.append((kind == "logs", name, day, str(row.get("id")), where, key, value))
    records = [p for p in pointing if not p[0]]
    logs = sorted((p for p in pointing if p[0]), key=lambda p: (p[1], p[2], p[3]))
    found: list[str] = []
    for _, name, _, record_id, where, key, value in records + logs:
        target = key[:-3] + ("es" if key[:-3].endswith("s") else "s")
        if target not in ids and key[:-3] not in ("customer", "loss"):
            continue
        if value not in ids.get(target, set()):
            found.append(f"{name} {record_id}{where}: {key} {value!r} is gone")
    return found


def _store_orphans(store: Any, main: dict[str, Any]) -> list[str]:
    """orphans() of the whole store, its journal read a month at a time (memory flat)."""
    from coach.store.dump import month_records

    def rows() -> Iterator[tuple[str, str, dict[str, Any]]]:
        for name, records in main["records"].items():
            yield from (("records", name, row) for row in records)
        for key in store.months():
            for name, records in month_records(store, key).items():
                yield from (("logs", name, row) for row in records)

    return _orphans(rows())


def _unlock(report: Report, passphrase: Passphrase | None) -> tuple[bool, Cipher | None]:
    """(whether the contents can be read, the folder's Cipher when it is encrypted)."""
    from coach.store import crypto

    if not crypto.encrypted(report.folder):
        return True, None
    try:
        cipher = crypto.open_folder(report.folder, passphrase)
    except crypto.Locked:
        report.add(NOTE, "the data is encrypted and locked: file contents not checked")
        return False, None
    except CoachError as exc:
        report.add(PROBLEM, str(exc))
        return False, None
    report.add(OK, "the data is encrypted (passphrase accepted)")
    report.cipher = cipher
    return True, cipher


def _check_sync(report: Report, now: datetime) -> None:
    """Conflict copies a sync tool left, and a synced folder that stopped changing."""
    from coach.store.backup import data_files
    from coach.store.sync import find_conflicts, merge_command, waiting_copies

    conflicts = find_conflicts(report.folder)
    for c in conflicts:
        name = c.path.relative_to(report.folder).as_posix()
        report.add(PROBLEM, f"{name}: a sync tool's conflict copy (coach merges it when it opens)")
    for path in waiting_copies(report.folder, report.cipher):
        report.add(
            PROBLEM,
            f"{path.relative_to(report.folder).as_posix()}: a copy under another passphrase "
            "(two machines changed the encryption at once), not merged yet; nothing is lost. "
            f"To merge it: {merge_command(path.name)} (or delete it if it is not needed)",
        )
    synced = [m for m in SYNC_MARKERS if (report.folder / m).exists()]
    changed = max(
        ((report.folder / n).stat().st_mtime for n in data_files(report.folder)), default=0.0
    )
    if synced and changed and now.timestamp() - changed > SYNC_STALE.total_seconds():
        days = int((now.timestamp() - changed) // 86400)
        report.add(
            NOTE,
            f"this synced folder ({synced[0]}) has not changed in {days} days: "
            "is the sync tool running on this machine?",
        )


def _check_data(report: Report, passphrase: Passphrase | None = None) -> dict[str, Any] | None:
    from coach.store import Store
    from coach.store.check import check_files
    from coach.store.dump import main_tables

    folder = report.folder
    if not folder.exists():
        report.add(NOTE, "no data folder yet: nothing has been saved")
        return None
    if not os.access(folder, os.R_OK | os.X_OK):
        report.add(PROBLEM, "the data folder cannot be read")
        return None
    if not os.access(folder, os.W_OK):
        report.add(PROBLEM, "the data folder is read-only: saves will fail")
    else:
        report.add(OK, "data folder readable and writable")
    readable, cipher = _unlock(report, passphrase)
    if not readable:
        return None
    checks = check_files(folder, cipher)
    bad = [c for c in checks if c.problem]
    versions = sorted({c.schema for c in checks if c.schema is not None})
    if versions:
        older = [v for v in versions if v < SCHEMA_VERSION]
        text = f"schema version {', '.join(map(str, versions))} (this coach: {SCHEMA_VERSION})"
        report.add(NOTE if older else OK, text + (": upgraded on next save" if older else ""))
    for c in bad:
        report.add(PROBLEM, f"{c.name}: {c.problem}")
    if checks and not bad:
        report.add(OK, f"{len(checks)} data file{'s' * (len(checks) != 1)} valid")
    if bad:
        report.add(NOTE, "orphan records not checked while a data file is damaged")
        return None
    try:
        store = Store(folder, cipher)
        data = main_tables(store)  # the journal is read a month at a time below
        found = _store_orphans(store, data)
    except CoachError as exc:
        report.add(PROBLEM, f"cannot read the data: {exc}")
        return None
    if found:
        # Some are kept on purpose (a deleted customer's calls stay in the history): a note.
        report.add(NOTE, f"{len(found)} record(s) point at something deleted:")
        for line in found[:10]:
            report.add(NOTE, f"  {line}")
        if len(found) > 10:
            report.add(NOTE, f"  ... and {len(found) - 10} more")
    else:
        report.add(OK, "no orphan records")
    return data


def _check_backups(
    report: Report, now: datetime, has_data: bool, cipher: Cipher | None = None
) -> None:
    from coach.store.backup import BackupError, check_backup, data_files, list_backups

    backups = list_backups(report.folder)
    if not backups:
        report.add(PROBLEM if has_data else NOTE, "no backups yet (coach backup makes one)")
        return
    newest = backups[-1]
    try:
        check_backup(newest.path, cipher)
    except BackupError as exc:
        report.add(PROBLEM, f"the newest backup is damaged: {exc}")
        return
    changed = max(
        ((report.folder / n).stat().st_mtime for n in data_files(report.folder)), default=0.0
    )
    made = newest.path.stat().st_mtime
    age = now.timestamp() - made
    text = f"{len(backups)} backups, newest {newest.stamp} ({newest.kind}) is valid"
    if changed - made > BACKUP_STALE.total_seconds():
        report.add(PROBLEM, text + f", but older than your last change by {int(age // 86400)} days")
    else:
        report.add(OK, text)


def _check_plain_backups(report: Report) -> None:
    """An encrypted folder's backups in plain JSON (needs no key: the first bytes say it)."""
    from coach.store.backup import plain_backups

    for plain in plain_backups(report.folder):
        report.add(
            PROBLEM,
            f"backups/{plain.path.name}: written unencrypted (by a machine that had not seen "
            "the encryption turned on): coach encrypts it the next time it opens here with "
            "the passphrase (any command, or the app)",
        )


def _check_content(report: Report) -> None:
    from coach.content.library import load_library
    from coach.core.paths import builtin_content_dir, user_content_dir

    try:
        lib = load_library(builtin_content_dir(), user_content_dir())
    except ContentError as exc:
        report.add(PROBLEM, f"built-in content: {exc}")
        return
    report.add(OK, f"built-in content: {len(lib.items)} items valid")
    for problem in lib.problems:
        report.add(PROBLEM, f"your content: {problem}")
    user = user_content_dir()
    files = sorted(user.glob("*.toml")) if user.is_dir() else []
    if files and not lib.problems:
        report.add(OK, f"your content: {len(files)} file{'s' * (len(files) != 1)} valid")


def _check_settings(report: Report, data: dict[str, Any] | None) -> None:
    from coach.settings import settings_from

    if data is None:
        return
    _, problems = settings_from(data["documents"].get("settings", {}))
    for problem in problems:
        report.add(PROBLEM, problem)


def run_doctor(
    folder: Path,
    now: datetime,
    passphrase: Passphrase | None = None,
    on_progress: Callable[[int, int], object] | None = None,
) -> Report:
    """Check everything and return the report (an encrypted folder's contents need its
    passphrase: given, from $COACH_PASSPHRASE or the keyring; else they are not checked).

    `on_progress(done, 4)` after each part: the data, sync and settings, backups, content.
    """
    step = on_progress or (lambda done, total: None)
    report = Report(Path(folder))
    data = _check_data(report, passphrase)
    step(1, 4)
    _check_sync(report, now)
    _check_settings(report, data)
    step(2, 4)
    from coach.store.backup import data_files

    has_data = bool(data_files(report.folder))
    from coach.store import crypto

    if report.cipher is not None or not crypto.encrypted(report.folder):
        _check_backups(report, now, has_data, report.cipher)
    _check_plain_backups(report)
    step(3, 4)
    _check_content(report)
    step(4, 4)
    return report
