"""Document readers: one entry point, one :class:`~acqspec.models.Document` out.

The checker reads vendor proposals and draft SOWs in whatever format they
arrive.  :func:`read_document` picks the reader by file suffix (never by
sniffing content, so a renamed file fails loudly instead of being read as
something else) and every reader returns the same block model, so rules do not
care where the text came from.  Every problem with the input is a
:class:`~acqspec.errors.ReadError` naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from acqspec.errors import ReadError
from acqspec.models import Document

SUPPORTED_SUFFIXES: tuple[str, ...] = (".docx", ".pdf", ".txt", ".md", ".markdown")

_HINTS = {
    ".doc": "; save it as .docx first",
    ".rtf": "; save it as .docx first",
    ".odt": "; save it as .docx first",
    ".docm": "; save it as .docx (without macros) first",
}


def read_document(path: str | Path, *, revisions: Literal["accepted", "original"] = "accepted") -> Document:
    """Read a .docx, .pdf, .txt or .md/.markdown file into blocks.

    Args:
        path: the file to read; its suffix (case-insensitive) selects the reader.
        revisions: for .docx with tracked changes, read the text as if all
            changes were ``"accepted"`` (the default) or as the ``"original"``
            before any change.  Ignored for other formats.

    Returns:
        The document's blocks in reading order, plus warnings for a reviewer.

    Raises:
        ReadError: the suffix is not supported, or the file is missing,
            too large, corrupt, encrypted, hostile or has no text.
        ValueError: ``revisions`` is not one of the two views.
    """
    if revisions not in ("accepted", "original"):
        raise ValueError(f"revisions must be 'accepted' or 'original', not {revisions!r}")
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from acqspec.io.readers.docx import read_docx

        return read_docx(path, revisions=revisions)
    if suffix == ".pdf":
        from acqspec.io.readers.pdf import read_pdf

        return read_pdf(path)
    if suffix in (".txt", ".md", ".markdown"):
        from acqspec.io.readers.text import read_text

        return read_text(path, markdown=suffix != ".txt")
    shown = suffix or "(none)"
    raise ReadError(f"unsupported file type {shown}{_HINTS.get(suffix, '')}; "
                    f"supported: {', '.join(SUPPORTED_SUFFIXES)}", path=path)


__all__ = ["SUPPORTED_SUFFIXES", "read_document"]
