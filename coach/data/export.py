"""The export: everything as JSON (versioned, complete), Markdown or CSV (for reading).

Everything but `exported_at` is sorted, so two exports of the same data differ
only there. Records marked `"private": true` (the unsent letter) are left out
unless asked for. JSON keeps every character exactly; Markdown and CSV are for
reading, so a control character in user text shows as a visible symbol, and a
CSV cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
quoted with '. These build the export in memory; coach.data.stream writes the
same bytes a journal month at a time.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from coach.core.atomic import ensure_private_dir
from coach.core.errors import FileWriteError
from coach.core.oserrors import describe
from coach.core.text import one_line, safe_json, shown
from coach.core.textfile import write_private
from coach.store import Store
from coach.store.dump import Dump, dump

FORMAT = "coach-export"
VERSION = 1


def _without_private(data: Dump) -> Dump:
    def public(record: dict[str, Any]) -> bool:
        return record.get("private") is not True

    return {
        "documents": {n: d for n, d in data["documents"].items() if public(d)},
        "records": {
            n: kept for n, rows in data["records"].items() if (kept := list(filter(public, rows)))
        },
        "logs": {
            n: kept for n, rows in data["logs"].items() if (kept := list(filter(public, rows)))
        },
    }


def export_data(store: Store, now: datetime, *, include_private: bool = False) -> dict[str, Any]:
    """The export as one JSON-ready object."""
    data = dump(store)
    if not include_private:
        data = _without_private(data)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(timespec="seconds"),
        **data,
    }


def to_json(export: dict[str, Any]) -> str:
    return safe_json(json.dumps(export, ensure_ascii=False, indent=2, sort_keys=True)) + "\n"


def _md_value(value: Any) -> str:
    if isinstance(value, str):
        return shown(value)
    return safe_json(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _md_record(record: dict[str, Any], heading: str) -> list[str]:
    lines = [f"### {one_line(heading)}", ""]
    for key in sorted(record):
        if key in ("id",):
            continue
        text = _md_value(record[key])
        if "\n" in text or len(text) > 80:
            lines.append(f"- **{one_line(key)}**:")
            lines.append("")
            lines.extend(f"  > {line}" if line else "  >" for line in text.splitlines())
            lines.append("")
        else:
            lines.append(f"- **{one_line(key)}**: {one_line(text)}")
    lines.append("")
    return lines


def markdown_lines(export: dict[str, Any]) -> Iterator[str]:
    """The lines of to_markdown, one at a time."""
    yield from ["# coach export", "", f"Exported {export['exported_at']}.", ""]
    for name, doc in export["documents"].items():
        yield from [f"## {name}", ""]
        yield from (
            f"- **{one_line(k)}**: {one_line(_md_value(v))}" for k, v in sorted(doc.items())
        )
        yield ""
    for name, rows in export["records"].items():
        yield from [f"## {name} ({len(rows)})", ""]
        for row in rows:
            title = row.get("name") or row.get("client") or row.get("title") or row["id"]
            yield from _md_record(row, _md_value(title))
    for name, rows in export["logs"].items():
        yield from [f"## {name} ({len(rows)})", ""]
        for row in rows:
            yield from _md_record(row, str(row.get("date", "")))


def to_markdown(export: dict[str, Any]) -> str:
    """A readable export: one section per kind of record, dated ones by date."""
    return "\n".join(markdown_lines(export)).rstrip() + "\n"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """A text cell a spreadsheet shows as text: never run as a formula, no controls."""
    if value.startswith(FORMULA_START):
        value = "'" + value
    return shown(value)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return json.dumps(value)  # a number (-3 too) stays a number
    return csv_text(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _csv(header: list[str], rows: Any) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([csv_text(h) for h in header])
    writer.writerows(rows)
    return out.getvalue()


def write_csv(export: dict[str, Any], folder: Path) -> list[Path]:
    """One CSV file per kind of record in `folder` (made 0700 if missing), each
    file 0600 and atomic; FileWriteError names a disk problem."""
    if not folder.is_dir():
        try:
            ensure_private_dir(folder)
        except OSError as exc:
            raise FileWriteError(folder, describe(exc)) from None
    written: list[Path] = []
    for name, doc in export["documents"].items():
        path = folder / f"{name}.csv"
        rows = ([csv_text(k), _csv_cell(v)] for k, v in sorted(doc.items()))
        write_private(path, _csv(["key", "value"], rows))
        written.append(path)
    for kind in ("records", "logs"):
        for name, records in export[kind].items():
            keys = sorted({k for row in records for k in row} - {"id", "date"})
            columns = ["id", *(["date"] if kind == "logs" else []), *keys]
            path = folder / f"{name}.csv"
            cells = ([_csv_cell(row.get(c)) for c in columns] for row in records)
            write_private(path, _csv(columns, cells))
            written.append(path)
    return written
