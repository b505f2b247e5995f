"""The content library: advice, prompts and encouragement loaded from TOML files.

Built-in content ships in content/; users add their own TOML files to
<config>/content/. A broken built-in file is an error; a broken user file is
reported (Library.problems) and the rest of the content still loads.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from coach import __version__
from coach.core.atomic import atomic_write, ensure_private_dir
from coach.core.errors import ContentError

# the tools (content/tools.toml, coach/loss/tools.py): shown whole or in order, not one a day
TOOL_POOLS = frozenset(
    {
        "first-days",
        "questionnaire-part",
        "client-question",
        "meeting-agenda",
        "meeting-message",
        "heart-to-heart",
        "checkin-message",
        "talk-to-someone",
        "skills-refresh",
    }
)
POOLS = (
    frozenset(
        {
            "encouragement",
            "walk",
            "walk-thought",
            "call",
            "call-value-idea",
            "call-script-open",
            "call-script-value",
            "call-script-ask",
            "checkup-question",
            "help",
            "help-idea",
            "prompt",
            "postmortem-step",
            "ask-why-question",
            "close-checklist",
            "thank-you-template",
            "unsent-letter",
            "door-open",
            "loss-advice",
            "thinking-trap",
        }
    )
    | TOOL_POOLS
)
OPTIONAL_TEXT_FIELDS = ("title", "reason", "step", "phase", "quote_by", "lean")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Phase(StrEnum):
    """Where the user is after a loss, as content items are tagged for it.

    First days (days 0-2: feelings, the walk, someone to talk to), early (3-13),
    later (14 on: learning, the check-up, the door), steady (no loss, or the last
    one months ago). An item tagged `any` suits every phase.
    """

    FIRST_DAYS = "first-days"
    EARLY = "early"
    LATER = "later"
    STEADY = "steady"
    ANY = "any"


PHASES = frozenset(Phase)
# which item tags each phase shows: early items suit the first days too; steady items
# (nothing about a loss) suit the later days, and later items a steady user
SHOWN_IN: dict[Phase, frozenset[str]] = {
    Phase.FIRST_DAYS: frozenset({"first-days", "early", "any"}),
    Phase.EARLY: frozenset({"early", "any"}),
    Phase.LATER: frozenset({"later", "steady", "any"}),
    Phase.STEADY: frozenset({"steady", "later", "any"}),
    Phase.ANY: frozenset(PHASES),
}


class Leaning(StrEnum):
    """What an item's `lean` field asks of the loss's reasons."""

    LANDSCAPE = "landscape"  # only when the loss came from outside (acquired, closed...) and
    # the user named no lapse of their own: never "not a failure of yours" after one
    LAPSE = "lapse"  # only when the user named a lapse of their own
    MARKET = "market"  # only after price or a competitor
    NOT_LAPSE = "not-lapse"  # never after a lapse of their own ("it may not be you")
    NOT_LANDSCAPE = "not-landscape"  # never when the client was bought or closed ("earn it back")


@dataclass(frozen=True)
class Lean:
    """Where the user stands today: the phase, and the groups of the loss's reasons."""

    phase: Phase = Phase.STEADY
    groups: frozenset[str] = frozenset()  # "landscape", "lapse", "market", "unknown"
    reasons: tuple[str, ...] = ()

    def allows(self, item: Item) -> bool:
        """Does `item` suit today: its phase tag and its lean?"""
        if item.phase not in SHOWN_IN[self.phase]:
            return False
        if not item.lean:
            return True
        if item.lean == Leaning.NOT_LAPSE:
            return Leaning.LAPSE not in self.groups
        if item.lean == Leaning.NOT_LANDSCAPE:
            return Leaning.LANDSCAPE not in self.groups
        if item.lean == Leaning.LANDSCAPE:
            return Leaning.LANDSCAPE in self.groups and Leaning.LAPSE not in self.groups
        return item.lean in self.groups

    def why(self) -> str:
        """ "phase early; reason service", as --json explains a pick."""
        words = f"phase {self.phase}"
        return f"{words}; reason {', '.join(self.reasons)}" if self.reasons else words


EPOCH = date(2000, 1, 3)  # a Monday; day numbers count from here


