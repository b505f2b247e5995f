"""Two machines changing the encryption at once: detected, said plainly, nothing lost.

One machine turns encryption on while the other still writes plain JSON; or both
set it up with different passphrases. The sync tool keeps the loser of each file
as a conflict copy; coach merges what its key can read, keeps the rest in
backups/conflicts/, and `coach encrypt --merge-copy` merges those by hand.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from coach.store import Store, crypto
from coach.store.rekey import rekey
from coach.store.sync import find_conflicts, merge_conflicts
from tests.cli_helpers import run

SECRET = "quokka-9921 what the other machine wrote"
COPY = "coach.sync-conflict-20261122-083000-ABCDEFG.json"
MARKER_COPY = ".coach.sync-conflict-20261122-083000-ABCDEFG.crypt"
NOV = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def cheap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)
    monkeypatch.setenv(crypto.KEYRING_ENV, "0")
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    for name in (crypto.PASSPHRASE_ENV, crypto.NEW_PASSPHRASE_ENV, crypto.OTHER_PASSPHRASE_ENV):
        monkeypatch.delenv(name, raising=False)


def two_machines(tmp_path: Path, *, walk: bool = False) -> tuple[Path, Path]:
    here = tmp_path / "data"  # the folder the CLI uses in tests (COACH_DATA_DIR)
    store = Store(here)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": "Ann"})
        if walk:
            store.log("walks").put(NOV, {"id": "w1", "minutes": 20, "note": "park"})
    there = tmp_path / "there"
    shutil.copytree(here, there)
    return here, there


def apart(tmp_path: Path, *, walk: bool = False) -> tuple[Path, Path]:
    """Two machines that turned encryption on at once: here under "mine", there "theirs"."""
    here, there = two_machines(tmp_path, walk=walk)
    rekey(here, None, crypto.Cipher("mine"))
    rekey(there, None, crypto.Cipher("theirs"))
    return here, there


def write_there(there: Path, passphrase: str | None = None) -> None:
    theirs = Store(there, passphrase)
    with theirs.transaction():
        theirs.records("customers").put({"id": "c2", "name": SECRET})


def anywhere(folder: Path, text: str) -> list[str]:
    return [
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and text.encode() in p.read_bytes()
    ]


def names(folder: Path, passphrase: str | None) -> list[str]:
    return sorted(c["name"] for c in Store(folder, passphrase).records("customers").all())


def test_a_plain_copy_beside_encrypted_data_is_merged_and_kept_encrypted(tmp_path: Path) -> None:
    here, there = two_machines(tmp_path)
    rekey(here, None, crypto.Cipher("pw"))  # here turns encryption on...
    write_there(there)  # ...while there still writes plain
    shutil.copy(there / "coach.json", here / COPY)
    report = merge_conflicts(Store(here, "pw"))
    assert not report.skipped
    [line] = report.merged
    assert "c2" in line and "written unencrypted" in line and "kept encrypted" in line
    assert names(here, "pw") == ["Ann", SECRET]
    kept = here / "backups" / "conflicts" / COPY
    assert crypto.sealed(kept.read_bytes())
    assert anywhere(here, SECRET) == []  # no plaintext left anywhere in the folder
    assert find_conflicts(here) == []


def test_a_copy_under_another_passphrase_is_kept_and_merged_by_hand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = apart(tmp_path)
    write_there(there, "theirs")
    shutil.copy(there / "coach.json", here / COPY)
    shutil.copy(there / crypto.MARKER, here / MARKER_COPY)
    before = (here / "coach.json").read_bytes()
    report = merge_conflicts(Store(here, "mine"))
    assert report.merged == []
    said = "\n".join(report.skipped)
    assert f"{COPY}: encrypted with another passphrase than this folder's" in said
    assert f"coach encrypt --merge-copy backups/conflicts/{COPY}" in said
    assert f"{MARKER_COPY}: the encryption was set up or changed on two machines at once" in said
    assert (here / "coach.json").read_bytes() == before  # nothing merged, nothing lost
    aside = here / "backups" / "conflicts"
    assert (aside / COPY).read_bytes() == (there / "coach.json").read_bytes()
    assert (aside / MARKER_COPY).is_file() and find_conflicts(here) == []

    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "mine")
    monkeypatch.setenv(crypto.OTHER_PASSPHRASE_ENV, "wrong")
    code, _, err = run(capsys, "encrypt", "--merge-copy", f"backups/conflicts/{COPY}")
    assert code == 1 and "wrong passphrase (nothing was changed)" in err
    assert (here / "coach.json").read_bytes() == before
    monkeypatch.setenv(crypto.OTHER_PASSPHRASE_ENV, "theirs")
    code, out, err = run(capsys, "encrypt", "--merge-copy", f"backups/conflicts/{COPY}")
    assert code == 0, err
    assert f"merged {COPY} into coach.json: customers: added c2" in out
    assert names(here, "mine") == ["Ann", SECRET]
    assert crypto.salt_of((aside / COPY).read_bytes()) == crypto.unlock(here, "mine").salt
    assert anywhere(here, SECRET) == []


def test_a_data_file_under_another_passphrase_says_what_happened(tmp_path: Path) -> None:
    here, there = apart(tmp_path)
    shutil.copy(there / "coach.json", here / "coach.json")  # the sync tool chose theirs
    with pytest.raises(crypto.WrongPassphrase) as caught:
        Store(here, "mine").records("customers").all()
    text = str(caught.value)
    assert caught.value.foreign and "another passphrase than the rest of this folder" in text
    assert "coach encrypt --merge-copy" in text
    assert "wrong passphrase" in str(crypto.WrongPassphrase(here / "x"))  # the plain case


def test_an_encrypted_copy_beside_plain_data_is_kept_and_merged_by_hand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = two_machines(tmp_path)
    rekey(there, None, crypto.Cipher("theirs"))  # there turned it on; here never saw it
    write_there(there, "theirs")
    shutil.copy(there / "coach.json", here / COPY)
    report = merge_conflicts(Store(here))
    [line] = report.skipped
    assert "encrypted, but this folder's data is not" in line
    monkeypatch.setenv(crypto.OTHER_PASSPHRASE_ENV, "theirs")
    code, out, err = run(capsys, "encrypt", "--merge-copy", str(here / "backups/conflicts" / COPY))
    assert code == 0, err
    assert names(here, None) == ["Ann", SECRET]
    assert not crypto.sealed((here / "backups" / "conflicts" / COPY).read_bytes())  # as the data


def test_enabling_encryption_also_encrypts_the_conflict_copies_kept_aside(tmp_path: Path) -> None:
    here, there = two_machines(tmp_path)
    write_there(there)
    shutil.copy(there / "coach.json", here / COPY)
    merge_conflicts(Store(here))  # plain folder: the copy is kept plain, like the data
    assert anywhere(here, SECRET)
    rekey(here, None, crypto.Cipher("pw"))
    assert anywhere(here, SECRET) == []
    rekey(here, crypto.unlock(here, "pw"), None)
    assert (here / "backups" / "conflicts" / COPY).read_bytes().startswith(b"{")


def test_a_data_file_moved_out_as_told_merges_back_with_its_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = apart(tmp_path)
    write_there(there, "theirs")
    moved = tmp_path / "moved" / "coach.json"
    moved.parent.mkdir()
    shutil.copy(there / "coach.json", moved)  # the sync tool's pick, moved out by the user
    (here / "coach.json").unlink()
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "mine")
    code, out, err = run(capsys, "encrypt", "--merge-copy", str(tmp_path / "moved" / "nope.json"))
    assert code == 2 and "no such file" in err
    monkeypatch.setenv(crypto.OTHER_PASSPHRASE_ENV, "theirs")
    code, out, err = run(capsys, "encrypt", "--merge-copy", str(moved))
    assert code == 0, err
    assert names(here, "mine") == ["Ann", SECRET]
    assert not moved.exists() and crypto.sealed((here / "coach.json").read_bytes())
    stray = tmp_path / "moved" / "notes.json"
    stray.write_text("{}")
    code, out, err = run(capsys, "encrypt", "--merge-copy", str(stray))
    assert code == 1 and "is not a copy of a coach data file" in err


def test_both_machines_turning_it_on_with_the_same_passphrase_merge_as_usual(
    tmp_path: Path,
) -> None:
    here, there = two_machines(tmp_path)
    rekey(here, None, crypto.Cipher("same"))
    rekey(there, None, crypto.Cipher("same"))  # another salt, the same passphrase
    write_there(there, "same")
    shutil.copy(there / "coach.json", here / COPY)
    shutil.copy(there / crypto.MARKER, here / MARKER_COPY)
    report = merge_conflicts(Store(here, "same"))
    assert [line for line in report.merged if "added c2" in line]
    assert [line for line in report.skipped if "this folder's passphrase (nothing to do)" in line]
    assert names(here, "same") == ["Ann", SECRET]
    assert anywhere(here, SECRET) == []


MONTH_COPY = "2026-11.sync-conflict-20261122-083000-ABCDEFG.json"


def walk_notes(folder: Path, passphrase: str | None) -> list[str]:
    return sorted(w["note"] for w in Store(folder, passphrase).log("walks").in_month("2026-11"))


def test_a_month_file_under_another_passphrase_is_kept_then_merged_by_hand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = apart(tmp_path, walk=True)
    theirs = Store(there, "theirs")
    with theirs.transaction():
        theirs.log("walks").put(NOV, {"id": "w2", "minutes": 30, "note": SECRET})
        theirs.log("walks").remove(NOV, "w1")  # deleted there: the deletion travels too
    shutil.copy(there / "journal" / "2026-11.json", here / "journal" / MONTH_COPY)
    before = (here / "journal" / "2026-11.json").read_bytes()
    report = merge_conflicts(Store(here, "mine"))
    [line] = report.skipped
    assert f"{MONTH_COPY}: encrypted with another passphrase than this folder's" in line
    assert f"coach encrypt --merge-copy backups/conflicts/{MONTH_COPY}" in line
    assert (here / "journal" / "2026-11.json").read_bytes() == before
    aside = here / "backups" / "conflicts" / MONTH_COPY
    assert aside.read_bytes() == (there / "journal" / "2026-11.json").read_bytes()
    assert find_conflicts(here) == []

    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "mine")
    monkeypatch.setenv(crypto.OTHER_PASSPHRASE_ENV, "theirs")
    code, out, err = run(capsys, "encrypt", "--merge-copy", f"backups/conflicts/{MONTH_COPY}")
    assert code == 0, err
    assert f"merged {MONTH_COPY} into 2026-11.json" in out
    assert "walks: added w2" in out and "walks: w1 deleted on the other machine" in out
    assert walk_notes(here, "mine") == [SECRET]
    assert crypto.salt_of(aside.read_bytes()) == crypto.unlock(here, "mine").salt
    assert anywhere(here, SECRET) == []


def test_a_plain_month_copy_beside_encrypted_data_is_merged_and_kept_encrypted(
    tmp_path: Path,
) -> None:
    here, there = two_machines(tmp_path, walk=True)  # a walk in journal/2026-11.json
    rekey(here, None, crypto.Cipher("pw"))
    theirs = Store(there)  # there has not seen the encryption yet
    with theirs.transaction():
        theirs.log("walks").put(NOV, {"id": "w2", "minutes": 30, "note": SECRET})
    shutil.copy(there / "journal" / "2026-11.json", here / "journal" / MONTH_COPY)
    [line] = merge_conflicts(Store(here, "pw")).merged
    assert "walks: added w2" in line and "written unencrypted" in line
    assert walk_notes(here, "pw") == ["park", SECRET]
    assert crypto.sealed((here / "backups" / "conflicts" / MONTH_COPY).read_bytes())
    assert anywhere(here, SECRET) == []


def test_doctor_lists_each_copy_waiting_with_the_command_that_merges_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = apart(tmp_path, walk=True)
    write_there(there, "theirs")
    shutil.copy(there / "coach.json", here / COPY)
    shutil.copy(there / "journal" / "2026-11.json", here / "journal" / MONTH_COPY)
    shutil.copy(there / crypto.MARKER, here / MARKER_COPY)
    merge_conflicts(Store(here, "mine"))
    waiting = [f"backups/conflicts/{COPY}", f"backups/conflicts/{MONTH_COPY}"]
    monkeypatch.setattr("coach.cli.encrypt.ask", lambda prompt: None)  # no terminal
    for passphrase in ("mine", None):  # unlocked, and locked: told apart by salt alone
        if passphrase:
            monkeypatch.setenv(crypto.PASSPHRASE_ENV, passphrase)
        else:
            monkeypatch.delenv(crypto.PASSPHRASE_ENV)
        code, out, _ = run(capsys, "doctor")
        assert code == 1, out
        assert ("passphrase accepted" if passphrase else "encrypted and locked") in out
        for name in waiting:
            [line] = [x for x in out.splitlines() if x.strip().startswith(f"PROBLEM  {name}:")]
            assert f"To merge it: coach encrypt --merge-copy {name}" in line
        assert MARKER_COPY not in out  # the marker's copy is no data to merge
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "mine")
    monkeypatch.setenv(crypto.OTHER_PASSPHRASE_ENV, "theirs")
    assert run(capsys, "encrypt", "--merge-copy", waiting[0])[0] == 0
    out = run(capsys, "doctor")[1]
    assert waiting[0] not in out and waiting[1] in out  # merged: it waits no more
