"""Today's prompt: rotation, another prompt, pin and hide."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.content import rotation
from coach.content.library import Item, Lean
from coach.core.errors import InputError
from coach.journal import prompts
from coach.journal.reflections import is_letter_prompt, save_reflection
from coach.routine.today import build_today
from coach.session import Coach

SUNDAY = date(2026, 11, 22)


def offered(coach: Coach) -> list[Item]:
    """The prompts a steady user (no loss) is offered: never the letter's."""
    lean = Lean()
    return [i for i in coach.library.pool("prompt") if lean.allows(i) and not is_letter_prompt(i)]


def pool_size(coach: Coach) -> int:
    return len(offered(coach))


def daily(coach: Coach, day: date) -> Item | None:
    return rotation.daily(coach.store, coach.library, "prompt", day, offered(coach).__contains__)


def test_same_prompt_all_day_and_no_repeats_until_the_pool_is_used(coach: Coach) -> None:
    n = pool_size(coach)
    assert n >= 30
    assert prompts.prompt_for(coach, SUNDAY) == prompts.prompt_for(coach, SUNDAY)
    start = SUNDAY  # the first day this folder picked anything: the walk starts here
    shown = [prompts.prompt_for(coach, start + timedelta(days=i)) for i in range(n * 2)]
    ids = [p.id for p in shown if p]
    assert len(set(ids[:n])) == n  # every prompt once before any repeat
    assert ids[n:] == ids[:n]  # then round again in this user's order


def test_another_prompt_moves_on_without_repeats_and_resets_next_day(coach: Coach) -> None:
    first = prompts.prompt_for(coach, SUNDAY)
    assert first is not None
    seen = [first.id]
    for _ in range(pool_size(coach) - 1):
        nxt = prompts.another_prompt(coach, SUNDAY)
        assert nxt is not None
        seen.append(nxt.id)
    assert len(set(seen)) == pool_size(coach)  # every prompt once before any repeat
    assert prompts.another_prompt(coach, SUNDAY) == first  # then it starts again
    monday = SUNDAY + timedelta(days=1)
    assert prompts.load_choices(coach).offset_on(monday) == 0
    assert prompts.prompt_for(coach, monday) == daily(coach, monday)


def test_another_prompt_is_what_today_offers(coach: Coach) -> None:
    before = build_today(coach).prompt
    after = prompts.another_prompt(coach, SUNDAY)
    assert after != before
    assert build_today(coach).prompt == after


def test_pinned_prompts_come_back_on_the_first_day_of_the_week(coach: Coach) -> None:
    monday = date(2026, 11, 23)
    lesson, friend = "pr-the-lesson", "pr-friend-words"
    prompts.set_pinned(coach, lesson)
    assert prompts.prompt_for(coach, monday).id == lesson  # type: ignore[union-attr]
    tuesday = monday + timedelta(days=1)
    assert prompts.prompt_for(coach, tuesday) == daily(coach, tuesday)
    prompts.set_pinned(coach, friend)
    two_mondays = {prompts.prompt_for(coach, monday + timedelta(weeks=w)).id for w in range(2)}  # type: ignore[union-attr]
    assert two_mondays == {lesson, friend}  # they take turns
    prompts.set_pinned(coach, lesson, pinned=False)
    prompts.set_pinned(coach, friend, pinned=False)
    assert prompts.prompt_for(coach, monday) == daily(coach, monday)


def test_a_hidden_prompt_never_comes_back(coach: Coach) -> None:
    today = prompts.prompt_for(coach, SUNDAY)
    assert today is not None
    prompts.set_pinned(coach, today.id)
    prompts.set_hidden(coach, today.id)
    assert today.id not in prompts.load_choices(coach).pinned  # hiding unpins
    days = [SUNDAY + timedelta(days=i) for i in range(pool_size(coach) * 3)]
    assert all(prompts.prompt_for(coach, d).id != today.id for d in days)  # type: ignore[union-attr]
    assert prompts.prompt_for(coach, SUNDAY) != today
    prompts.set_hidden(coach, today.id, hidden=False)
    assert prompts.prompt_for(coach, SUNDAY) == today


def test_every_prompt_hidden_means_a_free_entry(coach: Coach) -> None:
    for item in coach.library.pool("prompt"):
        prompts.set_hidden(coach, item.id)
    assert prompts.prompt_for(coach, SUNDAY) is None
    assert build_today(coach).prompt is None


def test_unknown_prompt_id_is_refused(coach: Coach) -> None:
    with pytest.raises(InputError, match="no reflection prompt"):
        prompts.set_pinned(coach, "nope")
    with pytest.raises(InputError):
        prompts.set_hidden(coach, "wk-a-walk")


def test_answered_prompt_stays_today_even_after_hiding_it(coach: Coach) -> None:
    prompt = build_today(coach).prompt
    assert prompt is not None
    save_reflection(coach, SUNDAY, "an answer", prompt)
    prompts.set_hidden(coach, prompt.id)
    assert build_today(coach).prompt == prompt


def test_malformed_choices_read_as_none(coach: Coach) -> None:
    with coach.store.transaction():
        coach.store.doc("prompts").put({"pinned": "x", "hidden": [1, None], "another": []})
    assert prompts.load_choices(coach) == prompts.PromptChoices()
    assert prompts.prompt_for(coach, SUNDAY) == daily(coach, SUNDAY)
