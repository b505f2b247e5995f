"""`coach config`: where the config file is, and whether it reads cleanly.

`coach config path` prints the file's path (it need not exist yet); `coach config check`
reads it and names any bad key (exit 1), so a typo is found before the app starts.
"""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "config",
        help="the config file: its path, or check it",
        description="The config file (TOML): theme, keymap overrides by binding id, "
        "and the default data folder.",
    )
    actions = parser.add_subparsers(dest="config_action", metavar="ACTION", required=True)
    actions.add_parser("path", help="print the config file's path").set_defaults(handler=run_path)
    actions.add_parser("check", help="read the config file and name any bad key").set_defaults(
        handler=run_check
    )


def run_path(args: argparse.Namespace) -> int:
    from coach.core.config import config_path

    print(config_path())
    return 0


def run_check(args: argparse.Namespace) -> int:
    from coach.core.config import config_path, load_config

    path = config_path()
    config = load_config(path)  # a ConfigError is printed by main, naming the key
    if not path.exists():
        print(f"No config file at {path}: coach uses its defaults.")
        return 0
    theme = config.theme or "(default)"
    folder = config.data_dir or "(default)"
    print(
        f"{path} is fine: theme {theme}, data folder {folder}, {len(config.keymap)} key(s) remapped."
    )
    return 0
