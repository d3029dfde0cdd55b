"""One line per finding, then a summary (the default output)."""

from __future__ import annotations

from acqspec.check.findings import CheckResult
from acqspec.report.base import FunctionReporter, ReportOptions


def render_text(result: CheckResult, options: ReportOptions = ReportOptions()) -> str:
    """``path:location: CODE severity message [clause]`` lines plus a summary line."""
    lines = []
    for f in result.findings:
        clause = f" [{f.clause_id}; {f.authority}]" if f.clause_id else ""
        lines.append(f"{f.location.display(f.path)}: {f.code} {f.severity} {f.message}{clause}")
    lines.append(f"{len(result.paths)} document(s), {result.words} words: {result.count('error')} error(s), "
                 f"{result.count('warning')} warning(s), {result.count('info')} info")
    return "\n".join(lines) + "\n"


REPORTER = FunctionReporter(
    "text",
    "one line per finding, path:place: CODE severity message, then a summary",
    "txt", render_text)
