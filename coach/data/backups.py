"""Backups as the rest of coach sees them: the daily copy on first open, and restore.

The work happens in coach/store/backup.py (the only code that touches data files);
this module supplies the user's day and clock.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from coach.core.errors import CoachError
from coach.session import Coach
from coach.store.backup import Backup, ensure_daily, seal_plain_backups
from coach.store.crypto import Cipher


def daily_backup(coach: Coach) -> Backup | None:
    """Make today's backup if this is the first open of the user's day (cheap otherwise).

    An encrypted folder's backups written in plain JSON by a machine that had not yet
    seen the encryption (come through the sync tool) are encrypted here too.
    """
    made = ensure_daily(coach.store.folder, coach.today(), coach.clock.now())
    if coach.store.cipher is not None:
        seal_plain_backups(coach.store.folder, coach.store.cipher)
    with contextlib.suppress(OSError):  # today's backup is there: an older failure is moot
        (coach.store.folder / FAILURE_NOTE).unlink(missing_ok=True)
    return made


FAILURE_NOTE = ".coach.backup-failed"  # beside the data: why the last background backup failed
MAX_NOTE_BYTES = 4096


def note_backup_failure(folder: Path, message: str) -> None:
    """Keep why a backup nobody waited for failed (the CLI's, made after the command
    exited), for the next open to say; best effort: nowhere to report a failure here."""
    from coach.core.atomic import atomic_write

    with contextlib.suppress(OSError):
        atomic_write(
            Path(folder) / FAILURE_NOTE, message.encode("utf-8", "replace")[:MAX_NOTE_BYTES]
        )


def take_backup_failure(folder: Path) -> str | None:
    """Why the last background backup failed, once (the note is removed), or None."""
    path = Path(folder) / FAILURE_NOTE
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_NOTE_BYTES)
        path.unlink()
    except OSError:  # none (the usual case), or unreadable: nothing to say
        return None
    return raw.decode("utf-8", "replace").strip() or "unknown error"


def merge_sync_conflicts(coach: Coach) -> list[str]:
    """Fold a sync tool's conflict copies into the data (coach.store.sync); what was merged.

    Run on open, beside the daily backup: the copies end up in backups/conflicts/.
    Lines for copies that were not merged say why and what to do (coach.store.sync).
    """
    from coach.store.sync import find_conflicts, merge_conflicts

    if not find_conflicts(coach.store.folder):
        return []
    report = merge_conflicts(coach.store)
    return [f"merged {line}" for line in report.merged] + [
        f"not merged {line}" for line in report.skipped
    ]


# -- what the app's palette runs (screens/shell/data_app.py), off the UI thread ------------
def backup_now(coach: Coach) -> Backup:
    """A manual backup of the open folder now; InputError when there is nothing to copy."""
    from coach.core.errors import InputError
    from coach.store.backup import data_files, make_backup

    folder = coach.store.folder
    if not data_files(folder):
        raise InputError(f"there is no data to back up in {folder} yet")
    return make_backup(folder, coach.clock.now(), "manual")


def newest_backup(coach: Coach) -> Backup | None:
    """The most recent backup of the open folder, or None."""
    from coach.store.backup import list_backups

    found = list_backups(coach.store.folder)
    return found[-1] if found else None


def restore_backup(coach: Coach, path_text: str) -> tuple[Path, Backup]:
    """Replace the open folder's data with the backup the user named.

    Every file of the backup is checked first (a damaged one changes nothing);
    the data as it was is copied to a safety backup, returned with the path.
    """
    from coach.store.backup import check_backup, restore

    path = _existing_file(path_text, "backup")
    check_backup(path, coach.store.cipher)
    return path, restore(coach.store.folder, path, coach.clock.now(), coach.store.cipher)


def _existing_file(path_text: str, what: str) -> Path:
    from coach.core.errors import InputError

    if not path_text.strip():
        raise InputError(f"type the path of the {what} file")
    path = Path(path_text.strip()).expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a folder: name the {what} file in it")
    if not path.is_file():
        raise InputError(f"there is no file {path}")
    return path


# -- what the damaged-data screen (screens/shell/error.py) runs, with no Coach open -----------
def newest_good_backup(folder: Path, cipher: Cipher | None = None) -> Backup | None:
    """The newest backup of `folder` whose every file checks out (check_backup), or None.

    Newer backups that do not check out (one made of the damaged data, say) are passed over.
    """
    from coach.store.backup import check_backup, list_backups

    for backup in reversed(list_backups(folder)):
        try:
            check_backup(backup.path, cipher)
        except (CoachError, OSError):
            continue
        return backup
    return None


def restore_newest_good(
    folder: Path, now: datetime, cipher: Cipher | None = None
) -> tuple[Backup, Backup]:
    """Replace `folder`'s data with its newest good backup: (that backup, the safety backup).

    The data as it is now, the damaged file too, goes into the safety backup first;
    InputError when no backup checks out (then nothing was changed).
    """
    from coach.core.errors import InputError
    from coach.store.backup import backups_dir, restore

    good = newest_good_backup(folder, cipher)
    if good is None:
        raise InputError(f"there is no good backup in {backups_dir(folder)}")
    return good, restore(folder, good.path, now, cipher)


def offer_restore(folder: Path, damaged: Path, cipher: Cipher | None = None) -> Backup | None:
    """The backup the damaged-data screen offers to restore over `damaged`, or None.

    None for a damaged commit record: a restore writes a commit record of its own,
    over it; that file is moved aside by hand (its message says so).
    """
    from coach.store.commit import RECORD_NAME

    if Path(damaged).name == RECORD_NAME or not Path(folder).is_dir():
        return None
    return newest_good_backup(folder, cipher)
