"""Nothing in a data file makes coach print a traceback (issue 13, section 3): any
field of any record of any table holding a value of an unexpected type (null, a
number, a list, an object, a date out of range...) is read as empty or refused
with a message; every command still answers with an exit code.

The folder is filled through the CLI (one record of nearly every table), then
hypothesis writes odd values into a few fields at once and runs the commands.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.cli import main
from coach.customers.checkup import queue
from coach.progress.progress import build_progress
from coach.session import open_coach

NOW = "2026-11-22T08:30:00"
SEED = [
    ("customer", "add", "Ann Lee", "--company", "Acme", "--phone", "+44 1", "--why", "big"),
    ("call", "Ann Lee", "--value", "demo", "--note", "went well", "--follow-up", "friday"),
    ("loss", "add", "Acme", "--reason", "price", "--said", "too dear", "--tenure", "3 years"),
    ("reflect", "--text", "hello #work", "--mood", "3"),
    ("reflect", "--free", "--text", "free words"),
    ("helped", "Bo", "--how", "intro", "--client"),
    ("walk", "--minutes", "20", "--note", "park"),
    ("rest", "--date", "yesterday"),
    ("challenge", "--goal", "5"),
    ("reflect", "--pin"),
]
COMMANDS = [
    ("today",),
    ("today", "--json"),
    ("journal",),
    ("journal", "--search", "a"),
    ("customer", "list"),
    ("customer", "history"),
    ("loss", "list"),
    ("loss", "show", "Acme"),
    ("challenge",),
    ("walk",),
    ("status",),
    ("remind",),
    ("export", "--format", "markdown"),
]
ODD: list[Any] = [
    None,
    0,
    -1,
    10**30,
    1.5,
    1e308,
    True,
    "",
    "x",
    "2026-13-45",
    "9999-12-31",
    "0001-01-01",
    [],
    [1, "a", None],
    {},
    {"a": [1]},
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seed") / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACH_NOW", NOW)
        for argv in SEED:
            with contextlib.redirect_stdout(io.StringIO()):
                assert main(["--data-dir", str(folder), *argv]) == 0, argv
    return folder


def fields(folder: Path) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(file, table, record key, field path) for every field, one level into objects."""
    found: list[tuple[str, str, str, tuple[str, ...]]] = []
    for path in [folder / "coach.json", *sorted((folder / "journal").glob("*.json"))]:
        for table, rows in json.loads(path.read_text()).items():
            if table.startswith("_"):
                continue
            for key, record in rows.items():
                for name, value in record.items():
                    found.append((str(path.relative_to(folder)), table, key, (name,)))
                    if isinstance(value, dict):
                        found += [
                            (str(path.relative_to(folder)), table, key, (name, sub))
                            for sub in value
                        ]
    return found


def run_everything(folder: Path) -> None:
    out = io.StringIO()
    for argv in COMMANDS:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["--data-dir", str(folder), *argv])
        assert code in (0, 1, 2, 3), (argv, out.getvalue()[-500:])
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        coach = open_coach(folder)
        build_progress(coach)
        queue(coach)


def test_the_seed_has_every_table(seeded: Path) -> None:
    tables = {table for _, table, _, _ in fields(seeded)}
    assert {"customers", "losses", "reflections", "touches", "walks", "helps"} <= tables


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_odd_values_in_any_field_never_crash_a_command(
    seeded: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    data: st.DataObject,
) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)
    folder = tmp_path / "work"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(seeded, folder)
    sites = data.draw(st.lists(st.sampled_from(fields(seeded)), min_size=1, max_size=3))
    for rel, table, key, path in sites:
        file = folder / rel
        content = json.loads(file.read_text())
        target = content[table][key]
        for name in path[:-1]:
            target = target[name]
        target[path[-1]] = data.draw(st.sampled_from(ODD), label=f"{table}.{'.'.join(path)}")
        file.write_text(json.dumps(content))
    run_everything(folder)


@pytest.mark.parametrize(
    ("table", "name", "value"),
    [
        ("losses", "reasons", None),  # crashed `coach today` (iterating None)
        ("losses", "left", 20261122),  # read as a date through str() before
        ("helps", "date", None),  # crashed every ranged read of the month (str <= None)
        ("walks", "date", 3),
        ("touches", "at", 5),  # crashed the sort of a month's records
    ],
)
def test_fields_that_crashed_before(
    seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str, name: str, value: Any
) -> None:
    monkeypatch.setenv("COACH_NOW", NOW)
    folder = tmp_path / "work"
    shutil.copytree(seeded, folder)
    [(rel, _, key, _)] = [s for s in fields(seeded) if s[1] == table and s[3] == (name,)][:1]
    file = folder / rel
    content = json.loads(file.read_text())
    content[table][key][name] = value
    file.write_text(json.dumps(content))
    run_everything(folder)
