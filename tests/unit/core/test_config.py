"""The config file: good files read, bad ones named by key (never a traceback), the theme kept."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.cli import main
from coach.core.config import (
    Config,
    ConfigError,
    config_path,
    data_folder,
    load_config,
    parse_config,
    remember_theme,
)

GOOD = """
# my coach
theme = "nord"
data_dir = "~/coach-data"

[keymap]
"go.walk" = "W"
quit = "ctrl+q,ctrl+c"
"""


def test_a_good_file() -> None:
    config = parse_config(GOOD)
    assert config.theme == "nord"
    assert config.data_dir == Path("~/coach-data").expanduser()
    assert config.keymap == {"go.walk": "W", "quit": "ctrl+q,ctrl+c"}


def test_no_file_is_the_defaults() -> None:
    assert not config_path().exists()
    assert load_config() == Config()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("theme = 3", "theme must be a name in quotes"),
        ('theme = ""', "theme must be a name in quotes"),
        ("data_dir = true", "data_dir must be a folder"),
        ('colour = "red"', "unknown key 'colour'"),
        ('keymap = "W"', "keymap must be a table"),
        ('[keymap]\n"go.walk" = 5', "keymap.go.walk must be keys"),
        ('[keymap]\n"go.walk" = "ctrl e"', "keymap.go.walk must be keys"),
        ('theme = "nord', "is not valid TOML"),
    ],
)
def test_bad_files_name_the_key(text: str, named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        parse_config(text, "config.toml")


def test_an_unreadable_file_is_a_config_error() -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"theme = \xff")
    with pytest.raises(ConfigError, match="cannot read"):
        load_config()


def test_remember_theme_keeps_the_rest_and_is_private() -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text(GOOD)
    remember_theme("dracula")
    text = path.read_text()
    assert 'theme = "dracula"' in text and "# my coach" in text and "nord" not in text
    assert parse_config(text).keymap == {"go.walk": "W", "quit": "ctrl+q,ctrl+c"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_remember_theme_in_a_new_file_and_before_tables(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    remember_theme("nord", path)
    assert load_config(path).theme == "nord"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    path.write_text('[keymap]\ntheme = "x"\n')  # a binding called theme: not the theme
    remember_theme("gruvbox", path)
    config = load_config(path)
    assert config.theme == "gruvbox" and config.keymap == {"theme": "x"}


def test_data_folder_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text(f'data_dir = "{tmp_path / "from-config"}"')
    assert data_folder("/flag") == Path("/flag")
    assert data_folder() == Path(os.environ["COACH_DATA_DIR"])  # the environment wins
    monkeypatch.delenv("COACH_DATA_DIR")
    assert data_folder() == tmp_path / "from-config"


def test_cli_config_path_and_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(config_path())
    assert main(["config", "check"]) == 0
    assert "No config file" in capsys.readouterr().out
    config_path().parent.mkdir(parents=True)
    config_path().write_text('[keymap]\n"go.walk" = 5\n')
    assert main(["config", "check"]) == 1
    err = capsys.readouterr().err
    assert "keymap.go.walk must be keys" in err and "Traceback" not in err


def test_a_bad_config_stops_commands_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COACH_DATA_DIR")  # so the config's data_dir is read
    config_path().parent.mkdir(parents=True)
    config_path().write_text("data_dir = 7\n")
    assert main(["today"]) == 1
    assert "data_dir must be a folder" in capsys.readouterr().err