@dataclass(frozen=True)
class Item:
    """One piece of content a user reads, with where it came from."""

    id: str
    pool: str
    text: str
    sources: tuple[str, ...]
    advice: tuple[str, ...]
    title: str = ""
    reason: str = ""
    step: str = ""
    phase: str = "any"
    quote_by: str = ""
    lean: str = ""
    origin: str = ""

    @property
    def source_line(self) -> str:
        return "; ".join(self.sources)


@dataclass
class Library:
    """All content, by pool, plus problems found in user files."""

    items: dict[str, Item] = field(default_factory=dict)
    pools: dict[str, list[Item]] = field(default_factory=dict)
    advice_ids: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    problems: list[ContentError] = field(default_factory=list)

    def pool(self, name: str) -> list[Item]:
        return self.pools.get(name, [])

    def get(self, item_id: str) -> Item | None:
        return self.items.get(item_id)

    def daily(self, pool: str, day: date, *, skip: Iterable[str] = ()) -> Item | None:
        """The item of `pool` for `day`: the same all day, no repeats until the pool is used up.

        Days are grouped into cycles as long as the pool; each cycle is a
        fresh shuffle (seeded by pool and cycle), so the order is varied but
        reproducible without storing anything. A cycle never starts with the
        item that ended the one before, so no item shows two days running.
        """
        skipped = set(skip)
        items = sorted((i for i in self.pool(pool) if i.id not in skipped), key=lambda i: i.id)
        if not items:
            return None
        cycle, position = divmod((day - EPOCH).days, len(items))
        return _cycle_order(pool, items, cycle)[position]

    def covered_advice(self) -> set[str]:
        return {a for item in self.items.values() for a in item.advice}

    def add(self, item: Item) -> None:
        self.items[item.id] = item
        self.pools.setdefault(item.pool, []).append(item)


def _shuffled(pool: str, items: list[Item], cycle: int) -> list[Item]:
    order = list(items)
    random.Random(f"{pool}:{cycle}").shuffle(order)
    return order


def _cycle_order(pool: str, items: list[Item], cycle: int) -> list[Item]:
    """The order of one cycle: a shuffle whose first item differs from the last cycle's last."""
    if len(items) <= 2:
        return items  # a, b, a, b... is the only order without repeats
    order = _shuffled(pool, items, cycle)
    # swapping the first two never changes the last item, so one look back is enough
    if order[0] == _shuffled(pool, items, cycle - 1)[-1]:
        order[0], order[1] = order[1], order[0]
    return order


def _header_lines(text: str, header: str) -> list[int]:
    """Line numbers (1-based) of each `[[header]]` line, in order."""
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == f"[[{header}]]"]


def _parse_toml(path: Path) -> tuple[dict[str, Any], str]:
    import tomllib  # only when the cache misses (default_library)

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(path, f"cannot be read: {exc}") from exc
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ContentError(path, f"not valid TOML: {message}", line) from None


