"""Open a .docx with python-docx after the reader's safety checks, and read its comments.

Used where acqspec needs the package object itself (adding review comments,
reading suppression markers written as Word comments) rather than the text.
The checks themselves are the public ones of :mod:`acqspec.io.readers.docx`
(:func:`~acqspec.io.readers.docx.open_safe_zip`,
:func:`~acqspec.io.readers.docx.check_package`,
:func:`~acqspec.io.readers.docx.load_package`), so every Word file acqspec
opens is refused for the same reasons with the same messages.
"""

from __future__ import annotations

from pathlib import Path

from acqspec.io.readers._common import read_bytes
from acqspec.io.readers.docx import check_package, comments_by_source, load_package, open_safe_zip


def open_docx_package(source: Path):
    """python-docx ``Document`` for ``source``, refused like the reader refuses (zip bombs, DTDs, encryption)."""
    data = read_bytes(source)
    with open_safe_zip(data, source) as archive:
        check_package(archive, source)
    return load_package(data, source)


def comments_by_paragraph(source: Path) -> dict[str, list[str]]:
    """Comment texts keyed by the reader's block source (``p:<n>``) of the paragraph they start on.

    Deprecated: :func:`~acqspec.io.readers.read_document` already carries them as
    ``Block.comments`` (the same :func:`~acqspec.io.readers.docx.comments_by_source`),
    without opening the file a second time.
    """
    data = read_bytes(source)
    with open_safe_zip(data, source) as archive:
        # Most documents have no comments: skip building a second python-docx object for them.
        if not any(name.lower() == "word/comments.xml" for name in archive.namelist()):
            return {}
        check_package(archive, source)
    return comments_by_source(load_package(data, source))
