"""Saving, editing, deleting and restoring journal entries; moods; on this day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.clock import FixedClock
from coach.core.errors import InputError
from coach.core.fields import stored_moment
from coach.journal import reflections as R
from coach.journal.drafts import Draft, load_draft, save_draft
from coach.journal.export import from_json, to_json
from coach.journal.moods import mood_on, moods_on, record_mood
from coach.routine.today import build_today
from coach.session import Coach
from tests.conftest import own_notes

SUNDAY = date(2026, 11, 22)


def test_an_answer_keeps_the_prompt_as_shown(coach: Coach) -> None:
    prompt = build_today(coach).prompt
    assert prompt is not None
    entry = R.save_reflection(coach, SUNDAY, "It was the price.", prompt, mood=2)
    [stored] = R.reflections_on(coach, SUNDAY)
    assert stored == entry
    assert (stored.prompt_id, stored.prompt_text, stored.mood) == (prompt.id, prompt.text, 2)
    assert stored.written_at is not None and stored_moment(stored.written_at).startswith(
        "2026-11-22T08:30"
    )
    assert not stored.edited_at
    today = build_today(coach)
    assert today.step("reflect").done
    assert today.reflection == entry


def test_free_entries_and_tags(coach: Coach) -> None:
    entry = R.save_reflection(
        coach, SUNDAY, "Called #Acme back. #acme #next-steps, not#this", None, tags="Family, #work"
    )
    assert entry.is_free and entry.prompt_text == ""
    assert entry.tags == ("family", "work", "acme", "next-steps")
    assert R.todays_answer(coach, SUNDAY) is None  # free entries are not the prompt's answer
    assert R.todays_reflection(coach, SUNDAY) == entry
    assert build_today(coach).step("reflect").done


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        ("   \n", {}, "empty"),
        ("x", {"mood": 0}, "mood must be 1..5"),
        ("x", {"mood": 6}, "mood must be 1..5"),
        ("x", {"tags": "two words!"}, "a tag is one word"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    coach: Coach, text: str, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        R.save_reflection(coach, SUNDAY, text, None, **kwargs)  # type: ignore[arg-type]
    assert R.reflections_on(coach, SUNDAY) == []


def test_a_future_day_is_refused(coach: Coach) -> None:
    with pytest.raises(InputError, match="future"):
        R.save_reflection(coach, SUNDAY + timedelta(days=1), "tomorrow", None)


def test_a_draft_is_not_a_reflection_and_saving_drops_it(coach: Coach) -> None:
    prompt = build_today(coach).prompt
    assert prompt is not None
    draft = save_draft(coach, Draft(SUNDAY, "half a tho", prompt.id, prompt.text, mood=3))
    assert load_draft(coach, draft.key) == draft
    assert not build_today(coach).step("reflect").done  # drafts never tick the step
    R.save_reflection(coach, SUNDAY, "half a thought, finished", prompt)
    assert load_draft(coach, draft.key) is None


def test_edit_keeps_the_written_date_and_records_when(coach: Coach, clock: FixedClock) -> None:
    prompt = build_today(coach).prompt
    entry = R.save_reflection(coach, SUNDAY, "first try", prompt, mood=2)
    clock.advance(timedelta(days=9))
    edited = R.edit_reflection(coach, SUNDAY, entry.id, "second thoughts", mood=4, tags="calm")
    [stored] = R.reflections_between(coach)
    assert stored == edited
    assert stored.day == SUNDAY and stored.written_at == entry.written_at
    assert stored.edited_at is not None and stored_moment(stored.edited_at).startswith("2026-12-01")
    assert (stored.text, stored.mood, stored.tags) == ("second thoughts", 4, ("calm",))
    assert (stored.prompt_id, stored.prompt_text) == (entry.prompt_id, entry.prompt_text)


def test_editing_a_deleted_entry_says_so(coach: Coach) -> None:
    entry = R.save_reflection(coach, SUNDAY, "x", None)
    R.delete_reflection(coach, SUNDAY, entry.id)
    with pytest.raises(InputError, match="deleted"):
        R.edit_reflection(coach, SUNDAY, entry.id, "y")


def test_delete_then_undo_puts_back_every_field(coach: Coach) -> None:
    entry = R.save_reflection(coach, SUNDAY, "keep me", None, mood=5, tags="a")
    with coach.store.transaction():  # a field this version does not know about
        coach.store.log("reflections").update(SUNDAY, entry.id, {"future_field": [1, 2]})
    removed = R.delete_reflection(coach, SUNDAY, entry.id)
    assert removed == entry
    assert R.reflections_on(coach, SUNDAY) == []
    assert not build_today(coach).step("reflect").done
    R.restore_reflection(coach, removed)
    assert R.reflections_on(coach, SUNDAY) == [entry]
    [raw] = coach.store.log("reflections").on(SUNDAY)
    assert raw["future_field"] == [1, 2]


def test_on_this_day_a_month_and_a_year_ago(coach: Coach) -> None:
    assert own_notes(build_today(coach).notes) == ()
    R.save_reflection(coach, date(2026, 10, 22), "A month back I was angry.\nmore", None)
    R.save_reflection(coach, date(2025, 11, 22), "A year ago: " + "x" * 100, None)
    R.save_reflection(coach, date(2026, 10, 21), "not on this day", None)
    notes = own_notes(build_today(coach).notes)
    assert notes[0] == "A month ago you wrote: “A month back I was angry.”"
    assert notes[1].startswith("A year ago you wrote: “A year ago: xxx")
    assert notes[1].endswith("…”") and len(notes) == 2


def test_mood_checkins_before_and_after(coach: Coach) -> None:
    record_mood(coach, SUNDAY, 2, "before")
    record_mood(coach, SUNDAY, 3, "before")  # a change of mind replaces it
    record_mood(coach, SUNDAY, 4, "after")
    assert [(m.moment, m.mood, m.label) for m in moods_on(coach, SUNDAY)] == [
        ("before", 3, "3 steady"),
        ("after", 4, "4 good"),
    ]
    assert mood_on(coach, SUNDAY, "after") == 4
    with pytest.raises(InputError, match="1 heavy"):
        record_mood(coach, SUNDAY, 7)


def test_odd_stored_values_still_show_the_text(coach: Coach) -> None:
    with coach.store.transaction():
        log = coach.store.log("reflections")
        log.insert(SUNDAY, {"text": "hand edited", "mood": "bad", "tags": "x", "prompt_id": 3})
        log.insert(SUNDAY, {"text": 42})
    entries = R.reflections_on(coach, SUNDAY)
    assert [e.text for e in entries] == ["hand edited", ""]
    assert entries[0].mood is None and entries[0].tags == () and entries[0].is_free


TRICKY = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
    min_size=1,
).filter(lambda s: s.strip())


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TRICKY)
def test_any_text_round_trips_through_store_and_json_export(coach: Coach, text: str) -> None:
    entry = R.save_reflection(coach, SUNDAY, text, None)
    stored = R.get_reflection(coach, SUNDAY, entry.id)
    assert stored is not None and stored.text == text
    assert from_json(to_json([stored])) == [stored]
