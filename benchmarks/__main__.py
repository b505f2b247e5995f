"""Run coach's benchmarks: `uv run python -m benchmarks [--runs N]`.

Generates 0, 1 and 10 years of synthetic history in a temp folder, measures
open, save, memory, CLI and search, each against a baseline from this same
run, prints a table with each target met or missed and writes
benchmarks/results.json. Never part of pytest's pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import measures
from benchmarks.histories import copy_of, history
from benchmarks.progress_open import measure as measure_progress

RESULTS = Path(__file__).resolve().parent / "results.json"
YEARS = (0, 1, 10)


@dataclass
class Row:
    """One line of the table: a figure, its baseline, and the target on their ratio."""

    measure: str
    figure: str
    baseline: str
    ratio: float | None
    target: str
    met: bool | None  # None: shown for context, no target


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load_average_at_start": load,
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def run(args: argparse.Namespace) -> dict[str, Any]:
    started = time.time()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        root = Path(args.cache) if args.cache else Path(tmp)
        config = Path(tmp) / "config"
        config.mkdir()
        print("histories:", flush=True)
        folders = {f"{y}y": history(root, y) for y in YEARS}
        # Open and CLI runs may write (daily backup, settings): give them copies.
        work = {
            name: copy_of(folder, Path(tmp) / f"open-{name}") for name, folder in folders.items()
        }

        def progress(text: str) -> None:
            print(f"\r  {text}   ", end="", flush=True)

        print("open (pty, interleaved):", flush=True)
        opens = measures.open_runs(work, config, args.runs, progress)
        print()
        open_med = {name: statistics.median(r.seconds for r in rs) for name, rs in opens.items()}
        open_cpu = {
            name: statistics.median(r.cpu_seconds for r in rs) for name, rs in opens.items()
        }
        rss = {name: statistics.median(r.peak_rss_kb for r in rs) for name, rs in opens.items()}

        print("cli: coach today at 10 years", flush=True)
        cli = measures.cli_runs(work["10y"], config, args.runs)
        cli_med = statistics.median(r.seconds for r in cli)

        print("save:", flush=True)
        saves = {}
        for name, folder in folders.items():
            saves[name] = measures.save_times(
                copy_of(folder, Path(tmp) / f"save-{name}"), args.saves
            )
        save_med = {name: statistics.median(t) for name, t in saves.items()}
        save_p95 = {name: measures.p95(t) for name, t in saves.items()}

        print("search: 10 years of reflections", flush=True)
        search = measures.search_times(folders["10y"], args.search_rounds)

        print("progress: opening the Progress screen at 10 years", flush=True)
        progress_open = measure_progress(work["10y"], max(3, args.runs // 3))

    bare = open_med["bare"]
    rows: list[Row] = []
    for name in ("0y", "1y", "10y"):
        ratio = open_med[name] / bare
        rows.append(
            Row(
                f"Open {name}",
                f"{ms(open_med[name])} (cpu {ms(open_cpu[name])})",
                f"bare {ms(bare)} (cpu {ms(open_cpu['bare'])})",
                ratio,
                "<= 1.15x" if name == "10y" else "",
                ratio <= 1.15 if name == "10y" else None,
            )
        )
    for name in ("0y", "1y", "10y"):
        ratio = save_med[name] / save_med["0y"]
        rows.append(
            Row(
                f"Save {name}",
                f"median {ms(save_med[name])}, p95 {ms(save_p95[name])}",
                f"empty {ms(save_med['0y'])}",
                ratio,
                "<= 2x" if name == "10y" else "",
                ratio <= 2 if name == "10y" else None,
            )
        )
    mem_ratio = rss["10y"] / rss["bare"]
    rows.append(
        Row(
            "Memory 10y",
            f"peak RSS {rss['10y'] / 1024:.1f} MiB",
            f"bare {rss['bare'] / 1024:.1f} MiB",
            mem_ratio,
            "<= 1.3x",
            mem_ratio <= 1.3,
        )
    )
    cli_ratio = cli_med / bare
    rows.append(
        Row(
            "CLI today 10y",
            ms(cli_med),
            f"bare open {ms(bare)}",
            cli_ratio,
            "<= 0.35x",
            cli_ratio <= 0.35,
        )
    )
    rows.append(
        Row(
            "Search 10y",
            f"median {ms(search['cold_median'])} first, {ms(search['warm_median'])} next",
            "",
            None,
            "median <= 100 ms",
            search["cold_median"] <= 0.1,
        )
    )
    rows.append(progress_row(progress_open))
    return {
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(started)),
        "command": "uv run python -m benchmarks " + " ".join(sys.argv[1:]),
        "machine": info,
        "runs": {"open": args.runs, "saves": args.saves, "search_rounds": args.search_rounds},
        "rows": [asdict(r) for r in rows],
        "raw": {
            "open_seconds": {n: [r.seconds for r in rs] for n, rs in opens.items()},
            "open_cpu_seconds": {n: [r.cpu_seconds for r in rs] for n, rs in opens.items()},
            "open_peak_rss_kb": {n: [r.peak_rss_kb for r in rs] for n, rs in opens.items()},
            "cli_today_10y_seconds": [r.seconds for r in cli],
            "save_seconds": saves,
            "search": search,
            "progress_open": progress_open,
        },
    }


def progress_row(result: dict[str, Any]) -> Row:
    """Progress open (benchmarks/progress_open.py): pressing p until the history shows."""
    return Row(
        "Progress 10y",
        f"median {ms(result['median_s'])}, first {ms(result['first_s'])}",
        "",
        None,
        f"max < {ms(result['target_s'])}",
        result["met"],
    )


def table(result: dict[str, Any]) -> str:
    rows = result["rows"]
    head = ("measure", "figure", "baseline", "ratio", "target", "")
    lines = [
        (
            r["measure"],
            r["figure"],
            r["baseline"],
            f"{r['ratio']:.2f}x" if r["ratio"] is not None else "",
            r["target"],
            "" if r["met"] is None else ("met" if r["met"] else "MISSED"),
        )
        for r in rows
    ]
    widths = [max(len(str(x[i])) for x in [head, *lines]) for i in range(len(head))]
    fmt = "  ".join(f"{{:{w}}}" for w in widths)
    out = [fmt.format(*head), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*line) for line in lines]
    m = result["machine"]
    out.append(
        f"\n{m['nproc']} cpus, {m['cpu']}, Python {m['python']}, load at start "
        f"{m['load_average_at_start']}; {result['when']}"
    )
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="opens per case (median)")
    parser.add_argument("--saves", type=int, default=100, help="saves per history")
    parser.add_argument("--search-rounds", type=int, default=7)
    parser.add_argument("--cache", metavar="DIR", help="keep generated histories here between runs")
    args = parser.parse_args()
    result = run(args)
    print()
    print(table(result))
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten to {RESULTS}")
    return 0 if all(r["met"] is not False for r in result["rows"]) else 1


if __name__ == "__main__":
    sys.exit(main())
