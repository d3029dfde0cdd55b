"""Overlays add, replace and retire clauses; diffs flag weakened obligations."""

from __future__ import annotations

import shutil
from pathlib import Path

from acqspec.library.diff import diff_catalogs
from acqspec.library.loader import load_catalog, load_library

CLAUSE = Path("testing-evaluation/TE-01.yaml")


def _write_variant(src: Path, dst_root: Path, rel: Path, **replacements: str) -> Path:
    text = (src / rel).read_text()
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    target = dst_root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text)
    return target


def test_overlay_replaces_with_higher_version(valid_library: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    _write_variant(valid_library, overlay, CLAUSE, **{"version: 1": "version: 2", "default: 30": "default: 10"})
    catalog = load_catalog([valid_library, overlay])
    clause = catalog.get("TE-01")
    assert clause.version == 2 and clause.parameter("access_days").default == 10
    assert [r.clause.version for r in catalog.replaced] == [1]
    assert catalog.records["TE-01"].layer == 1


def test_overlay_adds_and_retires(valid_library: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    _write_variant(valid_library, overlay, CLAUSE, **{"version: 1": "version: 2", "status: approved": "status: retired"})
    text = (valid_library / CLAUSE).read_text().replace("TE-01", "TE-07").replace(
        "give the Government access to test the system on Government-held data",
        "deliver quarterly bias test results broken down by demographic group")
    (overlay / "testing-evaluation" / "TE-07.yaml").write_text(text)
    catalog = load_catalog([valid_library, overlay])
    assert catalog.get("TE-01").status == "retired"
    assert [c.id for c in catalog.clauses(include_retired=False)] == ["TE-07"]


def test_overlay_may_restate_an_authority(valid_library: Path, tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "authorities.yaml").write_text(
        "authorities:\n  - id: EO-14179\n    short: EO 14179\n    title: Removing Barriers\n"
        "    issuer: The President\n    kind: executive_order\n    issued: 2025-01-23\n    status: in_force\n")
    (overlay / "x").mkdir()  # a folder without clauses is fine next to a registry
    catalog = load_library([valid_library, overlay])
    assert catalog.authority("EO-14179") is not None
    assert not catalog.errors


def test_diff_flags_weakening(valid_library: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(valid_library, new)
    _write_variant(valid_library, new, CLAUSE, **{
        "version: 1": "version: 2",
        "modality: must": "modality: may",
        "default: 30": "default: 60",
    })
    extra = (valid_library / CLAUSE).read_text().replace("TE-01", "TE-09").replace(
        "give the Government access to test the system on Government-held data",
        "publish a model card describing intended use and known limitations")
    (new / "testing-evaluation" / "TE-09.yaml").write_text(extra)
    result = diff_catalogs(load_catalog([valid_library]), load_catalog([new]))
    kinds = {c.clause_id: c.kind for c in result.changes}
    assert kinds == {"TE-01": "changed", "TE-09": "added"}
    te01 = next(c for c in result.changes if c.clause_id == "TE-01")
    messages = [w.message for w in te01.weakenings]
    assert "modality weakened from must to may" in messages
    assert any(m.startswith("numeric limit loosened from 30 days") for m in messages)
    assert "parameters" in te01.changed_fields


def test_diff_unit_conversion_and_removal(valid_library: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    _write_variant(valid_library, new, CLAUSE, **{
        "version: 1": "version: 2",
        "    unit: days\n    description": "    unit: hours\n    description",
        "      unit: days\n": "      unit: hours\n",
        "default: 30": "default: 48", "max: 90": "max: 2000",
    })
    shutil.copy(valid_library / "authorities.yaml", new / "authorities.yaml")
    result = diff_catalogs(load_catalog([valid_library]), load_catalog([new]))
    assert result.weakened == []  # 48 hours is tighter than 30 days


def test_diff_reports_removed_clause_and_unchanged_is_silent(valid_library: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / "transparency").mkdir(parents=True)
    shutil.copy(valid_library / "authorities.yaml", empty / "authorities.yaml")
    result = diff_catalogs(load_catalog([valid_library]), load_library([empty]))
    assert [(c.clause_id, c.kind) for c in result.changes] == [("TE-01", "removed")]
    assert diff_catalogs(load_catalog([valid_library]), load_catalog([valid_library])).changes == []
