"""Reporters: a finished CheckResult → text.  They never read documents or analyse.

:data:`FORMATS` maps each ``--format`` name to its reporter; it is discovered
from the modules of this package that define ``REPORTER``, so adding an
output format is adding one module (named as its format).  The names are
listed without importing anything and a reporter's module is imported only
when its format is looked up, so a run pays for the one format it writes
(python-docx, for one, is not loaded for a text report).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping

from acqspec.report.base import Reporter, ReportOptions

_NOT_FORMATS = frozenset({"base", "common", "docx_comments"})
"""Modules of this package that are not output formats (no ``REPORTER``); the
Word reviewed copy (``docx_comments``) is written by ``acqspec check`` itself."""


class _Formats(Mapping[str, Reporter]):
    """``--format`` name → reporter, text first (the default), the rest by name; imported on first use."""

    def __init__(self) -> None:
        self._names: tuple[str, ...] | None = None
        self._loaded: dict[str, Reporter] = {}

    def _list(self) -> tuple[str, ...]:
        if self._names is None:
            names = [m.name for m in pkgutil.iter_modules(__path__)
                     if not m.name.startswith("_") and m.name not in _NOT_FORMATS]
            self._names = tuple(sorted(names, key=lambda name: (name != "text", name)))
        return self._names

    def __getitem__(self, name: str) -> Reporter:
        reporter = self._loaded.get(name)
        if reporter is None:
            if name not in self._list():
                raise KeyError(name)
            reporter = getattr(importlib.import_module(f"{__name__}.{name}"), "REPORTER", None)
            if reporter is None or reporter.name != name:
                raise LookupError(f"{__name__}.{name} must define REPORTER named {name!r} "
                                  f"(or be listed in {__name__}._NOT_FORMATS)")
            self._loaded[name] = reporter
        return reporter

    def __contains__(self, name: object) -> bool:
        return name in self._list()

    def __iter__(self) -> Iterator[str]:
        return iter(self._list())

    def __len__(self) -> int:
        return len(self._list())

    def __repr__(self) -> str:
        return f"FORMATS({', '.join(self._list())})"


FORMATS: Mapping[str, Reporter] = _Formats()

__all__ = ["FORMATS", "Reporter", "ReportOptions"]
