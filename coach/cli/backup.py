"""`coach backup` and `coach restore FILE`: copies of the data folder, and going back to one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.core.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser("backup", help="make a backup of your data now")
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    backup.set_defaults(handler=run_backup)
    restore = sub.add_parser("restore", help="replace your data with a backup's")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    restore.set_defaults(handler=run_restore)


def _folder(args: argparse.Namespace) -> Path:
    from coach.core.config import data_folder

    return data_folder(args.data_dir)


def run_backup(args: argparse.Namespace) -> int:
    from coach.cli import make_clock
    from coach.store.backup import data_files, list_backups, make_backup

    folder = _folder(args)
    if args.list:
        for b in reversed(list_backups(folder)):
            print(f"{b.stamp}  {b.kind:<11}  {b.path}")
        return 0
    if not data_files(folder):
        raise InputError(f"there is no data to back up in {folder}")
    from coach.cli.progress import progress_bar

    with progress_bar("Backing up") as bar:
        made = make_backup(folder, make_clock().now(), "manual", on_progress=bar)
    print(f"backed up to {made.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from coach.cli import make_clock, passphrase_for
    from coach.store.backup import check_backup, restore
    from coach.store.crypto import open_folder

    folder = _folder(args)
    cipher = open_folder(folder, passphrase_for(folder))  # an encrypted folder's key
    from coach.cli.progress import progress_bar

    with progress_bar("Checking the backup") as bar:
        files = check_backup(args.file, cipher, on_progress=bar)  # a damaged one stops here
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError("restore replaces your data: confirm on a terminal or pass --yes")
        answer = input(
            f"Replace the data in {folder} with {args.file} ({len(files)} files)? "
            "Your current data is backed up first. Type yes: "
        )
        if answer.strip().lower() != "yes":
            print("nothing changed")
            return 1
    with progress_bar("Restoring") as bar:
        safety = restore(folder, args.file, make_clock().now(), cipher, on_progress=bar)
    print(f"restored {args.file}; your previous data is in {safety.path}")
    _warn_controls(folder)
    return 0


def _warn_controls(folder: Path) -> None:
    """A restored backup is kept byte for byte; say so when its text holds control
    characters (coach shows them as symbols and never passes them to the terminal)."""
    from coach.core.text import count_controls
    from coach.store import Store
    from coach.store.dump import dump

    found = count_controls(dump(Store(folder)))
    if found:
        print(
            f"note: {found} text{'s' if found != 1 else ''} in this backup hold control "
            "characters (terminal escapes); coach shows them as symbols, never obeys them",
            file=sys.stderr,
        )
