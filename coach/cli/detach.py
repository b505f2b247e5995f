"""Work a command's user need not wait for, done after the command has exited."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable


def run_detached(work: Callable[[], object]) -> bool:
    """Run `work` in a child process that outlives this one; False when there is none
    (no fork on this system, or fork failed): the caller then does the work itself.

    The child leaves the terminal's session and holds none of this process's standard
    streams (a pipe reading `coach today | head` sees its end at once), and exits with
    os._exit: no atexit handler or buffered output of the parent's runs twice.
    """
    fork = getattr(os, "fork", None)
    if fork is None:
        return False
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed, or a pipe already gone
            stream.flush()
    try:
        pid = fork()
    except OSError:
        return False
    if pid:
        return True
    try:  # the child
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        work()
    except BaseException:  # noqa: BLE001 - nobody is left to tell; the work notes its own failures
        pass
    finally:
        os._exit(0)
