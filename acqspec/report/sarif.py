"""The result as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

SARIF was made for source code: a result points at a line of a text file.
Acquisition documents are mostly .docx and .pdf, which have no lines, so
locations are mapped like this:

* **.txt/.md** — ``region.startLine`` is the 1-based line the finding's
  sentence starts on (a wrapped paragraph spans several).  No columns or ``charOffset``: the checker's offsets count
  characters in the whitespace-normalised paragraph text, not in the file.
* **.docx/.pdf** — ``region.startLine`` is always 1.  GitHub requires a start
  line, but a paragraph number passed off as a line number would send a
  viewer to a meaningless place in a zip or PDF stream.  The real place goes
  where people and tools can use it: the message ends with the section as
  the document numbers it, and the page
  (``(§C.5.1.2 Testing access, p. 3: "The Contractor shall …")``),
  ``properties`` hold ``paragraph`` (1-based block number, the checker's own
  count: Word shows none), ``page``, ``blockSource`` (``p:11``,
  ``page:3:para:2``), ``sectionNumber`` and ``sectionHeading`` (as the
  document shows them) and ``sectionPath``, and ``logicalLocations`` name the
  section and the block.
* **document-level findings** (e.g. a required obligation is missing) sit at
  the artifact with ``startLine`` 1, a location message saying so and
  ``properties.documentLevel = true``; so does AQ400 for a file that could not
  be read, which is also an ``error`` tool-execution notification (skipped
  files are ``note`` notifications).

``partialFingerprints.primaryLocationLineHash`` is a hash of rule code,
path, clause/obligation and the normalised sentence (never the line or
paragraph number), with an occurrence counter for repeated sentences.
GitHub keys alerts on it, so an alert survives edits elsewhere in the
document, and ``upload-sarif`` does not try to hash "lines" of a binary file
itself.  Suppressed findings are included with a ``suppressions`` entry
(``inSource`` for inline markers, ``external`` for waivers).  Output is
sorted and has no timestamps: the same result always gives the same bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

import acqspec
from acqspec.check.findings import CheckResult, Finding, FindingLocation, RuleInfo, Severity, Suppression
from acqspec.report.base import FunctionReporter, ReportOptions
from acqspec.report.common import finding_fingerprints, place_label, quote_evidence

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/acqspec/acqspec"
SARIF_LEVEL: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}

_MIME_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}
DOCUMENT_LEVEL_NOTE = ("Applies to the whole document (for example, a required obligation is missing), "
                       "not to one paragraph.")


def render_sarif(result: CheckResult, options: ReportOptions = ReportOptions()) -> str:
    """One SARIF 2.1.0 log with one run: the rules that ran, every finding (active and suppressed)."""
    rules, rule_index = _rule_descriptors(result)
    artifact_index = {path: i for i, path in enumerate(result.paths)}
    findings = sorted((*result.findings, *result.suppressed), key=Finding.sort_key)
    fingerprints = finding_fingerprints(findings)
    invocation: dict = {"executionSuccessful": True}
    notifications = [{"level": "warning", "message": {"text": warning}} for warning in result.warnings]
    notifications += [{"level": "error", "message": {"text": f"{unread.path}: cannot be read: {unread.reason}"},
                       "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(unread.path)}}}]}
                      for unread in result.unreadable]
    notifications += [{"level": "note", "message": {"text": f"{skipped.path}: skipped: {skipped.reason}"},
                       "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(skipped.path)}}}]}
                      for skipped in result.skipped]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": {
            "name": "acqspec",
            "version": acqspec.__version__,
            "semanticVersion": acqspec.__version__,
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }},
        "invocations": [invocation],
        "artifacts": [_artifact(path) for path in result.paths],
        "results": [_result(f, rule_index.get(f.code), artifact_index.get(f.path), fingerprint)
                    for f, fingerprint in zip(findings, fingerprints)],
        "properties": _run_properties(result),
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative (forward slashes, percent-encoded)."""
    if PureWindowsPath(path).is_absolute() and not path.startswith("/"):
        return PureWindowsPath(path).as_uri()
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return posix.as_uri()
    return quote(posix.as_posix(), safe="/")


# --- rules --------------------------------------------------------------------------


def _rule_descriptors(result: CheckResult) -> tuple[list[dict], dict[str, int]]:
    """Every rule that ran plus any code only a finding carries, sorted by code."""
    descriptors = {rule.code: _rule_descriptor(rule) for rule in result.rules}
    families = {rule.code: rule.family for rule in result.rules}
    for finding in (*result.findings, *result.suppressed):
        descriptors.setdefault(finding.code, {
            "id": finding.code,
            "name": finding.name,
            "shortDescription": {"text": finding.name},
            "defaultConfiguration": {"level": SARIF_LEVEL[finding.severity]},
            "properties": {"tags": [families.get(finding.code, "other")]},
        })
    ordered = [descriptors[code] for code in sorted(descriptors)]
    return ordered, {d["id"]: i for i, d in enumerate(ordered)}


