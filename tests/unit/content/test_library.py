"""The content library: coverage of the advice map, file errors, user content, daily picks."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.content.library import POOLS, Library, default_library, load_library
from coach.core.errors import ContentError
from coach.core.paths import builtin_content_dir, user_content_dir

CONTENT = builtin_content_dir()

GOOD_ITEM = """
[[items]]
id = "my-walk"
pool = "walk"
text = "Walk to the river and back."
sources = ["Overcoming the Emotional Loss of Losing a Customer"]
advice = ["take-a-walk"]
"""


def advice_ids_file() -> list[str]:
    data = tomllib.loads((CONTENT / "advice-ids.toml").read_text(encoding="utf-8"))
    return [entry["id"] for entry in data["advice"]]


def test_the_id_list_holds_the_31_ids_of_the_advice_map() -> None:
    ids = advice_ids_file()
    assert len(ids) == 31
    assert len(set(ids)) == 31


def test_every_advice_id_is_carried_by_some_item(library: Library) -> None:
    assert library.covered_advice() == set(advice_ids_file())


def test_every_item_names_known_sources_and_ids(library: Library) -> None:
    titles = set(library.sources)
    assert len(titles) == 5
    for item in library.items.values():
        assert item.sources and set(item.sources) <= titles, item.id
        assert item.advice and set(item.advice) <= set(library.advice_ids), item.id
        assert item.pool in POOLS
        assert item.text.strip()


def test_the_routine_pools_have_content(library: Library) -> None:
    for pool in ("encouragement", "walk", "call", "help", "prompt"):
        assert len(library.pool(pool)) >= 3, pool


def test_the_built_in_library_has_no_problems(library: Library) -> None:
    assert library.problems == []


# -- malformed files ------------------------------------------------------------


@pytest.fixture
def builtin_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


BROKEN = {
    "bad toml": (GOOD_ITEM + '\n[[items]]\nid = "x\n', 10, "not valid TOML"),
    "missing field": (GOOD_ITEM + '\n[[items]]\nid = "no-text"\npool = "walk"\n', 9, "'text'"),
    "unknown pool": (GOOD_ITEM.replace('"walk"', '"jogging"'), 2, "unknown pool 'jogging'"),
    "unknown source": (GOOD_ITEM.replace("Overcoming", "Underwhelming"), 2, "unknown source"),
    "unknown advice id": (GOOD_ITEM.replace("take-a-walk", "take-a-nap"), 2, "unknown advice id"),
    "duplicate id": (GOOD_ITEM + GOOD_ITEM, 9, "duplicate id 'my-walk'"),
    "unknown field": (GOOD_ITEM + 'colour = "red"\n', 2, "unknown field"),
    "sources not a list": (GOOD_ITEM.replace('["Over', '"Over').replace('r"]', 'r"'), 2, "list"),
}


@pytest.mark.parametrize(("text", "line", "words"), BROKEN.values(), ids=BROKEN.keys())
def test_a_malformed_built_in_file_names_file_and_line(
    builtin_copy: Path, text: str, line: int, words: str
) -> None:
    path = builtin_copy / "zz-broken.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_library(builtin_copy)
    assert info.value.path == path
    assert info.value.line == line
    assert f"{path}, line {line}:" in str(info.value)
    assert words in str(info.value)


def test_a_malformed_meta_file_names_file_and_line(builtin_copy: Path) -> None:
    path = builtin_copy / "sources.toml"
    path.write_text(path.read_text() + '\n[[article]]\nkey = "no-title"\n', encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_library(builtin_copy)
    assert info.value.path == path
    assert info.value.line == path.read_text().splitlines().index("[[article]]", 30) + 1


# -- the user's own content -------------------------------------------------------


def test_user_content_is_merged_in(library: Library) -> None:
    folder = user_content_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(GOOD_ITEM, encoding="utf-8")
    merged = default_library()
    assert merged.problems == []
    assert merged.get("my-walk") is not None
    assert len(merged.pool("walk")) == len(library.pool("walk")) + 1
    assert len(merged.items) == len(library.items) + 1


def test_users_may_add_their_own_sources_and_advice_ids() -> None:
    folder = user_content_dir()
    folder.mkdir(parents=True)
    (folder / "sources.toml").write_text('[[article]]\ntitle = "My Book"\n', encoding="utf-8")
    (folder / "advice-ids.toml").write_text('[[advice]]\nid = "my-rule"\n', encoding="utf-8")
    item = GOOD_ITEM.replace("Overcoming the Emotional Loss of Losing a Customer", "My Book")
    (folder / "mine.toml").write_text(item.replace("take-a-walk", "my-rule"), encoding="utf-8")
    merged = default_library()
    assert merged.problems == []
    found = merged.get("my-walk")
    assert found is not None and found.sources == ("My Book",) and found.advice == ("my-rule",)


def test_a_broken_user_file_is_reported_and_built_in_content_still_loads(
    library: Library,
) -> None:
    folder = user_content_dir()
    folder.mkdir(parents=True)
    (folder / "a-broken.toml").write_text("[[items]\nid = 1\n", encoding="utf-8")
    (folder / "b-fine.toml").write_text(GOOD_ITEM, encoding="utf-8")
    (folder / "c-clash.toml").write_text(
        GOOD_ITEM.replace("my-walk", "walk-go-now"), encoding="utf-8"
    )
    merged = default_library()
    assert [(p.path.name, p.line) for p in merged.problems] == [
        ("a-broken.toml", 1),
        ("c-clash.toml", 2),
    ]
    assert "duplicate id 'walk-go-now'" in str(merged.problems[1])
    assert merged.get("my-walk") is not None
    assert len(merged.items) == len(library.items) + 1
    assert merged.get("walk-go-now") == library.get("walk-go-now")


def test_a_missing_user_folder_is_fine(library: Library) -> None:
    assert not user_content_dir().exists()
    assert len(default_library().items) == len(library.items)


# -- the item of the day ------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 3), max_value=date(2100, 1, 1))


@settings(max_examples=60, deadline=None)
@given(day=days, pool=st.sampled_from(["encouragement", "walk", "call", "help", "prompt"]))
def test_no_repeats_until_the_pool_is_used_up(library: Library, day: date, pool: str) -> None:
    size = len(library.pool(pool))
    # the cycle holding `day` starts on a multiple of the pool size since the epoch
    start = day - timedelta(days=(day - date(2000, 1, 3)).days % size)
    shown = [library.daily(pool, start + timedelta(days=i)) for i in range(size)]
    assert {item.id for item in shown if item} == {item.id for item in library.pool(pool)}
    # nor two days running, even across cycles
    week = [library.daily(pool, day + timedelta(days=i)) for i in range(2 * size)]
    assert all(a != b for a, b in zip(week, week[1:], strict=False))


@settings(deadline=None)  # loads the whole library per example: slow on a busy machine
@given(day=days)
def test_the_same_item_all_day(library: Library, day: date) -> None:
    first = library.daily("prompt", day)
    assert first is not None
    assert library.daily("prompt", day) == first
    assert default_library().daily("prompt", day) == first  # also after a restart


def test_items_vary_from_day_to_day(library: Library) -> None:
    start = date(2026, 11, 22)
    walks = [library.daily("walk", start + timedelta(days=i)) for i in range(60)]
    orders = {tuple(w.id for w in walks[i : i + 6] if w) for i in (0, 6, 12, 18, 24, 30)}
    assert len(orders) > 1  # not the same rotation every time


def test_daily_can_skip_items_and_handles_an_empty_pool(library: Library) -> None:
    day = date(2026, 11, 22)
    first = library.daily("walk", day)
    assert first is not None
    assert library.daily("walk", day, skip=[first.id]) != first
    assert library.daily("no-such-pool", day) is None


def test_the_readme_example_is_valid_user_content() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    folder = user_content_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(example, encoding="utf-8")
    merged = default_library()
    assert merged.problems == []
    assert merged.get("my-river-walk") is not None
