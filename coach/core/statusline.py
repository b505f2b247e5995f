"""Outputs kept beside the data: what `coach status` (and `coach today`) print, ready made.

Saves (and every slow `coach status`) write `.coach.status` in the data folder; a
slow `coach today` writes `.coach.today`. Each holds the outputs for one logical
day (the line and the JSON text), the moments that day starts and ends, the local
time zone, and the signature (inode, size, mtime, ctime) of every file the output
was read from (for status the main file and the journal months around the day; for
today every data file and every content file; always the encryption marker and a
left-over commit record, those two as absent). A command that finds its file whole,
the moment inside its day and every signature unchanged prints it without opening
the store; anything else (a save elsewhere, a sync, the next day, another time
zone, a damaged or foreign file) is a miss and the output is computed as before.

Standard library only (no json either): `coach status` runs at every shell prompt.
The files are private (0600, in the 0700 data folder), replaced atomically, never
written for an encrypted folder; they are caches, so not fsynced: a torn one is a miss.
"""

from __future__ import annotations

import os
import time

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy reads it alike)
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

FILE_NAME = ".coach.status"
TODAY_FILE = ".coach.today"
HEADER = "coach-kept 1"
ABSENT = "-"
ALWAYS_ABSENT = (".coach.crypt", ".coach.commit")  # coach.store.crypto.MARKER, commit.RECORD_NAME


def _signature(path: str) -> str:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return ABSENT
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def _escape(text: str) -> str:
    """One space-free ASCII word for any text (unescaped by _unescape)."""
    return text.encode("unicode_escape").decode("ascii").replace(" ", "\\x20")


def _unescape(text: str) -> str:
    return text.encode("ascii").decode("unicode_escape")


def local_zone() -> str:
    """The process's local time zone as the C library sees it (TZ, /etc/localtime)."""
    return f"{time.timezone},{time.altzone},{time.daylight},{os.environ.get('TZ', '')}"


def sign(folder: str | os.PathLike[str], files: Iterable[str]) -> list[str]:
    """The file rows for `files` (relative to the folder, POSIX, or absolute) as they are now."""
    root = os.fspath(folder)
    return [f"file {_escape(name)} {_signature(os.path.join(root, name))}" for name in files]


def listing(folder: str | os.PathLike[str], suffix: str) -> list[str]:
    """The names in `folder` ending in `suffix`, sorted; a row for the folder itself, so a
    file added or removed changes what is signed."""
    try:
        names = sorted(e.name for e in os.scandir(folder) if e.name.endswith(suffix))
    except OSError:
        names = []
    return [f"list {_escape(suffix)} {_escape(os.fspath(folder))} {_escape('/'.join(names))}"]


def sign_folder(folder: str | os.PathLike[str], suffix: str) -> list[str]:
    """listing() of the folder and sign() of every file in it ending in `suffix`."""
    rows = listing(folder, suffix)
    names = _unescape(rows[0].rsplit(" ", 1)[1])
    where = os.path.abspath(folder)
    return rows + sign(where, [os.path.join(where, n) for n in names.split("/") if n])


def render(window: tuple[float, float], signed: Iterable[str], outputs: Mapping[str, str]) -> str:
    """The file's text: the day's window (POSIX times), rows from sign() and listing(), and
    the outputs by name."""
    rows = [HEADER, f"window {window[0]!r} {window[1]!r}", f"local {local_zone()}", *signed]
    rows += [f"out {name} {_escape(text)}" for name, text in outputs.items()]
    rows.append("end")
    return "\n".join(rows) + "\n"


def write(folder: str | os.PathLike[str], text: str, name: str = FILE_NAME) -> None:
    """Replace a kept file with `text` (from render): private, atomic, not fsynced."""
    target = os.path.join(os.fspath(folder), name)
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


def forget(folder: str | os.PathLike[str], name: str = FILE_NAME) -> None:
    """Remove a kept file (a failed keep must not leave an older one looking valid)."""
    _unlink(os.path.join(os.fspath(folder), name))


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:  # not contextlib.suppress: contextlib would cost this path an import
        return


def _still_true(root: str, row: str) -> bool:
    kind, _, rest = row.partition(" ")
    if kind == "file":
        name, _, signed = rest.rpartition(" ")
        return bool(name) and _signature(os.path.join(root, _unescape(name))) == signed
    if kind == "list":
        suffix, where, _ = rest.split(" ")
        return listing(_unescape(where), _unescape(suffix)) == [row]
    return False


def read(
    folder: str | os.PathLike[str], now: float, name: str = FILE_NAME
) -> dict[str, str] | None:
    """The outputs by name when the kept file is still true at `now` (a POSIX time), else None."""
    root = os.fspath(folder)
    try:
        with open(os.path.join(root, name), encoding="utf-8") as handle:
            text = handle.read(4 * 1024 * 1024)
    except (OSError, UnicodeDecodeError):
        return None
    rows = text.split("\n")
    if len(rows) < 5 or rows[0] != HEADER or rows[-2:] != ["end", ""]:
        return None
    try:
        kind, start, end = rows[1].split(" ")
        if kind != "window" or not float(start) <= now < float(end):
            return None
    except ValueError:
        return None
    if rows[2] != f"local {local_zone()}":
        return None
    outputs: dict[str, str] = {}
    try:
        for row in rows[3:-2]:
            if row.startswith("out "):
                _, key, value = row.split(" ", 2)
                outputs[key] = _unescape(value)
            elif not _still_true(root, row):
                return None
    except (ValueError, UnicodeError):
        return None
    return outputs
