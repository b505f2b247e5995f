"""Saving text the user asked for (a questionnaire, a thank-you note) to a file."""

from __future__ import annotations

from pathlib import Path

from coach.core.atomic import atomic_write, ensure_private_dir
from coach.core.errors import FileWriteError, InputError
from coach.core.oserrors import describe


def typed_path(path_text: str, to: str = "save to") -> Path:
    """The file the user typed to write to (~ expanded); InputError when it cannot be one."""
    if not path_text.strip():
        raise InputError(f"type a file name to {to}")
    path = Path(path_text.strip()).expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a folder: add a file name")
    if not path.parent.is_dir():
        raise InputError(f"the folder {path.parent} does not exist")
    return path


def save_text(path_text: str, text: str) -> Path:
    """Write `text` atomically to the path the user typed; InputError names any problem."""
    path = typed_path(path_text)
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"could not write {path}: {exc.strerror or exc}") from None
    return path


def write_private(path: Path, text: str) -> None:
    """Write an export: 0600 whatever the umask, atomically (a full disk leaves no
    half or empty file), a missing folder made 0700. FileWriteError names any
    problem in words ("the disk is full: ...")."""
    try:
        if not path.parent.is_dir():
            ensure_private_dir(path.parent)
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise FileWriteError(path, describe(exc)) from None
