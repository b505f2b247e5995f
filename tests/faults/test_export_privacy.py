"""Exports are as private as the data (issue 13, section 4): 0600 files and 0700
folders whatever the umask, atomic (a full disk leaves no file), "disk is full"
and exit 1 on a disk error, CSV cells never run as formulas."""

from __future__ import annotations

import csv
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.cli import main
from tests.faults.helpers import inject

NOW = "2026-11-22T08:30:00"
EXPORTS = [
    ("export", "--include-private", "--output", "{out}/all.json"),
    ("export", "--include-private", "--format", "markdown", "--output", "{out}/all.md"),
    ("export", "--include-private", "--format", "csv", "--output", "{out}/csv"),
    ("journal", "--export", "markdown", "--output", "{out}/journal.md"),
    ("journal", "--export", "json", "--output", "{out}/journal.json"),
]


@pytest.fixture
def folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    monkeypatch.setenv("COACH_NOW", NOW)
    data = tmp_path / "data"
    for argv in (
        ("loss", "add", "Acme", "--reason", "price", "--said", '=HYPERLINK("http://x")'),
        ("customer", "add", "+cmd|' /C calc'!A0", "--why", "@SUM(1+1)"),
        ("reflect", "--free", "--text", "-2+3 private words"),
    ):
        assert main(["--data-dir", str(data), *argv]) == 0, argv
    capsys.readouterr()
    return data


@pytest.fixture
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def run(folder: Path, out: Path, argv: tuple[str, ...]) -> int:
    return main(["--data-dir", str(folder), *(a.format(out=out) for a in argv)])


@pytest.mark.usefixtures("open_umask")
@pytest.mark.parametrize("argv", EXPORTS, ids=lambda a: " ".join(a[:4]))
def test_every_export_is_private_whatever_the_umask(
    folder: Path, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert run(folder, out, argv) == 0
    made = list(out.rglob("*"))
    assert made
    for path in made:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path} is {mode:o}"


@pytest.mark.parametrize("argv", EXPORTS, ids=lambda a: " ".join(a[:4]))
def test_a_full_disk_says_so_exits_1_and_leaves_no_file(
    folder: Path,
    tmp_path: Path,
    argv: tuple[str, ...],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    failed = inject(monkeypatch, "write", errno.ENOSPC)
    assert run(folder, out, argv) == 1
    assert failed() >= 1
    assert "disk is full" in capsys.readouterr().err
    left = [p for p in out.rglob("*") if p.is_file()]
    assert left == [], f"a full disk left {left}"


def test_csv_cells_are_never_run_as_formulas(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert (
        run(folder, out, ("export", "--include-private", "--format", "csv", "--output", str(out)))
        == 0
    )
    cells = [
        cell
        for path in out.glob("*.csv")
        for row in csv.reader(path.open(newline="", encoding="utf-8"))
        for cell in row
    ]
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'@SUM(1+1)" in cells
    assert "'-2+3 private words" in cells
    risky = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert risky == []
    # numbers stay numbers: a negative one is not quoted
    assert not any(c.startswith("'-") and c[2:].isdigit() for c in cells)


def test_a_cell_starting_with_tab_or_cr_is_quoted_too() -> None:
    from coach.data.exchange import csv_text

    assert csv_text("\tx") == "'\tx"
    assert csv_text("\rx").startswith("'")
    assert csv_text("plain -1") == "plain -1"
