"""A Coach: one open data folder, the content library and the clock, together.

Screens and CLI commands take a Coach and call the domain functions with it.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar, cast

from coach.content.library import Library, default_library
from coach.core.clock import Calendar, Clock, SystemClock
from coach.settings import Settings, load_settings
from coach.store import Store, crypto
from coach.store.crypto import Cipher, WrongPassphrase

__all__ = [
    "Cipher",
    "Coach",
    "Passphrase",
    "WrongPassphrase",
    "can_remember",
    "needs_passphrase",
    "open_coach",
    "remember_passphrase",
    "stale_keyring",
    "unlock_folder",
]

T = TypeVar("T")
Passphrase = str | Cipher  # an encrypted folder's passphrase, or its Cipher already unlocked


@dataclass
class Coach:
    store: Store
    library: Library
    clock: Clock = field(default_factory=SystemClock)
    _kept: dict[type, object] = field(default_factory=dict, repr=False, compare=False)
    _kept_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def kept(self, kind: type[T]) -> T:
        """State a feature keeps for as long as this folder is open (a cache, what it reported).

        One instance of `kind` per Coach, made on first use: no feature keeps process-wide
        state in a module global, so two open folders (or two tests) never share it.
        """
        with self._kept_lock:
            if kind not in self._kept:
                self._kept[kind] = kind()
            return cast(T, self._kept[kind])

    @property
    def settings(self) -> Settings:
        return load_settings(self.store)

    def calendar(self) -> Calendar:
        settings = self.settings
        clock = self.clock
        if settings.timezone and isinstance(clock, SystemClock):
            from dateutil import tz

            clock = SystemClock(tz.gettz(settings.timezone))
        return Calendar(clock, settings.rollover_hour)

    def today(self) -> date:
        return self.calendar().today()


def open_coach(
    folder: Path,
    *,
    clock: Clock | None = None,
    library: Library | None = None,
    passphrase: Passphrase | None = None,
) -> Coach:
    """Open a data folder (raises DataFileError if damaged) with the content library.

    An encrypted folder needs `passphrase` unless $COACH_PASSPHRASE or the keyring has it.
    """
    store = Store(folder, passphrase)
    return Coach(store=store, library=library or default_library(), clock=clock or SystemClock())


# -- unlocking an encrypted folder (the app's unlock screen asks through these) -------
def needs_passphrase(folder: Path) -> bool:
    """True when the folder is encrypted and neither $COACH_PASSPHRASE nor the keyring
    has its passphrase: someone must type it. An unencrypted folder costs one stat."""
    return crypto.encrypted(folder) and not crypto.known_passphrase(folder)


def stale_keyring(folder: Path) -> bool:
    """True when the passphrase in use came from the keyring ($COACH_PASSPHRASE unset):
    after a wrong-passphrase error, the keyring's is out of date (changed elsewhere)."""
    return crypto.encrypted(folder) and not os.environ.get(crypto.PASSPHRASE_ENV)


def unlock_folder(folder: Path, passphrase: str) -> Cipher:
    """The folder's Cipher for a typed passphrase (runs scrypt: slow, call it off the UI
    thread). Raises WrongPassphrase (nothing read or written) or DataFileError."""
    return crypto.unlock(folder, passphrase)


def can_remember() -> bool:
    """True when a system keyring is usable here (to keep the passphrase in)."""
    return crypto.keyring_available()


def remember_passphrase(folder: Path, passphrase: str) -> bool:
    """Keep the passphrase in the system keyring; False when there is none usable."""
    return crypto.remember(folder, passphrase)
