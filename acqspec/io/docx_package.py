"""Open a .docx with python-docx after the reader's safety checks.

Used where acqspec needs the package object itself (adding review comments to
a copy) rather than the text; the reader already puts Word comments on
``Block.comments``.
The checks themselves are the public ones of :mod:`acqspec.io.readers.docx`
(:func:`~acqspec.io.readers.docx.open_safe_zip`,
:func:`~acqspec.io.readers.docx.check_package`,
:func:`~acqspec.io.readers.docx.load_package`), so every Word file acqspec
opens is refused for the same reasons with the same messages.
"""

from __future__ import annotations

from pathlib import Path

from acqspec.io.readers._common import read_bytes
from acqspec.io.readers.docx import check_package, load_package, open_safe_zip


def open_docx_package(source: Path):
    """python-docx ``Document`` for ``source``, refused like the reader refuses (zip bombs, DTDs, encryption)."""
    data = read_bytes(source)
    with open_safe_zip(data, source) as archive:
        check_package(archive, source)
    return load_package(data, source)
