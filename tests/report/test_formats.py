"""``report.FORMATS``: every reporter module is a format, listed without importing any of them (issue 14)."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import acqspec.report as report
from acqspec.report import FORMATS


def test_formats_are_the_modules_that_define_a_reporter_named_after_them() -> None:
    found = {}
    for module in pkgutil.iter_modules(report.__path__):
        reporter = getattr(importlib.import_module(f"acqspec.report.{module.name}"), "REPORTER", None)
        if reporter is None:
            assert module.name in report._NOT_FORMATS, f"{module.name} defines no REPORTER"
        else:
            assert reporter.name == module.name
            found[reporter.name] = reporter
    assert list(FORMATS) == sorted(found, key=lambda name: (name != "text", name))
    assert dict(FORMATS) == found
    assert "text" in FORMATS and "docx" not in FORMATS and len(FORMATS) == len(found)


def test_listing_the_formats_imports_no_reporter() -> None:
    code = ("import sys; from acqspec.report import FORMATS; names = list(FORMATS); FORMATS['text']; "
            "loaded = [m for m in ('acqspec.report.sarif', 'acqspec.report.docx_comments', 'docx') if m in sys.modules]; "
            "print(names, loaded)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]"), out
