"""The keyring path through the real `keyring` API, with an in-memory backend set by
`keyring.set_keyring` (coach's own backend check, get, set and delete all run)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring as keyring_lib
import pytest
from keyring.backends import fail

from coach.store import Store, crypto
from tests.cli_helpers import run
from tests.unit.store import fake_keyring

PASS = "correct horse battery staple"


@pytest.fixture
def keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[fake_keyring.MemoryKeyring]:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    monkeypatch.delenv(crypto.PASSPHRASE_ENV, raising=False)
    monkeypatch.delenv(crypto.NEW_PASSPHRASE_ENV, raising=False)
    yield from fake_keyring.install(monkeypatch)


def test_enable_remember_then_every_command_opens_without_asking_until_forget(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    keyring: fake_keyring.MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(capsys, "walk", "--minutes", "20")[0] == 0
    monkeypatch.setenv(crypto.NEW_PASSPHRASE_ENV, PASS)
    code, _, err = run(capsys, "encrypt", "--enable", "--remember")
    assert code == 0, err
    monkeypatch.delenv(crypto.NEW_PASSPHRASE_ENV)
    assert keyring.kept == {(crypto.KEYRING_SERVICE, str(data_dir.resolve())): PASS}
    assert crypto.known_passphrase(data_dir) == PASS
    assert run(capsys, "status")[1] != "coach: locked\n"
    assert run(capsys, "walk", "--minutes", "5")[0] == 0  # no prompt: the keyring answered
    assert Store(data_dir).encrypted
    assert run(capsys, "encrypt", "--forget")[0] == 0
    assert keyring.kept == {}
    assert crypto.known_passphrase(data_dir) is None
    assert run(capsys, "status")[1] == "coach: locked\n"
    crypto.forget(data_dir)  # forgetting twice is quiet (the backend raises PasswordDeleteError)


def test_a_folder_is_its_own_keyring_entry(
    tmp_path: Path, keyring: fake_keyring.MemoryKeyring
) -> None:
    assert crypto.remember(tmp_path / "a", "one") and crypto.remember(tmp_path / "b", "two")
    assert crypto.from_keyring(tmp_path / "a") == "one"
    assert crypto.from_keyring(tmp_path / "b") == "two"
    assert crypto.from_keyring(tmp_path / "c") is None


def test_a_failing_or_refusing_keyring_counts_as_none(
    tmp_path: Path, keyring: fake_keyring.MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert crypto.keyring_available()
    keyring_lib.set_keyring(fail.Keyring())
    assert not crypto.keyring_available()
    assert crypto.remember(tmp_path, "x") is False and crypto.from_keyring(tmp_path) is None

    class Broken(fake_keyring.MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise RuntimeError("the keyring daemon went away")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise RuntimeError("locked collection")

    keyring_lib.set_keyring(Broken())
    assert crypto.remember(tmp_path, "x") is False
    assert crypto.from_keyring(tmp_path) is None  # never a traceback: ask instead
    monkeypatch.setenv(crypto.KEYRING_ENV, "0")
    keyring_lib.set_keyring(fake_keyring.MemoryKeyring())
    assert not crypto.keyring_available()  # COACH_KEYRING=0: never touched
