"""Edit times and delete-vs-edit in a sync merge: the newer of the two wins, nothing silent.

Every edit through the store stamps `changed_at`; a record deleted on one machine
and edited after that on the other comes back (said in the merge message); one
deleted after its last edit stays deleted. The merge is idempotent, and for the
same two files gives the same records whichever side is "ours".
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.store import Store
from coach.store.core import CHANGED, TOMBSTONES
from coach.store.sync import merge_conflicts, merge_tables

DAY = date(2026, 11, 2)
COPY = "coach.sync-conflict-20261122-083000-ABCDEFG.json"
MONTH_COPY = "2026-11 (Ann's conflicted copy 2026-11-22).json"


def at(day: int, hour: int = 9) -> float:
    return datetime(2026, 11, day, hour, tzinfo=UTC).timestamp()


def test_every_edit_is_stamped_and_old_records_without_a_stamp_still_load(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "data")
    store.wall_clock = lambda: at(3)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": "Ann"})  # new: as given
        store.log("walks").put(DAY, {"id": "w1", "minutes": 5})
        store.records("customers").insert({"name": "Bob"})
    assert store.records("customers").get("c1") == {"id": "c1", "name": "Ann"}
    store.wall_clock = lambda: at(4)
    with store.transaction():
        store.records("customers").update("c1", {"name": "Ann B."})
        store.log("walks").put(DAY, {"id": "w1", "minutes": 25})  # replaces: an edit
    stamp = "2026-11-04T09:00:00.000+00:00"
    assert store.records("customers").get("c1") == {"id": "c1", "name": "Ann B.", CHANGED: stamp}
    assert store.log("walks").on(DAY) == [
        {"id": "w1", "minutes": 25, "date": DAY.isoformat(), CHANGED: stamp}
    ]
    store.wall_clock = lambda: at(5)
    with store.transaction():
        store.log("walks").update(DAY, "w1", {"minutes": 30})
    [walk] = store.log("walks").on(DAY)
    assert walk[CHANGED] == "2026-11-05T09:00:00.000+00:00"


def synced(tmp_path: Path) -> tuple[Store, Store]:
    """Two machines with the same customer c1 and reflection r1, written on the 2nd."""
    here = tmp_path / "here"
    first = Store(here)
    first.wall_clock = lambda: at(2)
    with first.transaction():
        first.records("customers").put({"id": "c1", "name": "Ann"})
        first.records("customers").update("c1", {"name": "Ann"})  # stamped on the 2nd
        first.log("reflections").put(DAY, {"id": "r1", "text": "first"})
        first.log("reflections").update(DAY, "r1", {"text": "first"})
    shutil.copytree(here, tmp_path / "there")
    return Store(here), Store(tmp_path / "there")


def merge_there_into_here(mine: Store, theirs: Store) -> str:
    shutil.copy(theirs.folder / "coach.json", mine.folder / COPY)
    shutil.copy(theirs.folder / "journal" / "2026-11.json", mine.folder / "journal" / MONTH_COPY)
    report = merge_conflicts(Store(mine.folder))
    assert not report.skipped
    return "\n".join(report.merged)


def test_an_edit_after_the_deletion_on_the_other_machine_comes_back_with_a_note(
    tmp_path: Path,
) -> None:
    mine, theirs = synced(tmp_path)
    mine.wall_clock, theirs.wall_clock = lambda: at(4), lambda: at(6)
    with mine.transaction():
        mine.records("customers").remove("c1")
        mine.log("reflections").remove(DAY, "r1")
    with theirs.transaction():  # later, on the other machine, before the sync
        theirs.records("customers").update("c1", {"name": "Ann, still a client"})
        theirs.log("reflections").update(DAY, "r1", {"text": "rewritten"})
    said = merge_there_into_here(mine, theirs)
    assert "c1 was deleted on one machine but edited later on the other: kept" in said
    assert "r1 was deleted on one machine but edited later on the other: kept" in said
    back = Store(mine.folder)
    assert [c["name"] for c in back.records("customers").all()] == ["Ann, still a client"]
    assert [r["text"] for r in back.log("reflections").all()] == ["rewritten"]
    main = back._main.read() or {}
    assert "customers:c1" not in main.get(TOMBSTONES, {}).get("1", {})  # the tombstone is gone


def test_a_deletion_after_the_last_edit_on_the_other_machine_wins(tmp_path: Path) -> None:
    mine, theirs = synced(tmp_path)
    mine.wall_clock, theirs.wall_clock = lambda: at(4), lambda: at(6)
    with mine.transaction():  # edited here first
        mine.records("customers").update("c1", {"name": "Ann, edited"})
        mine.log("reflections").update(DAY, "r1", {"text": "edited"})
    with theirs.transaction():  # deleted there later
        theirs.records("customers").remove("c1")
        theirs.log("reflections").remove(DAY, "r1")
    said = merge_there_into_here(mine, theirs)
    assert "c1 deleted on the other machine" in said and "r1 deleted on the other machine" in said
    assert "edited later" not in said
    back = Store(mine.folder)
    assert back.records("customers").all() == [] and back.log("reflections").all() == []


def test_a_deletion_here_after_an_edit_there_stays_deleted(tmp_path: Path) -> None:
    mine, theirs = synced(tmp_path)
    mine.wall_clock, theirs.wall_clock = lambda: at(6), lambda: at(4)
    with theirs.transaction():
        theirs.records("customers").update("c1", {"name": "Ann, edited there"})
    with mine.transaction():
        mine.records("customers").remove("c1")
    said = merge_there_into_here(mine, theirs)
    assert "edited later" not in said
    assert Store(mine.folder).records("customers").all() == []


def test_a_record_put_back_after_its_deletion_survives_the_merge(tmp_path: Path) -> None:
    """History's undo puts a deleted entry back under its id: its own tombstone is old."""
    mine, theirs = synced(tmp_path)
    mine.wall_clock = lambda: at(4)
    with mine.transaction():
        entry = mine.log("reflections").get(DAY, "r1")
        mine.log("reflections").remove(DAY, "r1")
    assert entry is not None
    with mine.transaction():
        mine.log("reflections").put(DAY, entry)
    merge_there_into_here(mine, theirs)
    assert [r["id"] for r in Store(mine.folder).log("reflections").all()] == ["r1"]


