"""Hostile and damaged backups: refused with a BackupError naming the file, data untouched.

Member names that escape the folder or are not data files, every single-bit
flip of a real backup, odd manifests, members that inflate past a sane limit;
a restore never holds the whole backup in memory. And scrubbing: a record
removed from every backup (the unsent letter after "let it go").
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tracemalloc
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from coach.store import Store
from coach.store import backup as backup_module
from coach.store.backup import (
    MANIFEST,
    BackupError,
    check_backup,
    data_files,
    list_backups,
    make_backup,
    read_backup,
    restore,
    scrub_backups,
)

NOW = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)
DAY = date(2026, 11, 22)
SECRET = "Dear Zebediah, I never said"


def data(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in data_files(folder)}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    store = Store(folder)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": "Ann"})
        store.records("letters").put({"id": "l1", "loss_id": "x", "text": SECRET, "private": True})
        store.records("letters").put({"id": "l2", "loss_id": "y", "text": "keep these words"})
        store.log("walks").put(DAY, {"id": "w1", "minutes": 20})
        store.log("walks").put(date(2026, 10, 1), {"id": "w2", "minutes": 30})
    return folder


@pytest.fixture
def good(folder: Path) -> Path:
    return make_backup(folder, NOW, "manual").path


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def write_zip(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, raw in members:
            z.writestr(name, raw)
    return path


def with_member(good: Path, target: Path, name: str, raw: bytes, *, listed: bool) -> Path:
    """The good backup plus one member, named in its manifest or not."""
    members = members_of(good)
    manifest = json.loads(members.pop(MANIFEST))
    if listed:
        manifest["files"].append(
            {"path": name, "size": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
        )
    rows = [*members.items(), (name, raw), (MANIFEST, json.dumps(manifest).encode())]
    return write_zip(target, rows)


def write_backup(target: Path, members: dict[str, bytes], manifest: object) -> Path:
    """A zip of `members` with `manifest` as its manifest.json."""
    rows = [(n, raw) for n, raw in members.items() if n != MANIFEST]
    return write_zip(target, [*rows, (MANIFEST, json.dumps(manifest).encode())])


def assert_refused(folder: Path, path: Path, match: str) -> BackupError:
    """check_backup, read_backup and restore all refuse `path`; the data is unchanged."""
    before = data(folder)
    backups = sorted(p.name for p in (folder / "backups").iterdir())
    for call in (check_backup, read_backup):
        with pytest.raises(BackupError, match=match):
            call(path)
    with pytest.raises(BackupError, match=match) as info:
        restore(folder, path, NOW)
    assert str(path) in str(info.value)
    assert data(folder) == before
    assert sorted(p.name for p in (folder / "backups").iterdir()) == backups
    assert not [p for p in folder.rglob("*.tmp")]
    return info.value


# -- names ---------------------------------------------------------------------------

HOSTILE_NAMES = [
    "../evil.json",
    "../../evil.json",
    "/tmp/evil.json",
    "journal/../../evil.json",
    "journal/../coach.json",
    "./coach.json",
    "journal//2026-11.json",
    "journal\\2026-11.json",
    "journal/2026-11.json/x",
    "backups/coach-2026-11-22T083000-manual.zip",
    ".coach.commit",
    "notes.txt",
    "journal/november.json",
    "journal/\uff12\uff10\uff12\uff16-\uff11\uff11.json",  # fullwidth digits
]


@pytest.mark.parametrize("listed", [True, False], ids=["in-manifest", "unlisted"])
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_member_name_that_is_not_a_data_file_is_refused(
    folder: Path, good: Path, tmp_path: Path, name: str, listed: bool
) -> None:
    raw = (folder / "coach.json").read_bytes()
    path = with_member(good, tmp_path / "hostile.zip", name, raw, listed=listed)
    assert_refused(folder, path, "unexpected file|twice")
    assert not (tmp_path / "evil.json").exists() and not Path("/tmp/evil.json").exists()


def test_a_member_twice_is_refused(folder: Path, good: Path, tmp_path: Path) -> None:
    members = members_of(good)
    rows = [*members.items(), ("coach.json", b"{}")]
    with pytest.warns(UserWarning):  # zipfile warns of the duplicate name
        path = write_zip(tmp_path / "twice.zip", rows)
    assert_refused(folder, path, "twice")


# -- bit flips ---------------------------------------------------------------------------


def test_every_bit_flip_is_refused_or_harmless(folder: Path, good: Path, tmp_path: Path) -> None:
    raw = good.read_bytes()
    flipped = tmp_path / "flipped.zip"
    passed = 0
    for at in range(len(raw)):
        flipped.write_bytes(raw[:at] + bytes([raw[at] ^ (1 << (at % 8))]) + raw[at + 1 :])
        try:
            files = check_backup(flipped)
        except BackupError as exc:
            assert str(flipped) in str(exc)
            continue
        passed += 1  # a flip in a time stamp or comment: the data itself is intact
        assert files == {n: len(b) for n, b in data(folder).items()}
    assert passed < len(raw) // 3, "most flips should be caught"


def test_a_flipped_backup_never_reaches_the_data(folder: Path, good: Path, tmp_path: Path) -> None:
    raw = good.read_bytes()
    before = data(folder)
    flipped = tmp_path / "flipped.zip"
    for at in range(0, len(raw), max(1, len(raw) // 40)):
        flipped.write_bytes(raw[:at] + bytes([raw[at] ^ 0x10]) + raw[at + 1 :])
        try:
            restore(folder, flipped, NOW)
        except BackupError:
            assert data(folder) == before
            continue
        assert data(folder) == before  # what restored is the backup, byte for byte
        Store(folder).validate_all()


# -- manifests ---------------------------------------------------------------------------


def manifest_case(good: Path, target: Path, manifest: bytes) -> Path:
    members = members_of(good)
    members[MANIFEST] = manifest
    return write_zip(target, list(members.items()))


def bad_manifests(good: Path) -> dict[str, bytes]:
    real = json.loads(members_of(good)[MANIFEST])

    def edited(**changes: object) -> bytes:
        files = [dict(f) for f in real["files"]]
        files[0].update(changes)
        return json.dumps({**real, "files": files}).encode()

    return {
        "not utf-8": b"\xff\xfe{" + b"\x00" * 10,
        "deeply nested": b"[" * 100_000 + b"]" * 100_000,
        "a list": b"[]",
        "no files": json.dumps({**real, "files": []}).encode(),
        "files not a list": json.dumps({**real, "files": {"a": 1}}).encode(),
        "a file not an object": json.dumps({**real, "files": ["coach.json"]}).encode(),
        "size a string": edited(size="12"),
        "size a bool": edited(size=True),
        "size negative": edited(size=-1),
        "size a float": edited(size=1.5),
        "no checksum": edited(sha256=None),
        "path a number": edited(path=7),
        "huge": json.dumps({**real, "pad": "x" * (2 * 1024 * 1024)}).encode(),
        "version": json.dumps({**real, "version": "1"}).encode(),
    }


def test_every_odd_manifest_is_refused(folder: Path, good: Path, tmp_path: Path) -> None:
    for why, manifest in bad_manifests(good).items():
        path = manifest_case(good, tmp_path / "manifest.zip", manifest)
        error = assert_refused(folder, path, "manifest|lists no data files|version|unexpected")
        assert "Traceback" not in str(error), why


def test_a_damaged_data_member_is_refused(folder: Path, good: Path, tmp_path: Path) -> None:
    odd_key = json.loads(members_of(good)["coach.json"])
    odd_key["customers"] = {"\u00b2": {"id": "c9"}}  # a digit to str.isdigit, not to int()
    for raw in (b"[" * 100_000, b"\xff\xfe", b'{"_meta": 3}', json.dumps(odd_key).encode()):
        members = members_of(good)
        manifest = json.loads(members[MANIFEST])
        members["coach.json"] = raw
        for entry in manifest["files"]:
            if entry["path"] == "coach.json":
                entry.update(size=len(raw), sha256=hashlib.sha256(raw).hexdigest())
        path = write_backup(tmp_path / "member.zip", members, manifest)
        assert_refused(folder, path, "coach.json inside is damaged")


# -- sizes -----------------------------------------------------------------------------


def test_declared_sizes_past_the_limit_are_refused_before_reading(
    folder: Path, good: Path, tmp_path: Path
) -> None:
    members = members_of(good)
    manifest = json.loads(members[MANIFEST])
    for n in range(6):  # 6 x 100 MiB: each below the member limit, together past 512 MiB
        manifest["files"].append(
            {"path": f"journal/2020-{n + 1:02d}.json", "size": 100 << 20, "sha256": "0" * 64}
        )
    path = write_backup(tmp_path / "big.zip", members, manifest)
    assert_refused(folder, path, "too large")


def test_a_member_that_inflates_past_its_manifest_size_is_refused(
    folder: Path, good: Path, tmp_path: Path
) -> None:
    """A 200 MiB coach.json in a zip of a few hundred KiB; its manifest says a few bytes."""
    members = members_of(good)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, raw in members.items():
            if name != "coach.json":
                z.writestr(name, raw)
        with z.open("coach.json", "w", force_zip64=True) as out:
            chunk = b" " * (1 << 20)
            for _ in range(200):
                out.write(chunk)
    assert path.stat().st_size < 2 << 20
    assert_refused(folder, path, "does not match its checksum")
    assert not [p for p in folder.rglob("*.tmp")]


def test_a_member_past_the_member_limit_is_refused(
    folder: Path, good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_module, "MAX_MEMBER_BYTES", 100)
    assert_refused(folder, good, "too large")


def test_a_restore_holds_one_member_at_a_time(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    store = Store(folder)
    text = "x" * (1 << 20)
    with store.transaction():
        for month in range(1, 13):
            store.log("notes").put(date(2025, month, 1), {"id": f"n{month}", "text": text})
    made = make_backup(folder, NOW, "manual")
    total = sum(len(raw) for raw in data(folder).values())
    assert total > 12 << 20
    tracemalloc.start()
    try:
        restore(folder, made.path, NOW.replace(hour=9))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < total / 2, f"restore peaked at {peak} bytes for {total} bytes of data"


# -- scrubbing a record from every backup ------------------------------------------------------


def secret_anywhere(path: Path) -> bool:
    return any(SECRET.encode() in raw for raw in members_of(path).values())


def test_scrub_removes_a_record_from_every_backup(folder: Path, tmp_path: Path) -> None:
    make_backup(folder, NOW, "manual")
    make_backup(folder, NOW.replace(day=20), "daily")
    restore(folder, list_backups(folder)[0].path, NOW.replace(hour=9))  # + a pre-restore copy
    copy = folder / "backups" / "pre-migration-20261101T000000Z"
    copy.mkdir(mode=0o700)
    (copy / "coach.json").write_bytes((folder / "coach.json").read_bytes())
    zips = list_backups(folder)
    assert len(zips) == 3 and all(secret_anywhere(b.path) for b in zips)
    times = {b.path: b.path.stat().st_mtime_ns for b in zips}
    store = Store(folder)
    with store.transaction():  # "let it go": gone from the data first
        store.records("letters").remove("l1")

    report = scrub_backups(folder, "letters", "l1")

    assert sorted(report.rewritten) == sorted([b.path for b in zips] + [copy / "coach.json"])
    assert report.unreadable == []
    assert SECRET.encode() not in (copy / "coach.json").read_bytes()
    for b in list_backups(folder):
        assert not secret_anywhere(b.path), b.path
        assert b.path.stat().st_mtime_ns == times[b.path]  # rotation and doctor see the same age
        assert stat.S_IMODE(b.path.stat().st_mode) == 0o600
        assert set(check_backup(b.path)) == set(data(folder))  # manifest matches
        restored = tmp_path / f"restored-{b.path.stem}"
        restore(restored, b.path, NOW)
        letters = Store(restored).records("letters").all()
        assert [r["id"] for r in letters] == ["l2"]
        assert Store(restored).records("customers").all() == [{"id": "c1", "name": "Ann"}]
    assert not [p for p in (folder / "backups").iterdir() if p.name.endswith(".tmp")]
    assert scrub_backups(folder, "letters", "l1").rewritten == []  # nothing left to remove


def test_scrub_lists_a_backup_it_cannot_read_and_goes_on(folder: Path, tmp_path: Path) -> None:
    made = make_backup(folder, NOW, "manual").path
    broken = make_backup(folder, NOW.replace(day=21), "manual").path
    broken.write_bytes(broken.read_bytes()[:100])
    report = scrub_backups(folder, "letters", "l1")
    assert report.rewritten == [made] and report.unreadable == [broken]
    assert not secret_anywhere(made)


def test_scrub_under_umask_000_keeps_backups_private(folder: Path) -> None:
    made = make_backup(folder, NOW, "manual").path
    old = os.umask(0)
    try:
        scrub_backups(folder, "letters", "l1")
    finally:
        os.umask(old)
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
