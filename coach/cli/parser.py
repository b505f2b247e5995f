"""The command line parser: built only for the command being run."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from coach import __version__
from coach.cli import COMMANDS, _command_modules


class Parser(argparse.ArgumentParser):
    """argparse with a one-line error and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(commands: bool = True, only: ModuleType | None = None) -> Parser:
    """The full parser; with commands=False only the global options (quick to build);
    with `only`, the commands of that one module."""
    parser = Parser(
        prog="coach",
        description="A daily recovery routine after losing a client. "
        "With no command, coach opens the app on today's routine.",
        epilog="Data lives in --data-dir, else $COACH_DATA_DIR, else the platform's data "
        "folder. Your own content goes in $COACH_CONFIG_DIR/content (or the platform's "
        "config folder). 'coach COMMAND --help' tells more about a command.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="PATH",
        help="data folder (default: $COACH_DATA_DIR or the platform's data folder)",
    )
    if not commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in [only] if only is not None else _command_modules():
        module.register(sub)
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line. Plain `coach` (opening the app) skips importing every
    command's module: they are only needed to run or describe a command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not any(a in ("-h", "--help") for a in args):
        known, rest = build_parser(commands=False).parse_known_args(args)
        if not rest:
            return known
        if rest[0] in COMMANDS:  # build only the parser of the command being run
            module = importlib.import_module(f"coach.cli.{COMMANDS[rest[0]]}")
            return build_parser(only=module).parse_args(args)
    return build_parser().parse_args(args)
