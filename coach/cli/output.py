"""What every command prints goes through here: no control character reaches the terminal."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator

from coach.core.text import safe_json, shown


class SafeStream:
    """A text stream that shows every control character but newline and tab as a
    visible symbol (coach.core.text.shown): whatever a command prints, user text
    from the data (a name, a reflection, an imported reason) never drives the
    terminal. coach's own output holds no control characters."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(shown(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def unwrapped(stream):
    """The terminal stream under a SafeStream (a progress bar draws with escapes of its
    own; it shows no user text)."""
    return stream._stream if isinstance(stream, SafeStream) else stream


@contextlib.contextmanager
def safe_output() -> Iterator[None]:
    """stdout and stderr through SafeStream while a command runs."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def print_json(value: object) -> None:
    """One JSON document on stdout, its values exact and no control character raw."""
    print(safe_json(json.dumps(value, ensure_ascii=False)))
