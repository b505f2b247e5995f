"""Parsed CSS kept between starts (screens/shell/css_cache.py): the same rules as
Textual's parse, from the file when it matches, and a parse whenever it does not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from coach.content.library import Library
from coach.core.clock import FixedClock
from screens.app import make_app
from screens.shell import css_cache
from screens.shell.css_cache import CssCache, install
from screens.today.today import TodayScreen
from tests.ui.helpers import wait_for

CSS = "Static { color: $accent; padding: 0 1; }\n#steps > .option-list--option { height: 2; }"


@pytest.fixture(autouse=True)
def textual_parse_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Stylesheet, "_parse_rules", Stylesheet._parse_rules)


def parsed(variables: dict[str, str], css: str = CSS) -> str:
    sheet = Stylesheet(variables=variables)
    sheet.add_source(css, read_from=("today.tcss", ""))
    return "\n".join(rule.css for rule in sheet.rules)


def counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = Stylesheet._parse_rules

    def counted(self: Stylesheet, css: str, *args: object, **kwargs: object) -> object:
        calls.append(css)
        return real(self, css, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "_parse_rules", counted)
    return calls


def test_a_second_start_reads_the_rules_the_first_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    variables = {"accent": "#ff0000"}
    expected = parsed(variables)
    other_theme = parsed({"accent": "#00ff00"})
    assert other_theme != expected
    parses = counting_parses(monkeypatch)
    path = tmp_path / "cache" / css_cache.FILE
    first = CssCache(path)
    install(first)
    assert parsed(variables) == expected
    assert len(parses) == 1
    first.keep()
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700

    install(CssCache(path))  # the next start: the same rules, no parse
    assert parsed(variables) == expected
    assert len(parses) == 1
    # another theme's variables or other text: parsed, as Textual would
    assert parsed({"accent": "#00ff00"}) == other_theme
    assert parsed(variables, CSS + "\nButton { width: 3; }") != expected
    assert len(parses) == 3


@pytest.mark.parametrize("damage", ["garbage", "others_may_write", "other_textual"])
def test_a_file_it_cannot_trust_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    variables = {"accent": "#ff0000"}
    path = tmp_path / css_cache.FILE
    expected = parsed(variables)
    first = CssCache(path)
    install(first)
    parsed(variables)
    first.keep()
    assert path.is_file()
    if damage == "garbage":
        path.write_bytes(path.read_bytes()[:50])
    elif damage == "others_may_write":
        os.chmod(path, 0o622)
    else:
        monkeypatch.setattr(css_cache, "_textual_stamp", lambda: "another textual")
    later = CssCache(path)
    assert later.stored == {}
    parses = counting_parses(monkeypatch)
    install(later)
    assert parsed(variables) == expected
    assert len(parses) == 1


def test_rules_with_errors_are_never_kept(tmp_path: Path) -> None:
    cache = CssCache(tmp_path / css_cache.FILE)
    install(cache)
    sheet = Stylesheet(variables={})
    sheet.add_source("Static { colour: red; }", read_from=("bad.tcss", ""))
    with pytest.raises(Exception):  # noqa: B017 (Textual's StylesheetParseError)
        sheet.parse()
    assert cache.added == {}


async def test_today_looks_the_same_styled_from_the_file(
    tmp_path: Path, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    """Today styled by Textual's parse, then by a start reading the kept rules: every
    widget gets the same styles."""

    async def today_styles() -> list[str]:
        app = make_app(data_dir, clock=clock, library=library)
        app.BACKUP_DELAY = 3600
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
            await pilot.pause()
            return [
                f"{node!r} {node.styles.css}" for node in app.screen.walk_children(with_self=True)
            ]

    path = tmp_path / "cache" / css_cache.FILE
    first = CssCache(path)
    install(first)
    parsed_now = await today_styles()
    first.keep()
    second = CssCache(path)
    install(second)
    from_file = await today_styles()
    assert second.used and not second.added  # every rule came from the file
    assert from_file == parsed_now
