"""Findings as GitHub Actions workflow commands, so they show as annotations on a run or pull request.

One ``::error``/``::warning``/``::notice`` line per active finding and nothing
else (GitHub ignores other lines, and stray text would only clutter the log).
``line=`` is given only for .txt/.md files; a .docx or .pdf has no lines, so
the annotation is attached to the file and the message starts with the
section as the document numbers it and the page (``§C.5.1.2 Testing access,
p. 3``; see :func:`acqspec.report.common.place_label`) and quotes the start of
the sentence so a reviewer can search for it.

GitHub shows at most 10 annotations of each kind per step and 50 per job
(documented in ``actions/toolkit`` docs/problem-matchers.md); the full list
stays in the log, and SARIF upload is the way to see every finding.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from acqspec.check.findings import CheckResult, Finding, Severity
from acqspec.report.base import FunctionReporter, ReportOptions
from acqspec.report.common import place_label, quote_evidence

COMMAND: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(result: CheckResult, options: ReportOptions = ReportOptions()) -> str:
    """One workflow command per active finding, in document order; empty when there are none."""
    lines = [_command(finding) for finding in result.findings]
    return "".join(f"{line}\n" for line in lines)


def escape_data(text: str) -> str:
    """Escape a command's message the way ``@actions/core`` does (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value: as :func:`escape_data`, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(finding: Finding) -> str:
    properties = {"file": PurePosixPath(finding.path.replace("\\", "/")).as_posix()}
    if finding.location.line is not None:
        properties["line"] = str(finding.location.line)
    properties["title"] = f"{finding.code} {finding.name}"
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMAND[finding.severity]} {rendered}::{escape_data(_message(finding))}"


def _message(finding: Finding) -> str:
    """The message, prefixed with the place in files without lines, then clause and expected wording."""
    location = finding.location
    text = finding.message
    if location.line is None:
        text = f"{place_label(location)}: {text}"
    if finding.clause_id:
        text += f" [{finding.clause_id}; {finding.authority}]" if finding.authority else f" [{finding.clause_id}]"
    if location.line is None and finding.evidence:
        text += f'\nText: "{quote_evidence(finding.evidence)}"'
    if finding.expected:
        text += f"\nExpected: {finding.expected}"
    if finding.diff:
        text += f"\nChange: {finding.diff}"
    return text


REPORTER = FunctionReporter(
    "github",
    "GitHub Actions workflow commands: annotations on a run or pull request",
    "github.txt", render_github)
