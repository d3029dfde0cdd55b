"""Reporters: a finished CheckResult → text.  They never read documents or analyse.

:data:`FORMATS` maps each ``--format`` name to its reporter; it is discovered
from the modules of this package that define ``REPORTER``, so adding an
output format is adding one module.
"""

from __future__ import annotations

import importlib
import pkgutil

from acqspec.report.base import Reporter, ReportOptions


def _discover() -> dict[str, Reporter]:
    found: dict[str, Reporter] = {}
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        reporter = getattr(importlib.import_module(f"{__name__}.{module.name}"), "REPORTER", None)
        if reporter is not None:
            found[reporter.name] = reporter
    # text first (the default), the rest by name
    return dict(sorted(found.items(), key=lambda item: (item[0] != "text", item[0])))


FORMATS: dict[str, Reporter] = _discover()

__all__ = ["FORMATS", "Reporter", "ReportOptions"]
