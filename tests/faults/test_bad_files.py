"""Every bad data file is refused, left byte for byte, and named in the message."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coach.core.errors import DataFileError
from coach.store import Store
from coach.store.schema import SCHEMA_VERSION

DAY = date(2026, 11, 22)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def real_folder(folder: Path) -> Path:
    """A data folder with a realistic main file and month file."""
    store = Store(folder)
    with store.transaction():
        store.records("customers").insert({"name": "Ann Ó'Brien", "company": "Acme & Sons"})
        store.doc("settings").put({"help_goal": 6, "your_name": "Sam"})
        for n in range(5):
            store.log("reflections").insert(
                DAY, {"text": f'Entry {n}: café, naïve — 😀 "quoted"', "mood": n % 5 + 1}
            )
    return folder


@pytest.fixture(scope="module")
def originals(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = real_folder(tmp_path_factory.mktemp("real") / "data")
    return {
        "main": (folder / "coach.json").read_bytes(),
        "month": (folder / "journal" / "2026-11.json").read_bytes(),
    }


def refused(folder: Path, which: str, content: bytes) -> DataFileError:
    """Put `content` in place of one file; the store must refuse it and leave it."""
    path = folder / ("coach.json" if which == "main" else "journal/2026-11.json")
    path.write_bytes(content)
    os.utime(path, ns=(1, 1))  # never mistaken for a cached version
    with pytest.raises(DataFileError) as info:
        Store(folder).log("reflections").on(DAY)
    if which == "month":  # the folder opens; saving into the bad month is refused
        store = Store(folder)
        with pytest.raises(DataFileError), store.transaction():
            store.log("reflections").insert(DAY, {"text": "more"})
    assert info.value.path == path
    assert str(path) in str(info.value)
    assert path.read_bytes() == content
    assert not [p for p in folder.rglob("*.tmp")]
    return info.value


@pytest.mark.parametrize("which", ["main", "month"])
def test_truncated_at_every_byte_offset(
    tmp_path: Path, originals: dict[str, bytes], which: str
) -> None:
    folder = real_folder(tmp_path / "data")
    whole = originals[which]
    for offset in range(len(whole)):
        refused(folder, which, whole[:offset])


@pytest.mark.parametrize("which", ["main", "month"])
def test_truncated_anywhere_property(
    tmp_path_factory: pytest.TempPathFactory, originals: dict[str, bytes], which: str
) -> None:
    folder = real_folder(tmp_path_factory.mktemp("prop") / "data")

    @SETTINGS
    @given(st.data())
    def truncated(data: st.DataObject) -> None:
        whole = originals[which]
        offset = data.draw(st.integers(0, len(whole) - 1))
        error = refused(folder, which, whole[:offset])
        assert error.problem

    truncated()


@SETTINGS
@given(content=st.binary(max_size=300))
@example(content=b"\xff\xfe\x00garbage")
@example(content=b"\x00" * 64)
def test_random_bytes_are_refused(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> None:
    folder = real_folder(tmp_path_factory.mktemp("rand") / "data")
    try:
        parsed = json.loads(content)
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and "_meta" in parsed:
        return  # astronomically unlikely: random bytes that are a coach file
    refused(folder, "month", content)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


@SETTINGS
@given(value=JSON)
def test_valid_json_of_the_wrong_shape_is_refused(
    tmp_path_factory: pytest.TempPathFactory, value: object
) -> None:
    folder = real_folder(tmp_path_factory.mktemp("shape") / "data")
    error = refused(folder, "main", json.dumps(value).encode())
    assert "wrong shape" in error.problem or "empty" in error.problem


@pytest.mark.parametrize(
    "meta",
    [
        {"schema": SCHEMA_VERSION + 1},
        {"schema": 10**6, "kind": "main"},
        {"schema": 0},
        {"schema": -1},
        {"schema": True},
        {"schema": 1.5},
        {},
    ],
)
@pytest.mark.parametrize("which", ["main", "month"])
def test_bad_or_newer_schema_versions_are_refused(tmp_path: Path, which: str, meta: dict) -> None:
    folder = real_folder(tmp_path / "data")
    content = json.dumps({"_meta": {"1": meta}, "customers": {}}).encode()
    error = refused(folder, which, content)
    if isinstance(meta.get("schema"), int) and meta["schema"] > SCHEMA_VERSION:
        assert "newer coach" in error.problem


def test_a_bad_file_stops_the_cli_with_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.cli import main

    folder = real_folder(tmp_path / "data")
    (folder / "coach.json").write_bytes(b'{"_meta": {"1": {"sch')
    copy = (folder / "coach.json").read_bytes()
    code = main(["--data-dir", str(folder), "today"])
    assert code == 1
    assert str(folder / "coach.json") in capsys.readouterr().err
    assert (folder / "coach.json").read_bytes() == copy
