"""Run the real `coach` in a pseudo-terminal, type into it and signal it."""

from __future__ import annotations

import builtins
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from datetime import datetime
from pathlib import Path
from types import TracebackType

import pyte
from dateutil import tz

COACH = str(Path(sys.executable).parent / "coach")
BOX = {ord(c): " " for c in "│╭╮╰╯─┃━▇▏▕"}  # borders and scrollbars, not text


class Terminal:
    """An 80x24 terminal with one program in it.

    What the program drew is kept twice: the raw bytes (`output`, for messages) and the
    screen a terminal would show (`screen_text()`, rendered by pyte). Tests wait on the
    screen: a program may redraw only the cells that changed, so a phrase typed in two
    goes need never appear whole in the byte stream (seen under load)."""

    NOW = datetime(2026, 11, 22, 8, 30, tzinfo=tz.gettz("Europe/London"))

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.output = b""
        self._screen = pyte.Screen(80, 24)
        self._stream = pyte.ByteStream(self._screen)
        self._closed = False
        self.cpu_at_close: float | None = None  # seconds of CPU the program had used
        self.cpu_at_exit: float | None = None

    @classmethod
    def coach(cls, data: Path, config: Path) -> Terminal:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("COACH_", "TEXTUAL"))}
        env.update(
            TERM="xterm-256color",
            COACH_DATA_DIR=str(data),
            COACH_CONFIG_DIR=str(config),
            COACH_NOW=cls.NOW.isoformat(),
            TZ="Europe/London",
        )
        return cls([COACH], env)

    def _read(self, timeout: float) -> bool:
        if self._closed:
            return False
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return False
        self.output += data
        self._stream.feed(data)
        return bool(data)

    def screen_text(self) -> str:
        """The 24 lines the terminal shows now, right-trimmed."""
        return "\n".join(line.rstrip() for line in self._screen.display)

    def flowed_text(self) -> str:
        """The screen read as running text: box borders dropped, each line's text joined
        to the next with one space (a field soft-wraps a phrase over two lines)."""
        lines = (line.translate(BOX).strip() for line in self._screen.display)
        return " ".join(" ".join(line.split()) for line in lines if line.strip())

    def wait_for(self, text: bytes, timeout: float = 30.0) -> None:
        """Wait until the terminal shows `text`, on one line or wrapped over several."""
        wanted = " ".join(text.decode().split())
        deadline = time.monotonic() + timeout
        while wanted not in self.screen_text() and wanted not in self.flowed_text():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise AssertionError(f"{wanted!r} never appeared; screen:\n{self.screen_text()}")
            self._read(0.1)

    def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Wait until the program has drawn nothing for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(quiet):
            pass

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def signal(self, signum: int) -> None:
        self.proc.send_signal(signum)

    def hang_up(self) -> None:
        """What closing the terminal window does: the terminal goes, then SIGHUP."""
        self.close_terminal()
        self.proc.send_signal(signal.SIGHUP)

    def close_terminal(self) -> None:
        """The terminal goes away and no signal says so (a pty whose owner died, an ssh
        session dropped without a hang-up): the program sees only its terminal fail."""
        self.cpu_at_close = self.cpu_seconds()
        os.close(self.master)
        self._closed = True

    def cpu_seconds(self) -> float:
        """User + system CPU the running program has used so far (from /proc)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_exit(self, timeout: float = 30.0) -> int:
        """Wait for the program to end (a condition, with a generous bound); keeps the CPU
        it used in all (cpu_at_exit, from the kernel's accounting of the reaped child)."""
        deadline = time.monotonic() + timeout
        while self.proc.returncode is None:
            pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            if pid:
                self.proc.returncode = os.waitstatus_to_exitcode(status)
                self.cpu_at_exit = usage.ru_utime + usage.ru_stime
                break
            if time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError(f"did not exit; screen: {self.output[-1500:]!r}")
            if not self._read(0.05):
                time.sleep(0.01)
        return self.proc.returncode

    def cpu_after_close(self) -> float:
        """CPU seconds the program used between its terminal going away and its end."""
        assert self.cpu_at_close is not None and self.cpu_at_exit is not None
        return self.cpu_at_exit - self.cpu_at_close

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        et: builtins.type[BaseException] | None,
        e: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if not self._closed:
            os.close(self.master)
