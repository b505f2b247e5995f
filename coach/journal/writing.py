"""Where a writing session starts: the saved answer, or the draft that came back.

The Reflect screen and Today's reflect pane both ask `start_writing` what to
show, so a draft typed in one comes back in the other, and after a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coach.content.library import Item
from coach.journal.drafts import Draft, all_drafts, draft_key, load_draft
from coach.journal.moods import mood_on
from coach.journal.reflections import Reflection, prompt_as_shown, todays_answer
from coach.session import Coach


@dataclass(frozen=True)
class Writing:
    """What to put in front of the user: day, prompt, text so far, and where it came from."""

    day: date
    prompt: Item | None
    text: str = ""
    mood: int | None = None
    tags: tuple[str, ...] = ()
    entry_id: str | None = None  # the saved entry this updates, if any
    from_draft: bool = False
    saved_text: str = ""  # what is saved now ("" when nothing is)

    @property
    def key(self) -> str:
        return draft_key(self.day, self.prompt.id if self.prompt else None)

    def draft(self, text: str, mood: int | None, tags: tuple[str, ...] = ()) -> Draft:
        prompt = self.prompt
        return Draft(
            day=self.day,
            text=text,
            prompt_id=prompt.id if prompt else None,
            prompt_text=prompt.text if prompt else "",
            mood=mood,
            tags=tags,
        )


def todays_prompt(coach: Coach, day: date) -> Item | None:
    """The prompt of a day: the one answered that day if any, else the day's own."""
    from coach.journal.prompts import prompt_for

    answer = todays_answer(coach, day)
    return prompt_as_shown(coach, answer) if answer else prompt_for(coach, day)


def start_writing(coach: Coach, day: date, prompt: Item | None) -> Writing:
    """The answer to `prompt` on `day`: its draft if one is kept, else what was saved."""
    answer = todays_answer(coach, day) if prompt else None
    if answer is not None and prompt is not None and answer.prompt_id != prompt.id:
        answer = None
    saved_text = answer.text if answer else ""
    entry_id = answer.id if answer else None
    before = mood_on(coach, day, "before")
    draft = load_draft(coach, draft_key(day, prompt.id if prompt else None))
    if draft is not None:
        return Writing(
            day, prompt, draft.text, draft.mood or before, draft.tags, entry_id, True, saved_text
        )
    if answer is not None:
        return Writing(
            day,
            prompt,
            answer.text,
            answer.mood or before,
            answer.tag_field,
            entry_id,
            False,
            saved_text,
        )
    return Writing(day, prompt, mood=before)


def waiting_draft(coach: Coach, other_than: str) -> Writing | None:
    """An unsaved draft of another day or prompt (not an edit), newest first, to bring back."""
    drafts = [d for d in all_drafts(coach) if d.entry_id is None and d.key != other_than]
    if not drafts:
        return None
    draft = drafts[-1]
    prompt = None
    if draft.prompt_id:
        entry = Reflection(
            id="", day=draft.day, text="", prompt_id=draft.prompt_id, prompt_text=draft.prompt_text
        )
        prompt = prompt_as_shown(coach, entry)
    return Writing(draft.day, prompt, draft.text, draft.mood, draft.tags, None, True, "")
