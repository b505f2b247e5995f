"""`coach export` and `coach import`: take your data anywhere, bring it back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.core.errors import InputError
from coach.core.textfile import write_private


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
    from coach.data import exchange

    if args.format == "csv" and args.output is None:
        raise InputError("--format csv writes one file per kind of record: give --output FOLDER")
    if args.output is not None and args.format == "csv" and args.output.is_file():
        raise InputError(f"--output {args.output} is a file; csv needs a folder")
    coach = open_from_args(args)
    export = exchange.export_data(
        coach.store, coach.clock.now(), include_private=args.include_private
    )
    if args.format == "csv":
        written = exchange.write_csv(export, args.output)
        print(f"wrote {len(written)} CSV files to {args.output}", file=sys.stderr)
        return 0
    text = exchange.to_json(export) if args.format == "json" else exchange.to_markdown(export)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    if args.output.is_dir():
        raise InputError(f"--output {args.output} is a folder; name a file")
    write_private(args.output, text)
    print(f"exported to {args.output}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.data import exchange

    coach = open_from_args(args, backup_first=True)  # the data as it was before the merge
    result = exchange.import_file(coach.store, args.file, dry_run=args.dry_run)
    print(result.summary()[0].upper() + result.summary()[1:])
    return 0