def _rule_descriptor(rule: RuleInfo) -> dict:
    doc = rule.documentation
    summary = rule.summary
    details = doc.split("\n\n", 1)[1].strip() if "\n\n" in doc else summary
    markdown = re.sub(r"^(Why|Example|Fix):", r"**\1:**", doc, flags=re.MULTILINE)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": details},
        "help": {"text": doc, "markdown": markdown},
        "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
        "properties": {"tags": [rule.family]},
    }


# --- results ------------------------------------------------------------------------


def _result(finding: Finding, rule_index: int | None, artifact_index: int | None, fingerprint: str) -> dict:
    location = finding.location
    artifact: dict = {"uri": artifact_uri(finding.path)}
    if artifact_index is not None:
        artifact["index"] = artifact_index
    sarif_location: dict = {"physicalLocation": {
        "artifactLocation": artifact,
        "region": {"startLine": location.line if location.line is not None else 1},
    }}
    if location.block is None:
        sarif_location["message"] = {"text": DOCUMENT_LEVEL_NOTE}
    else:
        logical = _logical_locations(location)
        if logical:
            sarif_location["logicalLocations"] = logical

    out: dict = {"ruleId": finding.code}
    if rule_index is not None:
        out["ruleIndex"] = rule_index
    out |= {
        "level": SARIF_LEVEL[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [sarif_location],
        "partialFingerprints": {"primaryLocationLineHash": fingerprint},
    }
    if finding.suppression is not None:
        out["suppressions"] = [_suppression(finding.suppression)]
    out["properties"] = _result_properties(finding)
    return out


def _message(finding: Finding) -> str:
    """The finding's message; for files without lines, followed by where to find it."""
    location = finding.location
    if location.line is not None:
        return finding.message
    if location.block is None:
        return f"{finding.message} (whole document)"
    quoted = quote_evidence(finding.evidence)
    suffix = f': "{quoted}"' if quoted else ""
    return f"{finding.message} ({place_label(location)}{suffix})"


def _logical_locations(location: FindingLocation) -> list[dict]:
    out = []
    if location.section_path:
        out.append({"name": location.section_path[-1], "fullyQualifiedName": " > ".join(location.section_path),
                    "kind": "section"})
    if location.source:
        docx_element = location.source.startswith("p:") or ":p:" in location.source
        out.append({"name": location.source, "kind": "element" if docx_element else "text"})
    return out


def _suppression(suppression: Suppression) -> dict:
    properties: dict = {"source": suppression.source}
    if suppression.approver:
        properties["approver"] = suppression.approver
    if suppression.expires:
        properties["expires"] = suppression.expires.isoformat()
    return {"kind": "inSource" if suppression.kind == "inline" else "external", "status": "accepted",
            "justification": suppression.reason, "properties": properties}


def _result_properties(finding: Finding) -> dict:
    location = finding.location
    values = {
        "severity": finding.severity,
        "clauseId": finding.clause_id,
        "obligationId": finding.obligation_id,
        "authority": finding.authority,
        "expected": finding.expected,
        "diff": finding.diff,
        "score": finding.score,
        "confidence": finding.confidence,
        "evidence": finding.evidence,
        "documentLevel": True if location.block is None else None,
        "paragraph": location.block + 1 if location.block is not None else None,
        "page": location.page,
        "line": location.line,
        "blockSource": location.source,
        "sectionPath": list(location.section_path) or None,
        "sectionNumber": location.section_label,
        "sectionHeading": location.section_title,
    }
    return {key: value for key, value in values.items() if value is not None}


# --- run ----------------------------------------------------------------------------


def _artifact(path: str) -> dict:
    artifact: dict = {"location": {"uri": artifact_uri(path)}, "roles": ["analysisTarget"]}
    mime = _MIME_TYPES.get(PurePosixPath(path.replace("\\", "/")).suffix.lower())
    if mime:
        artifact["mimeType"] = mime
    return artifact


def _run_properties(result: CheckResult) -> dict:
    properties: dict = {
        "documents": len(result.paths),
        "words": result.words,
        "counts": {severity: result.count(severity) for severity in ("error", "warning", "info")},
        "suppressed": len(result.suppressed),
    }
    if result.baseline is not None:
        properties["baseline"] = result.baseline
    if result.coverage:
        properties["coverage"] = [item.model_dump(mode="json", exclude_none=True) for item in result.coverage]
    return properties


REPORTER = FunctionReporter(
    "sarif",
    "SARIF 2.1.0 for GitHub code scanning and other SARIF viewers",
    "sarif", render_sarif)
