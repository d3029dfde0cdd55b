"""Suppressions: inline ``acqspec: ignore`` markers and a waiver file.

An inline marker is written in the document (in the paragraph, or as a Word
comment on it)::

    acqspec: ignore AQ402, AQ401 -- the metric is defined in Attachment 3

It suppresses those codes on its own paragraph; a paragraph holding only the
marker applies to the next one.  Document-level findings (a missing clause)
are suppressed by a marker anywhere in the document naming the code and,
optionally, the clause: ``acqspec: ignore AQ101 GA-02 -- not a generative buy``.

A waiver file lists accepted findings with reason, approver and expiry::

    waivers:
      - code: AQ302
        path: proposals/*.pdf        # relative to the waiver file; glob
        clause: CT-02                # optional
        match: renews automatically  # optional, substring of the evidence
        reason: capped by the order's option periods
        approver: J. Rivera, Contracting Officer
        expires: 2027-09-30

Expired waivers stop suppressing and are reported (AQ902); markers and
waivers that match nothing are reported (AQ901).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from acqspec.check.findings import Finding, FindingLocation, Suppression
from acqspec.errors import AcqspecError
from acqspec.models import Document, format_location

_MARKER = re.compile(r"acqspec:\s*ignore\s+((?:AQ\d{3}|[A-Z]{2}-\d{2})(?:[\s,]+(?:AQ\d{3}|[A-Z]{2}-\d{2}))*)"
                     r"\s*(?:--|—|–)\s*(\S.*?)\s*$", re.IGNORECASE)
_BARE_MARKER = re.compile(r"acqspec:\s*ignore\b", re.IGNORECASE)


@dataclass(frozen=True)
class Marker:
    """One inline marker: which codes (and clauses) it silences where."""

    block: int
    applies_to: int
    codes: tuple[str, ...]
    clauses: tuple[str, ...]
    reason: str
    location: FindingLocation
    text: str = ""


def find_markers(document: Document, path: str, comments: dict[str, list[str]] | None = None
                 ) -> tuple[list[Marker], list[Finding]]:
    """Markers in the document's paragraphs and in Word comments on them (``comments``
    keyed by block source, see :func:`acqspec.io.docx_package.comments_by_paragraph`),
    plus AQ901 findings for malformed ones."""
    markers: list[Marker] = []
    problems: list[Finding] = []
    blocks = document.blocks
    comments = comments or {}
    for position, block in enumerate(blocks):
        texts = [block.text, *comments.get(block.source, ())]
        for text in texts:
            if not _BARE_MARKER.search(text):
                continue
            location = FindingLocation(block=block.index, section_path=block.section_path, page=block.page,
                                       line=block.line, source=block.source)
            match = _MARKER.search(text)
            if match is None:
                problems.append(_bookkeeping("AQ901", path, location, "malformed suppression marker: write "
                                             "'acqspec: ignore AQ123 -- reason' (a reason is required)"))
                continue
            names = [n.upper() for n in re.split(r"[\s,]+", match.group(1)) if n]
            alone = _MARKER.sub("", text).strip(" .;:-") == "" and text is block.text
            target = blocks[position + 1].index if alone and position + 1 < len(blocks) else block.index
            markers.append(Marker(block=block.index, applies_to=target,
                                  codes=tuple(n for n in names if n.startswith("AQ")),
                                  clauses=tuple(n for n in names if not n.startswith("AQ")),
                                  reason=match.group(2), location=location, text=block.text))
    return markers, problems


def _bookkeeping(code: str, path: str, location: FindingLocation, message: str, **extra) -> Finding:
    from acqspec.check.registry import get_rule

    rule = get_rule(code)
    return Finding(code=code, name=rule.name, severity=rule.severity, message=message, path=path,
                   location=location, **extra)


def apply_markers(findings: Sequence[Finding], markers: Sequence[Marker], path: str
                  ) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """(active, suppressed, AQ901 for unused markers)."""
    used: set[int] = set()
    active: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        hit = None
        for number, marker in enumerate(markers):
            if finding.code not in marker.codes:
                continue
            if finding.location.block is None:
                if not marker.clauses or finding.clause_id in marker.clauses:
                    hit = number
            elif finding.location.block == marker.applies_to and \
                    (not marker.clauses or finding.clause_id in marker.clauses):
                hit = number
            if hit is not None:
                break
        if hit is None:
            active.append(finding)
            continue
        used.add(hit)
        marker = markers[hit]
        where = format_location(path, block=marker.location.block, page=marker.location.page,
                                line=marker.location.line)
        suppressed.append(finding.model_copy(update={"suppression": Suppression(
            kind="inline", reason=marker.reason, source=where)}))
    unused = [_bookkeeping("AQ901", path, m.location,
                           f"suppression marker for {', '.join(m.codes + m.clauses)} matches no finding",
                           evidence=m.text)
              for number, m in enumerate(markers) if number not in used]
    return active, suppressed, unused


class Waiver(BaseModel):
    """One accepted finding, decided by a named approver until a date."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^AQ\d{3}$")
    path: str = Field(min_length=1)
    clause: str | None = None
    match: str | None = None
    reason: str = Field(min_length=3)
    approver: str = Field(min_length=2)
    expires: dt.date


class WaiverFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    waivers: tuple[Waiver, ...]


@dataclass(frozen=True)
class LoadedWaivers:
    path: Path
    waivers: tuple[Waiver, ...]
    lines: tuple[int, ...]


def load_waivers(path: str | Path) -> LoadedWaivers:
    """Read and validate a waiver file; errors name the file and line."""
    from acqspec.io.safe_yaml import load_yaml_file, validation_messages

    doc = load_yaml_file(path)
    try:
        parsed = WaiverFile.model_validate(doc.data)
    except ValidationError as exc:
        line, message = validation_messages(exc, doc)[0]
        raise AcqspecError(message, path=path, line=line) from None
    lines = tuple(doc.lines.get(("waivers", i), 1) for i in range(len(parsed.waivers)))
    return LoadedWaivers(Path(path), parsed.waivers, lines)


def _path_matches(pattern: str, finding_path: str, base: Path) -> bool:
    target = Path(finding_path).resolve()
    try:
        relative = target.relative_to(base.resolve()).as_posix()
    except ValueError:
        relative = target.as_posix()
    return fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(Path(finding_path).as_posix(), pattern)


def apply_waivers(findings: Sequence[Finding], loaded: LoadedWaivers, today: dt.date
                  ) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """(active, suppressed, AQ901/AQ902 bookkeeping findings located in the waiver file)."""
    base = loaded.path.parent
    used: set[int] = set()
    active: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        hit = None
        for number, waiver in enumerate(loaded.waivers):
            if waiver.code != finding.code or not _path_matches(waiver.path, finding.path, base):
                continue
            if waiver.clause and waiver.clause != finding.clause_id:
                continue
            if waiver.match and waiver.match.lower() not in (finding.evidence or finding.message).lower():
                continue
            used.add(number)
            if waiver.expires >= today:
                hit = waiver
                break
        if hit is None:
            active.append(finding)
        else:
            suppressed.append(finding.model_copy(update={"suppression": Suppression(
                kind="waiver", reason=hit.reason, approver=hit.approver, expires=hit.expires,
                source=f"{loaded.path}:{loaded.lines[loaded.waivers.index(hit)]}")}))
    bookkeeping = []
    for number, (waiver, line) in enumerate(zip(loaded.waivers, loaded.lines)):
        location = FindingLocation(line=line, source=f"line:{line}")
        if waiver.expires < today:
            bookkeeping.append(_bookkeeping("AQ902", str(loaded.path), location,
                                            f"waiver for {waiver.code} on {waiver.path} expired on "
                                            f"{waiver.expires.isoformat()} (approved by {waiver.approver}); "
                                            "its findings count again"))
        elif number not in used:
            bookkeeping.append(_bookkeeping("AQ901", str(loaded.path), location,
                                            f"waiver for {waiver.code} on {waiver.path} matches no finding"))
    return active, suppressed, bookkeeping
