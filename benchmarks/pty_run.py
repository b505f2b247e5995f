"""Run a program in a pseudo-terminal: time to first paint, to exit, and its own usage.

The child gets an 80x24 terminal; its output is read (and kept) until it
exits. It is started through benchmarks/launch.py, which forks it from a
small process and reports the child's own rusage (see there why).
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

LAUNCH = str(Path(__file__).resolve().parent / "launch.py")
# Textual asks whether the terminal has "synchronized output" (as most modern
# terminals do); answered yes, it brackets each frame, and the frame ends here.
SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"
FRAME_END = b"\x1b[?2026l"


@dataclass(frozen=True)
class Run:
    paint_seconds: float | None  # exec to the end of the first frame showing the mark
    seconds: float  # exec to exit
    cpu_seconds: float  # user + system of the measured process alone
    peak_rss_kb: int  # of the measured process alone
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
    """Start `argv` on a fresh pty; return its times, CPU, peak RSS and output.

    When `until` appears in the output, the screen has painted: the end of
    that frame is the first paint, then `then_type` is typed (ctrl+q by
    default) and the run lasts until the program exits.
    """
    master, slave = os.openpty()
    cols, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    report_r, report_w = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-S", LAUNCH, str(report_w), *argv],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=dict(env),
        start_new_session=True,
        close_fds=True,
        pass_fds=(report_w,),
    )
    os.close(slave)
    os.close(report_w)
    out = bytearray()
    painted: float | None = None
    mark_at = -1
    answered = False
    deadline = time.monotonic() + timeout
    try:
        while True:
            remaining = deadline - time.monotonic()
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
                seen = len(out)
                out += data
                if not answered and SYNC_QUERY in out:
                    os.write(master, SYNC_REPLY)
                    answered = True
                if until and painted is None:
                    if mark_at < 0:
                        found = out.find(until, max(0, seen - len(until)))
                        mark_at = found if found >= 0 else -1
                    if mark_at >= 0 and (
                        FRAME_END not in out[:mark_at] or out.find(FRAME_END, mark_at) >= 0
                    ):
                        painted = time.monotonic()
                        os.write(master, then_type)
            elif proc.poll() is not None:
                break
        proc.wait()
        with os.fdopen(report_r, "rb") as report:
            fields = report.read().split()
    finally:
        os.close(master)
    if len(fields) != 6:
        raise RuntimeError(f"{argv[0]}: no report from launch.py: {bytes(out[-400:])!r}")
    start, end, utime, stime = (float(x) for x in fields[:4])
    if until and painted is None:
        raise RuntimeError(f"{argv[0]} exited without painting {until!r}")
    return Run(
        painted - start if painted is not None else None,
        end - start,
        utime + stime,
        int(fields[4]),
        int(fields[5]),
        bytes(out),
    )
