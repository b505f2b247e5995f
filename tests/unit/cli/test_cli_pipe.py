"""A CLI whose reader goes away (`coach journal | head`) exits quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    env = {**os.environ, "COACH_DATA_DIR": str(tmp_path / "data"), "COACH_NOW": "2026-11-22T08:30"}
    for n in range(4):
        subprocess.run(
            [sys.executable, "-m", "coach", "reflect", "--free", "--text", f"entry {n} " * 3000],
            env=env,
            check=True,
            capture_output=True,
        )
    reader = subprocess.Popen(
        f"{sys.executable} -m coach journal | head -c 10 >/dev/null",
        shell=True,
        env=env,
        stderr=subprocess.PIPE,
    )
    _, err = reader.communicate(timeout=60)
    assert b"Traceback" not in err
