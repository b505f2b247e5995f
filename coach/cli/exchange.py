"""`coach export` and `coach import`: take your data anywhere, bring it back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.core.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export", help="export everything as JSON, Markdown or CSV")
    export.add_argument("--format", choices=("json", "markdown", "csv"), default="json")
    export.add_argument(
        "--output", type=Path, metavar="FILE", help="write here (a folder for csv) not stdout"
    )
    export.add_argument(
        "--include-private",
        action="store_true",
        help="also export private records (the unsent letter)",
    )
    export.set_defaults(handler=run_export)
    imp = sub.add_parser("import", help="merge a coach JSON export into your data")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="only say what would be added")
    imp.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.cli.progress import progress_bar
    from coach.data import stream

    if args.format == "csv" and args.output is None:
        raise InputError("--format csv writes one file per kind of record: give --output FOLDER")
    if args.output is not None and args.format == "csv" and args.output.is_file():
        raise InputError(f"--output {args.output} is a file; csv needs a folder")
    if args.output is not None and args.format != "csv" and args.output.is_dir():
        raise InputError(f"--output {args.output} is a folder; name a file")
    coach = open_from_args(args)
    now, private = coach.clock.now(), args.include_private
    with progress_bar("Exporting") as on_progress:
        if args.format == "csv":
            written = stream.export_csv(
                coach.store, now, args.output, include_private=private, on_progress=on_progress
            )
        elif args.output is None:
            stream.export_stream(
                coach.store,
                now,
                args.format,
                sys.stdout,
                spool_in=coach.store.folder,
                include_private=private,
                on_progress=on_progress,
            )
            return 0
        else:
            stream.export_file(
                coach.store,
                now,
                args.format,
                args.output,
                include_private=private,
                on_progress=on_progress,
            )
    if args.format == "csv":
        print(f"wrote {len(written)} CSV files to {args.output}", file=sys.stderr)
    else:
        print(f"exported to {args.output}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.data import exchange

    coach = open_from_args(args, backup_first=True)  # the data as it was before the merge
    from coach.cli.progress import progress_bar

    with progress_bar("Importing") as bar:
        result = exchange.import_file(coach.store, args.file, dry_run=args.dry_run, on_progress=bar)
    print(result.summary()[0].upper() + result.summary()[1:])
    return 0
