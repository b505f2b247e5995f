"""What the screens about one loss share: the loss, reloaded from the store."""

from __future__ import annotations

from textual.content import Content

from coach.content.library import Item
from coach.core.errors import InputError
from coach.loss.losses import Loss, get_loss
from screens.services import CoachScreen


def source_line(item: Item | None) -> Content:
    if item is None:
        return Content("")
    return Content.assemble(("From ", "$text-muted"), (item.source_line, "italic $text-muted"))


class LossPage(CoachScreen[None]):
    """A screen about one loss, opened from the Loss screen with the loss's id."""

    def __init__(self, loss_id: str) -> None:
        super().__init__()
        self.loss_id = loss_id
        self.loss: Loss | None = None

    def load_loss(self) -> Loss | None:
        """Read the loss again; if it is gone, say so and go back."""
        coach = self.coach
        if coach is None:
            return None
        try:
            self.loss = get_loss(coach, self.loss_id)
        except InputError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            self.app.pop_screen()
            return None
        return self.loss
