"""The data schema version and the migrations between versions.

Every data file carries its schema version in a `_meta` table. To change the
schema: bump SCHEMA_VERSION, add a function to MIGRATIONS that turns a file of
the previous version into the new one, and commit a fixture data folder of the
old version with a test that opens it (tests/unit/test_migrations.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMA_VERSION = 1
META_TABLE = "_meta"

Tables = dict[str, dict[str, Any]]

# MIGRATIONS[n] turns a version-n file into version n+1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}


def meta_of(data: Tables) -> dict[str, Any] | None:
    """The meta document of a file, if it has one."""
    table = data.get(META_TABLE)
    if isinstance(table, dict):
        doc = table.get("1")
        if isinstance(doc, dict):
            return doc
    return None


def stamp(data: Tables, kind: str) -> None:
    """Set the current schema version on a file's data."""
    data[META_TABLE] = {"1": {"schema": current_version(), "kind": kind}}


def current_version() -> int:
    """SCHEMA_VERSION, looked up at call time (tests bump it to rehearse a migration)."""
    return SCHEMA_VERSION


def migrate(data: Tables, version: int) -> Tables:
    """Bring data of an older version up to SCHEMA_VERSION."""
    while version < current_version():
        data = MIGRATIONS[version](data)
        version += 1
    return data
