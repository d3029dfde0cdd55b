"""The whole result as JSON (findings with full locations)."""

from __future__ import annotations

import json

from acqspec.check.findings import CheckResult


def render_json(result: CheckResult) -> str:
    """Stable, indented JSON of the result."""
    return json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
