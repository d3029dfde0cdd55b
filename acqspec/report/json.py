"""The whole result as JSON (findings with full locations)."""

from __future__ import annotations

import json

from acqspec.check.findings import CheckResult
from acqspec.report.base import FunctionReporter, ReportOptions


def render_json(result: CheckResult, options: ReportOptions = ReportOptions()) -> str:
    """Stable, indented JSON of the result (rule documentation aside: ``acqspec rules`` has it)."""
    return json.dumps(result.model_dump(mode="json", exclude={"rules"}), indent=2, ensure_ascii=False) + "\n"


REPORTER = FunctionReporter(
    "json",
    "the whole result: findings with full locations, suppressed findings, coverage",
    "json", render_json)
