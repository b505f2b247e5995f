"""The config file: config.toml in the config folder (`coach config path` prints it).

```toml
theme = "nord"                   # a Textual theme; changing it in the app remembers it here
data_dir = "~/Documents/coach"   # the default data folder (--data-dir and $COACH_DATA_DIR win)

[keymap]                         # binding id = keys, as in the Footer and the `?` screen
"go.walk" = "W"
"quit" = "ctrl+q,ctrl+c"
```

Every value is checked here and a bad one is a ConfigError naming the file and the key,
never a traceback. Whether a theme name or binding id exists is the app's to say (coach/
never imports Textual): it warns and carries on.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.core.atomic import atomic_write, ensure_private_dir
from coach.core.errors import CoachError
from coach.core.paths import DATA_ENV, config_dir, data_dir

FILE_NAME = "config.toml"
KEYS = ("theme", "data_dir", "keymap")
_KEY_LIST = re.compile(r"^[^\s,]+(,[^\s,]+)*$")  # "ctrl+e" or "f1,question_mark"
_THEME_LINE = re.compile(r"^theme\s*=.*$", re.MULTILINE)
_TABLE = re.compile(r"^\s*\[", re.MULTILINE)


class ConfigError(CoachError):
    """The config file cannot be read or holds a bad value (the message names the key)."""


@dataclass(frozen=True)
class Config:
    """What the config file says; every field is optional."""

    theme: str | None = None
    data_dir: Path | None = None
    keymap: dict[str, str] = field(default_factory=dict)


def config_path() -> Path:
    """Where the config file lives (it need not exist)."""
    return config_dir() / FILE_NAME


def parse_config(text: str, where: str = FILE_NAME) -> Config:
    """The Config in `text`, or ConfigError naming `where` and what is wrong."""
    import tomllib  # deferred: most starts have no config file to parse

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where} is not valid TOML: {exc}") from None
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(KEYS)})")
    return Config(
        theme=_text(raw, "theme", where),
        data_dir=_folder(raw, where),
        keymap=_keymap(raw.get("keymap", {}), where),
    )


def _text(raw: dict[str, Any], key: str, where: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f'{where}: {key} must be a name in quotes, like {key} = "nord"')
    return value.strip()


def _folder(raw: dict[str, Any], where: str) -> Path | None:
    value = raw.get("data_dir")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(
            f'{where}: data_dir must be a folder in quotes, like data_dir = "~/coach"'
        )
    return Path(value.strip()).expanduser()


def _keymap(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: keymap must be a table: [keymap] then "binding.id" = "keys"')
    out: dict[str, str] = {}
    for binding_id, keys in value.items():
        if not isinstance(keys, str) or not _KEY_LIST.match(keys.strip()):
            raise ConfigError(
                f"{where}: keymap.{binding_id} must be keys in quotes, "
                f'like "ctrl+e" or "f1,question_mark"'
            )
        out[binding_id] = keys.strip()
    return out


def load_config(path: Path | None = None) -> Config:
    """The config file's settings; an absent file is the defaults."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    return parse_config(text, str(path))


def data_folder(override: str | None = None) -> Path:
    """The data folder: --data-dir, else $COACH_DATA_DIR, else the config's data_dir,
    else the platform's. The config file is read only when it decides."""
    if override or os.environ.get(DATA_ENV):
        return data_dir(override)
    return load_config().data_dir or data_dir()


def remember_theme(theme: str, path: Path | None = None) -> None:
    """Write `theme = "..."` into the config file, keeping the rest of it (comments too).

    The file is replaced atomically and private (0600, in a 0700 folder).
    """
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    line = f"theme = {_quoted(theme)}"
    table = _TABLE.search(text)
    top, tables = (text[: table.start()], text[table.start() :]) if table else (text, "")
    if _THEME_LINE.search(top):
        text = _THEME_LINE.sub(lambda _: line, top, count=1) + tables
    else:
        text = f"{line}\n{text}"  # at the top: before any [table]
    parse_config(text, str(path))  # never write a file we could not read back
    ensure_private_dir(path.parent)
    atomic_write(path, text.encode("utf-8"))


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
