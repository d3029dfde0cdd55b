"""Wording shared by the reporters: where a finding is, a short quote, XML-safe text."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePosixPath

from acqspec.check.findings import Finding, FindingLocation

_QUOTE_CHARS = 80
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def place_label(location: FindingLocation, *, limit: int | None = None) -> str:
    """Where a reader finds the finding in words, in the document's own terms and without its path.

    ``§C.5.3.2 Training-data provenance, p. 3`` (the section number and heading
    as the document shows them, then the page or line), ``footnote 1``,
    ``whole document``; ``¶12`` (non-empty blocks counted from 1) only when the
    document has neither numbering nor headings there.  ``limit`` cuts the heading.
    """
    return location.place(limit=limit)


def quote_evidence(evidence: str | None, limit: int = _QUOTE_CHARS) -> str:
    """The start of the offending sentence, short enough for a one-line message."""
    text = " ".join((evidence or "").split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (C0 controls from PDFs, stray surrogates)."""
    return _NOT_XML.sub("", text)


def finding_fingerprints(findings: Sequence[Finding]) -> list[str]:
    """``hash:n`` per finding, for tools that track findings across runs (SARIF, GitLab).

    The hash covers rule code, path, clause and obligation and the normalised
    sentence — never the line or paragraph number, so an alert survives edits
    elsewhere in the document; ``n`` numbers findings that hash alike, in order.
    """
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        anchor = finding.evidence
        if anchor is None and not (finding.clause_id or finding.obligation_id):
            anchor = finding.message
        key = "\x1f".join((finding.code, PurePosixPath(finding.path.replace("\\", "/")).as_posix(),
                           finding.clause_id or "", finding.obligation_id or "",
                           " ".join((anchor or "").split()).casefold()))
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        seen[digest] += 1
        out.append(f"{digest}:{seen[digest]}")
    return out
