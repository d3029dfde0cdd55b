"""The rule base class and the context every rule receives."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from acqspec.check.baseline import Baseline
from acqspec.check.coverage import RequirementMatch, match_baseline
from acqspec.check.findings import Finding, FindingLocation, Severity
from acqspec.library.loader import Catalog
from acqspec.models import Document, Statement

_CODE = re.compile(r"^AQ[1-49]\d{2}$")
_NAME = re.compile(r"^[a-z]+(\.[a-z-]+)+$")


@dataclass
class CheckContext:
    """Everything a rule may look at for one document."""

    path: str
    document: Document
    statements: list[Statement]
    catalog: Catalog
    baseline: Baseline | None = None
    options: dict = field(default_factory=dict)
    _matches: list[RequirementMatch] | None = field(default=None, repr=False)

    @property
    def matches(self) -> list[RequirementMatch]:
        """How the document meets each baseline requirement (computed once, shared by the rules)."""
        if self._matches is None:
            self._matches = (match_baseline(self.baseline, self.statements, [b.text for b in self.document.blocks],
                                            frozenset(b.index for b in self.document.blocks
                                                      if b.kind in ("paragraph", "list_item")))
                             if self.baseline else [])
        return self._matches


class Rule:
    """Base of every checker rule.

    Subclasses set ``code`` (AQ1xx missing, AQ2xx weakened, AQ3xx conflicting,
    AQ4xx quality), a dotted ``name``, a default ``severity`` and a docstring
    with a one-line summary followed by *Why*, *Example* and *Fix* sections.
    """

    code: str = ""
    name: str = ""
    severity: Severity = "warning"

    def __init_subclass__(cls, abstract: bool = False, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if abstract:
            return
        doc = cls.__doc__ or ""
        if not _CODE.match(cls.code) or not _NAME.match(cls.name):
            raise TypeError(f"{cls.__name__}: bad rule code {cls.code!r} or name {cls.name!r}")
        for section in ("Why:", "Example:", "Fix:"):
            if section not in doc:
                raise TypeError(f"{cls.__name__}: docstring lacks a '{section}' section")

    @classmethod
    def summary(cls) -> str:
        """First line of the docstring."""
        return (cls.__doc__ or "").strip().splitlines()[0]

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        """Yield findings for the document in ``ctx``."""
        raise NotImplementedError

    def finding(self, ctx: CheckContext, statement: Statement | None, message: str, **extra) -> Finding:
        """A finding of this rule located at ``statement`` (or at the document)."""
        location = FindingLocation()
        evidence = None
        if statement is not None:
            location = FindingLocation(block=statement.block, section_path=statement.section_path,
                                       page=statement.page, line=statement.line, start=statement.start,
                                       end=statement.end, source=statement.source)
            evidence = statement.text
        return Finding(code=self.code, name=self.name, severity=extra.pop("severity", self.severity),
                       message=message, path=ctx.path, location=location, evidence=extra.pop("evidence", evidence),
                       **extra)
