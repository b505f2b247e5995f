"""The post-mortem: eight guided steps, saved one by one so it can be resumed.

Each step's guidance is a `postmortem-step` content item; the questions for
the client come from `ask-why-question` items matching the loss's reasons.
"""

from __future__ import annotations

from coach.content.library import Item, Library
from coach.core.errors import InputError
from coach.core.signs import SIGN_WORDS, WarningSign, parse_signs
from coach.loss import tools
from coach.loss.losses import REASONS, Loss, all_losses, get_loss, update_loss
from coach.session import Coach

STEPS: tuple[str, ...] = (
    "facts",
    "feelings",
    "why",
    "feedback",
    "both-sides",
    "questions",
    "broker",
    "lessons",
)
STEP_TITLES = {
    "facts": "What happened",
    "feelings": "How you feel",
    "why": "Where and why it went wrong",
    "feedback": "The feedback",
    "both-sides": "Both sides",
    "questions": "Questions for the client",
    "broker": "Who could broker a meeting",
    "lessons": "Lessons for every client",
}


def guidance(library: Library, step: str) -> Item | None:
    """The content item that guides a step (the first, by id, if several)."""
    items = sorted(
        (i for i in library.pool("postmortem-step") if i.step == step), key=lambda i: i.id
    )
    return items[0] if items else None


def step_title(library: Library, step: str) -> str:
    item = guidance(library, step)
    return item.title if item and item.title else STEP_TITLES[step]


def questions_for(library: Library, reasons: tuple[str, ...]) -> list[Item]:
    """Questions to ask the client, for each of the loss's reasons in turn."""
    pool = library.pool("ask-why-question")
    out: list[Item] = []
    for reason in reasons:
        out.extend(sorted((i for i in pool if i.reason == reason), key=lambda i: i.id))
    return out


def questionnaire(library: Library, loss: Loss) -> str:
    """The questionnaire to send the client (coach/loss/tools.py), with the user's own questions."""
    return tools.client_questionnaire(library, loss, tools.own_questions(loss))


def check_step(step: str) -> str:
    if step not in STEPS:
        raise InputError(f"unknown post-mortem step {step!r} (steps: {', '.join(STEPS)})")
    return step


def save_answer(coach: Coach, loss_id: str, step: str, text: str) -> Loss:
    """Save one step's answer and remember the step as where to resume."""
    check_step(step)
    with coach.store.transaction():
        loss = get_loss(coach, loss_id)
        answers = {**loss.postmortem, step: text}
        return update_loss(coach, loss_id, {"postmortem": answers, "postmortem_step": step})


def set_position(coach: Coach, loss_id: str, step: str) -> Loss:
    """Remember which step the user is on, without changing any answer."""
    return update_loss(coach, loss_id, {"postmortem_step": check_step(step)})


def answered(loss: Loss) -> list[str]:
    return [s for s in STEPS if loss.postmortem.get(s, "").strip()]


def progress_line(loss: Loss) -> str:
    done = len(answered(loss))
    if done == 0:
        return "not started"
    if done == len(STEPS):
        return f"all {len(STEPS)} steps written"
    return f"{done} of {len(STEPS)} steps written"


def resume_step(loss: Loss) -> str:
    """Where the post-mortem picks up: the step last worked on, else the first open one."""
    if loss.postmortem_step in STEPS:
        return loss.postmortem_step
    return next((s for s in STEPS if not loss.postmortem.get(s, "").strip()), STEPS[0])


def lessons(coach: Coach) -> list[str]:
    """Every lesson written in a post-mortem, one per line, newest loss first.

    These feed the best-customer check-up: what one client felt, others may too.
    """
    out: list[str] = []
    for loss in all_losses(coach):
        for line in loss.postmortem.get("lessons", "").splitlines():
            text = line.strip(" -*\t")
            if text:
                out.append(f"{text} (from {loss.client})")
    return out


def reasons_in_words(loss: Loss) -> str:
    return ", ".join(REASONS[r].words.lower() for r in loss.reasons)


def set_missed_signs(coach: Coach, loss_id: str, signs: list[str] | tuple[str, ...]) -> Loss:
    """Keep which warning signs the client showed that you missed (an empty list clears them).

    Each becomes a rule on the best customers' check-up.
    """
    try:
        chosen = parse_signs(signs)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return update_loss(coach, loss_id, {"missed_signs": [s.value for s in chosen]})


def missed_signs(coach: Coach) -> list[tuple[WarningSign, str]]:
    """Every sign missed before a loss, with the client it was missed with, newest loss first."""
    return [(sign, loss.client) for loss in all_losses(coach) for sign in loss.missed_signs]


def sign_question() -> list[tuple[WarningSign, str]]:
    """The post-mortem's question: which of these did you miss? (id, words) in order."""
    return list(SIGN_WORDS.items())
