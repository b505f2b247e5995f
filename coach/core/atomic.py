"""Durable, atomic file replacement: the only way coach writes a data file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"
FILE_MODE = 0o600
DIR_MODE = 0o700


def fsync_dir(folder: Path) -> None:
    """Make a rename inside `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_temp(path: Path, data: bytes) -> Path:
    """Write `data` to a new private temp file beside `path`, fsynced. Returns its path.

    On any error the temp file is removed and the error raised: `path` is untouched.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = -1
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def install(tmp: Path, path: Path) -> None:
    """Rename a temp file from write_temp over `path` (atomic); remove it on failure."""
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new file.

    A temp file in the same folder is written, flushed and fsynced, then
    renamed over `path`, then the folder is fsynced. On any error the temp
    file is removed and `path` is untouched.
    """
    install(write_temp(path, data), path)
    fsync_dir(path.parent)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temp files left by a killed save. Call only while holding the lock."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX) and entry.is_file():
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


def ensure_private_dir(folder: Path) -> bool:
    """Create `folder` and any missing parents as 0700, whatever the umask.

    An existing folder of ours that others may read is tightened to 0700 (best
    effort). Returns True when it was: the caller may say so.
    """
    folder = Path(folder)
    if folder.is_dir():
        return _tighten(folder)
    missing = [folder, *(p for p in folder.parents if not p.exists())]
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=DIR_MODE)
            os.chmod(path, DIR_MODE)
    if not folder.is_dir():
        raise NotADirectoryError(20, "Not a directory", str(folder))
    return False


def _tighten(folder: Path) -> bool:
    try:
        st = os.stat(folder)
        if st.st_uid != os.geteuid() or not st.st_mode & 0o077:
            return False
        os.chmod(folder, DIR_MODE)
    except OSError:
        return False
    return True


def read_own_file(path: Path) -> bytes | None:
    """The bytes of `path` if only this user could have written it (owned by them, not
    writable by group or others): for caches of code (pickle, marshal). None when it is
    not such a file, or cannot be read."""
    try:
        with open(path, "rb") as file:
            info = os.fstat(file.fileno())
            if info.st_uid != os.getuid() or info.st_mode & 0o022:
                return None
            return file.read()
    except OSError:
        return None
