"""Saving text the user asked for (a questionnaire, a thank-you note) to a file."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from coach.core.atomic import (
    FILE_MODE,
    TEMP_SUFFIX,
    atomic_write,
    discard,
    ensure_private_dir,
    fsync_dir,
    install,
)
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


class _FdWriter(io.RawIOBase):
    """A file descriptor written with os.write, as atomic.write_temp does (so a full
    disk, real or simulated by the fault tests, fails the same way)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        return os.write(self.fd, data)

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()


@contextlib.contextmanager
def open_private(path: Path, newline: str | None = None) -> Iterator[TextIO]:
    """A text file to stream an export into: a 0600 temp beside `path`, fsynced and
    renamed over it when the block ends well, removed (and `path` untouched) when it
    does not. A missing folder is made 0700; FileWriteError names a disk problem."""
    tmp: Path | None = None
    try:
        if not path.parent.is_dir():
            ensure_private_dir(path.parent)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
        tmp = Path(name)
        raw = _FdWriter(fd)
        with io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8", newline=newline) as out:
            os.fchmod(fd, FILE_MODE)
            yield out
            out.flush()
            os.fsync(fd)
        install(tmp, path)
        tmp = None
        fsync_dir(path.parent)
    except OSError as exc:
        raise FileWriteError(path, describe(exc)) from None
    finally:
        if tmp is not None:
            discard(tmp)
