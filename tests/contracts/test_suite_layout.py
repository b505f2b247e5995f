"""The suite's own set-up: the modules it runs in the heavy worker are still there."""

from __future__ import annotations

from tests.conftest import HEAVY_MODULES, ROOT


def test_every_heavy_module_exists() -> None:
    missing = sorted(m for m in HEAVY_MODULES if not (ROOT / m).is_file())
    assert not missing, f"moved or renamed? update HEAVY_MODULES in tests/conftest.py: {missing}"
