"""Findings as a GitLab Code Quality report, for the merge-request widget and the pipeline's Code Quality tab.

GitLab reads a JSON array of issues from the job artifact named under
``artifacts: reports: codequality:``.  Each issue has the fields GitLab
documents (``doc/ci/testing/code_quality.md``, "Code Quality report format"):

* ``description`` — what is wrong: the message and, for a .docx or .pdf, where
  (``§5.5.2 Training data disclosure, p. 4``) with the start of the sentence;
* ``check_name`` — the rule code (``AQ401``);
* ``fingerprint`` — unique per issue and stable across runs: a hash of rule,
  path, clause and normalised sentence with an occurrence number (the SARIF
  fingerprint), never of the line, so an issue survives edits elsewhere;
* ``severity`` — ``major`` for errors, ``minor`` for warnings, ``info``;
* ``location.path`` — the path as checked, with forward slashes (run the check
  from the repository root so it is relative to it);
* ``location.lines.begin`` — the line for .txt/.md; 1 for a .docx or .pdf,
  which have no lines (GitLab requires a line).

Only active findings are listed (GitLab has no notion of a suppressed issue);
a file that could not be read is an AQ400 issue like any other.  The output is
sorted and has no timestamps.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath

from acqspec.check.findings import CheckResult, Finding, Severity
from acqspec.report.base import FunctionReporter, ReportOptions
from acqspec.report.common import finding_fingerprints, place_label, quote_evidence

GITLAB_SEVERITY: dict[Severity, str] = {"error": "major", "warning": "minor", "info": "info"}


def render_gitlab(result: CheckResult, options: ReportOptions = ReportOptions()) -> str:
    """A GitLab Code Quality JSON array: one issue per active finding, in document order."""
    findings = list(result.findings)
    issues = [_issue(finding, fingerprint) for finding, fingerprint in zip(findings, finding_fingerprints(findings))]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _issue(finding: Finding, fingerprint: str) -> dict:
    location = finding.location
    return {
        "description": _description(finding),
        "check_name": finding.code,
        # GitLab wants a plain unique string; the occurrence number is folded into the hash.
        "fingerprint": hashlib.sha256(fingerprint.encode("ascii")).hexdigest()[:32],
        "severity": GITLAB_SEVERITY[finding.severity],
        "location": {
            "path": _path(finding.path),
            "lines": {"begin": location.line if location.line is not None else 1},
        },
    }


def _description(finding: Finding) -> str:
    text = f"{finding.code} {' '.join(finding.message.split())}"
    location = finding.location
    if location.line is None and location.block is not None:
        quoted = quote_evidence(finding.evidence)
        text += f" ({place_label(location)}" + (f': "{quoted}")' if quoted else ")")
    if finding.clause_id:
        text += f" [{finding.clause_id}; {finding.authority}]" if finding.authority else f" [{finding.clause_id}]"
    return text


def _path(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).as_posix().removeprefix("./")


REPORTER = FunctionReporter(
    "gitlab",
    "GitLab Code Quality report (artifacts: reports: codequality) for the merge-request widget",
    "gitlab.json", render_gitlab)
