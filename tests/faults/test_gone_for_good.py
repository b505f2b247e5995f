""" "Let it go" means gone (issue 13, section 5): the unsent letter, a forgotten loss
and a deleted reflection leave every backup too, and `coach restore` of any backup
does not bring them back."""

from __future__ import annotations

import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.clock import FixedClock
from coach.journal.reflections import delete_reflection, save_reflection
from coach.loss.forget import forget_loss
from coach.loss.letters import let_go, save_letter
from coach.loss.losses import add_loss
from coach.session import Coach, open_coach
from coach.store.backup import list_backups, make_backup

SECRET = "the words I never sent"


def backup_texts(folder: Path) -> list[str]:
    texts: list[str] = []
    for backup in list_backups(folder):
        with zipfile.ZipFile(backup.path) as archive:
            texts.extend(archive.read(n).decode() for n in archive.namelist())
    return texts


def backed_up(coach: Coach, clock: FixedClock, times: int = 3) -> None:
    for i in range(times):
        make_backup(coach.store.folder, clock.now() + timedelta(minutes=i), "manual")
    assert any(SECRET in t for t in backup_texts(coach.store.folder))


def restoring_each_backup_never_brings_it_back(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for backup in list_backups(folder):
        if backup.kind == "safety":
            continue
        assert main(["--data-dir", str(folder), "restore", str(backup.path), "--yes"]) == 0
        assert main(["--data-dir", str(folder), "export", "--include-private"]) == 0
        assert SECRET not in capsys.readouterr().out


def test_a_letter_let_go_is_in_no_backup(
    coach: Coach, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    loss = add_loss(coach, "Acme", coach.today(), ["price"])
    save_letter(coach, loss.id, SECRET)
    backed_up(coach, clock)
    assert let_go(coach, loss.id)
    assert not any(SECRET in t for t in backup_texts(coach.store.folder))
    for backup in list_backups(coach.store.folder):  # each still a good backup
        with zipfile.ZipFile(backup.path) as archive:
            assert archive.testzip() is None
    restoring_each_backup_never_brings_it_back(coach.store.folder, capsys)


def test_a_forgotten_loss_and_its_letter_are_in_no_backup(
    coach: Coach, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    loss = add_loss(coach, "Acme", coach.today(), ["price"], said=SECRET)
    save_letter(coach, loss.id, SECRET + " (letter)")
    backed_up(coach, clock)
    forget_loss(coach, loss.id)
    assert not any(SECRET in t for t in backup_texts(coach.store.folder))
    restoring_each_backup_never_brings_it_back(coach.store.folder, capsys)


def test_a_deleted_reflection_is_in_no_backup(
    coach: Coach, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = save_reflection(coach, coach.today(), SECRET, None)
    keep = save_reflection(coach, coach.today() - timedelta(days=1), "kept words", None)
    backed_up(coach, clock)
    delete_reflection(coach, entry.day, entry.id)
    texts = backup_texts(coach.store.folder)
    assert not any(SECRET in t for t in texts)
    assert any(keep.text in t for t in texts)  # only that entry went
    restoring_each_backup_never_brings_it_back(coach.store.folder, capsys)


def test_a_letter_let_go_leaves_encrypted_backups_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.store import crypto
    from coach.store.backup import read_backup, without_record

    passphrase = "correct horse battery staple"
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)  # a cheap scrypt
    monkeypatch.setenv(crypto.KEYRING_ENV, "0")
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00")
    monkeypatch.setenv(crypto.NEW_PASSPHRASE_ENV, passphrase)
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "loss", "add", "Acme", "--reason", "price"]) == 0
    assert main(["--data-dir", str(folder), "encrypt", "--enable"]) == 0
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, passphrase)
    coach = open_coach(folder, passphrase=passphrase)
    [loss] = coach.store.records("losses").all()
    save_letter(coach, str(loss["id"]), SECRET)
    make_backup(folder, coach.clock.now(), "manual")

    letter_id = [r for r in coach.store.records("letters").all()][0]["id"]

    def in_backups() -> bool:
        return any(
            without_record(raw, "letters", str(letter_id), coach.store.cipher) is not None
            for b in list_backups(folder)
            for raw in read_backup(b.path, coach.store.cipher).values()
        )

    assert in_backups()
    assert let_go(coach, str(loss["id"]))
    assert not in_backups()
