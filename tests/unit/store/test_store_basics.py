"""The store: round trips, atomic files, and damaged files left untouched."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coach.core.errors import DataFileError
from coach.store import Store


def test_dated_records_land_in_their_month(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    with store.transaction():
        store.log("walks").insert(date(2026, 1, 31), {"minutes": 20})
        store.log("walks").insert(date(2026, 2, 1), {"minutes": 30})
    assert store.months() == ["2026-01", "2026-02"]
    assert [r["minutes"] for r in store.log("walks").between(date(2026, 2, 1))] == [30]
    assert [r["minutes"] for r in Store(tmp_path / "d").log("walks").all()] == [20, 30]


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"_meta": {"1": {"schema": 99}}}'])
def test_damaged_main_file_is_refused_and_unchanged(tmp_path: Path, content: bytes) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "coach.json").write_bytes(content)
    with pytest.raises(DataFileError) as info:
        Store(folder)
    assert info.value.path == folder / "coach.json"
    assert (folder / "coach.json").read_bytes() == content
