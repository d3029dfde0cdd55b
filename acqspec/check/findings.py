"""What a rule reports: plain frozen data, never exceptions."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from acqspec.models import format_location, format_place

Severity = Literal["error", "warning", "info"]
FailOn = Literal["error", "warning", "info", "never"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def shortened(text: str, limit: int = 110) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for quoting a requirement in a message."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def reaches(severity: Severity, fail_on: FailOn) -> bool:
    """Whether a finding of ``severity`` fails a check run with ``--fail-on fail_on``."""
    return fail_on != "never" and SEVERITY_RANK[severity] >= SEVERITY_RANK[fail_on]


RuleFamily = Literal["missing", "weakened", "conflicting", "quality", "suppression"]


class RuleInfo(BaseModel):
    """What a reporter may know about a rule: its metadata and documentation, as data."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    severity: Severity
    family: RuleFamily
    summary: str
    """One line: what the rule reports."""
    why: str
    example: str
    fix: str
    """What to do about a finding, on one line."""
    documentation: str
    """The whole documentation as written (summary, *Why*, *Example*, *Fix*); ``acqspec rules CODE`` prints it."""


class FindingLocation(BaseModel):
    """Where the finding is: enough to show it, map it to SARIF and comment on it in Word."""

    model_config = ConfigDict(frozen=True)

    block: int | None = None
    """0-based block index in the read document."""
    section_path: tuple[str, ...] = ()
    page: int | None = None
    line: int | None = None
    start: int | None = None
    """Character offsets within the block's text."""
    end: int | None = None
    source: str | None = None
    """The block's place in the original file (e.g. ``p:12`` for a .docx paragraph)."""
    section_label: str | None = None
    """The section number as the document shows it ("C.5.3.2", "5.5.3(a)"; see :func:`acqspec.models.section_places`)."""
    section_title: str | None = None
    """The section's heading, or its numbered paragraph's run-in heading ("Training-data provenance")."""

    def display(self, path: str) -> str:
        """Where a tool finds the finding (see :func:`acqspec.models.format_location`)."""
        return format_location(path, block=self.block, page=self.page, line=self.line)

    def place(self, *, limit: int | None = None) -> str:
        """Where a reader finds it, without the path: ``§5.5.2 Training data disclosure, p. 4``
        (see :func:`acqspec.models.format_place`; ``limit`` cuts the heading)."""
        title = self.section_title
        if self.section_label is None and title is None and self.section_path:
            title = self.section_path[-1]  # a location made without the document's sections
        return format_place(self.section_label, title, page=self.page, line=self.line, block=self.block,
                            source=self.source, limit=limit)


class Suppression(BaseModel):
    """Why a finding is not counted: an inline marker / Word comment, or a waiver-file entry."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["inline", "waiver"]
    reason: str
    source: str
    """Where the suppression is written: ``path:location`` of the marker, or ``waivers.yaml:12``."""
    approver: str | None = None
    expires: date | None = None


class Finding(BaseModel):
    """One problem found in one document."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    severity: Severity
    message: str
    path: str
    location: FindingLocation
    clause_id: str | None = None
    obligation_id: str | None = None
    authority: str | None = None
    evidence: str | None = None
    expected: str | None = None
    """The library wording a weakened or missing obligation should have."""
    diff: str | None = None
    """What changed against ``expected`` (weakened rules), e.g. ``shall → should; 72 hours → 30 days``."""
    score: float | None = None
    """Match score 0–100 of the evidence against the expected obligation, when one was matched."""
    confidence: float | None = None
    """The terms classifier's calibrated probability (0–1) that the sentence is an unacceptable term."""
    suppression: Suppression | None = None

    def sort_key(self) -> tuple:
        """Document order, then code."""
        loc = self.location
        return (self.path, loc.block if loc.block is not None else -1, loc.start or 0, self.code, self.message)


CoverageStatus = Literal["satisfied", "weakened", "missing", "contradicted"]


class CoverageItem(BaseModel):
    """One required obligation of the baseline and what the document does with it."""

    model_config = ConfigDict(frozen=True)

    path: str
    clause_id: str
    obligation_id: str
    requirement: str
    """The obligation as the baseline states it."""
    status: CoverageStatus
    score: float | None = None
    location: FindingLocation | None = None
    evidence: str | None = None


class UncheckedFile(BaseModel):
    """A file that was to be checked and was not: unreadable, or of a type acqspec does not read; and why."""

    model_config = ConfigDict(frozen=True)

    path: str
    reason: str


class CheckResult(BaseModel):
    """All findings for a set of documents, sorted and de-duplicated.

    ``findings`` are the active ones; ``suppressed`` were matched by an inline
    marker or a waiver and do not count towards the exit code.
    """

    model_config = ConfigDict(frozen=True)

    paths: tuple[str, ...]
    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...] = ()
    coverage: tuple[CoverageItem, ...] = ()
    baseline: str | None = None
    """What the required obligations came from (``profile: x.yaml``, ``clauses: A,B``, ``against: sow.docx``)."""
    words: int = 0
    warnings: tuple[str, ...] = ()
    rules: tuple[RuleInfo, ...] = ()
    """The rules that ran, in code order (reporters read rule metadata from here)."""
    unreadable: tuple[UncheckedFile, ...] = ()
    """Files that could not be read, with the reason; each also has an AQ400 error finding (the run exits 2)."""
    skipped: tuple[UncheckedFile, ...] = ()
    """Files that were not read because acqspec does not read their type (a ``.doc``), with the reason."""

    def count(self, severity: Severity) -> int:
        """Number of findings of ``severity``."""
        return sum(f.severity == severity for f in self.findings)

    def fails(self, fail_on: FailOn) -> bool:
        """Whether an active finding reaches ``fail_on`` (the exit code of ``acqspec check``)."""
        return any(reaches(f.severity, fail_on) for f in self.findings)

    def rule(self, code: str) -> RuleInfo | None:
        """The metadata of rule ``code`` if it ran."""
        return next((r for r in self.rules if r.code == code), None)
