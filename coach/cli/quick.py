"""`coach status` at a shell prompt, `coach today`: print what coach keeps (coach.core.statusline).

Runs before argparse, the store or any domain module is imported. Only the plain
forms are taken here (`coach [--data-dir PATH] status|today [--json]`); anything
else, and a kept output that is missing, stale or damaged, falls through to the
full command (coach.cli.health, coach.cli.today), which computes it and keeps it
again. Saves keep the status line; `coach today` keeps its own output.
"""

from __future__ import annotations

import os
import sys
import time

from coach.core import statusline


def _words(words: list[str], command: str) -> tuple[str | None, bool] | None:
    """(--data-dir or None, --json) for a plain `status` (or `today`) command line, else None."""
    override = None
    rest = list(words)
    while rest and rest[0] != command:
        word = rest.pop(0)
        if word == "--data-dir" and rest:
            override = rest.pop(0)
        elif word.startswith("--data-dir="):
            override = word.split("=", 1)[1]
        else:
            return None
    if not rest or rest[0] != command or not set(rest[1:]) <= {"--json"} or len(rest) > 2:
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


def _kept(words: list[str], command: str, name: str) -> tuple[dict[str, str], bool] | None:
    parsed = _words(words, command)
    if parsed is None:
        return None
    override, as_json = parsed
    folder = _folder(override)
    now = _now()
    if folder is None or now is None:
        return None
    kept = statusline.read(folder, now, name)
    return None if kept is None else (kept, as_json)


def kept_status(words: list[str]) -> bool:
    """Print the kept status line and return True, or print nothing and return False."""
    found = _kept(words, "status", statusline.FILE_NAME)
    if found is None or not {"line", "json"} <= set(found[0]):
        return False
    text = found[0]["json" if found[1] else "line"]
    if not text.isprintable():  # coach's own words only: anything else is not ours
        return False
    return _print(text + "\n")


def kept_today(words: list[str]) -> bool:
    """Print the kept `coach today` (text or JSON) and return True, or print nothing."""
    found = _kept(words, "today", statusline.TODAY_FILE)
    if found is None or not {"text", "json"} <= set(found[0]):
        return False
    from coach.core.text import shown  # user text (a customer's name) never drives the terminal

    return _print(shown(found[0]["json" if found[1] else "text"]))


def _print(text: str) -> bool:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `coach status | head -c 3`: the reader left; stay quiet
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return True
