"""The command table in coach/cli: `coach WORD` imports only the module that registers WORD."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from coach import cli


def registered(module) -> set[str]:
    parser = cli.Parser(prog="coach")
    sub = parser.add_subparsers(dest="command", parser_class=cli.Parser)
    module.register(sub)
    return set(sub.choices)


def test_the_table_names_every_command_with_the_module_that_registers_it() -> None:
    found = {
        word: m.__name__.rsplit(".", 1)[1] for m in cli._command_modules() for word in registered(m)
    }
    missing = {w: m for w, m in found.items() if w not in cli.COMMANDS}
    assert not missing, f"add these to COMMANDS in coach/cli/__init__.py: {missing}"
    assert found == cli.COMMANDS


def command_parser(parser: argparse.ArgumentParser, word: str) -> argparse.ArgumentParser:
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[word]


@pytest.mark.parametrize("word", sorted(cli.COMMANDS))
def test_a_command_has_the_same_options_with_its_own_parser_and_the_full_one(word: str) -> None:
    module = importlib.import_module(f"coach.cli.{cli.COMMANDS[word]}")
    own = command_parser(cli.build_parser(only=module), word)
    assert own.format_help() == command_parser(cli.build_parser(), word).format_help()


def test_an_unknown_word_falls_back_to_the_full_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.parse_args(["tody"])
    assert exit_.value.code == 2
    assert "invalid choice: 'tody'" in capsys.readouterr().err


def test_status_imports_only_its_own_command_module() -> None:
    probe = (
        "import sys; from coach.cli import parse_args; parse_args(['status']);"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('coach.cli.'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    commands = {f"coach.cli.{m}" for m in cli.COMMANDS.values()}
    assert set(out.split()) & commands == {"coach.cli.health"}
