"""Long text in the user's own editor: $VISUAL, else $EDITOR, on a private temp file.

The text is written to a file in a fresh 0700 folder (the file itself 0600), the editor
runs on it, the text is read back and both are removed, whatever happens: a journal
entry never lingers in /tmp. The caller runs this with the terminal free (the CLI as is;
the app inside `App.suspend()`).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from coach.core.errors import CoachError

ENV_NAMES = ("VISUAL", "EDITOR")


class EditorError(CoachError):
    """No editor is set, it could not start, or it failed: nothing typed there is kept."""


def editor_command(environ: dict[str, str] | None = None) -> list[str]:
    """The editor to run, as argv: $VISUAL, else $EDITOR (both may carry options)."""
    env = os.environ if environ is None else environ
    for name in ENV_NAMES:
        value = env.get(name, "").strip()
        if value:
            try:
                argv = shlex.split(value)
            except ValueError as exc:
                raise EditorError(f"${name} cannot be read as a command ({exc}): {value}") from None
            if argv:
                return argv
    raise EditorError("no editor is set: set $VISUAL or $EDITOR (for example EDITOR=nano)")


def edit_text(
    initial: str = "",
    *,
    suffix: str = ".md",
    run: Callable[[list[str]], int] | None = None,
) -> str:
    """Open `initial` in the user's editor and return the text as saved there.

    `run` runs the editor's argv and returns its exit code (tests and the app may
    pass their own); by default the editor takes over this terminal until it exits.
    """
    argv = editor_command()
    folder = Path(tempfile.mkdtemp(prefix="coach-edit-"))  # 0700 by mkdtemp
    path = folder / f"entry{suffix}"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(initial)
        code = (run or _run)([*argv, str(path)])
        if code != 0:
            raise EditorError(f"the editor ({argv[0]}) exited with code {code}: nothing was kept")
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise EditorError("the editor saved text that is not UTF-8: nothing was kept") from None
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(folder)


def _run(argv: list[str]) -> int:
    try:
        return subprocess.run(argv, check=False).returncode
    except FileNotFoundError:
        raise EditorError(
            f"the editor {argv[0]!r} was not found: check $VISUAL or $EDITOR"
        ) from None
    except OSError as exc:
        raise EditorError(f"the editor {argv[0]!r} could not start: {exc}") from None
