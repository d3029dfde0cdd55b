"""Open a .docx with python-docx after the reader's safety checks, and read its comments.

Used where acqspec needs the package object itself (adding review comments,
reading suppression markers written as Word comments) rather than the text.
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

from acqspec.io.readers._common import read_bytes
from acqspec.io.readers.docx import _check_members, _check_xml_parts, _open_package, _open_zip


def open_docx_package(source: Path):
    """python-docx ``Document`` for ``source``, refused like the reader refuses (zip bombs, DTDs, encryption)."""
    data = read_bytes(source)
    with _open_zip(data, source) as archive:
        _check_members(archive, source)
        _check_xml_parts(archive, source)
    return _open_package(data, source)


def comments_by_paragraph(source: Path) -> dict[str, list[str]]:
    """Comment texts keyed by the reader's block source (``p:<n>``) of the paragraph they start on."""
    data = read_bytes(source)
    with _open_zip(data, source) as archive:
        # Most documents have no comments: skip building a second python-docx object for them.
        if not any(name.lower() == "word/comments.xml" for name in archive.namelist()):
            return {}
        _check_members(archive, source)
        _check_xml_parts(archive, source)
    document = _open_package(data, source)
    texts = {str(c.comment_id): c.text for c in document.comments}
    if not texts:
        return {}
    found: dict[str, list[str]] = {}
    start, reference = qn("w:commentRangeStart"), qn("w:commentReference")
    for number, paragraph in enumerate(document.element.body.iter(qn("w:p"))):
        for element in paragraph.iter(start, reference):
            text = texts.get(element.get(qn("w:id")))
            if text and text not in found.get(f"p:{number}", []):
                found.setdefault(f"p:{number}", []).append(text)
    return found
