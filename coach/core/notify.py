"""Desktop notifications through `notify-send`, when it is installed. Never required."""

from __future__ import annotations

import shutil
import subprocess


def can_notify() -> bool:
    """True when `notify-send` is on the PATH."""
    return shutil.which("notify-send") is not None


def desktop_notify(title: str, body: str, *, timeout: float = 5.0) -> bool:
    """Send a desktop notification; False (and no error) when it cannot be sent."""
    program = shutil.which("notify-send")
    if program is None:
        return False
    try:
        result = subprocess.run(
            [program, "--app-name=coach", "--", title, body],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0
