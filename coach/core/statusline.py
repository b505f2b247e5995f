"""The status line kept beside the data: what `coach status` prints, ready made.

Saves (and every slow `coach status`) write `.coach.status` in the data folder:
the line and the JSON text for one logical day, the moments that day starts
and ends, and the signature (inode, size, mtime, ctime) of every file the
status was read from (the main file, the journal months around the day, the
encryption marker and a left-over commit record, those two as absent). A
`coach status` that finds the file whole, the moment inside its day and every
signature unchanged prints it without opening the store; anything else (a
save elsewhere, a sync, the next day, another time zone, a damaged or foreign
file) is a miss and the status is computed as before.

Standard library only (no json either): `coach status` runs at every shell prompt.
The file is private (0600, in the 0700 data folder) and replaced atomically; it
is a cache, so it is not fsynced: a torn one is a miss.
"""

from __future__ import annotations

import os
import time

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads it alike)
if TYPE_CHECKING:
    from collections.abc import Sequence

FILE_NAME = ".coach.status"
HEADER = "coach-status 1"
ABSENT = "-"


def _signature(path: str) -> str:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return ABSENT
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def local_zone() -> str:
    """The process's local time zone as the C library sees it (TZ, /etc/localtime)."""
    return f"{time.timezone},{time.altzone},{time.daylight},{os.environ.get('TZ', '')}"


def _path(folder: str | os.PathLike[str]) -> str:
    return os.path.join(os.fspath(folder), FILE_NAME)


def sign(folder: str | os.PathLike[str], files: Sequence[str]) -> list[str]:
    """The file rows for `files` (relative to the folder, POSIX) as they are now."""
    root = os.fspath(folder)
    return [f"file {name} {_signature(os.path.join(root, name))}" for name in files]


def render(window: tuple[float, float], signed: Sequence[str], line: str, json_text: str) -> str:
    """The file's text: the day's window (POSIX times), the rows from sign(), the outputs."""
    rows = [HEADER, f"window {window[0]!r} {window[1]!r}", f"local {local_zone()}", *signed]
    rows += [f"line {line}", f"json {json_text}", "end"]
    return "\n".join(rows) + "\n"


def write(folder: str | os.PathLike[str], text: str) -> None:
    """Replace the status file with `text` (from render): private, atomic, not fsynced."""
    target = _path(folder)
    tmp = f"{target}.{os.getpid()}.tmp"  # a killed write leaves a dot-temp the store sweeps
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, text.encode("utf-8"))
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        _unlink(tmp)
        raise


def forget(folder: str | os.PathLike[str]) -> None:
    """Remove the status file (a failed keep must not leave an older one looking valid)."""
    _unlink(_path(folder))


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:  # not contextlib.suppress: contextlib would cost this path an import
        return


def read(folder: str | os.PathLike[str], now: float) -> tuple[str, str] | None:
    """(line, json text) when the kept status is still true at `now` (a POSIX time), else None."""
    root = os.fspath(folder)
    try:
        with open(_path(root), encoding="utf-8") as handle:
            text = handle.read(64 * 1024)
    except (OSError, UnicodeDecodeError):
        return None
    rows = text.split("\n")
    if len(rows) < 7 or rows[0] != HEADER or rows[-2:] != ["end", ""]:
        return None
    try:
        kind, start, end = rows[1].split(" ")
        if kind != "window" or not float(start) <= now < float(end):
            return None
    except ValueError:
        return None
    if rows[2] != f"local {local_zone()}":
        return None
    line = json_text = None
    for row in rows[3:-2]:
        kind, _, rest = row.partition(" ")
        if kind == "file":
            name, _, signed = rest.rpartition(" ")
            if (
                not name
                or ".." in name.split("/")
                or _signature(os.path.join(root, name)) != signed
            ):
                return None
        elif kind == "line":
            line = rest
        elif kind == "json":
            json_text = rest
        else:
            return None
    if line is None or json_text is None or not (line + json_text).isprintable():
        return None
    return line, json_text
