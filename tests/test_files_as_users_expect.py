"""Files as users expect: a misspelt key is named at its own line with a suggestion, in every kind of file
acqspec reads (profiles, config, waivers, clause files); outputs get the usual permissions and stay atomic."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from acqspec.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
PROFILE = FIXTURES / "profiles" / "base.yaml"


def _one_error_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# --- typos -------------------------------------------------------------------------------------


def test_profile_typo_is_named_at_its_line_without_the_missing_key_it_causes(runner, tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(PROFILE.read_text().replace("acquisition_type:", "aquisition_type:"))
    line = _one_error_line(runner.invoke(cli, ["generate", str(profile), "--format", "json"]))
    at = _line_of(profile, "aquisition_type:")
    assert line == (f"acqspec: error: {profile}:{at}: aquisition_type: unknown key — "
                    "did you mean 'acquisition_type'?")


def test_nested_profile_typo(runner, tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    text = PROFILE.read_text()
    assert "rights_impacting" in text
    profile.write_text(text.replace("rights_impacting", "rights_impactng", 1))
    line = _one_error_line(runner.invoke(cli, ["generate", str(profile), "--format", "json"]))
    assert f"{profile}:{_line_of(profile, 'rights_impactng')}: risk.rights_impactng: unknown key — " \
           "did you mean 'rights_impacting'?" in line


@pytest.mark.parametrize("config_text, name, typo, suggestion", [
    ('select = ["AQ4"]\nfail_on = "warning"\nignor = ["AQ402"]\n', ".acqspec.toml", "ignor", "ignore"),
    ('select = ["AQ4"]\n\n[thresholds]\nmatch_scor = 50\n', ".acqspec.toml", "thresholds.match_scor",
     "match-score"),
    ('[project]\nname = "x"\n\n[tool.acqspec]\nexlude = ["drafts/"]\n', "pyproject.toml", "exlude", "exclude"),
])
def test_config_typo_is_named_at_its_line(runner, tmp_path: Path, config_text: str, name: str, typo: str,
                                          suggestion: str) -> None:
    config = tmp_path / name
    config.write_text(config_text)
    doc = tmp_path / "sow.md"
    doc.write_text("The Contractor shall deliver a plan.\n")
    line = _one_error_line(runner.invoke(cli, ["check", str(doc)]))
    key = typo.rsplit(".", 1)[-1]
    assert line == f"acqspec: error: {config}:{_line_of(config, key)}: {typo}: unknown key — " \
                   f"did you mean '{suggestion}'?"


def test_waiver_typo_is_named_at_its_line(runner, tmp_path: Path) -> None:
    doc = tmp_path / "sow.md"
    doc.write_text("The Contractor shall deliver a plan.\n")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - code: AQ402\n    path: sow.md\n    reason: set in the QASP\n"
                       "    aprover: J. Rivera\n    expires: 2030-01-01\n")
    line = _one_error_line(runner.invoke(cli, ["check", str(doc), "--no-config", "--waivers", str(waivers)]))
    assert line == f"acqspec: error: {waivers}:5: waivers.0.aprover: unknown key — did you mean 'approver'?"


def test_clause_file_typo_is_a_located_problem_with_a_suggestion(runner, valid_library: Path) -> None:
    clause = valid_library / "testing-evaluation" / "TE-01.yaml"
    clause.write_text(clause.read_text().replace("\npurpose:", "\npurpse:"))
    result = runner.invoke(cli, ["library", "validate", "-L", str(valid_library)])
    assert result.exit_code == 2
    line = _line_of(clause, "purpse:")
    assert f"{clause}:{line}: error: purpse: unknown key — did you mean 'purpose'? [LIB002]" in result.stdout
    assert "purpose: required key is missing" not in result.stdout


# --- permissions --------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_honour_the_umask(runner, tmp_path: Path, umask: int, mode: int) -> None:
    doc = tmp_path / "sow.md"
    doc.write_text("The Contractor shall report incidents in a timely manner.\n")
    previous = os.umask(umask)
    try:
        outputs = {fmt: tmp_path / f"report.{fmt}" for fmt in ("json", "sarif", "text")}
        for fmt, target in outputs.items():
            result = runner.invoke(cli, ["check", str(doc), "--no-config", "--format", fmt, "-o", str(target)])
            assert result.exit_code in (0, 1), result.stderr
        schema = tmp_path / "clause.schema.json"
        assert runner.invoke(cli, ["library", "schema", "-o", str(schema)]).exit_code == 0
    finally:
        os.umask(previous)
    for target in (*outputs.values(), schema):
        assert stat.S_IMODE(target.stat().st_mode) == mode, target
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # still atomic: no leftovers


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_a_replaced_output_keeps_its_permissions(tmp_path: Path) -> None:
    from acqspec.io.atomic import write_atomic

    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "fchmod"), reason="POSIX permissions")
def test_the_reviewed_docx_copy_is_readable_by_others_under_022(runner, tmp_path: Path) -> None:
    source = tmp_path / "sow.docx"
    shutil.copy(FIXTURES / "readers" / "sow.docx", source)
    target = tmp_path / "reviewed.docx"
    previous = os.umask(0o022)
    try:
        result = runner.invoke(cli, ["check", str(source), "--no-config", "--format", "docx", "-o", str(target)])
    finally:
        os.umask(previous)
    assert result.exit_code in (0, 1), result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
