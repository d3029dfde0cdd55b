"""Every ``acqspec library`` command, end to end through click."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from acqspec.cli import cli


def test_validate_bad_library_lists_every_problem_and_exits_2(runner, tmp_path: Path) -> None:
    cases = Path(__file__).parents[1] / "fixtures" / "library_cases"
    result = runner.invoke(cli, ["library", "validate", str(cases / "template_code" / "base"),
                                 str(cases / "unknown_key" / "base")])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and all(":9: error:" in l or ":38: error:" in l for l in lines)
    assert "error(s)" in result.stderr


def test_validate_json_and_strict(runner, valid_library: Path) -> None:
    result = runner.invoke(cli, ["library", "validate", str(valid_library), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["problems"] == []
    stale = Path(__file__).parents[1] / "fixtures" / "library_cases" / "stale_citation" / "base"
    assert runner.invoke(cli, ["library", "validate", str(stale)]).exit_code == 0
    assert runner.invoke(cli, ["library", "validate", "--strict", str(stale)]).exit_code == 2


def test_list_filters_and_json(runner, valid_library: Path) -> None:
    result = runner.invoke(cli, ["library", "list", "-L", str(valid_library), "--format", "json"])
    assert result.exit_code == 0
    (row,) = json.loads(result.stdout)
    assert row["id"] == "TE-01" and row["obligations"] == ["TE-01.1"]
    assert row["authorities"] == [{"id": "DHS-DIR-139-08", "section": "§V.A.8"}]
    empty = runner.invoke(cli, ["library", "list", "-L", str(valid_library), "--topic", "performance",
                                "--format", "json"])
    assert json.loads(empty.stdout) == []
    bad = runner.invoke(cli, ["library", "list", "-L", str(valid_library), "--topic", "nope"])
    assert bad.exit_code == 2 and "unknown topic" in bad.stderr
    table = runner.invoke(cli, ["library", "list", "-L", str(valid_library), "--authority", "DHS-DIR-139-08"])
    assert "TE-01" in table.stdout


def test_show_fills_defaults(runner, valid_library: Path) -> None:
    result = runner.invoke(cli, ["library", "show", "TE-01", "-L", str(valid_library)])
    assert result.exit_code == 0
    assert "within 30 days of award" in result.stdout and "{{" not in result.stdout
    assert "DHS Directive 139-08 §V.A.8" in result.stdout
    data = json.loads(runner.invoke(cli, ["library", "show", "TE-01", "-L", str(valid_library),
                                          "--format", "json"]).stdout)
    assert data["obligation_details"][0]["limit"] == "deadline ≤ 30 (parameter access_days) days"
    missing = runner.invoke(cli, ["library", "show", "TE-99", "-L", str(valid_library)])
    assert missing.exit_code == 2 and "no clause 'TE-99'" in missing.stderr and "TE-01" in missing.stderr


def test_bad_library_is_one_line_exit_2(runner, tmp_path: Path) -> None:
    broken = Path(__file__).parents[1] / "fixtures" / "library_cases" / "python_tag" / "base"
    result = runner.invoke(cli, ["library", "list", "-L", str(broken)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "TE-01.yaml:2:" in result.stderr and "Traceback" not in result.stderr


def test_schema_output(runner, tmp_path: Path) -> None:
    out = tmp_path / "clause.schema.json"
    result = runner.invoke(cli, ["library", "schema", "-o", str(out)])
    assert result.exit_code == 0
    schema = json.loads(out.read_text())
    assert schema["additionalProperties"] is False
    assert {"id", "obligations", "authorities", "text"} <= set(schema["required"])


def test_catalog_md_and_deterministic_docx(runner, valid_library: Path, tmp_path: Path) -> None:
    md = tmp_path / "cat.md"
    assert runner.invoke(cli, ["library", "catalog", "-L", str(valid_library), "-o", str(md)]).exit_code == 0
    assert "### TE-01" in md.read_text()
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for target in (first, second):
        result = runner.invoke(cli, ["library", "catalog", "-L", str(valid_library), "-o", str(target)])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    import docx

    document = docx.Document(str(first))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Testing and Evaluation" in headings and "TE-01 Test access for TE-01" in headings
    assert document.tables[0].rows[1].cells[0].text == "TE-01.1"
    wrong = runner.invoke(cli, ["library", "catalog", "-L", str(valid_library), "-o", str(tmp_path / "c.pdf")])
    assert wrong.exit_code == 2


def test_authorities_command(runner, valid_library: Path) -> None:
    result = runner.invoke(cli, ["library", "authorities", "-L", str(valid_library)])
    assert "OMB-M-24-18" in result.stdout and "-> OMB-M-25-22 (2025-04-03)" in result.stdout
    data = json.loads(runner.invoke(cli, ["library", "authorities", "-L", str(valid_library), "--format",
                                          "json"]).stdout)
    assert {a["id"] for a in data} == {"DHS-DIR-139-08", "OMB-M-24-18", "OMB-M-25-22"}


def test_diff_command(runner, valid_library: Path, tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(valid_library, new)
    clause = new / "testing-evaluation" / "TE-01.yaml"
    clause.write_text(clause.read_text().replace("version: 1", "version: 2").replace("modality: must", "modality: may"))
    result = runner.invoke(cli, ["library", "diff", str(valid_library), str(new)])
    assert result.exit_code == 0
    assert "WEAKENED TE-01.1: modality weakened from must to may" in result.stdout
    gate = runner.invoke(cli, ["library", "diff", str(valid_library), str(new), "--fail-on-weakening"])
    assert gate.exit_code == 1
    data = json.loads(runner.invoke(cli, ["library", "diff", str(valid_library), str(new), "--format", "json"]).stdout)
    assert data[0]["weakenings"][0]["obligation_id"] == "TE-01.1"


def test_output_never_overwrites_input(runner, valid_library: Path) -> None:
    target = valid_library / "authorities.yaml"
    before = target.read_bytes()
    result = runner.invoke(cli, ["library", "schema", "-o", str(target)])
    assert result.exit_code == 0  # schema reads no input file, so this is a plain overwrite target
    target.write_bytes(before)
    from acqspec.errors import OutputError
    from acqspec.io.atomic import write_atomic
    import pytest

    with pytest.raises(OutputError, match="same as an input"):
        write_atomic(target, b"x", inputs=(target,))
    assert target.read_bytes() == before


def test_help_and_version(runner) -> None:
    assert "library" in runner.invoke(cli, ["--help"]).stdout
    assert "0.1.0" in runner.invoke(cli, ["--version"]).stdout


def test_unwritable_output_directory_is_exit_2(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["library", "schema", "-o", str(tmp_path / "missing" / "schema.json")])
    assert result.exit_code == 2 and "output directory does not exist" in result.stderr
