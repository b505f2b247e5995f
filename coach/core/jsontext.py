"""A value as `json.dumps(value, ensure_ascii=False, indent=2)` writes it, faster.

With `indent`, the standard library encodes in Python, a generator per container and a
chunk per token; an export writes tens of thousands of records. Here the text is built
from the same pieces the encoder uses (its C string escape, `int.__repr__`,
`float.__repr__`, its names for NaN and the infinities), so it is byte for byte the same;
a value json.dumps would treat otherwise (a key that is not a string, a type it does not
know, a container inside itself) takes the standard path.
"""

from __future__ import annotations

import json
from typing import Any

_escape = json.encoder.encode_basestring  # the C escape json.dumps(ensure_ascii=False) uses
_INFINITY = float("inf")
_DEEP = 50  # deeper than any coach record: the standard path (and its checks) takes it


class _Other(Exception):
    """A value this module leaves to json.dumps."""


def _text(value: object, indent: str, sort_keys: bool) -> str:
    if isinstance(value, str):
        return _escape(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value == _INFINITY:
            return "Infinity"
        if value == -_INFINITY:
            return "-Infinity"
        return float.__repr__(value)
    if len(indent) > _DEEP:
        raise _Other
    inner = indent + "  "
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [_text(item, inner, sort_keys) for item in value]
        return "[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        keys = sorted(value) if sort_keys else value
        pairs = []
        for key in keys:
            if not isinstance(key, str):
                raise _Other
            pairs.append(_escape(key) + ": " + _text(value[key], inner, sort_keys))
        return "{\n" + inner + (",\n" + inner).join(pairs) + "\n" + indent + "}"
    raise _Other


def indented(value: Any, *, sort_keys: bool = False) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys)`."""
    try:
        return _text(value, "", sort_keys)
    except _Other:
        return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys)
