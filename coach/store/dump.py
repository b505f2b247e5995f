"""Every table of every data file as plain data, and merging such data back.

This is what export, import and the Progress screen read. It is generic: a
table a later feature adds is dumped and merged without changes here.

A Dump has three kinds of table:
    documents  single documents in the main file (settings...): name -> dict
    records    undated tables in the main file (customers, losses): name -> [record]
    logs       dated tables in the journal (walks, reflections): name -> [record]
Tables whose name starts with "_" are coach's own bookkeeping and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coach.core.errors import DataFileError
from coach.store.core import Record, Store, month_key
from coach.store.schema import Tables
from coach.store.storage import parse

Dump = dict[str, dict[str, Any]]
KINDS = ("documents", "records", "logs")


def _public(name: str) -> bool:
    return not name.startswith("_")


def _is_document(table: dict[str, Any]) -> bool:
    """A Doc table: one document under key "1" that is not an id'd record."""
    return list(table) == ["1"] and "id" not in table["1"]


def read_month(store: Store, key: str) -> Tables:
    """A journal month's tables as on disk, read without filling the store's cache."""
    path = store.journal_dir / f"{key}.json"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise DataFileError(path, f"cannot be read ({exc.strerror})") from exc
    return parse(path, raw, store.cipher)


def month_records(store: Store, key: str) -> dict[str, list[Record]]:
    """Each public log's records in one month: name -> records (oldest first)."""
    out: dict[str, list[Record]] = {}
    for name, table in read_month(store, key).items():
        if _public(name):
            rows = [dict(doc) for doc in table.values()]
            rows.sort(key=lambda r: (str(r.get("date", "")), str(r.get("id", ""))))
            out[name] = rows
    return out


def months_newest_first(store: Store) -> Iterator[tuple[str, dict[str, list[Record]]]]:
    """Walk the journal back one month at a time (lazily: stop when you have enough)."""
    for key in reversed(store.months()):
        yield key, month_records(store, key)


def sort_key(record: Record) -> tuple[str, str]:
    return (str(record.get("date", "")), str(record.get("id", "")))


def main_tables(store: Store) -> Dump:
    """The main file's public documents and records (logs left empty), sorted as in `dump`.

    With `month_records` per month this is a dump read a month at a time (the export
    streams so, coach.data.stream).
    """
    result: Dump = {"documents": {}, "records": {}, "logs": {}}
    main = store._main.committed() or {}
    for name in sorted(filter(_public, main)):
        table = main[name]
        if not table or (_is_document(table) and not table["1"]):
            continue  # an empty table or document holds nothing to carry over
        if _is_document(table):
            result["documents"][name] = dict(table["1"])
        else:
            result["records"][name] = sorted((dict(d) for d in table.values()), key=sort_key)
    return result


def dump(store: Store) -> Dump:
    """Every public table, sorted so that equal data gives equal dumps."""
    result = main_tables(store)
    logs: dict[str, list[Record]] = {}
    for key in store.months():
        for name, rows in month_records(store, key).items():
            logs.setdefault(name, []).extend(rows)
    for name in sorted(logs):
        rows = sorted(logs[name], key=sort_key)
        if rows:
            result["logs"][name] = rows
    return result


@dataclass
class MergeReport:
    """What a merge added, found already there, and kept as it was."""

    added: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    kept: dict[str, int] = field(default_factory=dict)  # same id, different content: ours kept

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    def _count(self, bucket: dict[str, int], name: str) -> None:
        bucket[name] = bucket.get(name, 0) + 1


def merge(store: Store, incoming: Dump, *, dry_run: bool = False) -> MergeReport:
    """Add what `incoming` has and the store lacks, by record id, in one transaction.

    Nothing already in the store is changed: a record with a known id is left
    as it is (counted as kept when its content differs); a document gains only
    the keys it lacks. `incoming` must already be validated (coach.data.exchange).
    """
    report = MergeReport()
    with store.transaction():
        current = dump(store)
        plan_docs: dict[str, dict[str, Any]] = {}
        for name, doc in incoming.get("documents", {}).items():
            if name in current["records"]:
                report._count(report.kept, name)
                continue
            have = current["documents"].get(name, {})
            missing = {k: v for k, v in doc.items() if k not in have}
            if missing:
                plan_docs[name] = missing
                report.added[name] = report.added.get(name, 0) + len(missing)
            else:
                report.unchanged += 1
        plan: dict[str, list[Record]] = {}
        for kind in ("records", "logs"):
            for name, rows in incoming.get(kind, {}).items():
                if kind == "records" and name in current["documents"]:
                    report.kept[name] = len(rows)
                    continue
                have_by_id = {r.get("id"): r for r in current[kind].get(name, [])}
                for row in rows:
                    known = have_by_id.get(row["id"])
                    if known is None:
                        plan.setdefault(f"{kind}:{name}", []).append(row)
                        report._count(report.added, name)
                    elif known == row:
                        report.unchanged += 1
                    else:
                        report._count(report.kept, name)
        if dry_run:
            return report
        for name, missing in plan_docs.items():
            doc = store.doc(name)
            doc.put({**doc.get(), **missing})
        for target, rows in plan.items():
            kind, name = target.split(":", 1)
            if kind == "records":
                table = store._table(store._main, name, True)
                table.insert_multiple(dict(r) for r in rows)
            else:
                by_month: dict[str, list[Record]] = {}
                for row in rows:
                    by_month.setdefault(month_key(date.fromisoformat(row["date"])), []).append(row)
                for key, month_rows in sorted(by_month.items()):
                    table = store._table(store._month(key), name, True)
                    table.insert_multiple(dict(r) for r in month_rows)
    return report
