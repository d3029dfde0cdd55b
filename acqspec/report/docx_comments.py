"""A reviewed copy of a .docx: the findings as Word comments, where the reviewer already works.

The caller opens the source package (:func:`acqspec.io.docx_package.open_docx_package`,
with the reader's safety checks); the copy is returned as bytes and the source
file is never written.  Comments are placed like this:

* a finding in the body (``source`` ``p:<n>``) gets a comment spanning the
  whole paragraph that is the n-th ``w:p`` of ``body.iter(w:p)`` — the same
  order the reader numbers paragraphs in, so empty paragraphs, table cells and
  nested tables line up.  The range markers are placed around the
  paragraph's content, so paragraphs made only of hyperlinks, fields, tracked
  insertions or no runs at all can be commented too;
* several findings on one paragraph share **one** comment, one entry per
  finding separated by a blank line, so the margin shows one balloon per
  paragraph instead of a stack;
* a paragraph inside a text box is commented on the body paragraph that
  anchors the text box (Word and LibreOffice handle comments inside text
  boxes inconsistently);
* findings in headers, footers and notes (Word cannot anchor a comment
  there), document-level findings such as a missing obligation, and any
  paragraph that no longer exists go into one **summary comment** on the
  first paragraph, which also counts the document's findings by severity.

Each entry reads ``CODE severity: message`` followed by the clause and
authority, the expected wording, the change found and the rule's *Fix*
advice.  Comments carry author "acqspec", initials "AQ" and no date, and the
package is written with fixed zip timestamps (:func:`acqspec.io.docx_out.docx_bytes`),
so the same input and result always give the same bytes.  The document's own
core properties are left as they are.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from acqspec.check.findings import CheckResult, Finding
from acqspec.errors import ReadError
from acqspec.io.docx_out import docx_bytes
from acqspec.report.common import place_label, xml_safe

AUTHOR = "acqspec"
INITIALS = "AQ"

_BODY_SOURCE = re.compile(r"^p:(\d+)$")
_P, _PPR, _TXBX = qn("w:p"), qn("w:pPr"), qn("w:txbxContent")


def annotate_docx(document, result: CheckResult, path: str | Path) -> bytes:
    """The bytes of ``document`` with a Word comment for each active finding of that document.

    Args:
        document: the checked .docx as a python-docx ``Document``; it is changed in place
            (open it afresh for each copy).
        result: the finished check; only findings whose ``path`` names this
            document are used.
        path: the document's path as the findings spell it.

    Raises:
        ReadError: the package has no body to comment on.
    """
    wanted = Path(path)
    findings = [f for f in result.findings if Path(f.path) == wanted]
    suppressed = sum(Path(f.path) == wanted for f in result.suppressed)
    fixes = {rule.code: rule.fix for rule in result.rules}

    body = document.element.body
    if body is None:  # the check read it as an empty document; there is nowhere to put a comment
        raise ReadError("has no document body (w:body) to attach Word comments to", path=path)
    paragraphs = list(body.iter(_P))
    position = {element: i for i, element in enumerate(paragraphs)}

    on_paragraph: dict[int, list[Finding]] = {}
    in_summary: list[tuple[Finding, str]] = []
    for finding in findings:
        match = _BODY_SOURCE.match(finding.location.source or "")
        if match and int(match.group(1)) < len(paragraphs):
            anchor = _anchor_paragraph(paragraphs[int(match.group(1))])
            on_paragraph.setdefault(position[anchor], []).append(finding)
        elif match:
            in_summary.append((finding, f"{place_label(finding.location)} (paragraph not found in this file)"))
        else:
            in_summary.append((finding, place_label(finding.location)))

    summary = _summary_text(wanted.name, findings, suppressed, result.baseline, in_summary, fixes)
    _add_comment(document, paragraphs[0] if paragraphs else _new_first_paragraph(body), summary)
    for index in sorted(on_paragraph):
        _add_comment(document, paragraphs[index], "\n\n".join(_entry(f, fixes) for f in on_paragraph[index]))
    return docx_bytes(document)


def _anchor_paragraph(paragraph: etree._Element) -> etree._Element:
    """The paragraph itself, or the body paragraph holding the text box it sits in."""
    anchor, node, in_text_box = paragraph, paragraph.getparent(), False
    while node is not None:
        if node.tag == _TXBX:
            in_text_box = True
        elif node.tag == _P and in_text_box:
            anchor, in_text_box = node, False
        node = node.getparent()
    return anchor


def _new_first_paragraph(body: etree._Element) -> etree._Element:
    paragraph = OxmlElement("w:p")
    body.insert(0, paragraph)
    return paragraph


def _add_comment(document, paragraph: etree._Element, text: str) -> None:
    """Add an undated comment whose range spans all of ``paragraph``'s content."""
    comment = document.comments.add_comment(text=xml_safe(text), author=AUTHOR, initials=INITIALS)
    comment._comment_elm.date = None  # python-docx stamps the current time; undated keeps the bytes stable
    comment_id = str(comment.comment_id)

    start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): comment_id})
    first = paragraph[0] if len(paragraph) else None
    paragraph.insert(1 if first is not None and first.tag == _PPR else 0, start)
    paragraph.append(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): comment_id}))
    reference_run = OxmlElement("w:r")
    run_properties = OxmlElement("w:rPr")
    run_properties.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    reference_run.append(run_properties)
    reference_run.append(OxmlElement("w:commentReference", attrs={qn("w:id"): comment_id}))
    paragraph.append(reference_run)


def _entry(finding: Finding, fixes: dict[str, str], place: str | None = None) -> str:
    """One finding as comment text: the headline, then clause, expected wording, change and fix."""
    headline = f"{finding.code} {finding.severity}: {finding.message}"
    lines = [f"{place}: {headline}" if place else headline]
    if finding.clause_id:
        lines.append(f"Clause: {finding.clause_id}" + (f" ({finding.authority})" if finding.authority else ""))
    elif finding.authority:
        lines.append(f"Authority: {finding.authority}")
    if finding.expected:
        lines.append(f"Expected: {finding.expected}")
    if finding.diff:
        lines.append(f"Change: {finding.diff}")
    hint = fixes.get(finding.code)
    if hint:
        lines.append(f"Fix: {hint}")
    return "\n".join(lines)


def _summary_text(name: str, findings: list[Finding], suppressed: int, baseline: str | None,
                  in_summary: list[tuple[Finding, str]], fixes: dict[str, str]) -> str:
    counts = {severity: sum(f.severity == severity for f in findings) for severity in ("error", "warning", "info")}
    headline = (f"acqspec check of {name}: {counts['error']} error(s), {counts['warning']} warning(s), "
                f"{counts['info']} info")
    lines = [headline + (f"; {suppressed} suppressed." if suppressed else ".")]
    if baseline:
        lines.append(f"Baseline: {baseline}")
    placed = len(findings) - len(in_summary)
    if placed:
        lines.append(f"{placed} finding(s) are commented on their paragraphs.")
    if in_summary:
        lines += ["Not on a body paragraph:", "", "\n\n".join(_entry(f, fixes, place) for f, place in in_summary)]
    return "\n".join(lines)
