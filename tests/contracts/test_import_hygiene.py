"""coach/ is the model: importing any of its modules never pulls in Textual or Rich."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import coach

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(coach.__path__, "coach.")
    if m.name != "coach.cli.__main__"  # running it runs the command
)
CHECK = """
import importlib, json, sys
failed = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except BaseException as exc:
        failed[name] = repr(exc)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"textual", "rich"})
print(json.dumps({"failed": failed, "heavy": heavy}))
"""
CLI_CHECK = """
import sys
from coach.cli import main
code = main(["today", "--json"])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"textual", "rich"})
print("HEAVY:" + " ".join(heavy[:5]))
"""


def test_the_module_list_is_complete() -> None:
    assert {
        "coach.store.core",
        "coach.content.library",
        "coach.routine.today",
        "coach.cli.today",
    } <= set(MODULES)


def imported(names: list[str]) -> tuple[dict[str, str], list[str]]:
    """Import `names` in one fresh interpreter: the imports that failed, and the heavy modules."""
    result = subprocess.run(
        [sys.executable, "-c", CHECK, *names], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    return found["failed"], found["heavy"]


def culprits(names: list[str]) -> dict[str, list[str]]:
    """Each module that pulls in Textual or Rich on its own, with what it pulls in.

    Importing every module in one interpreter finds whether any does (imports are
    module-level); only then is each imported alone, to name it.
    """
    _, heavy = imported(names)
    if not heavy:
        return {}
    alone = {name: imported([name])[1] for name in names}
    return {name: found for name, found in alone.items() if found}


def test_every_module_imports_without_textual_or_rich() -> None:
    failed, _ = imported(MODULES)
    assert failed == {}
    assert culprits(MODULES) == {}


def test_a_module_that_pulls_in_textual_is_named() -> None:
    """The check above can fail: a UI module among model ones is found and named alone."""
    named = culprits(["coach.core.clock", "screens.shell.idle_gc", "coach.store.core"])
    assert list(named) == ["screens.shell.idle_gc"]
    assert "textual" in named["screens.shell.idle_gc"]


def test_the_cli_runs_without_textual(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CLI_CHECK],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"COACH_DATA_DIR": str(tmp_path / "d"), "COACH_CONFIG_DIR": str(tmp_path / "c")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "HEAVY:"
