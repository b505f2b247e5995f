"""Helpers for fault tests: snapshots of a data folder, injected disk errors."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coach.core import atomic as atomic_module
from coach.core.atomic import TEMP_SUFFIX

REAL: dict[str, Callable[..., Any]] = {"write": os.write, "fsync": os.fsync, "replace": os.replace}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every data file's bytes (temp files and the lock excluded)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.json"))
        if p.is_file() and not p.name.startswith(".")
    }


def temps(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f"*{TEMP_SUFFIX}"))


def inject(
    monkeypatch: pytest.MonkeyPatch, call: str, code: int, *, after: int = 0
) -> Callable[[], int]:
    """Make the store's `os.<call>` fail with `code` from its (after+1)-th use on.

    A failing write first writes half of what it was given (a short write),
    as a filling disk does. Returns a function telling how many calls failed.
    """
    real = REAL[call]
    seen = {"calls": 0, "failed": 0}

    def faulty(*args: Any, **kwargs: Any) -> Any:
        seen["calls"] += 1
        if seen["calls"] <= after:
            return real(*args, **kwargs)
        if call == "write" and seen["failed"] == 0 and len(args[1]) > 1:
            seen["failed"] += 1
            return real(args[0], bytes(args[1])[: len(args[1]) // 2])
        seen["failed"] += 1
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic_module.os, call, faulty)
    return lambda: seen["failed"]


ERRORS = {"ENOSPC": errno.ENOSPC, "EIO": errno.EIO}
