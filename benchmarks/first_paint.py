"""First paint only: `uv run python -m benchmarks.first_paint [--runs N] [--against COACH]`.

The quick A/B for start-up work: the bare app and coach opening Today on 10
years of history, in interleaved rounds, each figure (first paint, CPU of the
whole run, peak RSS, exec to exit after ctrl+q at first paint) as a median and as a ratio to the bare app. `--against`
adds another checkout of coach (a folder: `git archive main | tar -x -C DIR`)
to the same rounds, so a change is measured against what it changes on the same load.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import measures
from benchmarks.histories import copy_of, history


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.first_paint", description=__doc__)
    parser.add_argument("--runs", type=int, default=15, help="interleaved rounds (median)")
    parser.add_argument("--history", default="10y", choices=("0y", "1y", "10y"))
    parser.add_argument("--against", metavar="DIR", help="another checkout of coach")
    parser.add_argument("--cache", metavar="DIR", help="keep generated histories here")
    parser.add_argument("--no-compile", action="store_true", help="bytecode is already compiled")
    args = parser.parse_args()
    if not args.no_compile:
        measures.compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="coach-paint-") as tmp_name:
        tmp = Path(tmp_name)
        config = tmp / "config"
        config.mkdir()
        source = history(Path(args.cache) if args.cache else tmp, args.history)
        cases = [
            measures.Case("bare", measures.BARE, measures.env_for(None, config), measures.BARE_MARK)
        ]
        roots = {"coach": measures.ROOT} | ({"against": Path(args.against)} if args.against else {})
        for name, root in roots.items():
            if root != measures.ROOT and not args.no_compile:
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(root)], check=False)
            folder = copy_of(source, tmp / name)
            # a cache each: two checkouts' content keys would evict each other's parsed library
            env = measures.env_for(folder, config) | {
                "PYTHONPATH": str(root),
                "COACH_CACHE_DIR": str(tmp / f"cache-{name}"),
            }
            argv = [sys.executable, "-P", "-m", "coach"]  # -P: the cwd is not on the path
            cases.append(measures.Case(name, argv, env, measures.TODAY_MARK))
        runs = measures.rounds(cases, args.runs, lambda t: print(f"\r  {t}  ", end="", flush=True))
    print()
    bare = {
        "paint": statistics.median(r.paint_seconds or 0.0 for r in runs["bare"]),
        "cpu": statistics.median(r.cpu_seconds for r in runs["bare"]),
        "rss": statistics.median(r.peak_rss_kb for r in runs["bare"]),
        "exit": statistics.median(r.seconds for r in runs["bare"]),
    }
    print(f"{'case':8}  {'first paint':>16}  {'CPU':>16}  {'peak RSS':>18}  {'exec to exit':>16}")
    for name, case_runs in runs.items():
        paint = statistics.median(r.paint_seconds or 0.0 for r in case_runs)
        cpu = statistics.median(r.cpu_seconds for r in case_runs)
        rss = statistics.median(r.peak_rss_kb for r in case_runs)
        to_exit = statistics.median(r.seconds for r in case_runs)
        print(
            f"{name:8}  {paint * 1000:7.0f} ms {paint / bare['paint']:5.2f}x"
            f"  {cpu * 1000:7.0f} ms {cpu / bare['cpu']:5.2f}x"
            f"  {rss / 1024:7.1f} MiB {rss / bare['rss']:5.2f}x"
            f"  {to_exit * 1000:7.0f} ms {to_exit / bare['exit']:5.2f}x"
        )


if __name__ == "__main__":
    main()
