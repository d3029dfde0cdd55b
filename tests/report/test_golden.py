"""Every report format against its golden file (regenerate with tests/golden/regenerate.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parents[1] / "golden"
_spec = importlib.util.spec_from_file_location("regenerate", GOLDEN / "regenerate.py")
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def produced() -> dict[str, str]:
    return regenerate.goldens()


@pytest.mark.parametrize("name", [*regenerate.report_files(), *regenerate.VARIANTS, "reviewed-docx.json"])
def test_golden(name: str, produced: dict[str, str]) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert produced[name] == expected, f"{name} changed; if intended, run python tests/golden/regenerate.py"


def test_every_golden_file_belongs_to_a_format() -> None:
    """A removed or renamed format must not leave its golden behind."""
    expected = {*regenerate.report_files(), *regenerate.VARIANTS, "reviewed-docx.json"}
    assert {p.name for p in GOLDEN.glob("report.*")} | {"reviewed-docx.json"} == expected


def test_readme_tables_are_generated_from_the_code() -> None:
    """The rule and format tables in the README are what the rule classes and reporters say."""
    readme = (GOLDEN.parents[1] / "README.md").read_text(encoding="utf-8")
    assert readme == regenerate.readme(), "README tables are stale: run python tests/golden/regenerate.py"
    assert "<!-- generated: rules -->\n| code | name | severity |" in readme
