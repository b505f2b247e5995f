"""The export written a journal month at a time, so memory stays flat with history.

One pass reads each month file (coach.store.dump.month_records), renders its rows
for the format asked and appends them to one spool per log table: an unnamed
temp file (0600, in a private folder, gone when closed, even after a kill).
Then the output is written from the spools, in the order and with the bytes
coach.data.export gives (to_json, to_markdown, write_csv). The main file's
documents and records are small and read whole. A journal whose rows are out of
month order (a record filed under another month by hand) is exported from the
whole dump in memory instead, so the bytes stay the same.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any, TextIO

from coach.core.atomic import ensure_private_dir
from coach.core.errors import FileWriteError
from coach.core.jsontext import indented
from coach.core.oserrors import describe
from coach.core.text import safe_json
from coach.core.textfile import open_private, typed_path
from coach.data import export as formats
from coach.store import Store
from coach.store.core import Record
from coach.store.dump import main_tables, month_records, sort_key

Progress = Callable[[int, int], object]
MonthRows = tuple[str, dict[str, list[Record]]]
ROW_INDENT = "\n      "  # a log row's depth in the JSON export: top, "logs", the table


class OutOfOrder(Exception):
    """A log row sorts before one of an earlier month: stream no further."""


def store_months(store: Store) -> Iterator[MonthRows]:
    """Each month's public log rows, oldest month first, read one at a time."""
    for key in store.months():
        yield key, month_records(store, key)


class _Spool:
    """One log table's rendered rows, in an unnamed temp file."""

    def __init__(self, folder: Path | None) -> None:
        self.file: IO[str] = io.StringIO(newline="\n")
        if folder is not None:
            with contextlib.suppress(OSError):  # a read-only folder: the spool stays in memory
                self.file = tempfile.TemporaryFile(  # noqa: SIM115 (closed by _close)
                    "w+", encoding="utf-8", newline="\n", dir=folder
                )
        self.count = 0
        self.keys: set[str] = set()
        self.last: tuple[str, str] | None = None

    def add(self, row: Record, text: str) -> None:
        key = sort_key(row)
        if self.last is not None and key < self.last:
            raise OutOfOrder
        self.last = key
        self.count += 1
        self.keys.update(row)
        self.file.write(text)

    def chunks(self) -> Iterator[str]:
        self.file.seek(0)
        while chunk := self.file.read(1 << 16):
            yield chunk


def _spool(
    months: Iterable[MonthRows],
    render: Callable[[Record], str],
    folder: Path | None,
    include_private: bool,
    on_progress: Progress | None,
    total: int,
) -> dict[str, _Spool]:
    spools: dict[str, _Spool] = {}

    def take(tables: dict[str, list[Record]]) -> None:  # its locals go with the month
        for name, rows in tables.items():
            for row in rows:
                if include_private or row.get("private") is not True:
                    if name not in spools:
                        spools[name] = _Spool(folder)
                    spools[name].add(row, render(row))

    done = 0
    if on_progress is not None and total == 0:
        on_progress(0, 0)  # nothing to read: done already
    try:
        for month in months:
            take(month[1])
            del month  # dropped before the next month is read
            done += 1
            if on_progress is not None:
                on_progress(done, total)
    except OSError as exc:  # the spools' disk is full
        _close(spools)
        raise FileWriteError(folder or Path("."), describe(exc)) from None
    except BaseException:
        _close(spools)
        raise
    return {name: spools[name] for name in sorted(spools)}


def _close(spools: dict[str, _Spool]) -> None:
    for spool in spools.values():
        spool.file.close()


def _head(store: Store, now: datetime, include_private: bool) -> dict[str, Any]:
    main = main_tables(store)
    if not include_private:
        main = formats._without_private(main)
    return {
        "format": formats.FORMAT,
        "version": formats.VERSION,
        "exported_at": now.isoformat(timespec="seconds"),
        **main,
    }


def _json_row(row: Record) -> str:
    return safe_json(indented(row, sort_keys=True)).replace("\n", ROW_INDENT)


def _write_json(head: dict[str, Any], spools: dict[str, _Spool], out: TextIO) -> None:
    mark = f"coach-logs-{uuid.uuid4().hex}"
    before, after = formats.to_json({**head, "logs": mark}).split(json.dumps(mark), 1)
    out.write(before)
    if not spools:
        out.write("{}")
    else:
        out.write("{")
        for index, (name, spool) in enumerate(spools.items()):
            out.write(
                ("," if index else "")
                + "\n    "
                + safe_json(json.dumps(name, ensure_ascii=False))
                + ": ["
            )
            first = True
            for chunk in spool.chunks():
                # every row was spooled as ",\n      {...}": the table's first drops its comma
                out.write(chunk[1:] if first else chunk)
                first = False
            out.write("\n    ]")
        out.write("\n  }")
    out.write(after)


