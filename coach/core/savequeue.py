"""An ordered save queue: store writes run one by one on a background thread.

The UI hands each save to the queue and carries on; saves happen in the order
given; closing waits for every pending save.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

_STOP = object()


class SaveQueue:
    """A single writer thread fed by a FIFO queue."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[Any] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="coach-saves", daemon=True)
        self._closed = False
        self._thread.start()

    def submit(self, job: Callable[[], T]) -> Future[T]:
        """Queue `job`; the future resolves with its result or its exception."""
        if self._closed:
            raise RuntimeError("the save queue is closed")
        future: Future[T] = Future()
        self._jobs.put((job, future))
        return future

    def pending(self) -> int:
        return self._jobs.unfinished_tasks

    def drain(self, timeout: float | None = None) -> bool:
        """Wait until every queued save has run. True when the queue is empty."""
        done = threading.Event()
        self._jobs.put((done.set, None))
        return done.wait(timeout)

    def close(self, timeout: float | None = 30.0) -> bool:
        """Finish pending saves, then stop the thread."""
        if self._closed:  # closed before: still running if a save stuck past that wait
            self._thread.join(timeout)
            return not self._thread.is_alive()
        self._closed = True
        self._jobs.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while True:
            item = self._jobs.get()
            try:
                if item is _STOP:
                    return
                job, future = item
                if future is None:
                    job()
                    continue
                if not future.set_running_or_notify_cancel():
                    continue
                try:
                    future.set_result(job())
                except BaseException as exc:  # handed to whoever waits on the future
                    future.set_exception(exc)
            finally:
                self._jobs.task_done()
