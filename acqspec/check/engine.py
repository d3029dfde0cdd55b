"""Run the selected rules over one read document, and combine documents into one result.

Per document: statements → rules → findings → inline suppressions → the
suppression rules' bookkeeping.  Over all documents: waivers, severity
overrides, one sorted :class:`CheckResult`.  Reading files and extracting
statements is the pipeline's job (:mod:`acqspec.pipeline`); this module sees
only a :class:`~acqspec.models.Document`, its statements and a baseline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from acqspec.check.base import CheckContext, Rule
from acqspec.check.concepts import concept_hits
from acqspec.check.baseline import Baseline, RequiredObligation
from acqspec.check.findings import CheckResult, CoverageItem, Finding, FindingLocation, Severity
from acqspec.check.patterns import ConflictPattern, TermsClassifier, conflict_patterns
from acqspec.check.coverage import Embedder
from acqspec.check.registry import CONTRADICTION_RULES, WEAKENING_RULES, rule_infos
from acqspec.check.suppress import Ledger, LoadedWaivers, apply_markers, apply_waivers, find_markers
from acqspec.library.loader import Catalog
from acqspec.models import Document, Statement


@dataclass
class DocumentOutcome:
    """What checking one document produced (plain data, so it can come back from a worker)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    coverage: list[CoverageItem] = field(default_factory=list)
    words: int = 0
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None
    """The document's page count when its format has pages (PDF; .docx when Word saved it)."""


def check_document(document: Document, statements: list[Statement], catalog: Catalog, rules: Sequence[Rule], *,
                   baseline: Baseline | None = None, patterns: Sequence[ConflictPattern] | None = None,
                   path: str | None = None, embedder: Embedder | None = None, terms: TermsClassifier | None = None,
                   min_confidence: float | None = None) -> DocumentOutcome:
    """Findings of ``rules`` for one read document, inline suppressions applied, and its coverage.

    ``patterns`` are the catalog's conflicting terms (:func:`conflict_patterns`);
    pass them when checking many documents against one catalog.  ``embedder``
    (:func:`acqspec.nlp.embeddings.load_embedder`) lets coverage match by meaning.  ``terms``
    (:func:`acqspec.nlp.terms.load_terms_model`) lets the conflict rules report terms by their
    calibrated probability, from ``min_confidence`` (default: the model's threshold).
    """
    path = path or document.path
    ctx = CheckContext(path=path, document=document, statements=statements, catalog=catalog, baseline=baseline,
                       judges=WEAKENING_RULES, contradiction_judges=CONTRADICTION_RULES, embedder=embedder,
                       conflict_patterns=conflict_patterns(catalog) if patterns is None else patterns,
                       terms=terms, min_confidence=min_confidence)
    found: set[Finding] = set()
    for rule in rules:
        found.update(rule.check(ctx))
    contradicting = {rule.code for rule in rules if rule.marks_contradicted}
    findings = sorted(found, key=Finding.sort_key)
    linked = _conflicts_on_sow_requirements(ctx, findings, contradicting)
    if linked:
        findings = _link_findings(findings, linked)
    coverage = _coverage(ctx, findings, contradicting, linked)
    markers, malformed = find_markers(document)
    active, suppressed, unused = apply_markers(findings, markers, path)
    ledger = Ledger(path, malformed=malformed, unused_markers=unused)
    active += [finding for rule in rules for finding in rule.review(ledger)]
    return DocumentOutcome(path=path, findings=active, suppressed=suppressed, coverage=coverage,
                           words=document.word_count, warnings=[f"{path}: {w}" for w in document.warnings])


