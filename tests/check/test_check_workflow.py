"""acqspec check as a reviewer uses it: baselines, config files, suppressions, waivers, jobs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from acqspec.cli import cli

SOW = """# 3 Requirements

## 3.1 Incidents

The Contractor should report serious AI incidents and malfunctions to the COR within 72 hours of discovery.

## 3.2 Data

The Contractor shall not use Government data to train, fine-tune or improve any commercial model, and this
prohibition survives termination of the contract.

The Contractor shall deliver status reports in a timely manner.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _json(runner, *args):
    result = runner.invoke(cli, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output + result.stderr
    return json.loads(result.stdout), result.exit_code


def test_clauses_baseline_reports_missing_weakened_and_coverage(runner, tmp_path: Path) -> None:
    doc = _write(tmp_path, "sow.md", SOW)
    data, code = _json(runner, str(doc), "--clauses", "IR-01,DR-01,TE-05", "--no-config")
    codes = {(f["code"], f["clause_id"]) for f in data["findings"]}
    assert ("AQ201", "IR-01") in codes          # should report
    assert ("AQ102", "IR-01") in codes          # root-cause analysis absent
    assert ("AQ101", "TE-05") in codes          # bias testing absent
    assert ("AQ402", None) in codes             # "in a timely manner"
    assert code == 1
    status = {c["obligation_id"]: c["status"] for c in data["coverage"]}
    assert status["IR-01.1"] == "weakened" and status["IR-01.2"] == "missing"
    assert status["DR-01.1"] == "satisfied" and status["DR-01.2"] == "satisfied"
    assert data["baseline"].startswith("clauses IR-01")
    weakened = next(f for f in data["findings"] if f["code"] == "AQ201")
    assert weakened["diff"] and "should" in weakened["diff"] and weakened["expected"]
    assert weakened["location"]["line"] == 5 and weakened["obligation_id"] == "IR-01.1"


def test_against_sow_reports_unaddressed_and_exceptions(runner, tmp_path: Path) -> None:
    sow = _write(tmp_path, "sow.md", "# 3 Tasks\n\nThe Contractor shall deliver a bias testing report for each "
                                     "model version before deployment.\n\nThe Contractor shall provide operator "
                                     "training to Government staff before go-live.\n")
    proposal = _write(tmp_path, "proposal.md", "# Approach\n\nNorthwind shall deliver a bias testing report for "
                                               "every model version before it is deployed.\n\nOur price assumes "
                                               "the Government will provide labelled test data.\n")
    data, _ = _json(runner, str(proposal), "--against", str(sow), "--no-config")
    codes = [f["code"] for f in data["findings"]]
    assert codes.count("AQ103") == 1 and codes.count("AQ104") == 1
    assert "operator training" in next(f for f in data["findings"] if f["code"] == "AQ103")["message"]


def test_only_one_baseline_and_unknown_clause_are_usage_errors(runner, tmp_path: Path) -> None:
    doc = _write(tmp_path, "sow.md", SOW)
    both = runner.invoke(cli, ["check", str(doc), "--clauses", "IR-01", "--against", str(doc)])
    assert both.exit_code == 2 and "only one of" in both.stderr
    unknown = runner.invoke(cli, ["check", str(doc), "--clauses", "XX-99"])
    assert unknown.exit_code == 2 and "XX-99" in unknown.stderr and "Traceback" not in unknown.stderr


def test_config_found_upward_sets_rules_severity_and_fail_on(runner, tmp_path: Path) -> None:
    (tmp_path / ".acqspec.toml").write_text('select = ["AQ4"]\nfail-on = "warning"\n\n[severity]\nAQ402 = "info"\n')
    sub = tmp_path / "drafts"
    sub.mkdir()
    doc = _write(sub, "sow.md", SOW)
    data, code = _json(runner, str(doc))
    assert {f["code"] for f in data["findings"]} == {"AQ402"}
    assert data["findings"][0]["severity"] == "info" and code == 0  # info is below fail-on=warning
    shown = runner.invoke(cli, ["config", "show", str(doc)])
    assert json.loads(shown.stdout)["source"].endswith(".acqspec.toml")


def test_pyproject_tool_section_and_bad_config(runner, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.acqspec]\nignore = ["AQ402"]\n')
    doc = _write(tmp_path, "sow.md", SOW)
    data, _ = _json(runner, str(doc))
    assert "AQ402" not in {f["code"] for f in data["findings"]}
    bad = tmp_path / "bad.toml"
    bad.write_text('select = ["AQ4"]\nunknown-key = 1\n')
    result = runner.invoke(cli, ["check", str(doc), "--config", str(bad)])
    assert result.exit_code == 2 and f"{bad}:2: unknown-key" in result.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text('select = ["AQ4"\n')
    result = runner.invoke(cli, ["check", str(doc), "--config", str(broken)])
    assert result.exit_code == 2 and "invalid TOML" in result.stderr and len(result.stderr.splitlines()) == 1


def test_inline_markers_suppress_and_unused_ones_are_reported(runner, tmp_path: Path) -> None:
    text = SOW.replace("in a timely manner.", "in a timely manner. acqspec: ignore AQ402 -- cadence set in the QASP")
    text += "\nThe Contractor shall deliver the plan. acqspec: ignore AQ401 -- nothing to hide here\n"
    doc = _write(tmp_path, "sow.md", text)
    data, _ = _json(runner, str(doc), "--select", "AQ4", "--select", "AQ9", "--no-config")
    assert "AQ402" not in {f["code"] for f in data["findings"]}
    assert [s["suppression"]["reason"] for s in data["suppressed"]] == ["cadence set in the QASP"]
    unused = [f for f in data["findings"] if f["code"] == "AQ901"]
    assert len(unused) == 1 and unused[0]["location"]["line"] == 14


def test_waivers_suppress_expire_and_report_unused(runner, tmp_path: Path) -> None:
    doc = _write(tmp_path, "sow.md", SOW)
    waivers = _write(tmp_path, "waivers.yaml", """waivers:
  - code: AQ402
    path: "*.md"
    match: timely
    reason: cadence is defined in the QASP
    approver: J. Rivera, CO
    expires: 2027-06-30
  - code: AQ401
    path: sow.md
    reason: nothing matches this one
    approver: J. Rivera, CO
    expires: 2027-06-30
""")
    data, _ = _json(runner, str(doc), "--select", "AQ4", "--select", "AQ9", "--waivers", str(waivers),
                    "--as-of", "2027-01-01", "--no-config")
    assert [s["code"] for s in data["suppressed"]] == ["AQ402"]
    assert data["suppressed"][0]["suppression"]["approver"] == "J. Rivera, CO"
    assert [(f["code"], f["location"]["line"]) for f in data["findings"]] == [("AQ901", 8)]
    later, _ = _json(runner, str(doc), "--select", "AQ4", "--select", "AQ9", "--waivers", str(waivers),
                     "--as-of", "2027-07-01", "--no-config")
    assert {f["code"] for f in later["findings"]} == {"AQ402", "AQ902"} and not later["suppressed"]


def test_bad_waiver_file_is_a_located_error(runner, tmp_path: Path) -> None:
    doc = _write(tmp_path, "sow.md", SOW)
    waivers = _write(tmp_path, "waivers.yaml", "waivers:\n  - code: AQ402\n    path: sow.md\n    reason: ok then\n"
                                              "    approver: J. Rivera\n    expires: someday\n")
    result = runner.invoke(cli, ["check", str(doc), "--waivers", str(waivers)])
    assert result.exit_code == 2 and f"{waivers}:6:" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_give_the_same_report_as_one_process(runner, tmp_path: Path, fmt: str) -> None:
    for i in range(3):
        _write(tmp_path, f"sow{i}.md", SOW.replace("72 hours", f"{72 + i} hours"))
    one = runner.invoke(cli, ["check", str(tmp_path), "--clauses", "IR-01", "--format", fmt, "--no-config"])
    two = runner.invoke(cli, ["check", str(tmp_path), "--clauses", "IR-01", "--format", fmt, "-j", "2",
                              "--no-config"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout


def test_jobs_propagate_read_errors_as_one_line(runner, tmp_path: Path) -> None:
    _write(tmp_path, "a.md", SOW)
    (tmp_path / "b.docx").write_bytes(b"not a zip")
    result = runner.invoke(cli, ["check", str(tmp_path), "-j", "2", "--no-config"])
    assert result.exit_code == 2 and "b.docx" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_word_comment_marker_suppresses_its_paragraph(runner, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("The Contractor shall deliver status reports.")
    vague = document.add_paragraph("The Contractor shall respond to help-desk tickets in a timely manner.")
    document.add_comment(vague.runs, text="acqspec: ignore AQ402 -- response times are in the SLA table",
                         author="CO", initials="CO")
    path = tmp_path / "sow.docx"
    document.save(str(path))
    data, _ = _json(runner, str(path), "--select", "AQ4", "--select", "AQ9", "--no-config")
    assert data["findings"] == []
    assert [(s["code"], s["suppression"]["kind"], s["location"]["source"]) for s in data["suppressed"]] == [
        ("AQ402", "inline", "p:1")]


def test_restated_conflict_is_reported_once_per_statement_against_its_first_counterpart(
        runner, tmp_path: Path) -> None:
    keep = "The Contractor shall retain all user prompts and model outputs."
    drop = "The Contractor shall not retain user prompts or model outputs."
    fast = "The Contractor shall report serious AI incidents to the COR within 24 hours."
    slow = "The Contractor shall report serious AI incidents to the COR within 5 business days."
    # Forty restatements of each side: 40 findings per rule, not 40 x 40.
    doc = _write(tmp_path, "sow.md", "\n\n".join([keep, fast] * 40 + [drop, slow] * 40) + "\n")
    report, code = _json(runner, str(doc), "--select", "AQ303,AQ304")
    assert code == 1
    # the counterpart is cited by its place in the same file, without repeating the path
    for rule, counterpart in (("AQ303", re.compile(r"\bline 1\b")), ("AQ304", re.compile(r"\bline 3\b"))):
        mine = [f for f in report["findings"] if f["code"] == rule]
        assert len(mine) == 40
        assert len({f["location"]["block"] for f in mine}) == 40
        assert all(counterpart.search(f["message"]) and "sow.md" not in f["message"] for f in mine), mine[0]["message"]


def test_rule_selectors_split_on_commas_and_a_typo_is_a_usage_error(runner, tmp_path: Path) -> None:
    doc = _write(tmp_path, "sow.md", SOW)
    report, _ = _json(runner, str(doc), "--select", "AQ402,AQ403", "--ignore", "AQ403")
    assert {f["code"] for f in report["findings"]} == {"AQ402"}
    typo = runner.invoke(cli, ["check", str(doc), "--select", "AQ3O1"])
    assert typo.exit_code == 2 and "'AQ3O1' matches no rule" in typo.stderr
    _write(tmp_path, ".acqspec.toml", 'ignore = ["AQ4", "quality.vauge"]\n')
    bad = runner.invoke(cli, ["check", str(doc)])
    assert bad.exit_code == 2
    assert bad.stderr.strip().endswith("'quality.vauge' matches no rule (codes AQ101-AQ902; see 'acqspec rules')")
    assert ".acqspec.toml:1:" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_policy_conflict_in_a_proposal_contradicts_the_sow_requirement_it_breaks(runner, tmp_path: Path) -> None:
    """An AQ301 term (training on customer content) contradicts the SOW's no-training requirement:
    the requirement is ``contradicted`` and the conflict names it, instead of "not addressed"."""
    sow = _write(tmp_path, "sow.md", "# C.5 Data\n\nThe Contractor shall not use Government data to train, "
                                     "fine-tune or improve any publicly or commercially available model.\n\n"
                                     "The Contractor shall deliver a model card for each release.\n")
    proposal = _write(tmp_path, "proposal.md", "# Terms\n\nNorthwind may use Customer Content to improve and "
                                               "train our models.\n")
    data, _ = _json(runner, str(proposal), "--against", str(sow), "--no-config")
    status = {c["requirement"].split(" to ")[0]: c["status"] for c in data["coverage"]}
    assert status == {"The Contractor shall not use Government data": "contradicted",
                      "The Contractor shall deliver a model card for each release.": "missing"}
    assert "AQ305" not in {f["code"] for f in data["findings"]}  # the wording alone does not say it
    unaddressed = [f["message"] for f in data["findings"] if f["code"] == "AQ103"]
    assert len(unaddressed) == 1 and "model card" in unaddressed[0]
    conflict = next(f for f in data["findings"] if f["code"] == "AQ301")
    assert conflict["clause_id"] == "DR-01" and "contradicts the SOW requirement at §C.5" in conflict["message"]


def test_a_sentence_about_another_object_does_not_satisfy_a_library_obligation(runner, tmp_path: Path) -> None:
    """"Return all identification badges" at contract completion has DM-01.3's concepts (return, end
    of contract) but not its object (Government data)."""
    doc = _write(tmp_path, "sow.md", "# 3.1 Transition\n\nUpon contract completion the Contractor shall return "
                                     "all identification badges to the COR.\n")
    data, _ = _json(runner, str(doc), "--clauses", "DM-01", "--no-config")
    assert {c["obligation_id"]: c["status"] for c in data["coverage"]}["DM-01.3"] == "missing"
    data, _ = _json(runner, str(_write(tmp_path, "good.md", "# 3.1 Transition\n\nUpon contract completion the "
                                       "Contractor shall return all Government data to the COR within 30 days "
                                       "and then destroy and certify destruction of all copies.\n")),
                    "--clauses", "DM-01", "--no-config")
    assert {c["obligation_id"]: c["status"] for c in data["coverage"]}["DM-01.3"] == "satisfied"
