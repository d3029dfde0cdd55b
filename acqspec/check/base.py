"""The rule base class and what rules receive: one document's context, or the suppression ledger."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from acqspec.check.baseline import Baseline
from acqspec.check.coverage import ContradictionJudge, Embedder, Judge, RequirementMatch, match_baseline
from acqspec.check.findings import Finding, FindingLocation, RuleFamily, RuleInfo, Severity
from acqspec.check.patterns import ConflictPattern, TermsClassifier
from acqspec.check.suppress import Ledger
from acqspec.library.loader import Catalog
from acqspec.models import Document, Statement

_CODE = re.compile(r"^AQ[1-49]\d{2}$")
_NAME = re.compile(r"^[a-z]+(\.[a-z-]+)+$")
_FAMILIES: dict[str, RuleFamily] = {"1": "missing", "2": "weakened", "3": "conflicting", "4": "quality",
                                    "9": "suppression"}
_SECTIONS = ("Why", "Example", "Fix")


@dataclass
class CheckContext:
    """Everything a rule may look at for one document."""

    path: str
    document: Document
    statements: list[Statement]
    catalog: Catalog
    baseline: Baseline | None = None
    judges: Sequence[Judge] = ()
    """How a matched sentence can fall short of a requirement (the weakening rules' predicates)."""
    contradiction_judges: Sequence[ContradictionJudge] = ()
    """How a sentence can contradict a requirement (the conflict rules' predicates)."""
    embedder: Embedder | None = None
    """Sentence embeddings for matching by meaning (None: wording and concepts only)."""
    conflict_patterns: Sequence[ConflictPattern] = ()
    """The library's conflicting terms, read once per catalog (see :func:`acqspec.check.patterns.conflict_patterns`)."""
    terms: TermsClassifier | None = None
    """The terms classifier (None: the conflict rules report pattern matches alone)."""
    min_confidence: float | None = None
    """The probability from which the classifier's findings count (None: the model's own threshold)."""
    _matches: list[RequirementMatch] | None = field(default=None, repr=False)
    _term_scores: dict = field(default_factory=dict, repr=False)

    def term_score(self, statement: Statement, rule_match: bool, threshold: float, terms_of_service: bool = True):
        """The classifier's reading of ``statement`` (once per statement, rule-match state, threshold and head
        choice; ``terms_of_service``: whether the terms-of-service head reads it too)."""
        key = (statement.block, statement.start, statement.text, rule_match, threshold, terms_of_service)
        if key not in self._term_scores:
            self._term_scores[key] = self.terms.score(statement.text, rule_match, threshold,  # type: ignore[union-attr]
                                                      terms_of_service=terms_of_service)
        return self._term_scores[key]

    @property
    def matches(self) -> list[RequirementMatch]:
        """How the document meets each baseline requirement (computed once, shared by the rules)."""
        if self._matches is None:
            self._matches = (match_baseline(self.baseline, self.statements, [b.text for b in self.document.blocks],
                                            frozenset(b.index for b in self.document.blocks
                                                      if b.kind in ("paragraph", "list_item")), self.judges,
                                            self.contradiction_judges, self.embedder)
                             if self.baseline else [])
        return self._matches

    def contradicted_by(self, code: str) -> Iterable[RequirementMatch]:
        """The matches a contradiction judge with rule ``code`` marked ``contradicted``, with their sentence."""
        for match in self.matches:
            why = match.contradiction
            if match.status == "contradicted" and why is not None and why.code == code and match.statement is not None:
                yield match


_REGISTERED: list[type[Rule]] = []


class Rule:
    """Base of every checker rule.

    Subclasses set ``code`` (AQ1xx missing, AQ2xx weakened, AQ3xx conflicting,
    AQ4xx quality, AQ9xx suppression bookkeeping), a dotted ``name``, a default
    ``severity`` and a docstring that is their documentation: a one-line
    summary followed by *Why*, *Example* and *Fix* paragraphs.  Defining the
    class registers it (see :mod:`acqspec.check.registry`).

    A rule reads a document in :meth:`check`; a suppression rule reads the
    :class:`~acqspec.check.suppress.Ledger` of markers and waivers in :meth:`review`.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = "warning"
    marks_contradicted: ClassVar[bool] = False
    """A finding of this rule on a clause makes that clause's coverage ``contradicted``."""
    yields_to_a_match: ClassVar[bool] = False
    """As a contradiction judge, this rule contradicts only a requirement no sentence meets (AQ306)."""

    def __init_subclass__(cls, abstract: bool = False, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if abstract:
            return
        if not _CODE.match(cls.code) or not _NAME.match(cls.name):
            raise TypeError(f"{cls.__name__}: bad rule code {cls.code!r} or name {cls.name!r}")
        cls._info = _rule_info(cls)
        _REGISTERED.append(cls)

    @classmethod
    def info(cls) -> RuleInfo:
        """The rule's metadata and documentation as data."""
        return cls._info

    @classmethod
    def summary(cls) -> str:
        """First line of the documentation."""
        return cls._info.summary

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        """Findings for the document in ``ctx`` (none by default)."""
        return ()

    def review(self, ledger: Ledger) -> Iterable[Finding]:
        """Findings about the suppressions themselves (none by default)."""
        return ()

    def finding(self, ctx: CheckContext | str, statement: Statement | None, message: str, **extra) -> Finding:
        """A finding of this rule in ``ctx`` (or the file path given), located at ``statement`` (or the document)."""
        location = extra.pop("location", None) or FindingLocation()
        evidence = None
        if statement is not None:
            location = FindingLocation(block=statement.block, section_path=statement.section_path,
                                       page=statement.page, line=statement.line, start=statement.start,
                                       end=statement.end, source=statement.source)
            evidence = statement.text
        return Finding(code=self.code, name=self.name, severity=extra.pop("severity", self.severity),
                       message=message, path=ctx if isinstance(ctx, str) else ctx.path, location=location,
                       evidence=extra.pop("evidence", evidence), **extra)


def _rule_info(rule: type[Rule]) -> RuleInfo:
    doc = inspect.cleandoc(rule.__doc__ or "")
    sections = {}
    for section in _SECTIONS:
        match = re.search(rf"^{section}:\s*(.*?)(?=\n\s*\n|\Z)", doc, re.MULTILINE | re.DOTALL)
        if match is None:
            raise TypeError(f"{rule.__name__}: docstring lacks a '{section}:' paragraph")
        sections[section.lower()] = " ".join(match.group(1).split())
    return RuleInfo(code=rule.code, name=rule.name, severity=rule.severity, family=_FAMILIES[rule.code[2]],
                    summary=doc.splitlines()[0] if doc else "", documentation=doc, **sections)
