"""Store files: atomic replacement, private permissions, and damaged files never touched."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from coach.core import atomic as atomic_module
from coach.core.atomic import atomic_write
from coach.core.errors import DataFileError, StoreWriteError
from coach.store import Store
from coach.store.schema import SCHEMA_VERSION

DAY = date(2026, 11, 22)


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def filled_store(folder: Path) -> Store:
    store = Store(folder)
    with store.transaction():
        store.records("customers").insert({"name": "Ann"})
        store.log("walks").insert(DAY, {"minutes": 20})
    return store


# -- atomic writes -------------------------------------------------------------


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_a_failed_atomic_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "coach.json"
    target.write_bytes(b"old contents")
    before = files_in(tmp_path)

    real_write = os.write

    def half_then_fail(fd: int, data: bytes) -> int:
        if len(data) > 4:
            return real_write(fd, bytes(data)[:4])  # a short write, then the disk fills
        raise OSError(28, "No space left on device")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    if failing == "write":
        monkeypatch.setattr(atomic_module.os, "write", half_then_fail)
    else:
        monkeypatch.setattr(atomic_module.os, failing, boom)
    with pytest.raises(OSError):
        atomic_write(target, b"new contents that never land")
    assert target.read_bytes() == b"old contents"
    assert files_in(tmp_path) == before


def test_atomic_write_replaces_whole_file_and_is_private(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    target.write_bytes(b"x" * 1000)
    atomic_write(target, b"short")
    assert target.read_bytes() == b"short"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert files_in(tmp_path) == {"f.json"}


def test_a_failed_save_changes_nothing_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "d"
    filled_store(folder)
    main = (folder / "coach.json").read_bytes()
    month = (folder / "journal" / "2026-11.json").read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_module.os, "replace", boom)
    store = Store(folder)
    with pytest.raises(StoreWriteError, match="No space left"), store.transaction():
        store.log("walks").insert(date(2026, 12, 1), {"minutes": 5})
        store.records("customers").insert({"name": "Bob"})
    monkeypatch.undo()
    assert (folder / "coach.json").read_bytes() == main
    assert (folder / "journal" / "2026-11.json").read_bytes() == month
    assert not any(p.name.endswith(".tmp") for p in folder.rglob("*"))
    assert [c["name"] for c in Store(folder).records("customers").all()] == ["Ann"]


def test_an_error_inside_a_transaction_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    store = filled_store(folder)
    main = (folder / "coach.json").read_bytes()
    with pytest.raises(ZeroDivisionError), store.transaction():
        store.records("customers").insert({"name": "Bob"})
        1 / 0  # noqa: B018
    assert (folder / "coach.json").read_bytes() == main
    assert [c["name"] for c in store.records("customers").all()] == ["Ann"]


def test_writes_outside_a_transaction_are_refused(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    with pytest.raises(RuntimeError):
        store.records("customers").insert({"name": "Ann"})


# -- permissions -------------------------------------------------------------


def test_data_folder_is_0700_and_files_are_0600(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    old_umask = os.umask(0o022)
    try:
        filled_store(folder)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "journal").stat().st_mode) == 0o700
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"coach.json", "2026-11.json"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_new_store_stamps_the_schema_version(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    filled_store(folder)
    for path in (folder / "coach.json", folder / "journal" / "2026-11.json"):
        data = json.loads(path.read_bytes())
        assert data["_meta"]["1"]["schema"] == SCHEMA_VERSION


# -- damaged files ---------------------------------------------------------------

VALID = json.dumps({"_meta": {"1": {"schema": 1, "kind": "main"}}, "walks": {"1": {"id": "a"}}})
DAMAGED = {
    "empty": b"",
    "blank": b"  \n",
    "truncated": VALID[: len(VALID) // 2].encode(),
    "garbage": bytes(range(256)) * 4,
    "not utf-8": b'{"_meta": "\xff\xfe"}',
    "a list": b"[]",
    "a string": b'"coach"',
    "no schema": b'{"walks": {}}',
    "table not an object": b'{"_meta": {"1": {"schema": 1}}, "walks": []}',
    "record not an object": b'{"_meta": {"1": {"schema": 1}}, "walks": {"1": 5}}',
    "bad record key": b'{"_meta": {"1": {"schema": 1}}, "walks": {"x": {}}}',
    "schema not a number": b'{"_meta": {"1": {"schema": "1"}}}',
    "newer schema": json.dumps({"_meta": {"1": {"schema": SCHEMA_VERSION + 1}}}).encode(),
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_main_file_is_refused_and_left_byte_for_byte(
    tmp_path: Path, content: bytes
) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    path = folder / "coach.json"
    path.write_bytes(content)
    with pytest.raises(DataFileError) as info:
        Store(folder)
    assert info.value.path == path
    assert str(path) in str(info.value)
    assert path.read_bytes() == content
    assert files_in(folder) <= {"coach.json", ".coach.lock"}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_month_file_is_refused_and_left_byte_for_byte(
    tmp_path: Path, content: bytes
) -> None:
    folder = tmp_path / "d"
    store = filled_store(folder)
    path = folder / "journal" / "2026-11.json"
    path.write_bytes(content)
    os.utime(path, ns=(1, 1))  # a different signature even on a coarse clock
    store = Store(folder)  # opening reads only the main file
    with pytest.raises(DataFileError) as info:
        store.log("walks").on(DAY)
    assert info.value.path == path
    with pytest.raises(DataFileError), store.transaction():
        store.log("walks").insert(DAY, {"minutes": 1})
    with pytest.raises(DataFileError):
        store.validate_all()
    assert path.read_bytes() == content
    assert files_in(path.parent) == {"2026-11.json"}
    # the rest of the data keeps working
    with store.transaction():
        store.log("walks").insert(date(2026, 12, 1), {"minutes": 5})
    assert [w["minutes"] for w in store.log("walks").on(date(2026, 12, 1))] == [5]


def test_a_file_damaged_while_open_is_not_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    store = filled_store(folder)
    path = folder / "coach.json"
    path.write_bytes(b'{"_meta": ')
    os.utime(path, ns=(1, 1))
    with pytest.raises(DataFileError), store.transaction():
        store.records("customers").insert({"name": "Bob"})
    assert path.read_bytes() == b'{"_meta": '


def test_the_message_says_what_is_wrong(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    path = folder / "coach.json"
    cases = {
        b"": "empty",
        b'{"_meta": {"1"': "not valid JSON at line 1",
        b"[]": "wrong shape",
        json.dumps({"_meta": {"1": {"schema": SCHEMA_VERSION + 1}}}).encode(): "newer coach",
    }
    for content, words in cases.items():
        path.write_bytes(content)
        with pytest.raises(DataFileError, match=words):
            Store(folder)


# -- schema migrations ----------------------------------------------------------


def test_an_older_file_is_migrated_on_read_and_saved_at_the_new_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.store import schema, storage

    folder = tmp_path / "d"
    filled_store(folder)
    old_bytes = (folder / "coach.json").read_bytes()

    def v1_to_v2(data: schema.Tables) -> schema.Tables:
        for doc in data.get("customers", {}).values():
            doc["full_name"] = doc.pop("name")
        return data

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(storage, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS, 1, v1_to_v2)
    store = Store(folder)
    assert [c["full_name"] for c in store.records("customers").all()] == ["Ann"]
    assert (folder / "coach.json").read_bytes() == old_bytes  # reading never writes
    with store.transaction():
        store.records("customers").insert({"full_name": "Bob"})
    data = json.loads((folder / "coach.json").read_bytes())
    assert data["_meta"]["1"]["schema"] == 2
    assert sorted(c["full_name"] for c in data["customers"].values()) == ["Ann", "Bob"]
    # the month file was not touched by the save, so it stays at version 1 until it is
    month = json.loads((folder / "journal" / "2026-11.json").read_bytes())
    assert month["_meta"]["1"]["schema"] == 1


@pytest.mark.parametrize(
    ("table", "odd"),
    [
        ({"1": {}, "": {}}, "''"),  # an empty key vanishes from a join of the keys
        ({"1": {}, "2a": {}}, "'2a'"),
        ({"1": {}, "\u0663": {}}, "'\u0663'"),  # an Arabic-Indic three is a digit, not ASCII
        ({"1": {}, "2": []}, "'2'"),
        ({"1": {}, "2": "text"}, "'2'"),
    ],
)
def test_each_record_must_be_numbered_and_an_object(
    tmp_path: Path, table: dict[str, object], odd: str
) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    data = {"_meta": {"1": {"schema": SCHEMA_VERSION}}, "customers": table}
    (folder / "coach.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match=f"record {odd} in table 'customers'"):
        Store(folder)


def test_a_table_of_numbered_objects_reads(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    data = {"_meta": {"1": {"schema": SCHEMA_VERSION}}, "customers": {"1": {}, "10": {"a": 1}}}
    (folder / "coach.json").write_text(json.dumps(data), encoding="utf-8")
    assert len(Store(folder).records("customers").all()) == 2
