"""The code of dataclasses' generated methods, compiled once and kept between starts.

`@dataclass` writes each class's __init__, __repr__, __eq__, __hash__, __setattr__
as source text and compiles it (`exec` in `dataclasses._create_fn`) at every
import: about 0.8 ms a class, ~60 ms of CPU before the app's first paint (coach's
~50 dataclasses and Textual's ~40). `keep_compiled(path)` gives the dataclasses
module its own `exec` that takes the compiled code of a text seen before from the
file at `path` (marshal, keyed by the exact text, so a hit is the very code
`compile` makes) and compiles anything else as `exec` would. `KeptCode.keep()`
writes the file when something was new (off the UI thread, or at quit). A file not
owned by the user, writable by others, damaged or of another Python is not read
(marshal data is code). Only the app uses it: the CLI's quick commands load less.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import sys
import threading
from pathlib import Path
from types import CodeType
from typing import Any

FILE = "dataclass-code.marshal"
STAMP = f"{sys.version}|{marshal.version}"


class KeptCode:
    """Compiled dataclass methods: those read from the file and those compiled now."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stored: dict[str, CodeType] = self._read()
        self.added: dict[str, CodeType] = {}
        self._lock = threading.Lock()

    def _read(self) -> dict[str, CodeType]:
        from coach.core.atomic import read_own_file

        raw = read_own_file(self.path)
        if raw is None:
            return {}
        try:
            kept = marshal.loads(raw)
        except Exception:  # damaged: compile as dataclasses does
            return {}
        if not isinstance(kept, tuple) or len(kept) != 2 or kept[0] != STAMP:
            return {}
        codes = kept[1]
        if not isinstance(codes, dict):
            return {}
        return {k: v for k, v in codes.items() if isinstance(k, str) and isinstance(v, CodeType)}

    def code(self, text: str) -> CodeType:
        """The code `compile(text)` makes, as `exec(text)` in dataclasses would compile it."""
        found = self.stored.get(text) or self.added.get(text)
        if found is None:
            # dont_inherit: exec(text) in dataclasses (no __future__ imports) uses no flags
            found = compile(text, "<string>", "exec", dont_inherit=True)
            with self._lock:
                self.added[text] = found
        return found

    def keep(self) -> None:
        """Write the file when this start compiled something it lacked (never raises)."""
        from coach.core.atomic import atomic_write, ensure_private_dir

        with self._lock:
            if not self.added:
                return
            codes = {**self.stored, **self.added}
            self.stored, self.added = codes, {}
        try:
            ensure_private_dir(self.path.parent)
            atomic_write(self.path, marshal.dumps((STAMP, codes)))
        except (OSError, ValueError):
            pass  # no file this time: the next start compiles again


def keep_compiled(path: Path) -> KeptCode:
    """Make dataclasses take its generated methods' code from `path` (see the module)."""
    kept = KeptCode(path)

    def exec_kept(source: Any, globals: Any = None, locals: Any = None) -> None:
        if isinstance(source, str):
            source = kept.code(source)
        builtins.exec(source, globals, locals)

    dataclasses.exec = exec_kept  # type: ignore[attr-defined]  # shadows the builtin there only
    return kept
