"""The long commands that must stay flat in history (issue 18): `journal --search`,
`export` (JSON to a file), plain `coach walk` (with the longest streak) and `coach
backup` (incremental after the first). Each runs in a pty like the other commands
(so their progress bars draw, as users see them), a few interleaved rounds after a
warm-up round (page cache, the daily backup, the walk summaries); CPU and peak RSS
per history go in the goals (10y <= 1.5x and extreme <= 3x the empty store) and the
scaling table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from benchmarks import measures
from benchmarks.pty_run import Run

LABELS = ("journal --search", "export", "walk", "backup")
SEARCH = "zebra quiet"  # a word the histories never hold: every month is read and scanned


def commands(out: Path) -> dict[str, list[str]]:
    return {
        "journal --search": ["journal", "--search", SEARCH],
        "export": ["export", "--output", str(out / "export.json")],
        "walk": ["walk"],
        "backup": ["backup"],
    }


def cases(folders: dict[str, Path], config: Path, tmp: Path) -> list[measures.Case]:
    out = tmp / "exports"
    out.mkdir(exist_ok=True)
    return [
        measures.Case(f"{label} {n}", [measures.COACH, *argv], measures.env_for(f, config))
        for label, argv in commands(out).items()
        for n, f in folders.items()
        if not (label == "backup" and n == "0y")  # nothing to back up: it says so, exit 2
    ]


def base(label: str) -> str:
    """The history each long command's growth is measured from: the empty store, or 1 year
    for the backup (an empty store has nothing to back up)."""
    return "1y" if label == "backup" else "0y"


def run(
    folders: dict[str, Path], config: Path, tmp: Path, rounds: int, progress: Callable[[str], None]
) -> dict[str, list[Run]]:
    return measures.rounds(cases(folders, config, tmp), rounds, progress)
