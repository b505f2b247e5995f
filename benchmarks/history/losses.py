"""History for losses: a client lost every year or two, worked through with a post-mortem."""

from __future__ import annotations

from datetime import date
from random import Random

from benchmarks.history.routine import words
from coach.loss import closing, door, postmortem, story
from coach.loss.losses import REASONS, add_loss
from coach.session import Coach

CLIENTS = ("Acme", "Globex", "Initech", "Umbrella", "Northwind", "Hooli", "Vandelay", "Stark")
CHANCE_PER_DAY = 1 / 550  # about one loss every eighteen months


def generate(coach: Coach, day: date, rng: Random) -> None:
    if rng.random() >= CHANCE_PER_DAY:
        return
    reasons = rng.sample(sorted(REASONS), rng.randint(1, 2))
    loss = add_loss(
        coach,
        f"{rng.choice(CLIENTS)} {day.year}",
        day,
        reasons,
        tenure=f"{rng.randint(1, 9)} years",
        said=words(rng, 5, 20),
    )
    for step in postmortem.STEPS:
        postmortem.save_answer(coach, loss.id, step, words(rng, 20, 120))
    for item in closing.checklist(coach.library)[: rng.randint(2, 6)]:
        closing.set_tick(coach, loss.id, item.id, True)
    closing.save_thank_you(coach, loss.id, closing.thank_you_for(coach, loss))
    door.set_return_policy(coach, loss.id, words(rng, 10, 30))
    # the story of the loss, from its own stream so the shared one is left as it was
    own = Random(f"story:{day.isoformat()}")
    story.record_story(
        coach, loss.id, story.Stage.RECORDED, words(own, 5, 15), own.randint(60, 100)
    )
    story.record_story(
        coach, loss.id, story.Stage.POSTMORTEM, words(own, 5, 15), own.randint(30, 90),
        words=words(own, 5, 20) if own.random() < 0.5 else "",
    )  # fmt: skip
