"""Full-text search of the journal: case- and accent-insensitive, every word must match.

Each month file's entries are normalised once (NFKD, marks dropped, casefolded)
and kept in memory keyed by the file's signature, so repeated searches only
scan text in memory, and a month re-reads only after it changed on disk.
Prompts and answers are both searched; `search_thoughts` searches thought records. Filters: date range, tag, prompt, mood.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from coach.core.errors import InputError
from coach.core.fields import EPOCH
from coach.journal.reflections import LOG, Reflection, from_record
from coach.journal.thoughts import LOG as THOUGHTS
from coach.journal.thoughts import ThoughtRecord, thoughts_in_month
from coach.journal.thoughts import from_record as thought_from
from coach.session import Coach
from coach.store.core import Record
from coach.store.dump import read_month
from coach.store.storage import Signature

WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Fold case and strip accents: 'Café Ünïcode' -> 'cafe unicode'."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def query_words(query: str) -> list[str]:
    """The normalised words of a query, without repeats."""
    return list(dict.fromkeys(WORD.findall(normalise(query))))


@dataclass(frozen=True)
class Filters:
    """What to look for: words (all must match) and optional filters."""

    words: str = ""
    first: date | None = None
    last: date | None = None
    tag: str = ""
    prompt_id: str = ""
    mood: int | None = None

    def check(self) -> None:
        if self.first and self.last and self.first > self.last:
            raise InputError(
                f"the range is back to front: {self.first.isoformat()} is after {self.last.isoformat()}"
            )
        if self.mood is not None and not 1 <= self.mood <= 5:
            raise InputError(f"mood must be 1..5, not {self.mood}")


@dataclass(frozen=True)
class _Indexed:
    entry: Reflection
    haystack: str  # normalised prompt + answer + tags


class SearchCache:
    """Each month's entries, normalised for search, kept while the folder is open.

    month key -> (the month file's signature, its entries); a changed file is read again.
    """

    def __init__(self) -> None:
        self.months: dict[str, tuple[Signature, list[_Indexed]]] = {}
        self.lock = threading.Lock()


def _month_entries(coach: Coach, key: str) -> list[_Indexed]:
    sig = coach.store.month_signature(key)
    if sig is None:
        return []
    cache = coach.kept(SearchCache)
    with cache.lock:
        hit = cache.months.get(key)
    if hit is not None and hit[0] == sig:
        return hit[1]
    # read as on disk: the store's own cache of every month's tables is not filled (search
    # keeps only what it needs), and the records are not copied twice over by TinyDB
    indexed = _index(read_month(coach.store, key).get(LOG, {}).values())
    with cache.lock:
        cache.months[key] = (sig, indexed)
    return indexed


def _haystack(record: Record) -> str:
    """What a search looks in, from the stored record: the normalised prompt, answer and
    tags, as `from_record` reads them."""
    text, tags = record.get("text"), record.get("tags")
    return normalise(
        "\n".join(
            (
                str(record.get("prompt_text") or ""),
                text if isinstance(text, str) else "",
                " ".join(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else "",
            )
        )
    )


def _index(records: Iterable[Record], words: Iterable[str] = ()) -> list[_Indexed]:
    """The records read into entries with their haystacks, oldest first; with `words`, only
    those holding them all (the rest are never read into an entry)."""
    indexed = []
    for record in records:
        hay = _haystack(record)
        if not all(word in hay for word in words):
            continue
        entry = from_record(record)
        if entry is None:
            continue
        indexed.append(_Indexed(entry, hay))
    indexed.sort(key=lambda i: (i.entry.day, i.entry.written_at or EPOCH))
    return indexed


def _months(coach: Coach, first: date | None, last: date | None) -> list[str]:
    lo = f"{first.year:04d}-{first.month:02d}" if first else ""
    hi = f"{last.year:04d}-{last.month:02d}" if last else "9999-99"
    return [k for k in coach.store.months() if lo <= k <= hi]


def search(coach: Coach, query: str | Filters = "") -> list[Reflection]:
    """Entries matching every word of the query and every filter, newest first."""
    return list(iter_search(coach, query))


def iter_search(coach: Coach, query: str | Filters = "") -> Iterator[Reflection]:
    """Like `search`, one month file at a time: the newest results come first and fast."""
    filters = query if isinstance(query, Filters) else Filters(words=query)
    filters.check()
    matches = _matcher(filters)
    for key in reversed(_months(coach, filters.first, filters.last)):
        for item in reversed(_month_entries(coach, key)):
            if matches(item):
                yield item.entry


def _matcher(filters: Filters) -> Callable[[_Indexed], bool]:
    words = query_words(filters.words)
    tag = filters.tag.strip().lstrip("#").casefold()

    def matches(item: _Indexed) -> bool:
        entry = item.entry
        return not (
            (filters.first and entry.day < filters.first)
            or (filters.last and entry.day > filters.last)
            or (filters.mood is not None and entry.mood != filters.mood)
            or (filters.prompt_id and entry.prompt_id != filters.prompt_id)
            or (tag and tag not in entry.tags)
            or not all(word in item.haystack for word in words)
        )

    return matches


def _thought_matches(filters: Filters, words: list[str], record: ThoughtRecord) -> bool:
    return not (
        (filters.first and record.day < filters.first)
        or (filters.last and record.day > filters.last)
        or not all(word in normalise(record.text) for word in words)
    )


@dataclass(frozen=True)
class MonthFound:
    """One month's matches, oldest first: entries and thought records (search_months)."""

    key: str
    entries: list[Reflection]
    thoughts: list[ThoughtRecord]


def search_months(
    coach: Coach,
    query: str | Filters = "",
    *,
    thoughts: bool = True,
    on_progress: Callable[[int, int], object] | None = None,
) -> Iterator[MonthFound]:
    """Matches a month at a time, oldest month first, for a one-off search (the CLI):
    each month file is read once (entries and thought records), and nothing is kept,
    so memory stays flat however long the history. `on_progress(done, total)` after
    each month."""
    filters = query if isinstance(query, Filters) else Filters(words=query)
    filters.check()
    matches, words = _matcher(filters), query_words(filters.words)
    keys = _months(coach, filters.first, filters.last)
    if on_progress is not None and not keys:
        on_progress(0, 0)  # nothing to read: done already
    for done, key in enumerate(keys, 1):
        tables = read_month(coach.store, key)
        indexed = _index(tables.get(LOG, {}).values(), words)
        entries = [i.entry for i in indexed if matches(i)]
        found: list[ThoughtRecord] = []
        if thoughts:
            parsed = (t for r in tables.get(THOUGHTS, {}).values() if (t := thought_from(r)))
            ordered = sorted(parsed, key=lambda t: (t.day, t.written_at or EPOCH, t.id))
            found = [t for t in reversed(ordered) if _thought_matches(filters, words, t)]
        del tables
        if on_progress is not None:
            on_progress(done, len(keys))
        yield MonthFound(key, entries, found)


def all_entries(coach: Coach) -> list[Reflection]:
    """Every entry, newest first (from the same cache as search)."""
    return search(coach, Filters())


def answers_to(coach: Coach, prompt_id: str) -> list[Reflection]:
    """How my answers changed: every answer to one prompt, oldest first."""
    return list(reversed(search(coach, Filters(prompt_id=prompt_id))))


def known_tags(coach: Coach) -> list[str]:
    """Every tag used, most used first."""
    counts: dict[str, int] = {}
    for entry in all_entries(coach):
        for tag in entry.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts, key=lambda t: (-counts[t], t))


def search_thoughts(coach: Coach, query: str | Filters = "") -> list[ThoughtRecord]:
    """Thought records matching every word (and the date range), newest first."""
    filters = query if isinstance(query, Filters) else Filters(words=query)
    filters.check()
    words = query_words(filters.words)
    found: list[ThoughtRecord] = []
    for key in reversed(_months(coach, filters.first, filters.last)):
        for record in reversed(thoughts_in_month(coach, key)):
            if _thought_matches(filters, words, record):
                found.append(record)
    return found
