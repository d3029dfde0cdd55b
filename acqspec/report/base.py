"""The reporter interface: a finished :class:`CheckResult` in, text out.

A reporter formats; it never analyses, reads documents or looks rules up
elsewhere: everything it shows (findings, coverage, the metadata of the rules
that ran) is in the result it is given.  A module of :mod:`acqspec.report`
that defines ``REPORTER`` is an output format of ``acqspec check --format``
(see :data:`acqspec.report.FORMATS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from acqspec.check.findings import CheckResult, FailOn

OutputFormat = Literal["concise", "full"]


@dataclass(frozen=True)
class ReportOptions:
    """What the command line tells a reporter besides the result."""

    fail_on: FailOn = "error"
    """The severity at which the run fails (JUnit marks test cases failed at the same threshold)."""
    output_format: OutputFormat = "concise"
    """Text report: one line per finding (``concise``) or every detail of each finding (``full``)."""
    verbose: bool = False
    """Concise text: whole lines, with clause titles and authorities."""
    color: bool = False
    """Text report: ANSI colours (the command line decides: a terminal, NO_COLOR, FORCE_COLOR)."""
    width: int = 160
    """Concise text: the longest line, in characters (unless ``verbose``)."""


class Reporter(Protocol):
    """One output format."""

    name: str
    """The ``--format`` value."""
    summary: str
    """One line for the README's table of formats."""
    suffix: str
    """File name ending of a saved report (``sarif``, ``github.txt``), used for golden files."""

    def render(self, result: CheckResult, options: ReportOptions) -> str:
        """The whole report."""


@dataclass(frozen=True)
class FunctionReporter:
    """A reporter made of a render function, for formats that need no state."""

    name: str
    summary: str
    suffix: str
    function: object

    def render(self, result: CheckResult, options: ReportOptions) -> str:
        return self.function(result, options)  # type: ignore[operator]
