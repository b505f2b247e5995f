"""Checking a data folder file by file, without opening a Store (which stops at damage)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.core.errors import DataFileError
from coach.store import commit
from coach.store.backup import data_files
from coach.store.crypto import Cipher
from coach.store.storage import parse_versioned


@dataclass(frozen=True)
class FileCheck:
    """One data file: its schema version, or what is wrong with it."""

    name: str  # relative to the data folder
    schema: int | None
    problem: str | None = None


def check_file(folder: Path, name: str, cipher: Cipher | None = None) -> FileCheck:
    path = Path(folder) / name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return FileCheck(name, None, f"cannot be read ({exc.strerror})")
    try:
        _, version = parse_versioned(path, raw, cipher)
    except DataFileError as exc:
        return FileCheck(name, None, exc.problem)
    return FileCheck(name, version)


def check_files(folder: Path, cipher: Cipher | None = None) -> list[FileCheck]:
    """Every data file of the folder, checked; and a half-done save that cannot be completed."""
    checks = [check_file(folder, name, cipher) for name in data_files(folder)]
    stuck = commit.problem(folder)
    if stuck is not None:
        checks.append(FileCheck(_name(folder, stuck.path), None, stuck.problem))
    return checks


def _name(folder: Path, path: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return str(path)
