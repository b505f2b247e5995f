"""The parsed content's cache: the same library as a parse, rebuilt when a content file
changes or the cache is damaged, private, and never trusted when foreign."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from coach.content import library as content
from coach.content.library import CACHE_FILE, Library, cached_library, load_library
from coach.core.paths import builtin_content_dir
from tests.unit.content.test_library import GOOD_ITEM


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    builtin = tmp_path / "content"
    shutil.copytree(builtin_content_dir(), builtin)
    user = tmp_path / "user"
    user.mkdir()
    return builtin, user, tmp_path / "cache"


def same(a: Library, b: Library) -> bool:
    return (
        list(a.items.values()) == list(b.items.values())
        and {k: list(v) for k, v in a.pools.items()} == {k: list(v) for k, v in b.pools.items()}
        and a.sources == b.sources
        and a.advice_ids == b.advice_ids
        and [str(p) for p in a.problems] == [str(p) for p in b.problems]
    )


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every parse load_library does (a cache hit does none)."""
    seen: list[Path] = []
    real = content.load_library

    def counting(builtin: Path, user: Path | None = None) -> Library:
        seen.append(builtin)
        return real(builtin, user)

    monkeypatch.setattr(content, "load_library", counting)
    return seen


def test_a_hit_is_the_same_library_as_a_parse(
    folders: tuple[Path, Path, Path], parses: list[Path]
) -> None:
    builtin, user, cache = folders
    (user / "mine.toml").write_text(GOOD_ITEM, encoding="utf-8")
    (user / "broken.toml").write_text("[[items]\n", encoding="utf-8")
    first = cached_library(builtin, user, cache)
    second = cached_library(builtin, user, cache)
    assert len(parses) == 1  # the second came from the cache
    parsed = load_library(builtin, user)
    assert same(first, parsed) and same(second, parsed)
    assert [p.path.name for p in second.problems] == ["broken.toml"]
    assert second.get("my-walk") is not None


def test_the_cache_is_private(folders: tuple[Path, Path, Path]) -> None:
    builtin, user, cache = folders
    cached_library(builtin, user, cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache / CACHE_FILE).stat().st_mode) == 0o600


def edit_builtin(builtin: Path, user: Path) -> None:
    path = builtin / "walk.toml"
    path.write_text(path.read_text(encoding="utf-8") + GOOD_ITEM, encoding="utf-8")


def add_user_file(builtin: Path, user: Path) -> None:
    (user / "mine.toml").write_text(GOOD_ITEM, encoding="utf-8")


def remove_user_folder(builtin: Path, user: Path) -> None:
    shutil.rmtree(user)


def touch_only(builtin: Path, user: Path) -> None:
    path = builtin / "walk.toml"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


CHANGES = [edit_builtin, add_user_file, remove_user_folder, touch_only]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_a_changed_content_file_is_parsed_again(
    folders: tuple[Path, Path, Path], parses: list[Path], change: object
) -> None:
    builtin, user, cache = folders
    (user / "old.toml").write_text(GOOD_ITEM.replace("my-walk", "old-walk"), encoding="utf-8")
    cached_library(builtin, user, cache)
    change(builtin, user)  # type: ignore[operator]
    after = cached_library(builtin, user, cache)
    assert len(parses) == 2
    assert same(after, load_library(builtin, user))
    cached_library(builtin, user, cache)
    assert len(parses) == 2  # and cached again


def damage_bytes(path: Path) -> None:
    path.write_bytes(b"\x00\xff not json")


def damage_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damage_an_item(path: Path) -> None:
    body = json.loads(path.read_bytes())
    body["items"][0]["sources"] = "not a list"
    path.write_text(json.dumps(body), encoding="utf-8")


def damage_an_extra_field(path: Path) -> None:
    body = json.loads(path.read_bytes())
    body["items"][0]["colour"] = "red"
    path.write_text(json.dumps(body), encoding="utf-8")


def damage_the_key(path: Path) -> None:
    body = json.loads(path.read_bytes())
    body["key"]["version"] = "0.0.0-other"
    path.write_text(json.dumps(body), encoding="utf-8")


def damage_no_items(path: Path) -> None:
    body = json.loads(path.read_bytes())
    body["items"] = []
    path.write_text(json.dumps(body), encoding="utf-8")


def damage_a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()  # unreadable as a file: parsed, and the cache cannot be written


DAMAGE = [
    damage_bytes,
    damage_truncate,
    damage_an_item,
    damage_an_extra_field,
    damage_the_key,
    damage_no_items,
    damage_a_folder,
]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__ for d in DAMAGE])
def test_a_damaged_cache_is_ignored_and_written_again(
    folders: tuple[Path, Path, Path], parses: list[Path], damage: object
) -> None:
    builtin, user, cache = folders
    cached_library(builtin, user, cache)
    damage(cache / CACHE_FILE)  # type: ignore[operator]
    assert same(cached_library(builtin, user, cache), load_library(builtin, user))
    assert len(parses) == 2
    if (cache / CACHE_FILE).is_file():
        cached_library(builtin, user, cache)
        assert len(parses) == 2  # rebuilt: a hit again


def test_an_unwritable_cache_folder_costs_only_the_parse(
    folders: tuple[Path, Path, Path], parses: list[Path]
) -> None:
    builtin, user, _ = folders
    blocked = builtin.parent / "a-file"
    blocked.write_text("", encoding="utf-8")
    lib = cached_library(builtin, user, blocked / "cache")
    assert same(lib, load_library(builtin, user))
