"""`coach status` at a shell prompt: print the status line saves keep (coach.core.statusline).

Runs before argparse, the store or any domain module is imported. Only the plain
forms are taken here (`coach [--data-dir PATH] status [--json]`); anything else,
and a kept line that is missing, stale or damaged, falls through to the full
command (coach.cli.health), which computes the status and keeps it again.
"""

from __future__ import annotations

import os
import sys
import time

from coach.core import statusline


def _words(words: list[str]) -> tuple[str | None, bool] | None:
    """(--data-dir or None, --json) for a plain `status` command line, else None."""
    override = None
    rest = list(words)
    while rest and rest[0] != "status":
        word = rest.pop(0)
        if word == "--data-dir" and rest:
            override = rest.pop(0)
        elif word.startswith("--data-dir="):
            override = word.split("=", 1)[1]
        else:
            return None
    if not rest or rest[0] != "status" or not set(rest[1:]) <= {"--json"} or len(rest) > 2:
        return None
    return override, len(rest) == 2


def _folder(override: str | None) -> str | None:
    chosen = override or os.environ.get("COACH_DATA_DIR")  # coach.core.paths.DATA_ENV
    if chosen:
        return os.path.expanduser(chosen)
    from coach.core.config import ConfigError, data_folder  # the config file decides

    try:
        return os.fspath(data_folder())
    except (ConfigError, OSError):
        return None  # the full command says what is wrong


def _now() -> float | None:
    pinned = os.environ.get("COACH_NOW")  # coach.cli.NOW_ENV
    if not pinned:
        return time.time()
    from datetime import datetime

    try:
        return datetime.fromisoformat(pinned).timestamp()  # naive: local time, as make_clock
    except (ValueError, OverflowError, OSError):
        return None  # the full command says what is wrong


def kept_status(words: list[str]) -> bool:
    """Print the kept status line and return True, or print nothing and return False."""
    parsed = _words(words)
    if parsed is None:
        return False
    override, as_json = parsed
    folder = _folder(override)
    now = _now()
    if folder is None or now is None:
        return False
    kept = statusline.read(folder, now)
    if kept is None:
        return False
    try:
        sys.stdout.write((kept[1] if as_json else kept[0]) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `coach status | head -c 3`: the reader left; stay quiet
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return True
