"""Drafts saved as the user types: debounced, through the save queue, flushed on quit.

A crash or a closed terminal loses at most DELAY seconds of typing.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

from coach.journal.drafts import Draft, save_draft
from screens.messages import SaveKind
from screens.services import services_of

DELAY = 1.0  # seconds of quiet typing before the draft is saved


class DraftAutosave:
    """Saves `make_draft()` DELAY seconds after the last change, and on flush()."""

    def __init__(self, owner: Widget, make_draft: Callable[[], Draft | None]) -> None:
        self.owner = owner
        self.make_draft = make_draft
        self.pending = False
        self._draft: Draft | None = None  # taken at each change: widgets may be gone at flush
        self._timer: Timer | None = None
        self.on_saved: Callable[[Draft], None] | None = None

    def changed(self) -> None:
        """The text changed: save it once typing pauses."""
        self._draft = self.make_draft()
        self.pending = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(DELAY, self.flush, name="draft-autosave")

    def cancel(self) -> None:
        """Forget the pending save (the reflection itself is being saved)."""
        self.pending = False
        self._draft = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def flush(self) -> None:
        """Queue the pending draft now (on quit, on leaving the screen)."""
        if not self.pending:
            return
        draft = self._draft
        self.cancel()
        if draft is None:
            return
        services_of(self.owner).save(
            SaveKind.DRAFT,
            lambda coach: save_draft(coach, draft),
            done=self._saved,
        )

    def _saved(self, draft: Draft) -> None:
        if self.on_saved is not None:
            self.on_saved(draft)
