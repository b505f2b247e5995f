"""A keyring passphrase gone out of date (the passphrase was changed on another machine):
on a terminal coach asks for the current one and offers to keep it instead; without
one it says what to do. The keyring is the in-memory one of fake_keyring; the
terminal is faked by replacing the prompts (coach.cli.encrypt.ask and confirm), or
below them (stdin.isatty, getpass, input) to run the real prompt code."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.cli import encrypt
from coach.store import Store, crypto
from tests.cli_helpers import run
from tests.unit.store import fake_keyring
from tests.unit.store.test_encryption import every_byte

PASS = "correct horse battery staple"  # the folder's passphrase now
OLD = "the one from before"  # what this machine's keyring still holds


@pytest.fixture
def keyring(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> Iterator[fake_keyring.MemoryKeyring]:
    """An encrypted folder whose keyring entry holds the passphrase of before."""
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    monkeypatch.delenv(crypto.NEW_PASSPHRASE_ENV, raising=False)
    for fake in fake_keyring.install(monkeypatch):
        monkeypatch.setenv(crypto.PASSPHRASE_ENV, PASS)
        assert run(capsys, "walk", "--minutes", "20")[0] == 0
        assert run(capsys, "encrypt", "--enable")[0] == 0
        monkeypatch.delenv(crypto.PASSPHRASE_ENV)
        assert crypto.remember(data_dir, OLD)
        yield fake


def kept(keyring: fake_keyring.MemoryKeyring, data_dir: Path) -> str | None:
    return keyring.kept.get((crypto.KEYRING_SERVICE, str(data_dir.resolve())))


class Terminal:
    """What the user types at coach's prompts (the passphrase; yes or no)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, typed: str, keep: bool) -> None:
        self.prompts: list[str] = []
        self.typed, self.keep = typed, keep
        monkeypatch.setattr(encrypt, "ask", self.ask)
        monkeypatch.setattr(encrypt, "confirm", self.confirm)

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        return self.typed

    def confirm(self, prompt: str) -> bool:
        self.prompts.append(prompt)
        return self.keep


@pytest.fixture
def tty(keyring: fake_keyring.MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """The user at the prompts (once the folder is set up) types its passphrase now and
    says yes to keeping it."""
    return Terminal(monkeypatch, PASS, keep=True)


def test_without_a_terminal_every_command_says_to_run_encrypt_remember(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    keyring: fake_keyring.MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)  # cron, a pipe: the real ask
    before = every_byte(data_dir)
    for argv in (("walk", "--minutes", "5"), ("journal",), ("encrypt", "--disable"), ("remind",)):
        code, out, err = run(capsys, *argv)
        assert code == 1, (argv, out, err)
        assert "no longer opens the data" in err and "changed on another machine" in err
        assert "'coach encrypt --remember' on a terminal" in err, err
        assert "wrong passphrase" not in err and "Traceback" not in err
    assert every_byte(data_dir) == before  # nothing written
    assert kept(keyring, data_dir) == OLD
    # a shell prompt's status never asks and never errors: locked
    assert run(capsys, "status") == (0, "coach: locked\n", "")
    code, out, err = run(capsys, "doctor")
    assert code == 1
    assert "PROBLEM" in out and "'coach encrypt --remember' on a terminal" in out


def test_on_a_terminal_it_asks_and_keeps_the_new_passphrase_when_told(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    keyring: fake_keyring.MemoryKeyring,
    tty: Terminal,
) -> None:
    code, out, err = run(capsys, "walk", "--minutes", "5")
    assert code == 0, err
    assert "no longer opens your coach data" in tty.prompts[0]
    assert tty.prompts[1] == encrypt.KEEP_PROMPT
    assert "replaced" in err
    assert kept(keyring, data_dir) == PASS
    tty.prompts.clear()
    assert run(capsys, "walk", "--minutes", "5")[0] == 0
    assert tty.prompts == []  # the keyring answers again
    assert Store(data_dir).encrypted


def test_declining_leaves_the_keyring_and_a_wrong_answer_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    keyring: fake_keyring.MemoryKeyring,
    tty: Terminal,
) -> None:
    tty.keep = False  # says no to keeping it
    assert run(capsys, "walk", "--minutes", "5")[0] == 0
    assert kept(keyring, data_dir) == OLD  # asked, said no
    assert len(tty.prompts) == 2
    tty.typed = "not it either"
    before = every_byte(data_dir)
    code, _, err = run(capsys, "walk", "--minutes", "5")
    assert code == 1 and "wrong passphrase (nothing was changed)" in err
    assert every_byte(data_dir) == before
    assert kept(keyring, data_dir) == OLD
    assert len(tty.prompts) == 3  # no offer to keep a wrong passphrase


def test_encrypt_remember_replaces_it_without_a_second_question(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    keyring: fake_keyring.MemoryKeyring,
    tty: Terminal,
) -> None:
    tty.keep = False  # says no to keeping it
    code, out, err = run(capsys, "encrypt", "--remember")
    assert code == 0, err
    assert "kept in the system keyring" in out
    assert kept(keyring, data_dir) == PASS
    assert len(tty.prompts) == 1  # the passphrase only: --remember already said keep it


def test_the_real_prompts_on_a_faked_terminal(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    keyring: fake_keyring.MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prompts: list[str] = []

    def typed_passphrase(prompt: str = "") -> str:
        prompts.append(prompt)
        return PASS

    def typed_answer(prompt: str = "") -> str:
        prompts.append(prompt)
        return "y"

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", typed_passphrase)
    monkeypatch.setattr("builtins.input", typed_answer)
    code, out, err = run(capsys, "doctor")
    assert "passphrase accepted" in out and "no longer opens" not in out, out
    assert prompts == [encrypt.STALE_PROMPT, encrypt.KEEP_PROMPT], err
    assert kept(keyring, data_dir) == PASS


def test_a_wrong_coach_passphrase_is_still_just_wrong(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    keyring: fake_keyring.MemoryKeyring,
    tty: Terminal,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "not it")
    code, _, err = run(capsys, "walk", "--minutes", "5")
    assert code == 1 and "wrong passphrase (nothing was changed)" in err
    assert tty.prompts == [] and kept(keyring, data_dir) == OLD
