"""Textual's Linux driver, made to notice its terminal going away (issue 13 section 6).

When the terminal goes (its window closed, an ssh session dropped, the pty's owner
killed) the kernel sends SIGHUP only to a process whose controlling terminal it was.
Otherwise Textual's input thread sees the terminal readable for ever, reads nothing,
and loops at a third of a CPU; and its output thread dies on the first failed write,
after which the UI thread blocks once the output queue is full. Here:

- the input thread treats end of file or a read error on the terminal as a hang-up:
  it raises SIGHUP in this process (what the kernel does for a controlling terminal)
  and stops reading. The app's SIGHUP handler saves everything pending, then quits;
  without one, SIGHUP ends the process (nothing was pending then).
- writes to a terminal that has gone are dropped, so drawing never blocks the exit.
- quitting does not wait on the input thread's poll: Textual's loop notices its exit
  event only when its 0.1 s `select` times out, then sleeps another 0.1 s in a final
  `select` on no file at all; the app's exit joins that thread (100-200 ms between
  ctrl+q and the shell prompt). Here setting the exit event wakes the `select` through
  a pipe, and the final pass skips that sleep (it reads nothing in Textual either;
  Textual flushes the terminal's unread input right after).

The input loop follows Textual 8's `LinuxDriver.run_input_thread`; only its two
ends of reading and its wake-up differ.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import threading
from codecs import getincrementaldecoder
from typing import IO, Any

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver


class _GoneSafe:
    """The terminal as a file whose writes are dropped once the terminal has gone."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> None:
        if not self.gone:
            try:
                self._file.write(text)
            except (OSError, ValueError):  # EIO on a hung-up tty; ValueError: closed
                self.gone = True

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self.gone = True

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return self._file.isatty()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


class _WakingEvent(threading.Event):
    """The input thread's exit event: setting it also wakes the thread's `select`."""

    def __init__(self, wake_fd: int) -> None:
        super().__init__()
        self._wake_fd = wake_fd

    def set(self) -> None:
        super().set()
        with contextlib.suppress(OSError):  # the pipe is full: the thread is awake anyway
            os.write(self._wake_fd, b"x")


class CoachDriver(LinuxDriver):
    """LinuxDriver that ends the app when its terminal goes away, and quits without
    waiting out its input thread's poll."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        if self._file is not None:
            self._file = _GoneSafe(self._file)  # type: ignore[assignment]
        # one pipe for the driver's life (suspend and resume start new input threads);
        # never closed, so a late `set` can never write into a reused descriptor
        self._wake_r, wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(wake_w, False)
        self.exit_event = _WakingEvent(wake_w)

    def _drain_wake(self) -> None:
        with contextlib.suppress(OSError):  # EAGAIN: empty
            while os.read(self._wake_r, 512):
                pass

    def terminal_gone(self) -> None:
        """The terminal read end of file or failed: as if the kernel had hung up."""
        if isinstance(self._file, _GoneSafe):
            self._file.gone = True
        os.kill(os.getpid(), signal.SIGHUP)

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events; stop when the terminal has gone."""
        self._drain_wake()  # a wake-up left from an earlier run (before a suspend)
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self._wake_r, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def read_ready(events: list[tuple[selectors.SelectorKey, int]], final: bool) -> bool:
            """Feed what the terminal sent; False once it has gone."""
            events = [event for event in events if event[0].fd != self._wake_r]
            for n, (_key, mask) in enumerate(events):
                if mask & selectors.EVENT_READ:
                    try:
                        raw = os.read(self.fileno, 1024 * 4)
                    except OSError:  # EIO: the other end of the pty is closed
                        return False
                    if not raw:  # end of file: a raw-mode terminal sends none by itself
                        return False
                    for event in parser.feed(decode(raw, final=final and n == len(events) - 1)):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)
            return True

        try:
            while not self.exit_event.is_set():
                if not read_ready(selector.select(0.1), final=False):
                    self.terminal_gone()
                    return
            read_ready([], final=True)  # Textual's final select watches nothing: only the tick
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass


def coach_driver(default: type[Driver]) -> type[Driver]:
    """Our driver where Textual would use its Linux one; any other left as it is."""
    return CoachDriver if default is LinuxDriver else default
