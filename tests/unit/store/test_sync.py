"""Two machines on one synced folder: conflict copies of every sync tool merged, nothing lost."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from coach.cli import main
from coach.store import Store, crypto
from coach.store.sync import find_conflicts, merge_conflicts, original_name

DAY = date(2026, 11, 2)


def at(day: int, hour: int = 9) -> float:
    """A wall-clock time in November 2026 (a Store's `wall_clock` in these tests)."""
    return datetime(2026, 11, day, hour, tzinfo=UTC).timestamp()


# The names each tool gives the loser of a conflict on coach.json / journal/2026-11.json.
NAMINGS = {
    "syncthing": (
        "coach.sync-conflict-20261122-083000-ABCDEFG.json",
        "2026-11.sync-conflict-20261122-083000-ABCDEFG.json",
    ),
    "dropbox": (
        "coach (Ann's conflicted copy 2026-11-22).json",
        "2026-11 (Ann's conflicted copy 2026-11-22).json",
    ),
    "nextcloud": (
        "coach (conflicted copy 2026-11-22 083000).json",
        "2026-11 (conflicted copy 2026-11-22 083000).json",
    ),
    "owncloud": ("coach_conflict-20261122-083000.json", "2026-11_conflict-20261122-083000.json"),
}


@pytest.mark.parametrize(
    "name",
    ["coach.json", "2026-11.json", "notes (conflicted copy 2026-11-22).json", "coach.json.tmp"],
)
def test_names_that_are_not_conflict_copies_of_data_files(name: str) -> None:
    assert original_name(name) is None


def two_machines(tmp_path: Path) -> tuple[Path, Path]:
    """One folder, synced to a second machine, then each machine changes it on its own."""
    here = tmp_path / "here"
    store = Store(here)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": "Ann", "edited_at": "2026-11-01T09:00"})
        store.records("customers").put({"id": "c2", "name": "Bob"})
        store.records("customers").put({"id": "c3", "name": "Cy"})
        store.log("reflections").put(DAY, {"id": "r1", "text": "same start"})
        store.log("reflections").put(
            DAY, {"id": "r2", "text": "to delete", "at": "2026-11-02T08:00"}
        )
        store.doc("drafts").put({"items": {"a": 1}})
    there = tmp_path / "there"
    shutil.copytree(here, there)
    mine, theirs = Store(here), Store(there)
    # c2 is changed on both machines in the same millisecond: no newest edit, both kept
    mine.wall_clock = theirs.wall_clock = lambda: at(3)
    with mine.transaction():
        mine.records("customers").update("c2", {"name": "Bob (here)"})
    with theirs.transaction():
        theirs.records("customers").update("c2", {"name": "Bob (there)"})
    mine.wall_clock, theirs.wall_clock = lambda: at(5), lambda: at(4)
    with mine.transaction():
        mine.records("customers").update(
            "c1", {"name": "Ann (here)", "edited_at": "2026-11-05T09:00"}
        )
        mine.records("customers").remove("c3")
        mine.log("walks").put(DAY, {"id": "w-here", "minutes": 20})
    with theirs.transaction():
        theirs.records("customers").update(
            "c1", {"name": "Ann (there)", "edited_at": "2026-11-04T09:00"}
        )
        theirs.records("customers").put({"id": "c4", "name": "Dee (there)"})
        theirs.log("reflections").remove(DAY, "r2")
        theirs.log("reflections").put(DAY, {"id": "r3", "text": "written there"})
        theirs.doc("settings").put({"help_goal": 4})
    return here, there


@pytest.mark.parametrize("tool", sorted(NAMINGS))
def test_conflict_copies_are_merged_by_record_id(tmp_path: Path, tool: str) -> None:
    here, there = two_machines(tmp_path)
    main_copy, month_copy = NAMINGS[tool]
    shutil.copy(there / "coach.json", here / main_copy)  # what the sync tool leaves
    shutil.copy(there / "journal" / "2026-11.json", here / "journal" / month_copy)
    assert len(find_conflicts(here)) == 2
    store = Store(here)
    report = merge_conflicts(store)
    assert len(report.merged) == 2 and not report.skipped
    text = "\n".join(report.merged)
    assert "c4" in text and "both kept" in text and "deleted on the other machine" in text
    names = sorted(c["name"] for c in Store(here).records("customers").all())
    # c1: the newest edit (here); c2: no edit times, both kept; c3: deleted here; c4: new there
    assert names == ["Ann (here)", "Bob (here)", "Bob (there)", "Dee (there)"]
    twin = [c for c in store.records("customers").all() if c["name"] == "Bob (there)"]
    assert twin[0]["conflict_of"] == "c2"
    texts = sorted(r["text"] for r in Store(here).log("reflections").all())
    assert texts == ["same start", "written there"]  # r2 deleted there stays deleted
    assert [w["id"] for w in Store(here).log("walks").all()] == ["w-here"]
    assert Store(here).doc("settings").get() == {"help_goal": 4}
    assert find_conflicts(here) == []
    aside = sorted(p.name for p in (here / "backups" / "conflicts").iterdir())
    assert aside == sorted([main_copy, month_copy])
    # merging the same copy again (a kill before the move) changes nothing
    shutil.copy(aside_path := here / "backups" / "conflicts" / main_copy, here / main_copy)
    before = (here / "coach.json").read_bytes()
    again = merge_conflicts(Store(here))
    assert again.merged == [f"{main_copy} into coach.json: nothing new"]
    assert (here / "coach.json").read_bytes() == before
    assert aside_path.exists()


def test_the_newer_edit_from_the_other_machine_wins(tmp_path: Path) -> None:
    here, there = two_machines(tmp_path)
    theirs = Store(there)
    with theirs.transaction():
        theirs.records("customers").update(
            "c1", {"name": "Ann (later)", "edited_at": "2026-11-09T09:00"}
        )
    shutil.copy(there / "coach.json", here / "coach.sync-conflict-20261122-083000-ABCDEFG.json")
    merge_conflicts(Store(here))
    ann = Store(here).records("customers").get("c1")
    assert ann is not None and ann["name"] == "Ann (later)"


def test_an_encrypted_folders_conflict_copy_is_merged_and_stays_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.store.rekey import rekey

    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)
    here, there = two_machines(tmp_path)
    cipher = crypto.Cipher("pw")
    rekey(here, None, cipher)
    shutil.copy(here / crypto.MARKER, there / crypto.MARKER)
    shutil.copy(here / "coach.json", tmp_path / "enc-here")
    theirs = Store(there, "pw")  # the same key on the other machine
    with theirs.transaction():
        theirs.records("customers").put({"id": "c9", "name": "Eve secret"})
    shutil.copy(there / "coach.json", here / "coach (conflicted copy 2026-11-22 083000).json")
    report = merge_conflicts(Store(here, "pw"))
    assert "c9" in report.merged[0]
    assert Store(here, "pw").records("customers").get("c9") is not None
    assert b"Eve secret" not in (here / "coach.json").read_bytes()


def test_the_cli_merges_on_open_and_doctor_reports_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, there = two_machines(tmp_path)
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    copy = "coach.sync-conflict-20261122-083000-ABCDEFG.json"
    shutil.copy(there / "coach.json", here / copy)
    assert main(["--data-dir", str(here), "doctor"]) == 1
    out = capsys.readouterr().out
    assert f"{copy}: a sync tool's conflict copy" in out
    assert main(["--data-dir", str(here), "walk", "--minutes", "5"]) == 0
    err = capsys.readouterr().err
    assert f"merged {copy} into coach.json" in err
    assert find_conflicts(here) == []
