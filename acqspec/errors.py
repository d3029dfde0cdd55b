"""User-facing errors.

Every problem caused by input the user gave (a clause file, a profile, a
document, a command-line value) is raised as an :class:`AcqspecError`.  The CLI
catches exactly this family, prints ``str(error)`` on one line and exits 2;
anything else is a bug and is allowed to surface.
"""

from __future__ import annotations

from pathlib import Path


class AcqspecError(Exception):
    """A problem with the user's input, reported as ``path:line: message``."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        # One line whatever the input held: a file name or a quoted value with a
        # line break, a NUL or a terminal escape is shown escaped.
        message = _printable(self.message)
        if self.path and self.line:
            return f"{_printable(self.path)}:{self.line}: {message}"
        if self.path:
            return f"{_printable(self.path)}: {message}"
        return message


def _printable(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class LibraryError(AcqspecError):
    """A clause library or authority registry cannot be loaded."""


class YamlError(AcqspecError):
    """A YAML file is malformed or uses a construct acqspec refuses."""


class ProfileError(AcqspecError):
    """An acquisition profile is invalid."""


class OutputError(AcqspecError):
    """An output file cannot be written where it was asked to go."""


class ReadError(AcqspecError):
    """A document cannot be read (missing, corrupt, encrypted, hostile or empty)."""
