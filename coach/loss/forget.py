"""Forgetting a loss recorded by mistake: the loss and its unsent letter, in one save."""

from __future__ import annotations

from coach.core.errors import InputError
from coach.loss.letters import TABLE as LETTERS
from coach.loss.losses import TABLE
from coach.session import Coach
from coach.store.backup import scrub_backups


def forget_loss(coach: Coach, loss_id: str) -> None:
    """Remove a loss recorded by mistake, with its unsent letter, for good: from the
    data and from every backup."""
    letters: list[str] = []
    with coach.store.transaction():
        if coach.store.records(TABLE).get(loss_id) is None:
            raise InputError("that loss is no longer recorded")
        for letter in coach.store.records(LETTERS).all():
            if letter.get("loss_id") == loss_id:
                letters.append(str(letter["id"]))
                coach.store.records(LETTERS).remove(str(letter["id"]))
        coach.store.records(TABLE).remove(loss_id)
    # After the save, not inside it: scrubbing takes the folder's lock itself.
    for letter_id in letters:
        scrub_backups(coach.store.folder, LETTERS, letter_id, coach.store.cipher)
    scrub_backups(coach.store.folder, TABLE, loss_id, coach.store.cipher)
