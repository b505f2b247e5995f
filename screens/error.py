"""The screen shown when a data file cannot be used. It never touches the file."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.core.errors import DataFileError


class DataErrorScreen(Screen[None]):
    """Names the damaged file and what is wrong; offers only to quit."""

    CSS_PATH = "error.tcss"
    BINDINGS = [Binding("q", "app.quit", "Quit", id="error.quit")]

    def __init__(self, error: DataFileError) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static("coach cannot open your data", id="error-title")
            yield Static(str(self.error.path), id="error-path", markup=False)
            yield Static(self.error.problem, id="error-problem", markup=False)
            yield Static(
                "The file was left exactly as it is: coach will not write over it.\n"
                "Restore it from a backup, or move it aside to start afresh,\n"
                "then open coach again.",
                id="error-help",
            )
        yield Footer()