# -- properties of merge_tables, for any two versions of one file -------------------------
IDS = st.sampled_from(["a", "b", "c", "d"])
TIMES = st.integers(min_value=1, max_value=30)


def _record(rid: str, text: str, day: int | None) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": rid, "text": text}
    if day is not None:
        doc[CHANGED] = datetime(2026, 11, day, tzinfo=UTC).isoformat(timespec="milliseconds")
    return doc


@st.composite
def files(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """One machine's version of a file: some records (with or without edit times), some
    tombstones (a deleted id is never also present: the store removes it)."""
    records: dict[str, dict[str, Any]] = {}
    for rid in draw(st.lists(IDS, unique=True)):
        text = draw(st.sampled_from(["x", "y", "z"]))
        day = draw(st.none() | TIMES)
        records[str(len(records) + 1)] = _record(rid, text, day)
    present = {d["id"] for d in records.values()}
    gone = draw(st.lists(IDS.filter(lambda i: i not in present), unique=True))
    tables: dict[str, dict[str, Any]] = {"customers": records}
    if gone:
        stones = {f"customers:{i}": at(draw(TIMES), 12) for i in gone}
        tables[TOMBSTONES] = {"1": stones}
    return tables


def _versions(tables: dict[str, dict[str, Any]]) -> list[tuple[str, str, str]]:
    """The records a merge kept, whatever slot or twin id they sit under."""
    return sorted(
        (d.get("conflict_of") or d["id"], d["text"], d.get(CHANGED) or "")
        for d in tables.get("customers", {}).values()
    )


@settings(max_examples=200, deadline=None)
@given(files(), files())
def test_merging_the_same_copy_again_changes_nothing(
    ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]]
) -> None:
    once, _ = merge_tables(ours, theirs)
    twice, _ = merge_tables(once, theirs)
    assert twice == once
    assert merge_tables(once, once)[0] == once


@settings(max_examples=200, deadline=None)
@given(files(), files())
def test_either_side_as_ours_keeps_the_same_records(
    ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]]
) -> None:
    one, _ = merge_tables(ours, theirs)
    other, _ = merge_tables(theirs, ours)
    assert _versions(one) == _versions(other)
    assert one.get(TOMBSTONES, {}).get("1") == other.get(TOMBSTONES, {}).get("1")


@settings(max_examples=200, deadline=None)
@given(files(), files())
def test_nothing_is_lost_but_what_a_newer_deletion_removed(
    ours: dict[str, dict[str, Any]], theirs: dict[str, dict[str, Any]]
) -> None:
    merged, _ = merge_tables(ours, theirs)
    kept = {v[0] for v in _versions(merged)}
    stones = merged.get(TOMBSTONES, {}).get("1", {})
    for side in (ours, theirs):
        for doc in side["customers"].values():
            assert doc["id"] in kept or f"customers:{doc['id']}" in stones
    assert not any(f"customers:{i}" in stones for i in kept)
