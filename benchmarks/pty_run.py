"""Run a program in a pseudo-terminal and time it from start to exit.

The child gets an 80x24 terminal; its output is read (and kept) until it
exits. os.wait4 gives the child's resource usage, so peak RSS comes free.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system: steadier than wall time on a busy machine
    peak_rss_kb: int
    status: int
    output: bytes


def run_in_pty(
    argv: Sequence[str],
    env: Mapping[str, str],
    *,
    until: bytes = b"",
    then_type: bytes = b"\x11",
    size: tuple[int, int] = (80, 24),
    timeout: float = 60.0,
) -> Run:
    """Start `argv` on a fresh pty; return wall time to exit, peak RSS and output.

    When `until` appears in the output (the screen has painted), `then_type`
    is typed into the terminal (ctrl+q by default) and the run lasts until
    the program exits.
    """
    master, slave = os.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=dict(env),
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    typed = False
    deadline = start + timeout
    try:
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                proc.kill()
                raise TimeoutError(f"{argv[0]} did not exit within {timeout} s")
            ready, _, _ = select.select([master], [], [], min(remaining, 0.5))
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not data:
                    break
                chunks.append(data)
                if until and not typed and until in b"".join(chunks[-4:]):
                    os.write(master, then_type)
                    typed = True
            elif proc.poll() is not None:
                break
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    finally:
        os.close(master)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if until and not typed:
        raise RuntimeError(f"{argv[0]} exited without painting {until!r}")
    return Run(
        seconds,
        usage.ru_utime + usage.ru_stime,
        int(usage.ru_maxrss),
        proc.returncode,
        b"".join(chunks),
    )
