"""Backups: dated copies, rotation by an injected clock, restores that refuse damage."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from coach.core.clock import FixedClock
from coach.data.backups import daily_backup
from coach.routine import today as routine
from coach.session import Coach
from coach.store.backup import (
    Backup,
    BackupError,
    BackupKind,
    list_backups,
    make_backup,
    read_backup,
    restore,
    to_delete,
)

ZONE = tz.gettz("Europe/London")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*.json"))
        if "backups" not in p.parts
    }


def test_a_backup_holds_every_data_file_with_a_manifest(coach: Coach, clock: FixedClock) -> None:
    routine.set_done(coach, date(2026, 10, 3), "walk")
    routine.set_done(coach, coach.today(), "walk")
    made = make_backup(coach.store.folder, clock.now())
    assert made.path.name == "coach-2026-11-22T083000-manual.zip"
    assert made.path.stat().st_mode & 0o777 == 0o600
    with zipfile.ZipFile(made.path) as z:
        manifest = json.loads(z.read("manifest.json"))
        assert sorted(z.namelist()) == [
            "journal/2026-10.json",
            "journal/2026-11.json",
            "manifest.json",
        ]
    assert manifest["format"] == "coach-backup" and manifest["kind"] == "manual"
    assert set(read_backup(made.path)) == set(snapshot(coach.store.folder))


def test_daily_backup_once_per_logical_day(coach: Coach, clock: FixedClock) -> None:
    routine.set_done(coach, coach.today(), "walk")
    assert daily_backup(coach) is not None
    assert daily_backup(coach) is None
    clock.set(datetime(2026, 11, 23, 2, 0, tzinfo=ZONE))  # before rollover: still the 22nd
    assert daily_backup(coach) is None
    clock.set(datetime(2026, 11, 23, 4, 0, tzinfo=ZONE))
    assert daily_backup(coach) is not None
    assert [b.day for b in list_backups(coach.store.folder)] == [
        date(2026, 11, 22),
        date(2026, 11, 23),
    ]


def test_no_backup_of_an_empty_folder(coach: Coach) -> None:
    assert daily_backup(coach) is None


def test_rotation_keeps_14_daily_and_12_monthly(coach: Coach, clock: FixedClock) -> None:
    routine.set_done(coach, coach.today(), "walk")
    start = datetime(2025, 1, 1, 9, 0, tzinfo=ZONE)
    clock.set(start)
    for _ in range(500):
        daily_backup(coach)
        clock.advance(timedelta(days=1))
    make_backup(coach.store.folder, clock.now(), "manual")
    kept = list_backups(coach.store.folder)
    daily = [b.day for b in kept if b.kind == "daily"]
    last = date(2026, 5, 15)  # 500 days after 2025-01-01, minus one
    assert daily[-14:] == [last - timedelta(days=n) for n in range(13, -1, -1)]
    months = sorted({(d.year, d.month) for d in daily})
    assert len(months) == 12 and months[-1] == (2026, 5)
    older = [d for d in daily if d < last - timedelta(days=13)]
    # every older copy is the last of its month
    assert all((d + timedelta(days=1)).day == 1 for d in older)
    assert len(daily) == 14 + len(older)
    assert [b.kind for b in kept].count(BackupKind.MANUAL) == 1


def test_rotation_keeps_manual_and_safety_copies() -> None:
    backups = [
        Backup(Path(f"/b/{n}-{kind}"), date(2026, 1, 1) + timedelta(days=n), f"{n:04d}", kind)
        for n in range(30)
        for kind in (BackupKind.MANUAL, BackupKind.PRE_RESTORE)
    ]
    gone = to_delete(backups)
    assert len(gone) == 20 and {b.stamp for b in gone} == {f"{n:04d}" for n in range(10)}


def test_restore_replaces_data_after_backing_up(coach: Coach, clock: FixedClock) -> None:
    folder = coach.store.folder
    routine.set_done(coach, date(2026, 10, 3), "walk")
    old = make_backup(folder, clock.now())
    before = snapshot(folder)
    routine.set_done(coach, coach.today(), "call")  # adds journal/2026-11.json
    after = snapshot(folder)
    clock.advance(timedelta(minutes=5))
    safety = restore(folder, old.path, clock.now())
    assert snapshot(folder) == before
    assert safety.kind == "pre-restore"
    assert read_backup(safety.path) == after
    assert not routine.build_today(coach).step("call").done


def damage_cases(tmp_path: Path, good: Path) -> list[tuple[Path, str]]:
    out = []
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}

    def write(name: str, changed: dict[str, bytes]) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w") as z:
            for n, raw in changed.items():
                z.writestr(n, raw)
        return path

    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    out.append((truncated, "not a coach backup|damaged"))
    text = tmp_path / "text.zip"
    text.write_text("hello")
    out.append((text, "not a coach backup"))
    broken = dict(members)
    victim = "journal/2026-11.json"
    broken[victim] = b'{"nope'
    out.append((write("checksum.zip", broken), "checksum"))
    manifest = json.loads(members["manifest.json"])
    for entry in manifest["files"]:
        if entry["path"] == victim:
            import hashlib

            entry["sha256"] = hashlib.sha256(b'{"nope').hexdigest()
            entry["size"] = 6
    broken["manifest.json"] = json.dumps(manifest).encode()
    out.append((write("invalid.zip", broken), "2026-11.json inside is damaged"))
    sneaky = dict(members)
    m2 = json.loads(members["manifest.json"])
    m2["files"].append({"path": "../evil.json", "size": 1, "sha256": "x"})
    sneaky["manifest.json"] = json.dumps(m2).encode()
    out.append((write("sneaky.zip", sneaky), "unexpected file"))
    missing = {n: r for n, r in members.items() if n != victim}
    out.append((write("missing.zip", missing), "listed but missing"))
    out.append((tmp_path / "absent.zip", "no such backup"))
    return out


def test_a_damaged_backup_is_refused_and_nothing_changes(
    coach: Coach, clock: FixedClock, tmp_path: Path
) -> None:
    folder = coach.store.folder
    routine.set_done(coach, coach.today(), "walk")
    good = make_backup(folder, clock.now())
    before = snapshot(folder)
    backups_before = sorted(p.name for p in (folder / "backups").iterdir())
    for path, message in damage_cases(tmp_path, good.path):
        with pytest.raises(BackupError, match=message):
            restore(folder, path, clock.now())
        assert snapshot(folder) == before, path.name
    assert sorted(p.name for p in (folder / "backups").iterdir()) == backups_before