def _conflicts_on_sow_requirements(ctx: CheckContext, findings: Sequence[Finding], contradicting: set[str]
                                   ) -> dict[str, tuple[RequiredObligation, Finding]]:
    """SOW requirement id → the policy conflict in the proposal that contradicts it (``--against``).

    A proposal term that conflicts with library clause C ("Northwind may use Customer Content to
    train our models" against DR-01) contradicts every SOW requirement that states one of C's
    obligations, i.e. whose wording evidences all of that obligation's concept groups ("The
    Contractor shall not use Government data to train or improve any commercial model").  Such a
    requirement is ``contradicted``, not "not addressed".
    """
    if ctx.baseline is None or ctx.baseline.kind != "against":
        return {}
    conflicts = [f for f in findings if f.code in contradicting and f.clause_id]
    if not conflicts:
        return {}
    linked: dict[str, tuple[RequiredObligation, Finding]] = {}
    for match in ctx.matches:
        req = match.requirement
        if req.clause_id is not None or match.status == "contradicted" or req.party not in ("contractor", "none"):
            continue
        for finding in conflicts:
            clause = ctx.catalog.get(finding.clause_id)
            if clause is not None and any(o.concepts and concept_hits(req.text, o.concepts) is not None
                                          for o in clause.obligations):
                linked[req.id] = (req, finding)
                break
    return linked


def _link_findings(findings: list[Finding], linked: Mapping[str, tuple[RequiredObligation, Finding]]
                   ) -> list[Finding]:
    """The conflict findings name the SOW requirements they contradict; those requirements get no
    "not addressed" finding (AQ103) as well."""
    requirements: dict[Finding, list[str]] = {}
    for requirement, finding in linked.values():
        requirements.setdefault(finding, []).append(requirement.source or requirement.id)
    out = []
    for finding in findings:
        if finding.code == "AQ103" and finding.obligation_id in linked:
            continue
        if finding in requirements:
            places = "; ".join(requirements[finding])
            finding = finding.model_copy(update={"message": f"{finding.message}; it contradicts the SOW requirement "
                                                            f"at {places}"})
        out.append(finding)
    return out


def _coverage(ctx: CheckContext, findings: Sequence[Finding], contradicting: set[str],
              linked: Mapping[str, tuple[RequiredObligation, Finding]]) -> list[CoverageItem]:
    if ctx.baseline is None:
        return []
    contradicted = {f.clause_id: f for f in findings if f.code in contradicting and f.clause_id}
    items = []
    for match in ctx.matches:
        req = match.requirement
        status = match.status
        conflict = contradicted.get(req.clause_id) if req.clause_id else None
        if req.clause_id is None and req.id in linked:
            conflict = linked[req.id][1]
        location = None
        if conflict is not None:
            status, location, text = "contradicted", conflict.location, conflict.evidence
        else:
            evidence = match.statement or match.accepted_by
            text = evidence.text if evidence else None
            if evidence is not None:
                location = FindingLocation(block=evidence.block, section_path=evidence.section_path,
                                           page=evidence.page, line=evidence.line, start=evidence.start,
                                           end=evidence.end, source=evidence.source)
        items.append(CoverageItem(path=ctx.path, clause_id=req.clause_id or "SOW", obligation_id=req.id,
                                  requirement=req.text, status=status, score=match.score, location=location,
                                  evidence=text))
    return items


def combine(outcomes: Sequence[DocumentOutcome], rules: Sequence[Rule], *, paths: Sequence[str],
            baseline: Baseline | None = None, waivers: LoadedWaivers | None = None, today: dt.date | None = None,
            severity: Mapping[str, Severity] | None = None) -> CheckResult:
    """One result for all documents: waivers applied, severities overridden, findings in document order."""
    findings = [f for o in outcomes for f in o.findings]
    suppressed = [f for o in outcomes for f in o.suppressed]
    if waivers is not None:
        findings, waived, ledger = apply_waivers(findings, waivers, today or dt.date.today())
        suppressed += waived
        findings += [finding for rule in rules for finding in rule.review(ledger)]
    if severity:
        findings = [f.model_copy(update={"severity": severity[f.code]}) if f.code in severity else f
                    for f in findings]
    return CheckResult(paths=tuple(paths),
                       findings=tuple(sorted(set(findings), key=Finding.sort_key)),
                       suppressed=tuple(sorted(set(suppressed), key=Finding.sort_key)),
                       coverage=tuple(c for o in outcomes for c in o.coverage),
                       baseline=baseline.description if baseline else None,
                       words=sum(o.words for o in outcomes),
                       warnings=tuple(w for o in outcomes for w in o.warnings),
                       rules=rule_infos(rules))
