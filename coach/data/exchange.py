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

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from coach.core.errors import InputError
from coach.core.text import clean, has_controls
from coach.data.export import (
    FORMAT,
    VERSION,
    csv_text,
    export_data,
    to_json,
    to_markdown,
    write_csv,
)
from coach.data.stream import export_to
from coach.store import Store
from coach.store.dump import KINDS, Dump, MergeReport, merge

__all__ = [
    "FORMAT",
    "VERSION",
    "ImportFileError",
    "ImportResult",
    "csv_text",
    "export_data",
    "export_to",
    "import_file",
    "import_typed",
    "read_export",
    "to_json",
    "to_markdown",
    "validate_export",
    "write_csv",
]
TOP_FIELDS = frozenset({"format", "version", "exported_at", *KINDS})
TABLE_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
ID_PATTERN = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_STRING = 200_000
MAX_DEPTH = 8
MAX_RECORDS = 2_000_000


class ImportFileError(InputError):
    """An import file that coach will not use; the store was not touched."""


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


def import_file(
    store: Store,
    path: Path,
    *,
    dry_run: bool = False,
    on_progress: Callable[[int, int], object] | None = None,
) -> ImportResult:
    """Validate `path` completely, then merge it (or only report, for a dry run).

    `on_progress(done, 3)` after each step: read and checked, cleaned, merged.
    """
    step = on_progress or (lambda done, total: None)
    checked = read_export(path)
    step(1, 3)
    incoming, cleaned = _cleaned(checked)
    step(2, 3)
    report = merge(store, incoming, dry_run=dry_run)
    step(3, 3)
    return ImportResult(report, dry_run, cleaned)


# -- what the app's palette runs (screens/shell/data_app.py), off the UI thread ------------
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