def _make_item(raw: Any, path: Path, line: int | None, lib: Library) -> Item:
    def fail(problem: str) -> ContentError:
        return ContentError(path, problem, line)

    if not isinstance(raw, dict):
        raise fail("each [[items]] entry must be a table")
    for key in ("id", "pool", "text"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(f"item needs a non-empty text field {key!r}")
    item_id, pool = raw["id"], raw["pool"]
    if not ID_PATTERN.match(item_id):
        raise fail(f"id {item_id!r} must be lowercase letters, digits and hyphens")
    if pool not in POOLS:
        raise fail(f"unknown pool {pool!r} (known: {', '.join(sorted(POOLS))})")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("sources", "advice"):
        value = raw.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise fail(f"item {item_id!r} needs {key!r}: a list of one or more strings")
        lists[key] = tuple(value)
    if lib.sources:
        for title in lists["sources"]:
            if title not in lib.sources:
                raise fail(f"item {item_id!r}: unknown source {title!r}")
    if lib.advice_ids:
        for advice_id in lists["advice"]:
            if advice_id not in lib.advice_ids:
                raise fail(f"item {item_id!r}: unknown advice id {advice_id!r}")
    extra = {}
    for key in OPTIONAL_TEXT_FIELDS:
        if key in raw:
            if not isinstance(raw[key], str):
                raise fail(f"item {item_id!r}: {key!r} must be text")
            extra[key] = raw[key]
    if extra.get("phase", "any") not in PHASES:
        raise fail(f"item {item_id!r}: phase must be one of {', '.join(sorted(PHASES))}")
    if extra.get("lean") and extra["lean"] not in set(Leaning):
        raise fail(f"item {item_id!r}: lean must be one of {', '.join(sorted(Leaning))}")
    unknown = set(raw) - {"id", "pool", "text", "sources", "advice", *OPTIONAL_TEXT_FIELDS}
    if unknown:
        raise fail(f"item {item_id!r}: unknown field(s) {', '.join(sorted(unknown))}")
    return Item(
        id=item_id,
        pool=pool,
        text=raw["text"].strip(),
        origin=str(path),
        sources=lists["sources"],
        advice=lists["advice"],
        **extra,
    )


def load_file(path: Path, lib: Library) -> list[Item]:
    """Parse one pool file into items (not yet added), or raise ContentError."""
    data, text = _parse_toml(path)
    unknown = set(data) - {"items"}
    if unknown:
        raise ContentError(path, f"unknown top-level key(s): {', '.join(sorted(unknown))}", 1)
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        raise ContentError(path, "'items' must be written as [[items]] tables", 1)
    lines = _header_lines(text, "items")
    items = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_items):
        line = lines[index] if index < len(lines) else None
        item = _make_item(raw, path, line, lib)
        if item.id in lib.items or item.id in seen:
            raise ContentError(path, f"duplicate id {item.id!r}", line)
        seen.add(item.id)
        items.append(item)
    return items


def _load_entries(path: Path, table: str, key: str, value: str) -> dict[str, str]:
    """Read `[[table]]` entries of a meta file into {entry[key]: entry[value]}."""
    data, text = _parse_toml(path)
    entries = data.get(table, [])
    if not isinstance(entries, list):
        raise ContentError(path, f"{table!r} must be written as [[{table}]] tables", 1)
    lines = _header_lines(text, table)
    found: dict[str, str] = {}
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else None
        if not isinstance(entry, dict) or not isinstance(entry.get(key), str) or not entry[key]:
            raise ContentError(path, f"each [[{table}]] needs a non-empty text field {key!r}", line)
        found[entry[key]] = str(entry.get(value, ""))
    return found


def _load_meta(folder: Path, lib: Library, *, required: bool = True) -> None:
    """Known article titles and advice ids; a user's folder may add more."""
    sources_path, ids_path = folder / "sources.toml", folder / "advice-ids.toml"
    if required or sources_path.exists():
        lib.sources.update(_load_entries(sources_path, "article", "title", "author"))
    if required or ids_path.exists():
        lib.advice_ids.update(_load_entries(ids_path, "advice", "id", "summary"))


META_FILES = ("sources.toml", "advice-ids.toml")


def load_library(builtin: Path, user: Path | None = None) -> Library:
    """Load built-in content (errors raise) and merge user content (errors collected)."""
    lib = Library()
    _load_meta(builtin, lib)
    for path in sorted(builtin.glob("*.toml")):
        if path.name in META_FILES:
            continue
        for item in load_file(path, lib):
            lib.add(item)
    if user is not None and user.is_dir():
        try:
            _load_meta(user, lib, required=False)
        except ContentError as problem:
            lib.problems.append(problem)
        for path in sorted(user.glob("*.toml")):
            if path.name in META_FILES:
                continue
            try:
                for item in load_file(path, lib):
                    lib.add(item)
            except ContentError as problem:
                lib.problems.append(problem)
    return lib


# -- the parsed library, cached -------------------------------------------------------
# Parsing content/*.toml (and the user's own) is most of a command's start. The parsed
# library (items in load order, sources, advice ids, the problems found in the user's
# files) is kept in `<cache folder>/content.json` under a key made of coach's version
# and the path, size and mtime of every content file in both folders: a file added,
# removed or edited (or a new coach) changes the key and the content is parsed again.
# A damaged, foreign or unreadable cache is ignored and written again; a cache that
# cannot be written costs only the parse. The file is private (0600 in a 0700 folder)
# and replaced atomically. `coach doctor` always parses (load_library).

