"""A save that touches several files is all or nothing, whatever call a SIGKILL lands on.

A forked child runs one multi-file change (an import-like merge of several
months and the main file, a restore, a reflection saved with its draft
removed) and kills itself with SIGKILL at its N-th rename or unlink, for
every N until the change completes. After each kill the folder, opened
afresh, holds wholly the old or wholly the new data files; a kill during
the roll-forward itself is tried at every call too. No sleeps, no timing:
the kill point is a count of system calls.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import traceback
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from coach.core.errors import DataFileError
from coach.store import Store
from coach.store import commit as commit_module
from coach.store.backup import data_files, list_backups, make_backup, restore
from coach.store.commit import RECORD_NAME
from coach.store.dump import Dump, merge

NOW = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)
MONTHS = [date(2026, 8, 3), date(2026, 9, 14), date(2026, 10, 25), date(2026, 11, 2)]
Action = Callable[[Path], None]


def data(folder: Path) -> dict[str, bytes]:
    """The data files' bytes (backups, temps, lock and commit record left out)."""
    return {name: (folder / name).read_bytes() for name in data_files(folder)}


def killed_at(folder: Path, action: Action, n: int) -> bool:
    """Run `action` in a child that SIGKILLs itself at its n-th rename or unlink.

    True when the kill landed; False when the action finished first.
    """
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            calls = {"n": 0}
            real: dict[str, Callable[..., Any]] = {
                "replace": os.replace,
                "rename": os.rename,
                "unlink": os.unlink,
            }

            def dying(name: str) -> Callable[..., Any]:
                def call(*args: Any, **kwargs: Any) -> Any:
                    calls["n"] += 1
                    if calls["n"] == n:
                        os.kill(os.getpid(), signal.SIGKILL)
                    return real[name](*args, **kwargs)

                return call

            for name in real:
                setattr(os, name, dying(name))
            action(folder)
        except BaseException:
            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0, "the change failed in the child (see stderr)"
    return False


def reopen(folder: Path) -> None:
    """What the next coach does: open the folder (rolling forward) and read every file."""
    Store(folder).validate_all()


def assert_all_or_nothing(tmp_path: Path, setup: Action, action: Action) -> int:
    """Kill `action` at every rename/unlink; each time the data is wholly old or new.

    Returns the number of kills that left a commit record (killed mid-commit).
    """
    base = tmp_path / "base"
    setup(base)
    old = data(base)
    done = tmp_path / "done"
    shutil.copytree(base, done)
    action(done)
    new = data(done)
    changed = {n for n in set(old) | set(new) if old.get(n) != new.get(n)}
    assert len(changed) >= 2, "the change should touch several files"
    mid_commit = 0
    n = 1
    while True:
        work = tmp_path / f"kill-{n}"
        shutil.copytree(base, work)
        if not killed_at(work, action, n):
            reopen(work)
            assert data(work) == new
            break
        if (work / RECORD_NAME).exists():
            mid_commit += 1
            assert stat.S_IMODE((work / RECORD_NAME).stat().st_mode) == 0o600
            assert_roll_forward_survives_kills(tmp_path, work, new, n)
        reopen(work)
        got = data(work)
        assert got in (old, new), f"kill at call {n}: a mix of old and new files"
        assert not (work / RECORD_NAME).exists()
        n += 1
    return mid_commit


def assert_roll_forward_survives_kills(
    tmp_path: Path, work: Path, new: dict[str, bytes], n: int
) -> None:
    """A record is on disk: kill the roll-forward at each call, the end is always new."""
    m = 1
    while True:
        again = tmp_path / f"kill-{n}-again-{m}"
        shutil.copytree(work, again)
        landed = killed_at(again, reopen, m)
        reopen(again)
        assert data(again) == new, f"kill {n}, then roll-forward killed at call {m}"
        if not landed:
            return
        m += 1


# -- the three changes -------------------------------------------------------------


def filled(folder: Path) -> None:
    store = Store(folder)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": "Ann"})
        store.doc("drafts").put({"items": {"2026-11-02:pr-lesson": {"text": "half a thought"}}})
        for n, day in enumerate(MONTHS[:2]):
            store.log("walks").put(day, {"id": f"w{n}", "minutes": 20})


def import_months(folder: Path) -> None:
    """What `coach import` does: one merge adding to four months and the main file."""
    incoming: Dump = {
        "documents": {"settings": {"goal": 3}},
        "records": {"customers": [{"id": "c2", "name": "Bob"}]},
        "logs": {
            "walks": [
                {"id": f"i{n}", "date": day.isoformat(), "minutes": n}
                for n, day in enumerate(MONTHS)
            ]
        },
    }
    merge(Store(folder), incoming)


def save_reflection(folder: Path) -> None:
    """What saving a reflection does: the entry in its month, its draft gone from main."""
    store = Store(folder)
    with store.transaction():
        store.log("reflections").put(MONTHS[3], {"id": "r1", "text": "the lesson"})
        items = dict(store.doc("drafts").get()["items"])
        del items["2026-11-02:pr-lesson"]
        store.doc("drafts").update({"items": items})


