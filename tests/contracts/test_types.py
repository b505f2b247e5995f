"""mypy passes over coach/, screens/ and tests/ (the packages in pyproject's [tool.mypy]).

The UI is typed like the model: screens reach the app through screens/services.py,
so a wrong service name or a never-awaited coroutine is a type error here.
mypy keeps its cache in .mypy_cache: warm, this takes a few seconds; cold
(a fresh clone), about a minute.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_is_clean() -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (uv sync installs the dev group)")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],  # packages from pyproject.toml
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
