"""Incremental backups: a file unchanged since the last backup is copied from it, checked,
never read or compressed again; every backup still holds every file and restores alone."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from coach.core.clock import FixedClock
from coach.routine import today as routine
from coach.session import Coach
from coach.store import backup as backup_module
from coach.store.backup import check_backup, list_backups, make_backup, read_backup, restore


def data_snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.json"))
        if "backups" not in p.parts
    }


def fill(coach: Coach) -> None:
    for month in range(1, 11):
        routine.set_done(coach, date(2026, month, 3), "walk")


def fresh_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The members a backup compresses afresh (writestr), by name."""
    written: list[str] = []
    real = zipfile.ZipFile.writestr

    def counting(self, name, data, *args, **kwargs):
        written.append(name if isinstance(name, str) else name.filename)
        return real(self, name, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", counting)
    return written


def test_only_what_changed_is_read_again(
    coach: Coach, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(coach)
    folder = coach.store.folder
    first = make_backup(folder, clock.now())
    routine.set_done(coach, date(2026, 4, 3), "call")  # one month file and maybe the main file
    written = fresh_reads(monkeypatch)
    second = make_backup(folder, clock.now() + timedelta(minutes=1))
    fresh = set(written) - {"manifest.json"}
    assert "journal/2026-04.json" in fresh
    assert not fresh & {f"journal/2026-{m:02d}.json" for m in (1, 2, 3, 5, 6, 7, 8, 9, 10)}
    assert read_backup(second.path) == {name: raw for name, raw in data_snapshot(folder).items()}
    assert (
        read_backup(first.path)["journal/2026-01.json"]
        == data_snapshot(folder)["journal/2026-01.json"]
    )


def test_a_backup_restores_alone_once_the_one_it_reused_is_gone(
    coach: Coach, clock: FixedClock
) -> None:
    fill(coach)
    folder = coach.store.folder
    first = make_backup(folder, clock.now())
    routine.set_done(coach, date(2026, 5, 3), "call")
    second = make_backup(folder, clock.now() + timedelta(minutes=1))
    expected = data_snapshot(folder)
    first.path.unlink()  # as rotation would prune it
    routine.set_done(coach, date(2026, 6, 3), "call")  # the data moves on
    assert check_backup(second.path)  # every file there, checked
    restore(folder, second.path, clock.now() + timedelta(minutes=2))
    assert data_snapshot(folder) == expected
    assert [b.path for b in list_backups(folder) if b.path == second.path]


def test_a_damaged_member_of_the_last_backup_is_read_afresh(
    coach: Coach, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(coach)
    folder = coach.store.folder
    first = make_backup(folder, clock.now())
    with zipfile.ZipFile(first.path) as z:
        info = z.getinfo("journal/2026-02.json")
    raw = bytearray(first.path.read_bytes())
    raw[info.header_offset + 30 + len(info.filename) + 2] ^= 0xFF  # flip a compressed byte
    first.path.write_bytes(bytes(raw))
    written = fresh_reads(monkeypatch)
    second = make_backup(folder, clock.now() + timedelta(minutes=1))
    assert "journal/2026-02.json" in written
    assert "journal/2026-03.json" not in written
    assert read_backup(second.path) == data_snapshot(folder)


def test_a_file_replaced_since_is_read_again_even_with_the_same_size_and_mtime(
    coach: Coach, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    fill(coach)
    folder = coach.store.folder
    make_backup(folder, clock.now())
    path = folder / "journal" / "2026-07.json"
    st = path.stat()
    data = path.read_bytes()
    swapped = data.replace(b"walk", b"wxlk", 1)
    assert len(swapped) == len(data) and swapped != data
    tmp = path.with_name(".swap")
    tmp.write_bytes(swapped)
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, path)  # as a sync tool would: a new inode, the same size and mtime
    written = fresh_reads(monkeypatch)
    second = make_backup(folder, clock.now() + timedelta(minutes=1))
    assert "journal/2026-07.json" in written
    assert read_backup(second.path)["journal/2026-07.json"] == swapped


def test_progress_is_reported_per_file(coach: Coach, clock: FixedClock) -> None:
    fill(coach)
    seen: list[tuple[int, int]] = []
    make_backup(coach.store.folder, clock.now(), on_progress=lambda d, t: seen.append((d, t)))
    total = len(backup_module.data_files(coach.store.folder))
    assert seen == [(n, total) for n in range(1, total + 1)]


def test_a_backup_made_before_signatures_is_read_afresh_not_trusted(
    coach: Coach, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(coach)
    folder = coach.store.folder
    old = make_backup(folder, clock.now())
    members = backup_module.read_backup(old.path)
    tmp = backup_module.archive_temp(old.path, sorted(members.items()), "then", "manual")
    Path(tmp).replace(old.path)  # as an older coach wrote it: no signatures
    written = fresh_reads(monkeypatch)
    make_backup(folder, datetime(2026, 11, 22, 9, 0, tzinfo=clock.now().tzinfo))
    assert {f"journal/2026-{m:02d}.json" for m in range(1, 11)} <= set(written)
