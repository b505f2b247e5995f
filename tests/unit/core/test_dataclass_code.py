"""coach.core.dataclass_code: dataclasses' generated methods, compiled once and kept."""

from __future__ import annotations

import builtins
import dataclasses
import os
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path

import pytest

from coach.core import dataclass_code
from coach.core.dataclass_code import FILE, keep_compiled


@pytest.fixture(autouse=True)
def dataclasses_exec_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataclasses, "exec", builtins.exec, raising=False)


def make_class() -> type:
    @dataclass(frozen=True)
    class Walk:
        minutes: int
        note: str = ""
        tags: tuple[str, ...] = field(default=())

    return Walk


def behaviour(cls: type) -> tuple[object, ...]:
    walk = cls(20, "park")
    with pytest.raises(FrozenInstanceError):
        walk.minutes = 5
    return (
        repr(walk),
        walk == cls(20, "park"),
        walk == cls(21),
        hash(walk) == hash(cls(20, "park")),
        vars(cls)["__init__"].__annotations__,
        dataclasses.replace(walk, minutes=3).minutes,
    )


def test_classes_made_from_kept_code_are_the_classes_dataclass_makes(tmp_path: Path) -> None:
    plain = behaviour(make_class())
    first = keep_compiled(tmp_path / "cache" / FILE)
    assert behaviour(make_class()) == plain
    assert first.added  # compiled now, to keep
    first.keep()
    path = tmp_path / "cache" / FILE
    assert path.stat().st_mode & 0o777 == 0o600

    later = keep_compiled(path)  # the next start
    assert behaviour(make_class()) == plain
    assert later.stored and later.added == {}  # nothing compiled again


@pytest.mark.parametrize("damage", ["garbage", "others_may_write", "other_python"])
def test_a_file_it_cannot_trust_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    path = tmp_path / FILE
    first = keep_compiled(path)
    make_class()
    first.keep()
    if damage == "garbage":
        path.write_bytes(path.read_bytes()[:40])
        os.chmod(path, 0o600)
    elif damage == "others_may_write":
        os.chmod(path, 0o602)
    else:
        monkeypatch.setattr(dataclass_code, "STAMP", "another python")
    later = keep_compiled(path)
    assert later.stored == {}
    assert behaviour(make_class()) == behaviour(make_class())
    assert later.added


def test_generated_methods_keep_real_annotations(tmp_path: Path) -> None:
    """The kept code is compiled without this package's __future__ flags, as dataclasses
    compiles it: a module without `annotations` still gets types, not strings."""
    source = "from dataclasses import dataclass\n@dataclass\nclass A:\n    x: int\n"

    def annotations() -> dict[str, object]:
        namespace: dict[str, object] = {}
        builtins.exec(compile(source, "m", "exec", dont_inherit=True), namespace)
        made: type = namespace["A"]  # type: ignore[assignment]
        return dict(vars(made)["__init__"].__annotations__)

    plain = annotations()
    keep_compiled(tmp_path / FILE)
    assert annotations() == plain == {"x": int, "return": None}
