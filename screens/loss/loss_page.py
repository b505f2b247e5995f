"""What the screens about one loss share: the loss reloaded, keeping typed text on the way out."""

from __future__ import annotations

from contextlib import suppress

from coach.core.errors import InputError
from coach.loss.losses import Loss, get_loss
from screens.services import CoachScreen


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

    def save_unsaved(self) -> None:
        """Queue what was typed and not saved yet: the app calls it on quit (see HACKING.md)."""

    def on_unmount(self) -> None:
        with suppress(RuntimeError):  # the save queue is already closed when quitting
            self.save_unsaved()

    def action_leave(self) -> None:
        self.save_unsaved()
        self.app.pop_screen()

    def save_to_file(self, what: str, text: str, stem: str) -> None:
        """Offer to write `text` to ~/<stem>-<client>.txt (the user may change the path)."""
        from screens.common.save_file import SaveFileScreen  # deferred: a screen

        client = self.loss.client if self.loss else "client"
        name = client.replace("/", "-").replace(" ", "-")
        self.app.push_screen(SaveFileScreen(what, text, f"~/{stem}-{name}.txt"))
