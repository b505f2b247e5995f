"""The data folder lock: short, per save, and never left behind by a dead process.

flock() locks belong to the open file description, so the kernel releases
them when the holding process dies, even by SIGKILL: a lock file left on disk
by a killed coach never blocks the next save.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path

from coach.core.errors import StoreWriteError
from coach.core.oserrors import describe

LOCK_NAME = ".coach.lock"


class DataLock:
    """A re-entrant lock held across threads of this process and other processes."""

    def __init__(self, folder: Path, timeout: float = 30.0) -> None:
        self.path = folder / LOCK_NAME
        self.timeout = timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd = -1
        self._holder: int | None = None
        self.generation = 0  # counts outermost acquisitions: one per save

    def held(self) -> bool:
        """True when this thread holds the lock."""
        return self._depth > 0 and self._holder == threading.get_ident()

    def acquire(self) -> None:
        self._thread_lock.acquire()
        if self._depth == 0:
            try:
                self._fd = self._lock_file()
            except BaseException:
                self._thread_lock.release()
                raise
            self._holder = threading.get_ident()
            self.generation += 1
        self._depth += 1

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._holder = None
            fd, self._fd = self._fd, -1
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        self._thread_lock.release()

    def __enter__(self) -> DataLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _lock_file(self) -> int:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreWriteError(self.path, f"cannot open the lock file: {describe(exc)}") from exc
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise StoreWriteError(
                        self.path, "another coach process has held the lock too long"
                    ) from None
                time.sleep(0.005)
