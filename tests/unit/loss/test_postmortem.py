"""The post-mortem: resumable answers, the questionnaire per reason, lessons."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coach.core.errors import InputError
from coach.core.textfile import save_text
from coach.loss import postmortem, tools
from coach.loss.losses import REASONS, add_loss, get_loss
from coach.session import Coach


def test_every_step_has_guidance(coach: Coach) -> None:
    for step in postmortem.STEPS:
        item = postmortem.guidance(coach.library, step)
        assert item is not None and item.text, step


@pytest.mark.parametrize("reason", list(REASONS))
def test_questionnaire_is_generated_from_each_reason(coach: Coach, reason: str) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 1), [reason])
    assert postmortem.questions_for(coach.library, loss.reasons), f"no questions for {reason}"
    questions = tools.client_questions(coach.library, loss.reasons)
    own = [q for q in questions if q.reason == reason]
    assert len(own) >= 2, f"only {len(own)} written questions for {reason}"
    text = postmortem.questionnaire(coach.library, loss)
    assert text.startswith("A few questions for Acme\n\nThank you")  # the intro first
    for n, question in enumerate(questions, 1):
        assert f"{n}. {question.text}" in text
    # open questions only, and none asking whether they will answer questions
    numbered = [line for line in text.splitlines() if line[:1].isdigit()]
    closed = ("Did ", "Was ", "Were ", "Would you be willing", "Could you ", "Is ", "Do ")
    assert not [q for q in numbered if q.split(". ", 1)[1].startswith(closed)]


def test_questionnaire_follows_the_reasons_and_adds_own_questions(coach: Coach) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["price", "communication"])
    postmortem.save_answer(coach, loss.id, "questions", "- Would a call each month help?\n\n")
    text = postmortem.questionnaire(coach.library, get_loss(coach, loss.id))
    price = [q.text for q in tools.client_questions(coach.library, ("price",)) if q.reason != "any"]
    comm = [q.text for q in tools.client_questions(coach.library, ("communication",))]
    assert text.index(price[-1]) < text.index(comm[0])
    assert f"{len(price) + 2 + 1}. Would a call each month help?" in text
    assert text.index("Would a call each month help?") < text.index("What else would you")


def test_answers_are_saved_per_step_and_resume(coach: Coach) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["price"])
    assert postmortem.resume_step(loss) == "facts"
    assert postmortem.progress_line(loss) == "not started"
    postmortem.save_answer(coach, loss.id, "facts", "They emailed on Monday.")
    postmortem.save_answer(coach, loss.id, "feelings", "Hurt, and a bit relieved.")
    stored = get_loss(coach, loss.id)
    assert stored.postmortem == {
        "facts": "They emailed on Monday.",
        "feelings": "Hurt, and a bit relieved.",
    }
    assert postmortem.resume_step(stored) == "feelings"
    postmortem.set_position(coach, loss.id, "why")
    assert postmortem.resume_step(get_loss(coach, loss.id)) == "why"
    assert postmortem.progress_line(stored) == "2 of 8 steps written"
    with pytest.raises(InputError, match="unknown post-mortem step"):
        postmortem.save_answer(coach, loss.id, "blame", "them")


def test_lessons_from_every_loss(coach: Coach) -> None:
    old = add_loss(coach, "Old Co", date(2025, 1, 1), ["service"])
    new = add_loss(coach, "Acme", date(2026, 11, 1), ["price"])
    postmortem.save_answer(coach, old.id, "lessons", "Answer emails the same day")
    postmortem.save_answer(
        coach, new.id, "lessons", "- Review rates yearly\n\n* Ask before renewals"
    )
    assert postmortem.lessons(coach) == [
        "Review rates yearly (from Acme)",
        "Ask before renewals (from Acme)",
        "Answer emails the same day (from Old Co)",
    ]


def test_save_text_writes_the_file_and_names_problems(tmp_path: Path) -> None:
    target = save_text(str(tmp_path / "q.txt"), "1. Why?\n")
    assert target.read_text(encoding="utf-8") == "1. Why?\n"
    with pytest.raises(InputError, match="does not exist"):
        save_text(str(tmp_path / "nope" / "q.txt"), "x")
    with pytest.raises(InputError, match="is a folder"):
        save_text(str(tmp_path), "x")
    with pytest.raises(InputError, match="type a file name"):
        save_text("  ", "x")


def test_lessons_appear_in_the_customer_checkup(coach: Coach) -> None:
    from coach.routine.features import LESSONS, checkup_lessons

    assert postmortem.lessons in LESSONS
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["communication"])
    assert checkup_lessons(coach) == []
    postmortem.save_answer(coach, loss.id, "lessons", "Reply within a day")
    assert "Reply within a day (from Acme)" in checkup_lessons(coach)
