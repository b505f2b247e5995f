"""coach.core.jsontext.indented writes exactly what json.dumps(indent=2) writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from coach.core.jsontext import indented

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=6,
)


@given(st.dictionaries(st.text(), values, max_size=8), st.booleans())
def test_the_same_text_as_the_standard_library(record: dict[str, Any], sort_keys: bool) -> None:
    expected = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=sort_keys)
    assert indented(record, sort_keys=sort_keys) == expected


def test_flat_records_odd_values_too() -> None:
    from enum import IntEnum, StrEnum

    class Kind(StrEnum):
        CALL = "call"

    class Level(IntEnum):
        HIGH = 3

    record = {
        "b": float("nan"),
        "a": [float("inf"), -float("inf")],
        "k": Kind.CALL,
        "l": Level.HIGH,
        "t": 'tab\there \u2028 \x7f "q" \\ é',
        "e": [],
        "o": {},
        "big": 10**30,
        "neg": -0.0,
    }
    for sort_keys in (False, True):
        expected = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=sort_keys)
        assert indented(record, sort_keys=sort_keys) == expected
        flat = {k: v for k, v in record.items() if k != "a"}
        expected = json.dumps(flat, ensure_ascii=False, indent=2, sort_keys=sort_keys)
        assert indented(flat, sort_keys=sort_keys) == expected
