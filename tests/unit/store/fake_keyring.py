"""A keyring backend in memory, installed the way keyring supports it: `keyring.set_keyring`.

Unlike patching `crypto._keyring`, this runs coach's own keyring code (the
backend check, get/set/delete) against the real `keyring` API.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from coach.store import crypto


class MemoryKeyring(KeyringBackend):
    priority = 1  # keyring declares it a classproperty

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.kept:
            raise PasswordDeleteError("not there")
        del self.kept[(service, username)]


def install(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    """A MemoryKeyring as the process's keyring for one test (then the previous one back)."""
    before = keyring.get_keyring()
    fake = MemoryKeyring()
    keyring.set_keyring(fake)
    monkeypatch.setenv(crypto.KEYRING_ENV, "1")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")  # "a desktop"
    try:
        yield fake
    finally:
        keyring.set_keyring(before)
