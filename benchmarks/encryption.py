"""Encryption at rest (issue 19): open, save and search on the 10-year history with
encryption on, each as a ratio to the same history off, measured in this run.

The encrypted copy is made with `coach.store.rekey` at the default scrypt cost, so
"open" includes deriving the key from the passphrase (scrypt, about 0.1 s by design,
once per open) as a user's morning open does; "open, key given" hands the Store the
Cipher already derived (what the app does after the unlock screen or the CLI's check)
and so shows the cost of decrypting the files alone. Open is in-process: `open_coach`
and building Today (what `coach today` reads). Save and search are the suite's own
(`measures.save_times`, `measures.search_times`). Rows are shown for context (no
target): the issue asks for the ratios.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from dateutil import tz

from benchmarks import measures
from benchmarks.histories import NOW, copy_of

PASSPHRASE = "benchmark passphrase, not a secret"
PROFILE = "10y"


@contextmanager
def _passphrase(value: str | None) -> Iterator[None]:
    """$COACH_PASSPHRASE for the measures that open a folder themselves."""
    from coach.store import crypto

    before = os.environ.get(crypto.PASSPHRASE_ENV)
    if value is None:
        os.environ.pop(crypto.PASSPHRASE_ENV, None)
    else:
        os.environ[crypto.PASSPHRASE_ENV] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(crypto.PASSPHRASE_ENV, None)
        else:
            os.environ[crypto.PASSPHRASE_ENV] = before


def _open_times(folder: Path, rounds: int, key: Callable[[], object] | None) -> list[float]:
    from coach.core.clock import FixedClock
    from coach.routine.features import wire
    from coach.routine.today import build_today
    from coach.session import open_coach

    clock = FixedClock(datetime.fromisoformat(NOW).replace(tzinfo=tz.gettz("Europe/London")))
    times = []
    for _ in range(rounds):
        passphrase = key() if key is not None else None
        start = time.perf_counter()
        coach = wire(open_coach(folder, clock=clock, passphrase=passphrase))  # type: ignore[arg-type]
        build_today(coach)
        times.append(time.perf_counter() - start)
    return times


def _spread(values: list[float]) -> str:
    ms = lambda s: f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"  # noqa: E731
    if len(values) < 2:
        return ms(values[0])
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return f"{ms(statistics.median(values))} (IQR {ms(q1).split()[0]}-{ms(q3)}, n {len(values)})"


def rows(histories: dict[str, Path], tmp: Path, saves: int, rounds: int) -> list[dict[str, Any]]:
    """The rows, as `Row` fields, for the suite's table (empty without the 10y history)."""
    from coach.store import crypto
    from coach.store.rekey import rekey

    if PROFILE not in histories:
        return []
    print(f"encryption: open, save and search at {PROFILE}, on vs off", flush=True)
    plain = copy_of(histories[PROFILE], tmp / f"crypt-off-{PROFILE}")
    sealed = copy_of(histories[PROFILE], tmp / f"crypt-on-{PROFILE}")
    rekey(sealed, None, crypto.Cipher(PASSPHRASE))
    derived = crypto.unlock(sealed, PASSPHRASE)
    # interleaved, one of each per round, so a busy machine's noise falls on both alike
    cases: dict[str, tuple[Path, Callable[[], object] | None]] = {
        "off": (plain, None),
        "derived": (sealed, lambda: PASSPHRASE),
        "given": (sealed, lambda: derived),
    }
    opened: dict[str, list[float]] = {name: [] for name in cases}
    searched: dict[str, list[float]] = {"off": [], "on": []}
    for _ in range(max(5, rounds)):
        for name, (folder, key) in cases.items():
            opened[name] += _open_times(folder, 1, key)
        for name, folder in (("off", plain), ("on", sealed)):
            with _passphrase(PASSPHRASE if name == "on" else None):
                searched[name] += measures.search_times(folder, 1)["cold"]
    with _passphrase(PASSPHRASE):
        saved = measures.save_times({"off": plain, "on": sealed}, saves)  # interleaved too
    figures = {
        "Open 10y encrypted (key derived)": (opened["derived"], opened["off"]),
        "Open 10y encrypted (key given)": (opened["given"], opened["off"]),
        "Save 10y encrypted": (saved["on"], saved["off"]),
        "Search 10y encrypted, first": (searched["on"], searched["off"]),
    }
    out = []
    for label, (on, base) in figures.items():
        out.append(
            {
                "measure": label,
                "figure": _spread(on),
                "baseline": "off " + _spread(base),
                "ratio": statistics.median(on) / statistics.median(base),
                "target": "ratio to off",
                "met": None,
            }
        )
    return out