CACHE_FILE = "content.json"
CACHE_FORMAT = 1
CACHED_TEXT = ("id", "pool", "text", "title", "reason", "step", "phase", "quote_by", "lean")
CACHED_LISTS = ("sources", "advice")


def _files(folder: Path | None) -> list[list[Any]]:
    if folder is None or not folder.is_dir():
        return []
    rows: list[list[Any]] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            st = path.stat()
        except OSError:
            rows.append([str(path), None])  # the parse reports it
            continue
        rows.append([str(path), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns])
    return rows


def cache_key(builtin: Path, user: Path | None) -> dict[str, Any]:
    return {
        "format": CACHE_FORMAT,
        "version": __version__,
        "builtin": _files(builtin),
        "user": [str(user), _files(user)] if user is not None else None,
    }


def _item_json(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {f: getattr(item, f) for f in CACHED_TEXT}
    out.update({f: list(getattr(item, f)) for f in CACHED_LISTS})
    out["origin"] = item.origin
    return out


def _text_map(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValueError("not a map of text")
    return value


def _item(raw: Any) -> Item:
    if not isinstance(raw, dict) or set(raw) != {*CACHED_TEXT, *CACHED_LISTS, "origin"}:
        raise ValueError("not an item")
    for name in (*CACHED_TEXT, "origin"):
        if not isinstance(raw[name], str):
            raise ValueError(f"{name} is not text")
    for name in CACHED_LISTS:
        value = raw[name]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{name} is not a list of text")
    return Item(**{**raw, **{n: tuple(raw[n]) for n in CACHED_LISTS}})


def _problem(raw: Any) -> ContentError:
    if not (
        isinstance(raw, list)
        and len(raw) == 3
        and isinstance(raw[0], str)
        and isinstance(raw[1], str)
        and (raw[2] is None or isinstance(raw[2], int))
    ):
        raise ValueError("not a problem")
    return ContentError(raw[0], raw[1], raw[2])


def cache_json(lib: Library, key: dict[str, Any]) -> bytes:
    body = {
        "key": key,
        "items": [_item_json(i) for i in lib.items.values()],
        "sources": lib.sources,
        "advice_ids": lib.advice_ids,
        "problems": [[str(p.path), p.problem, p.line] for p in lib.problems],
    }
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def from_cache(raw: bytes, key: dict[str, Any]) -> Library | None:
    """The cached library when `raw` holds one for `key`, else None (stale or damaged)."""
    try:
        body = json.loads(raw)
        if not isinstance(body, dict) or body.get("key") != key:
            return None
        lib = Library(sources=_text_map(body["sources"]), advice_ids=_text_map(body["advice_ids"]))
        items = body["items"]
        if not isinstance(items, list) or not items:
            return None
        for raw_item in items:
            item = _item(raw_item)
            if item.id in lib.items:
                return None
            lib.add(item)
        problems = body["problems"]
        if not isinstance(problems, list):
            return None
        lib.problems = [_problem(p) for p in problems]
        return lib
    except (ValueError, KeyError, TypeError, RecursionError):
        return None


def cached_library(builtin: Path, user: Path | None, cache: Path) -> Library:
    """load_library(builtin, user), from the cache when it matches the files."""
    key = cache_key(builtin, user)
    path = cache / CACHE_FILE
    try:
        lib = from_cache(path.read_bytes(), key)
    except OSError:
        lib = None
    if lib is not None:
        return lib
    lib = load_library(builtin, user)  # ContentError in built-in content: raised, not cached
    if key == cache_key(builtin, user):  # no file changed while it was parsed
        try:
            ensure_private_dir(cache)
            atomic_write(path, cache_json(lib, key))
        except OSError:
            pass  # no cache this time: the next start parses again
    return lib


def default_library() -> Library:
    """The built-in content plus the user's own (parsed once, then from the cache)."""
    from coach.core.paths import builtin_content_dir, cache_dir, user_content_dir

    return cached_library(builtin_content_dir(), user_content_dir(), cache_dir())
