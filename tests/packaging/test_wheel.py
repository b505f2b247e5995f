"""The built wheel holds coach, screens and the content, and runs from outside the repo."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NETWORK_WORDS = re.compile(r"network|dns|resolve host|connect|offline|timed out|fetch", re.I)

HEADLESS = """
import asyncio, sys
from pathlib import Path
from screens.app import make_app
from screens.today.today import TodayScreen
from coach.cli import make_clock

async def main() -> None:
    app = make_app(Path(sys.argv[1]), clock=make_clock())
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, TodayScreen), app.screen
        await pilot.press("space")
        await pilot.press("ctrl+q")
    print("ok", app.return_value)

asyncio.run(main())
"""


def run(*argv: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv], capture_output=True, text=True, timeout=120, **kwargs
    )  # type: ignore[call-overload]


def impossible(step: str, result: subprocess.CompletedProcess[str]) -> None:
    """Skip when the machine cannot build or install (no network, no cache); fail otherwise."""
    if NETWORK_WORDS.search(result.stderr):
        reason = f"cannot {step} here: {result.stderr.strip().splitlines()[-1]}"
        print(reason)
        pytest.skip(reason)
    pytest.fail(f"{step} failed:\n{result.stderr}")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build the wheel and install it into a fresh venv: (wheel, venv bin folder)."""
    uv = shutil.which("uv")
    if uv is None:
        print("uv is not installed: cannot build the wheel")
        pytest.skip("uv is not installed: cannot build the wheel")
    tmp = tmp_path_factory.mktemp("wheel")
    built = run(uv, "build", "--wheel", "--out-dir", tmp / "dist", ROOT)
    if built.returncode != 0:
        impossible("build the wheel", built)
    (wheel,) = (tmp / "dist").glob("coach-*.whl")
    made = run(uv, "venv", "--python", sys.executable, tmp / "venv")
    if made.returncode != 0:
        impossible("make a venv", made)
    python = tmp / "venv" / "bin" / "python"
    install = run(uv, "pip", "install", "--python", python, wheel)
    if install.returncode != 0:
        install = run(uv, "pip", "install", "--offline", "--python", python, wheel)
        if install.returncode != 0:
            impossible("install the wheel", install)
    return wheel, tmp / "venv" / "bin"


def test_the_wheel_holds_code_styles_and_content(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "coach/__init__.py" in names
    assert "coach/store/core.py" in names
    assert "screens/app.py" in names
    assert "screens/today/today.tcss" in names
    for toml in (ROOT / "content").glob("*.toml"):
        assert f"coach/_content/{toml.name}" in names
    assert not any(n.startswith(("tests/", "benchmarks/", "content/")) for n in names)


def test_the_installed_coach_runs_outside_the_repo(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, bin_dir = installed
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "COACH_DATA_DIR": str(tmp_path / "data"),
        "COACH_CONFIG_DIR": str(tmp_path / "config"),
        "COACH_NOW": "2026-11-22T08:30:00+00:00",
    }
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()

    version = run(bin_dir / "coach", "--version", cwd=cwd, env=env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("coach ")

    today = run(bin_dir / "coach", "today", "--json", cwd=cwd, env=env)
    assert today.returncode == 0, today.stderr
    payload = json.loads(today.stdout)
    assert payload["date"] == "2026-11-22"
    assert all(step["advice"] for step in payload["steps"])  # the content was found

    where = run(
        bin_dir / "python",
        "-c",
        "import coach, coach.core.paths as p; print(coach.__file__); print(p.builtin_content_dir())",
        cwd=cwd,
        env=env,
    )
    module, content = where.stdout.splitlines()
    assert str(bin_dir.parent) in module and str(ROOT) not in module
    assert content.endswith("coach/_content") and str(bin_dir.parent) in content

    app = run(bin_dir / "python", "-c", HEADLESS, tmp_path / "data", cwd=cwd, env=env)
    assert app.returncode == 0, app.stderr
    assert app.stdout.strip() == "ok 0"
    text = run(bin_dir / "coach", "today", cwd=cwd, env=env)
    assert "[x] Take a walk" in text.stdout
