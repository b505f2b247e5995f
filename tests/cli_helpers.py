"""Running the `coach` command in-process, for CLI tests."""

from __future__ import annotations

import pytest

from coach.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`coach ARGV...`: its exit code, stdout and stderr (argparse's exits included)."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse's --help, --version and usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
