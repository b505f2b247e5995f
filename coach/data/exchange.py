"""Export everything (JSON, Markdown, CSV) and import coach's own JSON export.

The JSON export is complete and versioned; everything but `exported_at` is
sorted, so two exports of the same data differ only there. Records marked
`"private": true` (the unsent letter) are left out unless asked for.
Every export file is written 0600 (folders 0700) whatever the umask, atomically.
JSON keeps every character exactly; Markdown and CSV are for reading, so a
control character in user text shows as a visible symbol, and a CSV cell a
spreadsheet would run as a formula (=, +, -, @, tab, CR first) is quoted with '.
Import removes control characters (but newline and tab) from text, and says so.
Import validates the whole file before touching the store, then merges by
record id: nothing already there is changed or duplicated.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coach.core.atomic import ensure_private_dir
from coach.core.errors import FileWriteError, InputError
from coach.core.oserrors import describe
from coach.core.text import clean, has_controls, one_line, safe_json, shown
from coach.core.textfile import typed_path, write_private
from coach.store import Store
from coach.store.dump import KINDS, Dump, MergeReport, dump, merge

FORMAT = "coach-export"
VERSION = 1
TOP_FIELDS = frozenset({"format", "version", "exported_at", *KINDS})
TABLE_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
ID_PATTERN = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_STRING = 200_000
MAX_DEPTH = 8
MAX_RECORDS = 2_000_000


class ImportFileError(InputError):
    """An import file that coach will not use; the store was not touched."""


# -- export ------------------------------------------------------------------
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


def to_markdown(export: dict[str, Any]) -> str:
    """A readable export: one section per kind of record, dated ones by date."""
    lines = ["# coach export", "", f"Exported {export['exported_at']}.", ""]
    for name, doc in export["documents"].items():
        lines += [f"## {name}", ""]
        lines += [f"- **{one_line(k)}**: {one_line(_md_value(v))}" for k, v in sorted(doc.items())]
        lines.append("")
    for name, rows in export["records"].items():
        lines += [f"## {name} ({len(rows)})", ""]
        for row in rows:
            title = row.get("name") or row.get("client") or row.get("title") or row["id"]
            lines += _md_record(row, _md_value(title))
    for name, rows in export["logs"].items():
        lines += [f"## {name} ({len(rows)})", ""]
        for row in rows:
            lines += _md_record(row, str(row.get("date", "")))
    return "\n".join(lines).rstrip() + "\n"


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


# -- import ------------------------------------------------------------------
def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ImportFileError(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ImportFileError(f"{name} is not a number coach can store")


def _check_value(value: Any, where: str, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ImportFileError(f"{where}: nested too deeply")
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            raise ImportFileError(
                f"{where}: a text of {len(value):,} characters is too long (at most {MAX_STRING:,})"
            )
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_value(k, where, depth + 1)
            if has_controls(k):
                raise ImportFileError(f"{where}: the field name {k!r} holds control characters")
            _check_value(v, f"{where}.{k}", depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_value(v, f"{where}[{i}]", depth + 1)


def _check_table_name(name: Any, kind: str) -> str:
    if not isinstance(name, str) or not TABLE_NAME.match(name):
        raise ImportFileError(
            f"{kind}: {name!r} is not a table name coach uses (lowercase letters, digits, _ or -)"
        )
    return name


def _check_rows(kind: str, name: str, rows: Any) -> None:
    if not isinstance(rows, list):
        raise ImportFileError(f"{kind}.{name} must be a list of records")
    seen: set[str] = set()
    for index, row in enumerate(rows):
        where = f"{kind}.{name}[{index}]"
        if not isinstance(row, dict):
            raise ImportFileError(f"{where} must be an object")
        record_id = row.get("id")
        if not isinstance(record_id, str) or not ID_PATTERN.match(record_id):
            raise ImportFileError(
                f"{where} needs an id (text of 1..200 characters, no control characters)"
            )
        if record_id in seen:
            raise ImportFileError(f"{kind}.{name}: the id {record_id!r} is used twice")
        seen.add(record_id)
        if kind == "logs":
            day = row.get("date")
            try:
                ok = isinstance(day, str) and date.fromisoformat(day).isoformat() == day
            except ValueError:
                ok = False
            if not ok:
                raise ImportFileError(f"{where} needs a date as YYYY-MM-DD, not {day!r}")
        _check_value(row, where)


def validate_export(data: Any) -> Dump:
    """Check an export's whole shape; raise ImportFileError naming the first problem."""
    if not isinstance(data, dict):
        raise ImportFileError("not a coach export: expected a JSON object")
    if data.get("format") != FORMAT:
        raise ImportFileError(f"not a coach export: format is {data.get('format')!r}")
    version = data.get("version")
    if version != VERSION or isinstance(version, bool):
        raise ImportFileError(
            f"export version {version!r} is not one this coach reads (it reads {VERSION})"
        )
    unknown = set(data) - TOP_FIELDS
    if unknown:
        raise ImportFileError(f"unknown field(s) in the export: {', '.join(sorted(unknown))}")
    for kind in KINDS:
        if not isinstance(data.get(kind, {}), dict):
            raise ImportFileError(f"{kind} must be an object of tables")
    total = 0
    for name, doc in data.get("documents", {}).items():
        _check_table_name(name, "documents")
        if not isinstance(doc, dict):
            raise ImportFileError(f"documents.{name} must be an object")
        _check_value(doc, f"documents.{name}")
    for kind in ("records", "logs"):
        for name, rows in data.get(kind, {}).items():
            _check_table_name(name, kind)
            _check_rows(kind, name, rows)
            total += len(rows)
    both = set(data.get("documents", {})) & set(data.get("records", {}))
    if both:
        raise ImportFileError(f"{', '.join(sorted(both))}: both a document and a table")
    if total > MAX_RECORDS:
        raise ImportFileError(f"{total:,} records is more than coach imports at once")
    return {kind: data.get(kind, {}) for kind in KINDS}


