"""Saving text the user asked for (a questionnaire, a thank-you note) to a file."""

from __future__ import annotations

from pathlib import Path

from coach.core.atomic import atomic_write
from coach.core.errors import InputError


def save_text(path_text: str, text: str) -> Path:
    """Write `text` atomically to the path the user typed; InputError names any problem."""
    if not path_text.strip():
        raise InputError("type a file name to save to")
    path = Path(path_text.strip()).expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a folder: add a file name")
    if not path.parent.is_dir():
        raise InputError(f"the folder {path.parent} does not exist")
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"could not write {path}: {exc.strerror or exc}") from None
    return path
