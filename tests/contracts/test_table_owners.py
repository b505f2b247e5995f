"""A feature owns its tables: only its own package names a table in a store call.

The owner of a table is the package that defines its name as a module constant
(`LOG = "walks"`, `TABLE = "customers"`, `DOC = "drafts"`). Elsewhere, a store
call never names a table by a string, and no other package imports the constant.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORE_CALLS = {"log", "records", "doc"}
GENERIC = {"coach/store", "coach/data"}  # export, import, doctor, backups: every table alike


def package_of(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0] + "/" + parts[1].removesuffix(".py")


def sources() -> list[Path]:
    return sorted(p for top in ("coach", "screens") for p in (ROOT / top).rglob("*.py"))


def owners() -> dict[str, str]:
    """Constant name -> owning package, e.g. "coach.walk.walks.LOG" -> "coach/walk"."""
    found = {}
    for path in sources():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id.split("_")[-1] in {
                        "LOG",
                        "TABLE",
                        "DOC",
                    }:
                        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                        found[f"{module}.{target.id}"] = package_of(path)
    return found


def test_no_store_call_names_a_table_by_a_string() -> None:
    bad = []
    for path in sources():
        if package_of(path) in GENERIC:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in STORE_CALLS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.args[0].value!r}")
    assert bad == []


def test_no_package_imports_another_packages_table_name() -> None:
    owner = owners()
    assert "coach.walk.walks.LOG" in owner  # the finder works
    bad = []
    for path in sources():
        here = package_of(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    theirs = owner.get(f"{node.module}.{alias.name}")
                    if theirs and theirs != here:
                        bad.append(
                            f"{path.relative_to(ROOT)}:{node.lineno} {alias.name} of {theirs}"
                        )
    assert bad == []
