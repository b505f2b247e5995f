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

from coach.cli.output import unwrapped

OnProgress = Callable[[int, int], object]


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[OnProgress | None]:
    """A callback that moves a bar on stderr (gone when the block ends), or None when
    stderr is not a terminal."""
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
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def on_progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield on_progress