def backed_up_then_changed(folder: Path) -> None:
    """Data with a backup, then changed since: three files differ, one is new."""
    filled(folder)
    make_backup(folder, NOW, "manual")
    store = Store(folder)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": "Ann (renamed)"})
        for n, day in enumerate(MONTHS):
            store.log("walks").put(day, {"id": f"later{n}", "minutes": 5})


def restore_it(folder: Path) -> None:
    manual = [b for b in list_backups(folder) if b.kind == "manual"]
    restore(folder, manual[0].path, NOW.replace(hour=9))


CHANGES = {
    "import": (filled, import_months),
    "reflection": (filled, save_reflection),
    "restore": (backed_up_then_changed, restore_it),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_kill_at_any_rename_leaves_all_old_or_all_new(tmp_path: Path, change: str) -> None:
    setup, action = CHANGES[change]
    mid_commit = assert_all_or_nothing(tmp_path, setup, action)
    assert mid_commit >= 2, "no kill landed between two renames of the commit"


# -- the commit record ---------------------------------------------------------------


def half_done(tmp_path: Path, folder: Path | None = None) -> Path:
    """A folder (filled, or `folder` as it is) whose reflection save was killed after
    its first data rename, the commit record left on disk."""
    if folder is None:
        folder = tmp_path / "data"
        filled(folder)
    before = data(folder)
    calls = 1
    while True:  # find, on copies, the first kill that leaves the record and changed a file
        work = tmp_path / f"try-{calls}"
        shutil.copytree(folder, work)
        assert killed_at(work, save_reflection, calls)
        if (work / RECORD_NAME).exists() and data(work) != before:
            break
        calls += 1
    assert killed_at(folder, save_reflection, calls)
    return folder


def test_a_store_open_before_the_kill_reads_the_rolled_forward_data(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    filled(folder)
    reader = Store(folder)
    assert reader.doc("drafts").get()
    assert reader.log("reflections").all() == []
    half_done(tmp_path, folder)
    # the reader sees a file change; it finishes the commit before re-reading
    assert [r["id"] for r in reader.log("reflections").all()] == ["r1"]
    assert not (folder / RECORD_NAME).exists()
    assert reader.doc("drafts").get() == {"items": {}}


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"format": "coach-commit", "version": 1, "steps": [], "check": "0"}'],
)
def test_a_damaged_record_stops_the_open_and_touches_nothing(tmp_path: Path, damage: bytes) -> None:
    work = half_done(tmp_path)
    (work / RECORD_NAME).write_bytes(damage)
    files = data(work)
    with pytest.raises(DataFileError) as info:
        Store(work)
    assert info.value.path == work / RECORD_NAME
    assert "interrupted save" in str(info.value)
    assert data(work) == files
    assert (work / RECORD_NAME).read_bytes() == damage


def test_a_temp_that_does_not_match_its_checksum_is_never_renamed(tmp_path: Path) -> None:
    work = half_done(tmp_path)
    record = commit_module._decode(work, work / RECORD_NAME, (work / RECORD_NAME).read_bytes())
    waiting = [s.temp for s in record if s.temp is not None and s.temp.exists()]
    assert waiting, "the kill should have left a temp to rename"
    waiting[0].write_bytes(b"garbage from a bad disk")
    files = data(work)
    with pytest.raises(DataFileError) as info:
        Store(work)
    assert info.value.path == waiting[0]
    assert "checksum" in str(info.value)
    assert data(work) == files


def test_a_one_file_save_writes_no_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    filled(folder)
    targets: list[str] = []
    real = os.replace

    def watch(src: Any, dst: Any) -> None:
        targets.append(Path(dst).name)
        real(src, dst)

    monkeypatch.setattr(os, "replace", watch)
    store = Store(folder)
    with store.transaction():
        store.log("walks").put(MONTHS[0], {"id": "w9", "minutes": 1})
    assert targets == ["2026-08.json"]
    with store.transaction():
        store.log("walks").put(MONTHS[0], {"id": "w10", "minutes": 1})
        store.records("customers").put({"id": "c3", "name": "Cy"})
    assert targets[1:] == [RECORD_NAME, "2026-08.json", "coach.json"]


def test_everything_the_store_writes_is_private_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        folder = tmp_path / "new" / "parents" / "data"
        backed_up_then_changed(folder)
        restore_it(folder)
    finally:
        os.umask(old)
    for path in [tmp_path / "new", *(tmp_path / "new").rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"


def test_a_data_folder_others_could_read_is_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    store = Store(folder)
    assert store.tightened
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not Store(folder).tightened


def test_check_files_names_a_commit_that_cannot_be_completed(tmp_path: Path) -> None:
    from coach.store.check import check_files

    work = half_done(tmp_path)
    assert all(c.problem is None for c in check_files(work))  # pending but sound
    (work / RECORD_NAME).write_bytes(b"{")
    problems = [c for c in check_files(work) if c.problem]
    assert [c.name for c in problems] == [RECORD_NAME]
    assert "interrupted save" in (problems[0].problem or "")
