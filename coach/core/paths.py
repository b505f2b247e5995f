"""Where coach keeps its files. Folders come from functions: no I/O at import."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "coach"
DATA_ENV = "COACH_DATA_DIR"
CONFIG_ENV = "COACH_CONFIG_DIR"
CACHE_ENV = "COACH_CACHE_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the override, else $COACH_DATA_DIR, else the platform's."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The config folder: $COACH_CONFIG_DIR, else the platform's."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The cache folder (what coach can rebuild: the parsed content): $COACH_CACHE_DIR,
    else the platform's."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def user_content_dir() -> Path:
    """Folder where users add their own content files (TOML, same format)."""
    return config_dir() / "content"


def builtin_content_dir() -> Path:
    """The content shipped with coach: inside the wheel, or content/ in a checkout."""
    package = Path(__file__).resolve().parent.parent  # coach/
    packaged = package / "_content"
    if packaged.is_dir():
        return packaged
    return package.parent / "content"
