"""Wording shared by the reporters: where a finding is, a short quote, XML-safe text."""

from __future__ import annotations

import re

from acqspec.check.findings import FindingLocation

_OTHER_PART = re.compile(r"^(header|footer|footnote|endnote)([^:]*):")
_QUOTE_CHARS = 80
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def place_label(location: FindingLocation) -> str:
    """Where a reader finds the finding in words: ``¶12, page 3, section C.5.1 Testing``.

    Paragraph numbers count the reader's non-empty blocks from 1, as in the text report.
    """
    if location.block is None:
        return "whole document"
    parts = []
    part = _OTHER_PART.match(location.source or "")
    if part:
        parts.append(f"{part.group(1)} {part.group(2)}".strip())
    if location.line is not None:
        parts.append(f"line {location.line}")
    else:
        if location.page is not None:
            parts.append(f"page {location.page}")
        parts.append(f"¶{location.block + 1}")
    if location.section_path:
        parts.append(f"section {location.section_path[-1]}")
    return ", ".join(parts)


def quote_evidence(evidence: str | None, limit: int = _QUOTE_CHARS) -> str:
    """The start of the offending sentence, short enough for a one-line message."""
    text = " ".join((evidence or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (C0 controls from PDFs, stray surrogates)."""
    return _NOT_XML.sub("", text)
