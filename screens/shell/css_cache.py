"""Parsed CSS kept between starts, in the cache folder.

Textual parses every stylesheet source (each widget's DEFAULT_CSS, the app's and
Today's .tcss) at every start: about 25 ms of CPU before Today's first paint, the
same rules each time. Here `Stylesheet._parse_rules` first looks in a file of the
rules parsed by earlier starts (a pickle of each source's rules: ~4 ms to load them
all), keyed by everything the parse reads: the source text, where it is from, its
default/scope flags, the theme's variables, Textual's files and Python's version.
Anything else (a missing, damaged or foreign file, a source with errors) parses as
Textual does. The file is rewritten off the UI thread after start when a source was
missing (`keep`), privately (0600 in the 0700 cache folder) and atomically; one not
owned by the user, or writable by others, is never read (it is code to `pickle`).
textual is pinned (pyproject); `Stylesheet._parse_rules` is Textual 8.2.8's: re-check
on an upgrade, as for screens/common/footer_updates.py.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
import threading
from pathlib import Path
from typing import Any

import textual.css.model
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

from coach.core.atomic import read_own_file

FILE = "css-rules.pickle"
KEEP_AT_MOST = 400  # entries: past this, only those the last start used are kept


def _textual_stamp() -> str:
    model = Path(textual.css.model.__file__)
    info = model.stat()
    return f"{sys.version}|{model}|{info.st_mtime_ns}|{info.st_size}"


class CssCache:
    """The rules of earlier starts (read once) and what this start parsed anew."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stamp = _textual_stamp()
        self.stored: dict[str, bytes] = self._read()
        self.added: dict[str, bytes] = {}
        self.used: set[str] = set()
        self._lock = threading.Lock()

    def _read(self) -> dict[str, bytes]:
        raw = read_own_file(self.path)
        if raw is None:
            return {}
        try:
            kept = pickle.loads(raw)
        except Exception:  # damaged: parse as Textual does
            return {}
        if not isinstance(kept, dict) or kept.get("stamp") != self.stamp:
            return {}
        entries = kept.get("entries")
        return entries if isinstance(entries, dict) else {}

    def rules(self, key: str) -> list[RuleSet] | None:
        """The rules stored under `key`, or None."""
        data = self.stored.get(key)
        if data is None:
            return None
        try:
            rules = pickle.loads(data)
        except Exception:
            return None
        if not isinstance(rules, list) or not all(isinstance(r, RuleSet) for r in rules):
            return None
        self.used.add(key)
        return rules

    def add(self, key: str, rules: list[RuleSet]) -> None:
        """Keep rules parsed now (pickled at once: later restyling never reaches them)."""
        if any(rule.errors for rule in rules):
            return
        try:
            data = pickle.dumps(rules, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return
        with self._lock:
            self.added[key] = data
            self.used.add(key)

    def keep(self) -> None:
        """Write the file when this start parsed something it lacked (never raises)."""
        from coach.core.atomic import atomic_write, ensure_private_dir

        with self._lock:
            if not self.added:
                return
            entries = {**self.stored, **self.added}
            if len(entries) > KEEP_AT_MOST:
                entries = {k: v for k, v in entries.items() if k in self.used}
            self.stored, self.added = entries, {}
        try:
            ensure_private_dir(self.path.parent)
            atomic_write(self.path, pickle.dumps({"stamp": self.stamp, "entries": entries}))
        except OSError:
            pass  # no cache this time: the next start parses again


def _variables_digest(sheet: Stylesheet) -> str:
    """The theme's variables as a digest, computed again only when they change."""
    variables = sheet._variables
    seen: tuple[Any, str] | None = getattr(sheet, "_coach_variables", None)
    if seen is not None and seen[0] is variables:
        return seen[1]
    digest = hashlib.sha1(repr(sorted(variables.items())).encode()).hexdigest()
    sheet._coach_variables = (variables, digest)  # type: ignore[attr-defined]
    return digest


def install(cache: CssCache) -> None:
    """Make every Stylesheet look in `cache` before parsing a source."""
    parse = Stylesheet._parse_rules

    def parse_rules(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        memo_key = (css, read_from, is_default_rules, tie_breaker, scope)
        try:
            return self._parse_cache[memo_key]
        except KeyError:
            pass
        key = hashlib.sha1(
            repr((*memo_key, _variables_digest(self))).encode(errors="replace")
        ).hexdigest()
        rules = cache.rules(key)
        if rules is not None:
            self._parse_cache[memo_key] = rules
            return rules
        rules = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
        cache.add(key, rules)
        return rules

    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]
