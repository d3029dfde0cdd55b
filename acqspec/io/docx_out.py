"""Deterministic .docx output shared by every writer.

python-docx stamps zip entries with the current time, so two runs over the
same input differ in bytes.  :func:`docx_bytes` re-packs the package with
fixed timestamps and fixed core properties so that the same input gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from acqspec.errors import AcqspecError

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def new_document(template: str | Path | None = None):
    """A python-docx Document, empty or based on an organisation's template."""
    import docx

    from acqspec.errors import ReadError
    from acqspec.io.readers.docx import open_word_package

    if template is None:
        return docx.Document()
    # A template is a .docx from elsewhere: the same checks as a document to read
    # (zip bombs, DTDs, damaged or non-Word packages), each a one-line error.
    try:
        document = open_word_package(Path(template))
    except ReadError as exc:
        raise AcqspecError(f"cannot use as a Word template: {exc.message}", path=template) from exc
    # Keep the template's styles, headers and page setup but none of its body text.
    body = document.element.body
    if body is None:
        raise AcqspecError("cannot use as a Word template: it has no document body", path=template)
    for child in list(body):
        if child.tag.endswith("}sectPr"):
            continue
        body.remove(child)
    return document


def set_properties(document, *, title: str, subject: str = "", when: dt.date | None = None) -> None:
    """Fix the core properties so they do not depend on the clock or the user."""
    moment = dt.datetime.combine(when or dt.date(2025, 1, 1), dt.time(0, 0))
    props = document.core_properties
    # python-docx refuses core properties over 255 characters; a long profile title is not an error.
    props.title = title if len(title) <= 255 else title[:254] + "…"
    props.subject = subject if len(subject) <= 255 else subject[:254] + "…"
    props.author = "acqspec"
    props.last_modified_by = "acqspec"
    props.created = moment
    props.modified = moment
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.category = ""


def docx_bytes(document) -> bytes:
    """Serialise ``document`` with sorted-stable, fixed-timestamp zip entries."""
    raw = io.BytesIO()
    document.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