def read_export(path: Path) -> Dump:
    """Read and validate an export file, or raise ImportFileError."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(f"{path}: {size:,} bytes is too big for an export")
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        data = json.loads(
            raw.decode("utf-8"),
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constant,
        )
    except UnicodeDecodeError:
        raise ImportFileError(f"{path}: not text (UTF-8)") from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise ImportFileError(f"{path}: nested too deeply") from None
    except ImportFileError as exc:
        raise ImportFileError(f"{path}: {exc}") from None
    try:
        return validate_export(data)
    except ImportFileError as exc:
        raise ImportFileError(f"{path}: {exc}") from None


def _cleaned(value: Any) -> tuple[Any, int]:
    """`value` with control characters (but newline and tab) removed from every text."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        out, total = {}, 0
        for k, v in value.items():
            out[k], n = _cleaned(v)
            total += n
        return out, total
    if isinstance(value, list):
        items = [_cleaned(v) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    return value, 0


@dataclass(frozen=True)
class ImportResult:
    report: MergeReport
    dry_run: bool
    cleaned: int = 0

    def summary(self) -> str:
        """One paragraph for the user: what was (or would be) added."""
        r = self.report
        verb = "would add" if self.dry_run else "added"
        if r.added:
            parts = ", ".join(f"{n} {name}" for name, n in sorted(r.added.items()))
            text = f"{verb} {parts}"
        else:
            text = f"{verb} nothing new"
        if r.unchanged:
            text += f"; {r.unchanged} already there"
        if r.kept:
            kept = ", ".join(f"{n} {name}" for name, n in sorted(r.kept.items()))
            text += f"; kept yours where they differ ({kept})"
        if self.cleaned:
            verb = "would remove" if self.dry_run else "removed"
            text += (
                f"; {verb} {self.cleaned} control character{'s' if self.cleaned != 1 else ''}"
                " from the text (they could drive a terminal)"
            )
        return text + "."


def import_file(store: Store, path: Path, *, dry_run: bool = False) -> ImportResult:
    """Validate `path` completely, then merge it (or only report, for a dry run)."""
    incoming, cleaned = _cleaned(read_export(path))
    return ImportResult(merge(store, incoming, dry_run=dry_run), dry_run, cleaned)


# -- what the app's palette runs (screens/shell/data_app.py), off the UI thread ------------
def export_to(store: Store, now: datetime, path_text: str) -> Path:
    """Export everything but private records to the file the user typed, 0600.

    A name ending in .md is written as Markdown, anything else as JSON (which
    `import` reads back). InputError names what is wrong with the path.
    """
    path = typed_path(path_text, "export to")
    export = export_data(store, now)
    markdown = path.suffix.lower() in {".md", ".markdown"}
    write_private(path, to_markdown(export) if markdown else to_json(export))
    return path


def import_typed(
    store: Store, path_text: str, before_merge: Callable[[], object] | None = None
) -> ImportResult:
    """Import the coach JSON export at the path the user typed (see import_file).

    `before_merge` runs once the whole file is checked, before anything is added
    (the app makes a backup there).
    """
    if not path_text.strip():
        raise ImportFileError("type the path of a coach export (a .json file)")
    path = Path(path_text.strip()).expanduser()
    if not path.is_file():
        raise ImportFileError(f"there is no file {path}")
    incoming, cleaned = _cleaned(read_export(path))
    if before_merge is not None:
        before_merge()
    return ImportResult(merge(store, incoming), False, cleaned)
