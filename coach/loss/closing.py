"""Closing a loss graciously: the checklist and the thank-you note."""

from __future__ import annotations

from coach.content.library import Item, Lean, Library, Phase
from coach.core.errors import InputError
from coach.loss.losses import Loss, get_loss, update_loss
from coach.session import Coach

NAME_PLACEHOLDER = "(your name)"


def checklist(library: Library) -> list[Item]:
    """The close-checklist items, in the order the content file gives them."""
    return list(library.pool("close-checklist"))


def set_tick(coach: Coach, loss_id: str, item_id: str, ticked: bool) -> Loss:
    with coach.store.transaction():
        loss = get_loss(coach, loss_id)
        ticks = [t for t in loss.close_ticks if t != item_id]
        if ticked:
            ticks.append(item_id)
        return update_loss(coach, loss_id, {"close_ticks": ticks})


def ticked_line(library: Library, loss: Loss) -> str:
    items = {i.id for i in checklist(library)}
    done = len(items & set(loss.close_ticks))
    return f"{done} of {len(items)} done"


def templates(library: Library, loss: Loss | None = None) -> list[Item]:
    """The thank-you drafts, chosen by the loss's reasons: those written for them first.

    No "let me earn your business back" to a client that was bought or went under; an
    own lapse gets a draft that owns it.
    """
    found = sorted(library.pool("thank-you-template"), key=lambda i: i.id)
    if loss is None:
        return found
    lean = Lean(Phase.ANY, loss.lean(loss.left).groups)
    return sorted(
        (i for i in found if lean.allows(i)),
        key=lambda i: (not i.lean or i.lean.startswith("not-"), i.id),
    )


def draft_thank_you(template: Item | str, client: str, me: str) -> str:
    """Fill {client} and {me} into a template (plain replacement: names may hold braces)."""
    text = template.text if isinstance(template, Item) else template
    return text.replace("{client}", client).replace("{me}", me.strip() or NAME_PLACEHOLDER)


def thank_you_for(coach: Coach, loss: Loss, index: int = 0) -> str:
    """The saved note, else a draft from the index-th template."""
    if loss.thank_you.strip():
        return loss.thank_you
    found = templates(coach.library, loss)
    if not found:
        return ""
    return draft_thank_you(found[index % len(found)], loss.client, coach.settings.your_name)


def save_thank_you(coach: Coach, loss_id: str, text: str) -> Loss:
    if not text.strip():
        raise InputError("the thank-you note is empty")
    return update_loss(coach, loss_id, {"thank_you": text})
