"""The screen shown when a data file cannot be used. It never touches the file on its own.

It names the file and what is wrong, and offers to quit or, when the data folder
has a backup that checks out, to restore the newest good one (asked first; the
data as it is now, the damaged file too, is kept in a backup before anything is
replaced). Finding and restoring the backup run off the UI thread
(screens/shell/data_app.py); once restored, the app opens the data as at start.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.core.errors import DataFileError
from screens.common.confirm import ConfirmScreen, yes_no
from screens.services import services_of

HELP = (
    "The file was left exactly as it is: coach will not write over it.\n"
    "Restore it from a backup, or move it aside to start afresh,\n"
    "then open coach again."
)
LOOKING = "Looking for a good backup…"
NO_BACKUP = "There is no backup here that coach can restore."


class DataErrorScreen(Screen[None]):
    """Names the damaged file and what is wrong; offers to quit, or to restore a good backup."""

    CSS_PATH = "error.tcss"
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="error.quit"),
        Binding("r", "restore", "Restore backup", id="error.restore"),
    ]

    def __init__(self, error: DataFileError) -> None:
        super().__init__()
        self.error = error
        self.backup: str | None = None  # the good backup on offer, as the user sees it
        self.restoring = False

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static("coach cannot open your data", id="error-title")
            yield Static(str(self.error.path), id="error-path", markup=False)
            yield Static(self.error.problem, id="error-problem", markup=False)
            yield Static(HELP, id="error-help")
            yield Static(LOOKING, id="error-backup", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        services_of(self).find_good_backup(self.error.path, self.show_backup)

    def show_backup(self, backup: str | None) -> None:
        """The worker's answer: the newest good backup, or None."""
        self.backup = backup
        line = self.query_one("#error-backup", Static)
        if backup is None:
            line.update(NO_BACKUP)
        else:
            line.update(
                Content.assemble(
                    ("r", "bold $accent"), " restores the newest good backup: ", backup
                )
            )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return self.backup is not None and not self.restoring
        return True

    def action_restore(self) -> None:
        backup = self.backup
        if backup is None or self.restoring:
            return

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.restoring = True
                self.refresh_bindings()
                self.query_one("#error-backup", Static).update("Restoring…")
                services_of(self).restore_after_error(self.restore_failed)

        self.app.push_screen(
            ConfirmScreen(
                "Replace your data with the newest good backup's?",
                yes_no("Restore", "Not now"),
                title="Restore a backup",
                detail=f"{backup}\nYour data as it is now, the damaged file too, "
                "is kept in a backup first.",
                danger=True,
            ),
            answered,
        )

    def restore_failed(self, message: str) -> None:
        """The restore did not happen: say why; the data is as it was."""
        self.restoring = False
        self.refresh_bindings()
        self.query_one("#error-backup", Static).update(
            Content(f"The restore did not happen: {message}")
        )
