"""Run coach's benchmarks: `uv run python -m benchmarks [--runs N] [--extreme] [--cache DIR]`.

Compiles bytecode, generates 0, 1 and 10 years of synthetic history (and the
extreme profile with --extreme), measures first paint, CPU, memory, exit, CLI,
save, search and Progress, each against a baseline from this same run, prints
the goals (each met or missed, with its spread), a scaling table and the
machine load, and writes benchmarks/results.json. Never part of pytest.
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
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks import encryption, heavy, measures
from benchmarks.histories import copy_of, history, now_only
from benchmarks.progress_open import measure as measure_progress
from benchmarks.screens_open import TARGET as SCREEN_TARGET
from benchmarks.screens_open import measure as measure_screens

RESULTS = Path(__file__).resolve().parent / "results.json"


@dataclass
class Row:
    """One goal: a figure, its baseline, and the target on their ratio."""

    measure: str
    figure: str
    baseline: str
    ratio: float | None
    target: str
    met: bool | None  # None: shown for context, no target


def load() -> tuple[float, float, float] | None:
    return os.getloadavg() if hasattr(os, "getloadavg") else None


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def mib(kb: float) -> str:
    return f"{kb / 1024:.1f} MiB"


def med(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float], unit: Any = ms) -> str:
    """Median and interquartile range: '512 ms (IQR 498-530 ms, n 15)'."""
    if len(values) < 2:
        return unit(values[0])
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    low, high = unit(q1).split()[0], unit(q3)
    return f"{unit(med(values))} (IQR {low}-{high}, n {len(values)})"


def run(args: argparse.Namespace) -> dict[str, Any]:
    started = time.time()
    load_start = load()
    print("bytecode: compileall over site-packages and the project", flush=True)
    compile_s = measures.compile_bytecode()
    print(f"  {compile_s:.1f} s", flush=True)
    names = ["0y", "1y", "10y"] + (["extreme"] if args.extreme else [])
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp_name:
        tmp = Path(tmp_name)
        root = Path(args.cache) if args.cache else tmp
        config = tmp / "config"
        config.mkdir()
        print("histories:", flush=True)
        folders = {n: history(root, n) for n in names}
        # Opens and commands may write (daily backup, settings): give them copies.
        work = {n: copy_of(f, tmp / f"open-{n}") for n, f in folders.items()}

        def progress(text: str) -> None:
            print(f"\r  {text}   ", end="", flush=True)

        print("first paint, exit and commands (pty, interleaved rounds):", flush=True)
        cases = measures.app_cases(work, config) + measures.cli_cases(work, config)
        runs = measures.rounds(cases, args.runs, progress)
        print()

        print("long commands: journal --search, export, walk, backup (pty, rounds)", flush=True)
        long_runs = heavy.run(work, config, tmp, args.heavy_rounds, progress)
        print()

        print("save: into the current month, each history and its now-only copy", flush=True)
        stores: dict[str, Path] = {}
        for n, f in folders.items():
            stores[n] = copy_of(f, tmp / f"save-{n}")
            stores[f"{n} now-only"] = now_only(f, tmp / f"now-{n}")
        saves = measures.save_times(stores, args.saves)

        print("search: reflections, cold and warm", flush=True)
        search = {
            n: measures.search_times(f, args.search_rounds if n != "extreme" else 1)
            for n, f in folders.items()
        }

        print("progress: pressing p on Today until the history shows", flush=True)
        prog = {
            n: measure_progress(work[n], max(3, args.runs // 3) if n != "extreme" else 2)
            for n in names
        }

        print("screens: opening each from Today, vs a bare app pushing as many widgets", flush=True)
        screens = {n: measure_screens(work[n], 2) for n in ("0y", "10y")}
        encrypted = encryption.rows(folders, tmp, args.saves, args.search_rounds)  # issue 19
    load_end = load()

    def figures(case: str, field: str) -> list[float]:
        return [float(getattr(r, field)) for r in runs[case]]

    paint = {c.name: figures(c.name, "paint_seconds") for c in cases if c.mark}
    exit_ = {c.name: figures(c.name, "seconds") for c in cases}
    cpu = {c.name: figures(c.name, "cpu_seconds") for c in cases}
    rss = {c.name: figures(c.name, "peak_rss_kb") for c in cases}
    for name, done in long_runs.items():
        cpu[name] = [r.cpu_seconds for r in done]
        rss[name] = [float(r.peak_rss_kb) for r in done]
    bare_paint = med(paint["bare"])

    rows: list[Row] = []

    def vs_bare(
        label: str, fig: dict[str, list[float]], case: str, limit: float, unit: Any = ms
    ) -> None:
        ratio = med(fig[case]) / med(fig["bare"])
        rows.append(
            Row(
                label,
                spread(fig[case], unit),
                "bare " + spread(fig["bare"], unit),
                ratio,
                f"<= {limit:g}x",
                ratio <= limit,
            )
        )

    vs_bare("First paint 10y", paint, "10y", 1.25)
    vs_bare("CPU 10y (exec to exit)", cpu, "10y", 1.25)
    vs_bare("Peak RSS 10y", rss, "10y", 1.25, mib)
    vs_bare("Exec to exit 10y", exit_, "10y", 1.10)
    for cmd, limit in (("today", 0.25), ("status", 0.1)):
        ratio = med(exit_[f"{cmd} 10y"]) / bare_paint
        rows.append(
            Row(
                f"coach {cmd} 10y",
                spread(exit_[f"{cmd} 10y"]),
                f"bare first paint {ms(bare_paint)}",
                ratio,
                f"<= {limit:g}x",
                ratio <= limit,
            )
        )

    def flat(
        label: str, values: dict[str, list[float]], base: str, big: str, unit: Any = ms
    ) -> None:
        for name, limit in (("10y", 1.5), ("extreme", 3.0)):
            key = big.format(name)
            if key not in values:
                continue
            base_key = base.format(name)
            ratio = med(values[key]) / med(values[base_key])
            rows.append(
                Row(
                    f"{label} {name} vs {base_key}",
                    spread(values[key], unit),
                    spread(values[base_key], unit),
                    ratio,
                    f"<= {limit:g}x",
                    ratio <= limit,
                )
            )

    # Whole processes: CPU time, steadier than wall time on a busy machine.
    flat("Open CPU", cpu, "0y", "{}")
    flat("coach today CPU", cpu, "today 0y", "today {}")
    flat("coach status CPU", cpu, "status 0y", "status {}")
    for label in heavy.LABELS:
        first = f"{label} {heavy.base(label)}"
        flat(f"coach {label} CPU", cpu, first, label + " {}")
        flat(f"coach {label} peak RSS", rss, first, label + " {}", mib)
    flat("Save", saves, "{} now-only", "{}")
    prog_times = {n: p["times_s"] for n, p in prog.items()}
    flat("Progress open", prog_times, "0y", "{}")
    s10 = search["10y"]
    rows.append(
        Row(
            "Search 10y, first",
            spread(s10["cold"]),
            f"next {spread(s10['warm'])}",
            None,
            "median <= 100 ms",
            s10["cold_median"] <= 0.1,
        )
    )
    p10 = prog["10y"]
    rows.append(
        Row(
            "Progress open 10y",
            spread(p10["times_s"]),
            f"first {ms(p10['first_s'])}",
            None,
            f"every open < {ms(p10['target_s'])}",
            p10["met"],
        )
    )
    rows += [Row(**r) for r in encrypted]

    for n in ("0y", "10y"):
        for title, sc in screens[n].items():
            rows.append(
                Row(
                    f"Open {title} {n} ({sc['widgets']} widgets)",
                    f"{ms(sc['wall_s'])} (CPU {ms(sc['cpu_s'])})",
                    f"bare push {ms(sc['bare_wall_s'])} (CPU {ms(sc['bare_cpu_s'])})",
                    sc["ratio"],
                    f"<= {SCREEN_TARGET}x",
                    sc["met"],
                )
            )

    scaling: dict[str, dict[str, str]] = {
        "first paint": {n: ms(med(paint[n])) for n in names},
        "CPU, exec to exit": {n: ms(med(cpu[n])) for n in names},
        "peak RSS": {n: mib(med(rss[n])) for n in names},
        "exec to exit": {n: ms(med(exit_[n])) for n in names},
        "coach today": {n: ms(med(exit_[f"today {n}"])) for n in names},
        "coach today, CPU": {n: ms(med(cpu[f"today {n}"])) for n in names},
        "coach status": {n: ms(med(exit_[f"status {n}"])) for n in names},
        "coach status, CPU": {n: ms(med(cpu[f"status {n}"])) for n in names},
        "save (now-only copy)": {
            n: f"{ms(med(saves[n]))} ({ms(med(saves[n + ' now-only']))})" for n in names
        },
        "search, first": {n: ms(search[n]["cold_median"]) for n in names},
        **{
            f"coach {label}, CPU / peak RSS": {
                n: f"{ms(med(cpu[f'{label} {n}']))} / {mib(med(rss[f'{label} {n}']))}"
                for n in names
                if f"{label} {n}" in cpu
            }
            for label in heavy.LABELS
        },
        "Progress open": {n: ms(med(prog[n]["times_s"])) for n in names},
    }
    bare = {
        "first paint": ms(bare_paint),
        "CPU, exec to exit": ms(med(cpu["bare"])),
        "peak RSS": mib(med(rss["bare"])),
        "exec to exit": ms(med(exit_["bare"])),
    }
    return {
        "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(started)),
        "seconds": round(time.time() - started, 1),
        "command": "uv run python -m benchmarks " + " ".join(sys.argv[1:]),
        "machine": machine(),
        "load_start": load_start,
        "load_end": load_end,
        "compile_seconds": round(compile_s, 1),
        "runs": {"rounds": args.runs, "saves": args.saves, "search_rounds": args.search_rounds},
        "rows": [asdict(r) for r in rows],
        "scaling": scaling,
        "bare": bare,
        "raw": {
            "paint_seconds": paint,
            "exit_seconds": exit_,
            "cpu_seconds": cpu,
            "peak_rss_kb": rss,
            "save_seconds": saves,
            "search": search,
            "progress_open": prog,
            "screens_open": screens,
        },
    }


def grid(head: tuple[str, ...], lines: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(x[i]) for x in [head, *lines]) for i in range(len(head))]
    fmt = "  ".join(f"{{:{w}}}" for w in widths)
    out = [fmt.format(*head), fmt.format(*("-" * w for w in widths))]
    return [line.rstrip() for line in out + [fmt.format(*line) for line in lines]]


def table(result: dict[str, Any]) -> str:
    lines = [
        (
            r["measure"],
            r["figure"],
            r["baseline"],
            f"{r['ratio']:.2f}x" if r["ratio"] is not None else "",
            r["target"],
            "" if r["met"] is None else ("met" if r["met"] else "MISSED"),
        )
        for r in result["rows"]
    ]
    out = grid(("goal", "figure: median (IQR)", "baseline", "ratio", "target", ""), lines)
    scaling = result["scaling"]
    names = list(next(iter(scaling.values())))
    out.append("")
    out += grid(
        ("scaling (medians)", "bare", *names),
        [
            (m, result["bare"].get(m, ""), *(v.get(n, "") for n in names))
            for m, v in scaling.items()
        ],
    )
    m = result["machine"]

    def fmt_load(value: Any) -> str:
        return " ".join(f"{x:.2f}" for x in value) if value else "unknown"

    out.append(
        f"\n{m['nproc']} cpus, {m['cpu']}, Python {m['python']}; load (1, 5, 15 min) at start "
        f"{fmt_load(result['load_start'])}, at end {fmt_load(result['load_end'])}; "
        f"{result['runs']['rounds']} rounds; {result['when']}; took {result['seconds']:.0f} s"
    )
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="interleaved rounds (median)")
    parser.add_argument("--saves", type=int, default=100, help="saves per history")
    parser.add_argument("--search-rounds", type=int, default=7)
    parser.add_argument(
        "--heavy-rounds", type=int, default=3, help="rounds of the long commands (export...)"
    )
    parser.add_argument(
        "--extreme",
        action="store_true",
        help="add the extreme profile (30 years, 20 reflections a day, 1,000 customers); "
        "generating it takes about 5 minutes: use with --cache",
    )
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
