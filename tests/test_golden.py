"""Every report format against its golden file (regenerate with tests/golden/regenerate.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"
_spec = importlib.util.spec_from_file_location("regenerate", GOLDEN / "regenerate.py")
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def produced() -> dict[str, str]:
    return regenerate.goldens()


@pytest.mark.parametrize("name", [f"report.{ext}" for ext in regenerate.FORMATS.values()] + ["reviewed-docx.json"])
def test_golden(name: str, produced: dict[str, str]) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert produced[name] == expected, f"{name} changed; if intended, run python tests/golden/regenerate.py"
