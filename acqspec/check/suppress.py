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

Applying them leaves a :class:`Ledger`: malformed and unused markers, unused
and expired waivers.  Expired waivers stop suppressing; the AQ9xx rules
(:mod:`acqspec.check.rules.suppression`) report what the ledger holds.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from acqspec.check.findings import Finding, FindingLocation, Suppression
from acqspec.models import Document, format_location

_MARKER = re.compile(r"acqspec:\s*ignore\s+((?:AQ\d{3}|[A-Z]{2}-\d{2})(?:[\s,]+(?:AQ\d{3}|[A-Z]{2}-\d{2}))*)"
                     r"\s*(?:--|—|–)\s*(\S.*?)\s*$", re.IGNORECASE)
_BARE_MARKER = re.compile(r"acqspec:\s*ignore\b", re.IGNORECASE)


@dataclass(frozen=True)
class SuppressionMarker:
    """One inline ``acqspec: ignore`` marker: which codes (and clauses) it silences where."""

    block: int
    applies_to: int
    codes: tuple[str, ...]
    clauses: tuple[str, ...]
    reason: str
    location: FindingLocation
    text: str = ""


def find_markers(document: Document) -> tuple[list[SuppressionMarker], list[FindingLocation]]:
    """Markers in the document's paragraphs and in the Word comments on them, plus where
    malformed ones are."""
    markers: list[SuppressionMarker] = []
    malformed: list[FindingLocation] = []
    blocks = document.blocks
    for position, block in enumerate(blocks):
        for text in (block.text, *block.comments):
            if not _BARE_MARKER.search(text):
                continue
            location = FindingLocation(block=block.index, section_path=block.section_path, page=block.page,
                                       line=block.line, source=block.source)
            match = _MARKER.search(text)
            if match is None:
                malformed.append(location)
                continue
            names = [n.upper() for n in re.split(r"[\s,]+", match.group(1)) if n]
            alone = _MARKER.sub("", text).strip(" .;:-") == "" and text is block.text
            target = blocks[position + 1].index if alone and position + 1 < len(blocks) else block.index
            markers.append(SuppressionMarker(block=block.index, applies_to=target,
                                             codes=tuple(n for n in names if n.startswith("AQ")),
                                             clauses=tuple(n for n in names if not n.startswith("AQ")),
                                             reason=match.group(2), location=location, text=block.text))
    return markers, malformed


def apply_markers(findings: Sequence[Finding], markers: Sequence[SuppressionMarker], path: str
                  ) -> tuple[list[Finding], list[Finding], list[SuppressionMarker]]:
    """(active, suppressed, unused markers)."""
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
    return active, suppressed, [m for number, m in enumerate(markers) if number not in used]


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


def _path_matches(pattern: str, finding_path: str, base: Path) -> bool:
    target = Path(finding_path).resolve()
    try:
        relative = target.relative_to(base.resolve()).as_posix()
    except ValueError:
        relative = target.as_posix()
    return fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(Path(finding_path).as_posix(), pattern)


def apply_waivers(findings: Sequence[Finding], loaded: LoadedWaivers, today: dt.date
                  ) -> tuple[list[Finding], list[Finding], Ledger]:
    """(active, suppressed, the ledger of expired and unused waivers)."""
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
    ledger = Ledger(str(loaded.path))
    for number, (waiver, line) in enumerate(zip(loaded.waivers, loaded.lines)):
        if waiver.expires < today:
            ledger.expired_waivers.append((waiver, line))
        elif number not in used:
            ledger.unused_waivers.append((waiver, line))
    return active, suppressed, ledger


@dataclass
class Ledger:
    """What applying suppressions left over, for the suppression rules (AQ9xx) to report.

    For a document, ``path`` is the document and the marker lists are filled;
    for a waiver file, it is that file and the waiver lists are.
    """

    path: str
    malformed: list[FindingLocation] = field(default_factory=list)
    """Markers that say ``acqspec: ignore`` without a code or a reason."""
    unused_markers: list[SuppressionMarker] = field(default_factory=list)
    unused_waivers: list[tuple[Waiver, int]] = field(default_factory=list)
    """Unexpired waivers that matched no finding, with their line in the waiver file."""
    expired_waivers: list[tuple[Waiver, int]] = field(default_factory=list)
