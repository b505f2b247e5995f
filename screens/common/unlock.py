"""The unlock screen: an encrypted data folder's passphrase, typed in the app.

Shown when the data is encrypted and neither $COACH_PASSPHRASE nor the system
keyring has the passphrase. The key is derived (scrypt) in a thread worker, so
the screen keeps answering; a wrong passphrase says so and asks again, with
nothing read or written. Escape (or ctrl+q) quits. When a system keyring is
usable, a checkbox keeps the passphrase there so tomorrow's open does not ask.

Dismisses with the folder's Cipher once unlocked, or None when the user quits.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static

from coach.core.errors import CoachError
from coach.session import (
    Cipher,
    WrongPassphrase,
    can_remember,
    remember_passphrase,
    unlock_folder,
)

STALE = (
    "The passphrase kept in the system keyring no longer opens this data (was it changed "
    "on another machine?). Type the current one."
)


def shown_folder(folder: Path) -> str:
    """The data folder as the user knows it: under their home as ~/..."""
    try:
        return f"~/{folder.relative_to(Path.home()).as_posix()}"
    except (ValueError, RuntimeError):  # elsewhere, or no home directory known
        return str(folder)


class UnlockScreen(Screen[Cipher | None]):
    """A calm passphrase prompt before the app opens an encrypted data folder."""

    CSS_PATH = "unlock.tcss"
    BINDINGS = [Binding("escape", "give_up", "Quit", id="unlock.quit")]
    AUTO_FOCUS = "#unlock-passphrase"

    def __init__(self, folder: Path, *, note: str = "") -> None:
        """`note`: why it asks (STALE: the keyring's passphrase no longer fits; the box
        to remember the new one starts ticked)."""
        super().__init__()
        self.folder = Path(folder)
        self.note = note
        self.keyring = can_remember()
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock-box"):
            yield Static("Your coach data is locked", id="unlock-title")
            yield Static(
                Content(self.note or "It is encrypted. Type its passphrase to open it."),
                id="unlock-text",
            )
            yield Static(Content(shown_folder(self.folder)), id="unlock-folder")
            yield Input(
                password=True,
                placeholder="passphrase",
                id="unlock-passphrase",
                select_on_focus=False,
            )
            if self.keyring:
                yield Checkbox(
                    "Remember it in the system keyring",
                    value=bool(self.note),
                    id="unlock-remember",
                    compact=True,
                )
            yield Static("", id="unlock-message")
            yield Static(Content("enter: open · escape: quit"), id="unlock-keys")

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#unlock-message", Static)
        message.update(Content(text))
        message.set_class(error, "-error")

    @on(Input.Submitted, "#unlock-passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.checking:
            return
        passphrase = event.value
        if not passphrase:
            self.say("Type the passphrase first (escape quits).", error=True)
            return
        remember = self.keyring and self.query_one("#unlock-remember", Checkbox).value
        self.checking = True
        event.input.disabled = True
        self.say("Checking the passphrase…")
        self._check(passphrase, remember)

    @work(thread=True, exclusive=True, group="unlock", exit_on_error=False)
    def _check(self, passphrase: str, remember: bool) -> None:
        """Derive the key off the UI thread (scrypt takes a noticeable moment by design)."""
        try:
            cipher = unlock_folder(self.folder, passphrase)
        except WrongPassphrase:
            self.app.call_from_thread(
                self._failed, "Wrong passphrase (nothing was changed). Try again."
            )
            return
        except (CoachError, OSError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        kept = remember_passphrase(self.folder, passphrase) if remember else None
        self.app.call_from_thread(self._unlocked, cipher, kept)

    def _failed(self, message: str) -> None:
        self.checking = False
        field = self.query_one("#unlock-passphrase", Input)
        field.disabled = False
        field.clear()
        field.focus()
        self.say(message, error=True)

    def _unlocked(self, cipher: Cipher, kept: bool | None) -> None:
        if kept is False:
            self.app.notify(
                "The system keyring did not take the passphrase: coach will ask again next time.",
                title="Not remembered",
                severity="warning",
                timeout=10,
                markup=False,
            )
        self.dismiss(cipher)

    def action_give_up(self) -> None:
        """Quit without opening the data (nothing was read or written)."""
        self.dismiss(None)
