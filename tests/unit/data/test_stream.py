"""The streamed export (coach.data.stream): the same bytes as the in-memory one, a month at a time."""

from __future__ import annotations

import gc
import io
import json
import os
import stat
import weakref
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from dateutil import tz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.data import export as formats
from coach.data import stream
from coach.journal.reflections import save_reflection
from coach.session import Coach
from coach.store.core import Record

NOW = datetime(2026, 11, 22, 8, 30, tzinfo=tz.UTC)


def fill(coach: Coach) -> None:
    save_reflection(
        coach, date(2026, 11, 20), "Felt [bold red]x[/] better\n\nline three  ", None, mood=4
    )
    with coach.store.transaction():
        coach.store.records("customers").insert({"name": "Ann", "company": "Acme\x1b[2J"})
        coach.store.records("letters").insert({"text": "never sent", "private": True})
        coach.store.doc("settings").update({"help_goal": 6, "nested": {"a": [1, {"b": None}]}})
        for month in range(1, 13):
            day = date(2025, month, 3)
            coach.store.log("walks").insert(day, {"minutes": month * 5, "note": "=1+1"})
            coach.store.log("walks").insert(day, {"minutes": 1, "private": True})
            coach.store.log("helps").insert(day, {"text": "é\u2028 \u202e" * month, "tags": []})
        coach.store.log("letters_log").insert(date(2025, 2, 1), {"text": "x", "private": True})


def streamed(coach: Coach, fmt: str, *, private: bool = False) -> str:
    out = io.StringIO()
    stream.export_stream(
        coach.store, NOW, fmt, out, spool_in=coach.store.folder, include_private=private
    )
    return out.getvalue()


def in_memory(coach: Coach, fmt: str, *, private: bool = False) -> str:
    export = formats.export_data(coach.store, NOW, include_private=private)
    return formats.to_json(export) if fmt == "json" else formats.to_markdown(export)


@pytest.mark.parametrize("fmt", ["json", "markdown"])
@pytest.mark.parametrize("private", [False, True])
def test_streamed_export_is_byte_for_byte_the_in_memory_one(
    coach: Coach, fmt: str, private: bool
) -> None:
    fill(coach)
    assert streamed(coach, fmt, private=private) == in_memory(coach, fmt, private=private)


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_an_empty_store_streams_the_same_too(coach: Coach, fmt: str) -> None:
    assert streamed(coach, fmt) == in_memory(coach, fmt)


def test_streamed_csv_files_are_the_in_memory_ones(coach: Coach, tmp_path: Path) -> None:
    fill(coach)
    old = formats.write_csv(formats.export_data(coach.store, NOW), tmp_path / "old")
    new = stream.export_csv(coach.store, NOW, tmp_path / "new")
    assert [p.name for p in new] == [p.name for p in old]
    for a, b in zip(old, new, strict=True):
        assert b.read_bytes() == a.read_bytes()
        assert stat.S_IMODE(b.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    assert not [n for n in os.listdir(tmp_path / "new") if n.startswith(".")]  # no temp left


def test_a_row_filed_under_another_month_still_gives_the_same_bytes(coach: Coach) -> None:
    fill(coach)
    with coach.store.transaction():  # by hand: a March file holding a January row
        coach.store._table(coach.store._month("2025-03"), "walks", True).insert(
            {"id": "zz", "date": "2025-01-01", "minutes": 9}
        )
    for fmt in ("json", "markdown"):
        assert streamed(coach, fmt) == in_memory(coach, fmt)


class Rows(list):
    """A month's rows that a weak reference can watch."""


class Month(dict):
    """A month's tables that a weak reference can watch."""


def test_the_export_holds_no_more_than_one_month(coach: Coach) -> None:
    fill(coach)
    held: list[weakref.ref] = []
    pulled: list[str] = []

    def months() -> Iterator[stream.MonthRows]:
        for key, tables in stream.store_months(coach.store):
            gc.collect()
            alive = [ref for ref in held if ref() is not None]
            assert not alive, f"month {pulled[-1]} still held when {key} was read"
            month = Month({name: Rows(rows) for name, rows in tables.items()})
            held.extend([weakref.ref(month), *(weakref.ref(r) for r in month.values())])
            pulled.append(key)
            del tables
            yield key, month
            del month

    out = io.StringIO()
    stream.export_stream(
        coach.store, NOW, "json", out, spool_in=coach.store.folder, months=months()
    )
    assert len(pulled) == len(coach.store.months()) == 13
    assert out.getvalue() == in_memory(coach, "json")


def test_progress_is_reported_once_a_month(coach: Coach) -> None:
    fill(coach)
    seen: list[tuple[int, int]] = []
    stream.export_stream(
        coach.store,
        NOW,
        "markdown",
        io.StringIO(),
        spool_in=coach.store.folder,
        on_progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(n, 13) for n in range(1, 14)]


def test_an_export_file_is_private_and_leaves_no_temp(coach: Coach, tmp_path: Path) -> None:
    fill(coach)
    target = tmp_path / "out" / "all.json"
    stream.export_file(coach.store, NOW, "json", target)
    assert target.read_text(encoding="utf-8") == in_memory(coach, "json")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(target.parent) == ["all.json"]


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
rows = st.lists(
    st.tuples(
        st.sampled_from(["walks", "helps", "moods"]),
        st.integers(0, 40),
        st.dictionaries(st.sampled_from(["text", "mood", "x", "private"]), values, max_size=4),
    ),
    max_size=12,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=rows)
def test_any_rows_stream_to_the_same_bytes(
    coach: Coach, rows: list[tuple[str, int, Record]]
) -> None:
    with coach.store.transaction():
        for name, offset, record in rows:
            day = date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + offset * 17)
            coach.store.log(name).insert(day, dict(record))
    for fmt in ("json", "markdown"):
        for private in (False, True):
            assert streamed(coach, fmt, private=private) == in_memory(coach, fmt, private=private)
    json.loads(streamed(coach, "json"))


def test_an_encrypted_store_spools_in_memory_never_on_disk(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(coach)
    expected = in_memory(coach, "json")
    monkeypatch.setattr(type(coach.store), "encrypted", property(lambda self: True))

    def no_disk(*args: object, **kwargs: object) -> None:
        raise AssertionError("an encrypted store's text went to a temp file")

    monkeypatch.setattr(stream.tempfile, "TemporaryFile", no_disk)
    assert streamed(coach, "json") == expected


def test_a_folder_that_takes_no_temp_file_spools_in_memory(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(coach)
    expected = in_memory(coach, "markdown")

    def read_only(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(stream.tempfile, "TemporaryFile", read_only)
    assert streamed(coach, "markdown") == expected
