"""The History screen: the journal newest first, search, filters, and what to do with an entry.

The entries load in a worker after the screen paints (ten years is ~3,650
entries); typing in the search box or a filter searches again in a worker.
Enter opens an entry (screens/entry.py); u undoes the last delete of this session.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from datetime import date, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from coach.core.dates import Lean, parse_day
from coach.core.errors import InputError
from coach.core.fields import EPOCH
from coach.core.words import plural
from coach.journal.moods import MOOD_WORDS
from coach.journal.reflections import Reflection, restore_reflection
from coach.journal.search import Filters, iter_search, search_thoughts
from coach.journal.thoughts import ThoughtRecord
from coach.session import Coach
from screens.common.date_field import DatePreview
from screens.journal.labels import short_day
from screens.messages import DataChanged, SaveKind
from screens.services import CoachScreen

Listed = Reflection | ThoughtRecord
THOUGHT_ID = "thought:"  # option ids of thought records, apart from entry ids
SEARCH_DELAY = 0.25  # seconds after the last keystroke
PAGE = 150  # entries added to the list at a time; more as the highlight nears the end


def entry_title(entry: Reflection, titles: dict[str, str]) -> str:
    if entry.is_free:
        return "Free entry"
    return titles.get(entry.prompt_id or "", "") or entry.prompt_text


def entry_option(entry: Reflection, titles: dict[str, str]) -> Option:
    """Two lines: date, mood and prompt; then the first line of the answer. All literal."""
    head: list[str | tuple[str, str]] = [(short_day(entry.day), "bold")]
    head.append((f"  {entry.mood_label:<8}", "$accent"))
    head.append((f"  {entry_title(entry, titles)}", "$foreground-muted"))
    first = entry.first_line
    return Option(Content.assemble(*head, "\n  ", first), id=entry.id)


def thought_option(record: ThoughtRecord) -> Option:
    """A thought record in the list: date, "thought", then its hot thought. All literal."""
    head = Content.assemble(
        (short_day(record.day), "bold"),
        (f"  {'thought':<8}", "$accent"),
        ("  Thought record", "$foreground-muted"),
    )
    return Option(Content.assemble(head, "\n  ", record.headline), id=THOUGHT_ID + record.id)


def listed_option(item: Listed, titles: dict[str, str]) -> Option:
    if isinstance(item, ThoughtRecord):
        return thought_option(item)
    return entry_option(item, titles)


def option_id(item: Listed) -> str:
    return THOUGHT_ID + item.id if isinstance(item, ThoughtRecord) else item.id


def _newest(item: Listed) -> tuple[object, datetime]:
    return (item.day, item.written_at or EPOCH)


def everything(coach: Coach, filters: Filters) -> Iterator[Listed]:
    """Entries and thought records, newest first (thought records have no tag, mood or prompt)."""
    entries = iter_search(coach, filters)
    if filters.tag.strip() or filters.mood is not None or filters.prompt_id:
        return entries
    thoughts = search_thoughts(coach, filters)
    return heapq.merge(entries, thoughts, key=_newest, reverse=True)


class HistoryScreen(CoachScreen[None]):
    """Every reflection, newest first, with search and filters."""

    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("slash,ctrl+f", "focus_search", "Search", id="history.search"),
        Binding("u", "undo", "Undo delete", id="history.undo"),
        Binding("ctrl+r", "thought_record", "Thought record", id="history.thought"),
        Binding("escape", "back", "Today", id="history.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Listed] = []
        self.loaded = False
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Search your journal (every word must match)",
            id="history-search",
            compact=True,
        )
        with Horizontal(id="history-filters"):
            yield Static("From", classes="filter-label")
            yield Input(
                placeholder="YYYY-MM-DD", id="filter-from", compact=True, classes="filter-date"
            )
            yield Static("To", classes="filter-label")
            yield Input(
                placeholder="YYYY-MM-DD", id="filter-to", compact=True, classes="filter-date"
            )
            yield Static("Tag", classes="filter-label")
            yield Input(placeholder="#tag", id="filter-tag", compact=True)
            yield Select(
                [(f"{n} {w}", n) for n, w in MOOD_WORDS.items()],
                prompt="any mood",
                id="filter-mood",
                compact=True,
            )
            yield Select[str]([], prompt="any prompt", id="filter-prompt", compact=True)
        with Horizontal(id="history-dates"):  # the days From and To read, as typed
            for field, label in (("filter-from", "From"), ("filter-to", "To")):
                yield DatePreview(field, self.today, what=label, lean=Lean.EITHER, label=label)
        yield Static("Loading your journal…", id="history-status")
        yield OptionList(id="history-list")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "History"
        coach = self.coach
        if coach is not None:
            prompts = sorted(
                coach.library.pool("prompt"), key=lambda p: (p.title or p.text).casefold()
            )
            choices = [(p.title or p.text[:40], p.id) for p in prompts]
            with self.prevent(Select.Changed):
                self.query_one("#filter-prompt", Select).set_options(choices)
        self.query_one("#history-list", OptionList).focus()
        self.run_search()

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.run_search()

    def on_data_changed(self, _: DataChanged) -> None:
        """Another coach process wrote (say `coach reflect`): search again."""
        if self.loaded:
            self.run_search()

    def today(self) -> date:
        """The Coach's day, asked each time (History left open past midnight)."""
        coach = self.coach
        return coach.today() if coach is not None else EPOCH.date()

    # -- searching ---------------------------------------------------------------
    def filters(self) -> Filters:
        """The filters as typed; raises InputError naming a bad field."""
        coach = self.coach
        if coach is None:
            return Filters()
        today = coach.today()
        first_text = self.query_one("#filter-from", Input).value.strip()
        last_text = self.query_one("#filter-to", Input).value.strip()
        mood = self.query_one("#filter-mood", Select).value
        prompt_id = self.query_one("#filter-prompt", Select).value
        return Filters(
            words=self.query_one("#history-search", Input).value,
            first=parse_day(first_text, today, what="From", lean=Lean.EITHER)
            if first_text
            else None,
            last=parse_day(last_text, today, what="To", lean=Lean.EITHER) if last_text else None,
            tag=self.query_one("#filter-tag", Input).value,
            mood=mood if isinstance(mood, int) else None,
            prompt_id=prompt_id if isinstance(prompt_id, str) else "",
        )

    @on(Input.Changed)
    @on(Select.Changed)
    def _filters_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, self.run_search)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.query_one("#history-list", OptionList).focus()

    @property
    def search_pending(self) -> bool:
        """Typing paused less than SEARCH_DELAY ago: a search is about to start."""
        return self._timer is not None

    def run_search(self) -> None:
        self._timer = None
        try:
            filters = self.filters()
            filters.check()
        except InputError as exc:
            self.query_one("#history-status", Static).update(Content(str(exc)))
            return
        self._search(filters)

    @work(thread=True, exclusive=True, group="history-search")
    def _search(self, filters: Filters) -> None:
        coach = self.coach
        if coach is None:
            return
        found: list[Listed] = []
        first_page_shown = False
        for entry in everything(coach, filters):
            found.append(entry)
            if len(found) == PAGE and not first_page_shown:
                # the newest entries show at once; the count follows when all are read
                self.app.call_from_thread(self._show, list(found), filters, False)
                first_page_shown = True
        if first_page_shown:
            self.app.call_from_thread(self._complete, found, filters)
        else:
            self.app.call_from_thread(self._show, found, filters, True)

    def _complete(self, found: list[Listed], filters: Filters) -> None:
        """Every match is read: keep the list as it is, know them all, say how many."""
        if not self.is_mounted:
            return
        self.entries = found
        self.loaded = True
        self._status(found, filters, complete=True)

    def _show(self, found: list[Listed], filters: Filters, complete: bool) -> None:
        if not self.is_mounted:
            return
        self.loaded = complete
        option_list = self.query_one("#history-list", OptionList)
        current = option_list.highlighted_option.id if option_list.highlighted_option else None
        self.entries = found
        option_list.clear_options()
        ids = [option_id(e) for e in found]
        at = ids.index(current) if current in ids else 0
        self._add_page(upto=at + 1)
        if found:
            option_list.highlighted = at
        self._status(found, filters, complete)

    def _status(self, found: list[Listed], filters: Filters, complete: bool) -> None:
        filtered = filters != Filters()
        if not complete:
            status = "Reading your journal…"
        elif not found:
            status = "Nothing matches." if filtered else "Your journal is empty. Press r to write."
        else:
            thoughts = sum(isinstance(e, ThoughtRecord) for e in found)
            counts = [plural(len(found) - thoughts, "entry")] if len(found) > thoughts else []
            counts += [plural(thoughts, "thought record")] if thoughts else []
            status = " and ".join(counts) + (" match" if filtered else ", newest first")
            status += "  ·  enter opens one"
        self.query_one("#history-status", Static).update(Content(status))
        self.refresh_bindings()

    def _add_page(self, upto: int = 0) -> None:
        """Add the next PAGE entries (or up to index `upto`) to the list."""
        coach = self.coach
        option_list = self.query_one("#history-list", OptionList)
        shown = option_list.option_count
        end = max(shown + PAGE, upto)
        if coach is None or shown >= len(self.entries):
            return
        titles = {item.id: item.title for item in coach.library.pool("prompt")}
        option_list.add_options(listed_option(e, titles) for e in self.entries[shown:end])

    @on(OptionList.OptionHighlighted, "#history-list")
    def _near_end(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index >= event.option_list.option_count - 10:
            self._add_page()

    # -- opening -----------------------------------------------------------------
    @on(OptionList.OptionSelected, "#history-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        from screens.journal.entry import EntryScreen  # deferred: a screen, loaded when opened
        from screens.journal.thought import ThoughtScreen  # deferred: a screen

        entry = next((e for e in self.entries if option_id(e) == event.option.id), None)
        if isinstance(entry, ThoughtRecord):
            self.app.push_screen(ThoughtScreen(entry))
        elif entry is not None:
            self.app.push_screen(EntryScreen(entry))

    # -- actions -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return bool(self.services.deleted_entries) or None
        return True

    def action_thought_record(self) -> None:
        """Feelings aren't facts: a new thought record (it joins the list when you come back)."""
        from screens.journal.thought import ThoughtScreen  # deferred: a screen

        self.app.push_screen(ThoughtScreen())

    def action_focus_search(self) -> None:
        self.query_one("#history-search", Input).focus()

    def action_undo(self) -> None:
        deleted = self.services.deleted_entries
        if not deleted:
            return
        entry = deleted.pop()
        self.save(
            SaveKind.ENTRY_RESTORE,
            lambda coach: restore_reflection(coach, entry),
            done=lambda _: self._restored(entry),
        )

    def _restored(self, entry: Reflection) -> None:
        self.notify(f"Put back: the entry of {short_day(entry.day)}.", timeout=4)
        self.run_search()

    def action_back(self) -> None:
        if self.focused is not None and self.focused.id != "history-list":
            self.query_one("#history-list", OptionList).focus()
            return
        self.services.action_go("today")
