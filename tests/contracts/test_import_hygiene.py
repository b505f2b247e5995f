"""coach/ is the model: importing any of its modules never pulls in Textual or Rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import coach

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(coach.__path__, "coach.")
    if m.name != "coach.cli.__main__"  # running it runs the command
)
CHECK = """
import importlib, sys
importlib.import_module(sys.argv[1])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"textual", "rich"})
print(" ".join(heavy))
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


@pytest.fixture(scope="module")
def imports() -> dict[str, subprocess.CompletedProcess[str]]:
    """Import every module, each in its own fresh interpreter (in parallel)."""
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-c", CHECK, name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in MODULES
    }
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=60)
        results[name] = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    return results


@pytest.mark.parametrize("module", MODULES)
def test_module_does_not_import_textual_or_rich(
    imports: dict[str, subprocess.CompletedProcess[str]], module: str
) -> None:
    result = imports[module]
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"


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
