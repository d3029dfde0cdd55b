"""The GitLab Code Quality report: the fields GitLab documents, unique stable fingerprints, active findings only."""

from __future__ import annotations

import json

from acqspec.check.findings import CheckResult, Finding, FindingLocation, Suppression
from acqspec.check.registry import rule_infos
from acqspec.report.gitlab import render_gitlab


def finding(path: str, code: str, severity: str, message: str, *, line: int | None = None, block: int | None = 0,
            evidence: str | None = "The Contractor shall report incidents promptly.", **extra) -> Finding:
    return Finding(code=code, name="test.rule", severity=severity, message=message, path=path, evidence=evidence,
                   location=FindingLocation(block=block, line=line, source=f"line:{line}" if line else "p:3",
                                            start=0 if block is not None else None, **extra.pop("where", {})),
                   **extra)


MD = finding("./docs/sow.md", "AQ402", "warning", "unmeasurable term 'promptly'", line=12)
DOCX = finding("docs\\sow.docx", "AQ204", "error", "looser number: 72 hours → 30 days", clause_id="IR-01",
               authority="DHS Directive 139-08 §V.B.4",
               where={"section_label": "C.5.1.2", "section_title": "Reporting window", "page": None})
AGAIN = finding("docs\\sow.docx", "AQ204", "error", "looser number: 72 hours → 30 days", clause_id="IR-01", block=9)
WHOLE = finding("docs\\sow.docx", "AQ101", "error", "required clause PL-04 is missing", block=None, evidence=None,
                clause_id="PL-04")
INFO = finding("docs/sow.md", "AQ401", "info", "passive requirement", line=20)
HIDDEN = finding("docs/sow.md", "AQ402", "warning", "vague", line=30,
                 suppression=Suppression(kind="inline", reason="set in the QASP", source="docs/sow.md:29"))


def issues() -> list[dict]:
    findings = sorted((MD, DOCX, AGAIN, WHOLE, INFO), key=Finding.sort_key)
    result = CheckResult(paths=("docs/sow.md", "docs\\sow.docx"), findings=tuple(findings), suppressed=(HIDDEN,),
                         rules=rule_infos())
    return json.loads(render_gitlab(result))


def test_every_issue_has_the_documented_fields_and_nothing_is_suppressed() -> None:
    found = issues()
    assert len(found) == 5
    for issue in found:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert set(issue["location"]) == {"path", "lines"} and isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
    assert "vague" not in json.dumps(found)


def test_severity_lines_and_paths() -> None:
    by_code = {}
    for issue in issues():
        by_code.setdefault(issue["check_name"], []).append(issue)
    assert [i["severity"] for i in (by_code["AQ204"][0], by_code["AQ402"][0], by_code["AQ401"][0])] == [
        "major", "minor", "info"]
    assert by_code["AQ402"][0]["location"] == {"path": "docs/sow.md", "lines": {"begin": 12}}
    assert by_code["AQ204"][0]["location"] == {"path": "docs/sow.docx", "lines": {"begin": 1}}  # no lines in Word


def test_descriptions_name_the_place_in_word_files() -> None:
    described = {i["description"] for i in issues()}
    assert ('AQ204 looser number: 72 hours → 30 days (§C.5.1.2 Reporting window: "The Contractor shall report '
            'incidents promptly.") [IR-01; DHS Directive 139-08 §V.B.4]') in described
    assert "AQ101 required clause PL-04 is missing [PL-04]" in described


def test_fingerprints_are_unique_and_stable() -> None:
    first, second = issues(), issues()
    prints = [i["fingerprint"] for i in first]
    assert len(set(prints)) == len(prints)  # the same sentence twice still gets two issues
    assert prints == [i["fingerprint"] for i in second]
    assert all(len(p) == 32 and int(p, 16) >= 0 for p in prints)
