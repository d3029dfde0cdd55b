"""AQ400: a file that was to be checked could not be read.

The rule reads no document: a file that cannot be read never becomes one.
The pipeline (:mod:`acqspec.pipeline`) reports each such file with
:meth:`UnreadableFile.for_file` and goes on with the rest of the batch; the
finding is always reported, whatever ``--select``/``--ignore`` say, and the
run exits 2.
"""

from __future__ import annotations

from acqspec.check.base import Rule
from acqspec.check.findings import Finding


class UnreadableFile(Rule):
    """A file to be checked cannot be read: corrupt, encrypted, empty, too large or not what its name says.

    Why: a document that cannot be read has not been checked, and a batch
    that silently left it out would look clean.  The other files of the
    batch are still checked; the run exits 2 so CI notices.

    Example: ``proposals/vendor-b.docx`` is a renamed .doc, or a PDF is
    password-protected: "is not a Word .docx file (not a zip package)".

    Fix: open the file and save it again as .docx (or a PDF with a text
    layer, without a password), or leave it out with --exclude.
    """

    code = "AQ400"
    name = "file.unreadable"
    severity = "error"

    def for_file(self, path: str, reason: str) -> Finding:
        """The finding for ``path``, which could not be read for ``reason`` (one line)."""
        return self.finding(path, None, f"cannot be read: {reason}")
