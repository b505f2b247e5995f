"""All-or-nothing commits of several files: a commit record, then renames, rolled forward.

A save that replaces one file renames one fsynced temp file over it: atomic
already. A save that touches several files (an import, a restore, a
reflection and its draft) first writes every temp file, then a commit record
`.coach.commit` in the data folder naming each temp, its target and its
checksum (written atomically and fsynced), then renames the temps one by one
and removes the record. A process killed between two renames leaves the
record behind; the next open, save or backup of the folder finishes the
renames (`recover`), so every file set is wholly old or wholly new.

Rolling forward is safe to repeat: a step whose temp is gone was done. A temp
is renamed only when its checksum matches the record, and a damaged record
stops everything with a DataFileError naming it, no data file touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from coach.core.atomic import atomic_write, discard, fsync_dir, install
from coach.core.errors import DataFileError

RECORD_NAME = ".coach.commit"
FORMAT = "coach-commit"
VERSION = 1

# Test hook, None in use: called with the step number before each rename or
# removal of a multi-file commit or roll-forward (tests kill the process there).
before_step: Callable[[int], None] | None = None


@dataclass(frozen=True)
class Step:
    """Put `temp` (checksum `digest`) in place of `target`; with no temp, remove `target`."""

    target: Path
    temp: Path | None = None
    digest: str = ""


def new_hash() -> hashlib.blake2b:
    """The checksum a commit record keeps of a temp file (fed bytes as they are written)."""
    return hashlib.blake2b(digest_size=16)


def digest_of(raw: bytes) -> str:
    h = new_hash()
    h.update(raw)
    return h.hexdigest()


def record_path(folder: Path) -> Path:
    return Path(folder) / RECORD_NAME


class AfterCommit(OSError):
    """The change is committed (in place, or recorded for `recover`), but a later step failed."""


def commit(folder: Path, steps: list[Step], sync: Callable[[Path], None] = fsync_dir) -> None:
    """Apply `steps` (temps already written and fsynced) as one all-or-nothing change.

    One replacement is a plain rename. An OSError means nothing changed (the
    temps are removed); AfterCommit means the change stands or will be
    completed by the next `recover`. `sync` makes the renamed targets' folders
    durable (the Store passes its own: tests kill the process there).
    """
    if len(steps) == 1 and steps[0].temp is not None:
        install(steps[0].temp, steps[0].target)
        _finish(sync, steps[0].target.parent)
        return
    folder = Path(folder)
    record = record_path(folder)
    try:
        for where in sorted({s.temp.parent for s in steps if s.temp is not None}):
            fsync_dir(where)  # the temps' names are durable before the record points at them
        atomic_write(record, _encode(folder, steps))
    except BaseException:
        discard(record)  # in place but not known durable: the change did not happen
        for step in steps:
            if step.temp is not None:
                discard(step.temp)
        raise
    _finish(_apply, folder, steps, sync)


def _finish(call: Callable[..., None], *args: Any) -> None:
    try:
        call(*args)
    except AfterCommit:
        raise
    except OSError as exc:
        raise AfterCommit(exc.errno, exc.strerror) from exc


def recover(folder: Path) -> bool:
    """Finish a commit a killed process left half done. Call only while holding the lock.

    Returns True when there was one. Raises DataFileError (nothing touched) when
    its record is damaged or a temp it names does not match its checksum.
    """
    steps = _load(Path(folder))
    if steps is None:
        return False
    _apply(Path(folder), steps)
    return True


def problem(folder: Path) -> DataFileError | None:
    """What would stop `recover` (a damaged record or temp), found without changing anything."""
    try:
        _load(Path(folder))
    except DataFileError as exc:
        return exc
    return None


def _load(folder: Path) -> list[Step] | None:
    """The pending commit's steps, each temp checked; None when there is none."""
    path = record_path(folder)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataFileError(path, f"an interrupted save cannot be read ({exc.strerror})") from exc
    steps = _decode(folder, path, raw)
    for step in steps:
        _check(path, step)
    return steps


def pending(folder: Path) -> bool:
    """True when a commit record is on disk (a save is under way or was killed)."""
    return record_path(folder).exists()


def _apply(folder: Path, steps: list[Step], sync: Callable[[Path], None] = fsync_dir) -> None:
    """Do every step not done yet, make them durable, then drop the record."""
    for n, step in enumerate(steps):
        if before_step is not None:
            before_step(n)
        if step.temp is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(step.target)
        elif step.temp.exists():
            os.replace(step.temp, step.target)
    for where in sorted({s.target.parent for s in steps}):
        sync(where)
    if before_step is not None:
        before_step(len(steps))
    os.unlink(record_path(folder))
    fsync_dir(folder)


def _check(record: Path, step: Step) -> None:
    """Refuse to rename a temp that is not what the commit wrote."""
    if step.temp is None:
        return
    try:
        raw = step.temp.read_bytes()
    except FileNotFoundError:
        return  # renamed before the kill
    except OSError as exc:
        raise DataFileError(step.temp, f"cannot be read ({exc.strerror})") from exc
    if digest_of(raw) != step.digest:
        raise DataFileError(
            step.temp,
            f"an interrupted save cannot be completed: this file does not match its "
            f"checksum in {record}. No data file was changed; move both aside to open "
            "the data as it was before that save",
        )


def _relative(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def _encode(folder: Path, steps: list[Step]) -> bytes:
    rows = [
        {
            "target": _relative(folder, s.target),
            "temp": _relative(folder, s.temp) if s.temp is not None else None,
            "checksum": s.digest,
        }
        for s in steps
    ]
    body = json.dumps(rows, separators=(",", ":"), sort_keys=True)
    record = {
        "format": FORMAT,
        "version": VERSION,
        "steps": rows,
        "check": digest_of(body.encode()),
    }
    return json.dumps(record, indent=1).encode()


def _decode(folder: Path, path: Path, raw: bytes) -> list[Step]:
    """The steps of a commit record, or DataFileError when it is damaged in any way."""

    def damaged(why: str) -> DataFileError:
        return DataFileError(
            path,
            f"the record of an interrupted save is damaged ({why}). No data file was "
            "changed; move it aside to open the data (that save may be half done)",
        )

    try:
        record = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        raise damaged("not valid JSON") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise damaged("not a commit record")
    if record.get("version") != VERSION:
        raise damaged(f"unknown version {record.get('version')!r}")
    rows = record.get("steps")
    if not isinstance(rows, list):
        raise damaged("no steps")
    body = json.dumps(rows, separators=(",", ":"), sort_keys=True)
    if record.get("check") != digest_of(body.encode()):
        raise damaged("its checksum does not match")
    steps = []
    for row in rows:
        if not isinstance(row, dict):
            raise damaged("a step is not an object")
        target, temp, digest = row.get("target"), row.get("temp"), row.get("checksum")
        if not _inside(target) or not (temp is None or _inside(temp)):
            raise damaged(f"a step names an unexpected file {target!r}")
        if not isinstance(digest, str):
            raise damaged("a step has no checksum")
        assert isinstance(target, str)
        steps.append(Step(folder / target, folder / temp if temp else None, digest))
    return steps


def _inside(name: object) -> bool:
    """A relative path that stays inside the data folder."""
    if not isinstance(name, str) or not name or "\\" in name or "\0" in name:
        return False
    p = PurePosixPath(name)
    return not p.is_absolute() and ".." not in p.parts