class _RightStripped:
    """Writes through, holding back trailing whitespace until more text comes
    (to_markdown strips the end of the whole text)."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.pending = out, ""

    def write(self, text: str) -> None:
        kept = text.rstrip()
        if kept:
            self.out.write(self.pending + kept)
            self.pending = text[len(kept) :]
        else:
            self.pending += text


def _md_row(row: Record) -> str:
    return "".join(line + "\n" for line in formats._md_record(row, str(row.get("date", ""))))


def _write_markdown(head: dict[str, Any], spools: dict[str, _Spool], out: TextIO) -> None:
    writer = _RightStripped(out)
    for line in formats.markdown_lines({**head, "logs": {}}):
        writer.write(line + "\n")
    for name, spool in spools.items():
        writer.write(f"## {name} ({spool.count})\n\n")
        for chunk in spool.chunks():
            writer.write(chunk)
    out.write("\n")


def _csv_row(row: Record) -> str:
    return json.dumps(row, ensure_ascii=False) + "\n"


def _write_csv(head: dict[str, Any], spools: dict[str, _Spool], folder: Path) -> list[Path]:
    written = formats.write_csv({**head, "logs": {}}, folder)
    for name, spool in spools.items():
        keys = sorted(spool.keys - {"id", "date"})
        columns = ["id", "date", *keys]
        path = folder / f"{name}.csv"
        with open_private(path, newline="") as out:
            writer = csv.writer(out)
            writer.writerow([formats.csv_text(h) for h in columns])
            spool.file.seek(0)
            for line in spool.file:
                row = json.loads(line)
                writer.writerow([formats._csv_cell(row.get(c)) for c in columns])
        written.append(path)
    return written


def _spool_folder(folder: Path) -> Path:
    if not folder.is_dir():
        try:
            ensure_private_dir(folder)
        except OSError as exc:
            raise FileWriteError(folder, describe(exc)) from None
    return folder


def _spooled(
    store: Store,
    months: Iterable[MonthRows] | None,
    render: Callable[[Record], str],
    folder: Path,
    include_private: bool,
    on_progress: Progress | None,
) -> dict[str, _Spool]:
    """The store's months (or `months`) spooled; in `folder`, or in memory for an
    encrypted store (its text is never put on disk in the clear, even in an unnamed temp)."""
    return _spool(
        store_months(store) if months is None else months,
        render,
        None if store.encrypted else folder,
        include_private,
        on_progress,
        len(store.months()),
    )


def export_stream(
    store: Store,
    now: datetime,
    fmt: str,
    out: TextIO,
    *,
    spool_in: Path,
    include_private: bool = False,
    on_progress: Progress | None = None,
    months: Iterable[MonthRows] | None = None,
) -> None:
    """Write the export as `fmt` ("json" or "markdown") to `out`, a month at a time.

    Spools go in `spool_in` (a private folder: the target's, or the data folder for
    stdout). `on_progress(done, total)` is called after each month file.
    """
    head = _head(store, now, include_private)
    render = (lambda row: "," + ROW_INDENT + _json_row(row)) if fmt == "json" else _md_row
    try:
        spools = _spooled(store, months, render, spool_in, include_private, on_progress)
    except OutOfOrder:
        whole = formats.export_data(store, now, include_private=include_private)
        out.write(formats.to_json(whole) if fmt == "json" else formats.to_markdown(whole))
        return
    try:
        (_write_json if fmt == "json" else _write_markdown)(head, spools, out)
    finally:
        _close(spools)


def export_csv(
    store: Store,
    now: datetime,
    folder: Path,
    *,
    include_private: bool = False,
    on_progress: Progress | None = None,
    months: Iterable[MonthRows] | None = None,
) -> list[Path]:
    """One CSV file per table in `folder` (made 0700), each 0600 and atomic, a month at a time."""
    head = _head(store, now, include_private)
    try:
        spools = _spooled(
            store, months, _csv_row, _spool_folder(folder), include_private, on_progress
        )
    except OutOfOrder:
        whole = formats.export_data(store, now, include_private=include_private)
        return formats.write_csv(whole, folder)
    try:
        return _write_csv(head, spools, folder)
    finally:
        _close(spools)


def export_file(
    store: Store,
    now: datetime,
    fmt: str,
    path: Path,
    *,
    include_private: bool = False,
    on_progress: Progress | None = None,
) -> None:
    """The export streamed into a 0600 temp beside `path`, renamed over it when whole."""
    with open_private(path) as out:
        export_stream(
            store,
            now,
            fmt,
            out,
            spool_in=path.parent,
            include_private=include_private,
            on_progress=on_progress,
        )


# -- what the app's palette runs (screens/shell/data_app.py), off the UI thread ------------
def export_to(store: Store, now: datetime, path_text: str) -> Path:
    """Export everything but private records to the file the user typed, 0600.

    A name ending in .md is written as Markdown, anything else as JSON (which
    `import` reads back). InputError names what is wrong with the path.
    """
    path = typed_path(path_text, "export to")
    markdown = path.suffix.lower() in {".md", ".markdown"}
    export_file(store, now, "markdown" if markdown else "json", path)
    return path
