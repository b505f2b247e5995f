"""The Reflect screen: today's prompt and its source, a mood check-in, and room to write.

Drafts are saved as you type (screens/drafting.py) and come back next time.
ctrl+n another prompt, ctrl+t pin it (it comes back once a week), ctrl+g hide
it for good, ctrl+o a free entry without a prompt, ctrl+s save.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Input, Static, TextArea

from coach.content.library import Item
from coach.core.errors import InputError
from coach.journal import prompts
from coach.journal.drafts import Draft, discard_draft
from coach.journal.reflections import Reflection, clean_tags, save_reflection
from coach.journal.thoughts import PROMPT_ID as THOUGHT_PROMPT
from coach.journal.writing import Writing, start_writing, todays_prompt, waiting_draft
from coach.session import Coach
from screens.common.drafting import DraftAutosave
from screens.common.mood_picker import MoodPicker, save_mood
from screens.common.sources import source_line
from screens.messages import SaveKind
from screens.services import CoachScreen


def long_day(writing: Writing) -> str:
    return f"{writing.day:%A} {writing.day.day} {writing.day:%B}"


class ReflectScreen(CoachScreen[None]):
    """Write today's reflection."""

    CSS_PATH = "reflect.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="reflect.save"),
        Binding("ctrl+n", "another", "Another", id="reflect.another"),
        Binding("ctrl+t", "pin", "Pin", id="reflect.pin"),
        Binding("ctrl+g", "hide", "Hide", id="reflect.hide"),
        Binding("ctrl+o", "free", "Free entry", id="reflect.free"),
        Binding("ctrl+r", "thought_record", "Thought record", id="reflect.thought"),
        Binding("escape", "back", "Today", id="reflect.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.writing: Writing | None = None
        self.after = False  # after saving, the mood row asks how you feel now
        self.autosave = DraftAutosave(self, self._make_draft)
        self.autosave.on_saved = self._draft_saved

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="reflect-column"):
            with Vertical(id="reflect-prompt"):
                yield Static(id="prompt-title")
                yield Static(id="prompt-text")
                yield Static(id="prompt-source")
            yield MoodPicker(id="reflect-mood")
            yield TextArea(id="reflect-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal(id="reflect-bottom"):
                yield Input(placeholder="tags: work, acme", id="reflect-tags", compact=True)
                yield Static(id="reflect-state")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Reflect"
        coach = self.coach
        if coach is None:
            return
        day = coach.today()
        writing = start_writing(coach, day, todays_prompt(coach, day))
        if not writing.text:
            waiting = waiting_draft(coach, other_than=writing.key)
            if waiting is not None:
                writing = waiting
                self.notify(
                    f"Your unsaved draft from {long_day(waiting)} is back.",
                    title="Nothing lost",
                    timeout=6,
                )
        elif writing.from_draft:
            self.notify("Your unsaved draft is back.", title="Nothing lost", timeout=5)
        self.show_writing(writing)
        if writing.mood is None:
            self.query_one(MoodPicker).focus()
        else:
            self.query_one(TextArea).focus()

    # -- showing -----------------------------------------------------------------
    def show_writing(self, writing: Writing) -> None:
        """Show a writing session: prompt, mood, text, tags (all user text literal)."""
        self.writing = writing
        self.after = False
        self._show_prompt(writing.prompt)
        picker = self.query_one(MoodPicker)
        picker.label = "How do you feel?"
        picker.value = writing.mood
        area = self.query_one(TextArea)
        with self.prevent(TextArea.Changed, Input.Changed):
            if area.text != writing.text:
                area.load_text(writing.text)
            self.query_one("#reflect-tags", Input).value = ", ".join(writing.tags)
        if writing.text != writing.saved_text and not writing.from_draft:
            self.autosave.changed()  # words carried over: keep them as a draft too
        self._update_state()
        self.refresh_bindings()

    def _show_prompt(self, prompt: Item | None) -> None:
        coach, writing = self.coach, self.writing
        if coach is None or writing is None:
            return
        title = self.query_one("#prompt-title", Static)
        text = self.query_one("#prompt-text", Static)
        when = "" if coach.today() == writing.day else f"  ·  for {long_day(writing)}"
        if prompt is None:
            title.update(Content.assemble(("Free entry", "bold"), (when, "$foreground-muted")))
            text.update(Content("Write whatever is on your mind. #words become tags."))
            self.query_one("#prompt-source", Static).update("")
            return
        pinned = prompt.id in prompts.load_choices(coach).pinned
        title.update(
            Content.assemble(
                (prompt.title or "Today's prompt", "bold"),
                ("  ·  pinned" if pinned else "", "$accent"),
                (when, "$foreground-muted"),
            )
        )
        if prompt.id == THOUGHT_PROMPT:
            text.update(
                Content.assemble(
                    prompt.text, ("\nctrl+r opens a thought record for it.", "$accent")
                )
            )
        else:
            text.update(Content(prompt.text))
        self.query_one("#prompt-source", Static).update(source_line(prompt))

    @property
    def dirty(self) -> bool:
        writing = self.writing
        return writing is not None and self.query_one(TextArea).text != writing.saved_text

    def _update_state(self, note: str = "") -> None:
        writing = self.writing
        if note:
            state = note
        elif writing is None or not self.query_one(TextArea).text.strip():
            state = ""
        elif not self.dirty:
            state = "saved"
        elif self.autosave.pending:
            state = "not saved yet"
        else:
            state = "not saved yet · draft kept"
        self.query_one("#reflect-state", Static).update(state)

    # -- drafts ------------------------------------------------------------------
    def _make_draft(self) -> Draft | None:
        writing = self.writing
        if writing is None:
            return None
        text = self.query_one(TextArea).text
        if text == writing.saved_text:
            text = ""  # nothing beyond what is saved: forget the draft
        return writing.draft(
            text,
            self.query_one(MoodPicker).value if not self.after else writing.mood,
            self._tags_or_empty(),
        )

    def _tags_or_empty(self) -> tuple[str, ...]:
        try:
            return clean_tags(self.query_one("#reflect-tags", Input).value)
        except InputError:
            return ()

    def _draft_saved(self, draft: Draft) -> None:
        if self.is_mounted:
            self._update_state()

    def flush_draft(self) -> None:
        """Queue the draft now: the app calls this before quitting."""
        self.autosave.flush()

    def on_unmount(self) -> None:
        # the quit hook flushed already when the save queue is closed
        with suppress(RuntimeError):
            self.autosave.flush()

    @on(TextArea.Changed, "#reflect-text")
    @on(Input.Changed, "#reflect-tags")
    def _typed(self) -> None:
        if self.writing is None:
            return
        self.autosave.changed()
        self._update_state()

    @on(MoodPicker.Chosen)
    def _mood(self, event: MoodPicker.Chosen) -> None:
        writing = self.writing
        if writing is None:
            return
        save_mood(self, writing.day, event.mood, self.after)
        if self.after:
            self.query_one(TextArea).focus()
            return
        self.writing = replace(writing, mood=event.mood)
        self.autosave.changed()
        self.query_one(TextArea).focus()

    # -- actions -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        writing = self.writing
        if writing is None:
            return True
        if action in ("another", "hide"):
            return (writing.prompt is not None and writing.entry_id is None) or None
        if action == "pin":
            return writing.prompt is not None or None
        return True

    def action_save(self) -> None:
        writing = self.writing
        if writing is None:
            return
        text = self.query_one(TextArea).text
        if not text.strip():
            self.notify("Write something first: the reflection is empty.", severity="warning")
            return
        try:
            tags = clean_tags(self.query_one("#reflect-tags", Input).value)
        except InputError as exc:
            self.notify(str(exc), title="Tags", severity="warning", markup=False)
            return
        mood = writing.mood
        self.autosave.cancel()
        self.save(
            SaveKind.REFLECTION,
            lambda coach: save_reflection(
                coach, writing.day, text, writing.prompt, mood, tags=tags, entry_id=writing.entry_id
            ),
            done=lambda entry: self._saved(entry, text),
        )

    def _saved(self, entry: Reflection, text: str) -> None:
        if self.writing is None or not self.is_mounted:
            return
        self.writing = replace(self.writing, entry_id=entry.id, saved_text=text, from_draft=False)
        self.after = True
        picker = self.query_one(MoodPicker)
        picker.label = "And now?"
        picker.value = None
        picker.focus()  # so 1-5 answers "And now?" instead of typing into the saved entry
        self._update_state()
        self.refresh_bindings()
        self.notify("Saved to your journal.", timeout=3)

    def _switch(self, kind: SaveKind, job: Callable[[Coach], Writing], message: str = "") -> None:
        """Run `job(coach) -> Writing` on the save queue (after pending drafts), then show it."""
        self.autosave.flush()

        def shown(writing: Writing) -> None:
            self.show_writing(writing)
            # no mood yet: 1-5 pick one (a digit never starts the text); else write on
            if writing.mood is None:
                self.query_one(MoodPicker).focus()
            else:
                self.query_one(TextArea).focus()
            if message:
                self.notify(message, timeout=4)

        self.save(kind, job, done=shown)

    def action_another(self) -> None:
        writing = self.writing
        if writing is None or writing.prompt is None:
            return
        text, mood, day, old_key = (
            self.query_one(TextArea).text,
            writing.mood,
            writing.day,
            writing.key,
        )

        def job(coach: Coach) -> Writing:
            new = prompts.another_prompt(coach, day)
            moved = start_writing(coach, day, new)
            if text.strip() and not moved.text:
                discard_draft(coach, old_key)  # the words move to the new prompt
                moved = replace(moved, text=text)
            return replace(moved, mood=moved.mood or mood)

        self._switch(SaveKind.PROMPT, job)

    def action_pin(self) -> None:
        writing = self.writing
        if writing is None or writing.prompt is None:
            return
        prompt = writing.prompt
        coach = self.coach
        pinned = coach is not None and prompt.id in prompts.load_choices(coach).pinned
        weekday = calendar.day_name[coach.settings.week_start] if coach else "Monday"
        self.save(
            SaveKind.PROMPT_CHOICE,
            lambda c: prompts.set_pinned(c, prompt.id, not pinned),
            done=lambda _: self._show_prompt(prompt),
        )
        self.notify(
            "Unpinned."
            if pinned
            else f"Pinned: this prompt comes back on {weekday}s, in turn with your other pins.",
            timeout=5,
        )

    def action_hide(self) -> None:
        writing = self.writing
        if writing is None or writing.prompt is None:
            return
        prompt, day, text, mood = (
            writing.prompt,
            writing.day,
            self.query_one(TextArea).text,
            writing.mood,
        )

        def job(coach: Coach) -> Writing:
            prompts.set_hidden(coach, prompt.id)
            discard_draft(coach, writing.key)
            moved = start_writing(coach, day, todays_prompt(coach, day))
            return replace(moved, text=moved.text or text, mood=moved.mood or mood)

        self._switch(
            SaveKind.PROMPT_CHOICE,
            job,
            f"Hidden for good. (coach reflect --unhide {prompt.id} brings it back.)",
        )

    def action_free(self) -> None:
        writing = self.writing
        if writing is None:
            return
        day, free = writing.day, writing.prompt is not None
        after_saving = self.after  # the mood shown belongs to an entry already saved

        def job(coach: Coach) -> Writing:
            new = start_writing(coach, day, None if free else todays_prompt(coach, day))
            if free and after_saving and not new.from_draft and new.entry_id is None:
                # a new entry after a saved one asks how you feel now (1-5 answer it)
                new = replace(new, mood=None)
            return new

        self._switch(SaveKind.WRITING, job)

    def action_thought_record(self) -> None:
        """Feelings aren't facts: a thought record, on top of the reflection (kept as a draft)."""
        from screens.journal.thought import ThoughtScreen  # deferred: a screen

        self.autosave.flush()
        self.app.push_screen(ThoughtScreen())

    def action_back(self) -> None:
        self.autosave.flush()
        self.services.action_go("today")
