"""The "write a letter you won't send" prompt opens the private Letter: never a journal entry."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.core.errors import InputError
from coach.journal import prompts
from coach.journal.reflections import is_letter_prompt, save_reflection
from coach.loss.losses import add_loss
from coach.routine.today import build_today
from coach.session import Coach

DAY = date(2026, 11, 22)


def letter_prompts(coach: Coach) -> list:
    return [i for i in coach.library.pool("prompt") if is_letter_prompt(i)]


def test_the_letter_prompt_is_never_offered_to_the_journal_only_to_today(coach: Coach) -> None:
    assert letter_prompts(coach)  # the check below is not empty
    letters = {p.id for p in letter_prompts(coach)}
    add_loss(coach, "Acme", DAY - timedelta(days=1), ["service"])
    journal, today = set(), {}
    for n in range(120):  # the first days, early days (when it used to show), and later
        day = DAY + timedelta(days=n - 1)
        journal |= {p.id for p in [prompts.prompt_for(coach, day)] if p}
        today[n - 1] = build_today(coach, day).steps[-1].advice.id  # type: ignore[union-attr]
    for _ in range(len(coach.library.pool("prompt")) + 1):
        journal.add(prompts.another_prompt(coach, DAY).id)  # type: ignore[union-attr]
    assert not journal & letters
    # Today offers it in its turn, in the first and early days only (there it opens the Letter)
    days = [n for n, item in today.items() if item in letters]
    assert days and all(0 <= n < 14 for n in days), days


def test_a_pinned_letter_prompt_does_not_come_back_to_the_journal(coach: Coach) -> None:
    letter = letter_prompts(coach)[0]
    prompts.set_pinned(coach, letter.id)
    monday = DAY + timedelta(days=1)
    assert prompts.prompt_for(coach, monday) != letter


def test_saving_an_answer_to_the_letter_prompt_is_refused_and_writes_nothing(
    coach: Coach,
) -> None:
    letter = letter_prompts(coach)[0]
    with pytest.raises(InputError, match="Letter screen"):
        save_reflection(coach, DAY, "Dear Acme, ...", letter)
    assert coach.store.log("reflections").on(DAY) == []
