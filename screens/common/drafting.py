"""The one autosave: a save run once typing pauses, through the save queue, flushed on quit.

`Autosave` debounces any save (the post-mortem's answers); `DraftAutosave` keeps
a journal draft. A crash or a closed terminal loses at most DELAY seconds of typing.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

from coach.journal.drafts import Draft, save_draft
from screens.messages import SaveKind
from screens.services import services_of

DELAY = 1.0  # seconds of quiet typing before the draft is saved


class Autosave:
    """Runs `save()` `delay()` seconds after the last change, or at once on flush()."""

    def __init__(
        self,
        owner: Widget,
        save: Callable[[], None],
        delay: Callable[[], float] = lambda: DELAY,  # read at each change: tests shorten it
    ) -> None:
        self.owner = owner
        self.save = save
        self.delay = delay
        self.pending = False
        self._timer: Timer | None = None

    def changed(self) -> None:
        """The text changed: save it once typing pauses."""
        self.pending = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.owner.set_timer(self.delay(), self.flush, name="autosave")

    def cancel(self) -> None:
        """Forget the pending save (the caller is saving it another way)."""
        self.pending = False
        self._stop_timer()

    def flush(self) -> None:
        """Run the pending save now (on quit, on leaving the screen)."""
        if not self.pending:
            return
        self.pending = False
        self._stop_timer()
        self.save()

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None


class DraftAutosave(Autosave):
    """Saves `make_draft()` DELAY seconds after the last change, and on flush()."""

    def __init__(self, owner: Widget, make_draft: Callable[[], Draft | None]) -> None:
        super().__init__(owner, self._save_draft)
        self.make_draft = make_draft
        self._draft: Draft | None = None  # taken at each change: widgets may be gone at flush
        self.on_saved: Callable[[Draft], None] | None = None

    def changed(self) -> None:
        self._draft = self.make_draft()
        super().changed()

    def cancel(self) -> None:
        """Forget the pending draft (the reflection itself is being saved)."""
        super().cancel()
        self._draft = None

    def _save_draft(self) -> None:
        draft, self._draft = self._draft, None
        if draft is None:
            return
        services_of(self.owner).save(
            SaveKind.DRAFT, lambda coach: save_draft(coach, draft), done=self._saved
        )

    def _saved(self, draft: Draft) -> None:
        if self.on_saved is not None:
            self.on_saved(draft)
