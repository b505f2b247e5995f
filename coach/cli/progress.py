"""A progress bar on stderr for long commands, only when stderr is a terminal.

The model reports progress through an optional `on_progress(done, total)`
callback; this turns it into Rich's progress bar (imported here, only when a bar
is shown: coach's model never imports Rich). Piped or redirected, nothing is
printed and the callback is None.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from typing import Any

from coach.cli.output import unwrapped

OnProgress = Callable[[int, int], object]


class Bar:
    """Rich's progress bar as an `on_progress(done, total)` callback. It goes away once
    done reaches total; `paused()` takes it off the terminal while a command prints."""

    def __init__(self, progress: Any, task: Any) -> None:
        self.progress, self.task, self.running = progress, task, True

    def __call__(self, done: int, total: int) -> None:
        self.progress.update(self.task, completed=done, total=total)
        if done >= total:
            self.stop()

    def stop(self) -> None:
        if self.running:
            self.progress.stop()
            self.running = False

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        was_running = self.running
        self.stop()
        try:
            yield
        finally:
            if was_running:
                self.progress.start()
                self.running = True


def paused(bar: Bar | None) -> contextlib.AbstractContextManager[None]:
    """`bar.paused()`, or nothing to pause when no bar is shown."""
    return bar.paused() if bar is not None else contextlib.nullcontext()


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Bar | None]:
    """A Bar on stderr (gone when the block ends), or None when stderr is not a terminal."""
    stream = unwrapped(sys.stderr)
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        yield None
        return
    # Rich only when a bar is shown: piped commands never pay for importing it
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=stream, stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    progress = Progress(
        *columns, console=console, transient=True, redirect_stdout=False, redirect_stderr=False
    )
    bar = Bar(progress, progress.add_task(label, total=None))
    progress.start()
    try:
        yield bar
    finally:
        bar.stop()
