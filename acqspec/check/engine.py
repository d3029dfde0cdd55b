"""Run the selected rules over documents and collect one sorted result.

Flow per document: reader → Document → statements → rules → findings →
inline suppressions.  Then, over all documents: waivers, severity overrides,
one sorted :class:`CheckResult`.  With ``jobs > 1`` documents are checked in
worker processes, each loading the library and the NLP pipeline once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from acqspec.check.base import CheckContext, Rule
from acqspec.check.baseline import Baseline
from acqspec.check.findings import CheckResult, CoverageItem, Finding, FindingLocation
from acqspec.check.registry import selected_rules
from acqspec.errors import AcqspecError, ReadError
from acqspec.library.loader import Catalog
from acqspec.models import Document
from acqspec.runtime import collector_paused


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Files given directly, plus every supported file below given folders (sorted)."""
    from acqspec.io.readers import SUPPORTED_SUFFIXES

    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.exists():
            files.append(path)
        else:
            raise ReadError("no such file or folder", path=path)
    return files


@dataclass
class FileOutcome:
    """What checking one file produced (plain data, so it can come back from a worker)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    coverage: list[CoverageItem] = field(default_factory=list)
    words: int = 0
    warnings: list[str] = field(default_factory=list)


def check_document_coverage(document: Document, catalog: Catalog, rules: Sequence[Rule], *, nlp=None,
                            path: str | None = None, baseline: Baseline | None = None
                            ) -> tuple[list[Finding], list[CoverageItem]]:
    """Findings plus, when there is a baseline, the status of every required obligation."""
    from acqspec.nlp.extract import extract_statements

    ctx = CheckContext(path=path or document.path, document=document,
                       statements=extract_statements(document, nlp), catalog=catalog, baseline=baseline)
    found: set[Finding] = set()
    for rule in rules:
        found.update(rule.check(ctx))
    findings = sorted(found, key=Finding.sort_key)
    return findings, _coverage(ctx, findings)


def check_document(document: Document, catalog: Catalog, rules: Sequence[Rule], *, nlp=None,
                   path: str | None = None, baseline: Baseline | None = None) -> list[Finding]:
    """Findings of ``rules`` for one already-read document, in document order."""
    return check_document_coverage(document, catalog, rules, nlp=nlp, path=path, baseline=baseline)[0]


def check_text(text: str, catalog: Catalog, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
               path: str = "<text>", markdown: bool = False, nlp=None) -> list[Finding]:
    """Check a string as if it were a .txt (or .md) file; for evaluations over many short texts."""
    from acqspec.io.readers.text import parse_text

    rules = [rule() for rule in selected_rules(select, ignore)]
    return check_document(parse_text(text, path, markdown=markdown), catalog, rules, nlp=nlp)


def _coverage(ctx: CheckContext, findings: Sequence[Finding]) -> list[CoverageItem]:
    if ctx.baseline is None:
        return []
    contradicted = {f.clause_id: f for f in findings if f.code == "AQ301" and f.clause_id}
    items = []
    for match in ctx.matches:
        req = match.requirement
        status = match.status
        conflict = contradicted.get(req.clause_id) if req.clause_id else None
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


@dataclass
class Checker:
    """Everything needed to check one file; cheap to rebuild in a worker process."""

    catalog: Catalog
    rules: list[Rule]
    baseline: Baseline | None = None
    revisions: str = "accepted"
    nlp: object = None

    def check_file(self, file: Path) -> FileOutcome:
        with collector_paused():
            return self._check_file(file)

    def _check_file(self, file: Path) -> FileOutcome:
        from acqspec.check.suppress import apply_markers, find_markers
        from acqspec.io.readers import read_document

        document = read_document(file, revisions=self.revisions)
        findings, coverage = check_document_coverage(document, self.catalog, self.rules, nlp=self.nlp,
                                                     path=str(file), baseline=self.baseline)
        comments = None
        if document.format == "docx":
            from acqspec.io.docx_package import comments_by_paragraph

            comments = comments_by_paragraph(file)
        markers, malformed = find_markers(document, str(file), comments)
        active, suppressed, unused = apply_markers(findings, markers, str(file))
        return FileOutcome(path=str(file), findings=active + malformed + unused, suppressed=suppressed,
                           coverage=coverage, words=document.word_count,
                           warnings=[f"{file}: {w}" for w in document.warnings])


# ---------------------------------------------------------------- worker processes

_WORKER: Checker | None = None


def _init_worker(checker: Checker) -> None:
    global _WORKER
    from acqspec.nlp.pipeline import load_pipeline

    checker.nlp = load_pipeline()
    _WORKER = checker


def _check_in_worker(file: Path) -> FileOutcome | str:
    assert _WORKER is not None
    try:
        return _WORKER.check_file(file)
    except AcqspecError as exc:  # exceptions lose their path/line when pickled; send the text
        return str(exc)


def _outcomes(checker: Checker, files: list[Path], jobs: int,
              progress: Callable[[int], None] | None) -> list[FileOutcome]:
    if jobs <= 1 or len(files) <= 1:
        outcomes = []
        for file in files:
            outcomes.append(checker.check_file(file))
            if progress:
                progress(1)
        return outcomes
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    shipped = Checker(checker.catalog, checker.rules, checker.baseline, checker.revisions)
    # fork shares the loaded library read-only; spawn would re-import everything per worker.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    results: list[FileOutcome] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=context,
                             initializer=_init_worker, initargs=(shipped,)) as pool:
        for outcome in pool.map(_check_in_worker, files, chunksize=1):
            if isinstance(outcome, str):
                raise AcqspecError(outcome)
            results.append(outcome)
            if progress:
                progress(1)
    return results


def check_documents(paths: Sequence[str | Path], catalog: Catalog, *, select: tuple[str, ...] = (),
                    ignore: tuple[str, ...] = (), revisions: str = "accepted", nlp=None,
                    baseline: Baseline | None = None, waivers: Path | None = None,
                    severity: dict[str, str] | None = None, jobs: int = 1, today: dt.date | None = None,
                    progress: Callable[[int], None] | None = None, files: list[Path] | None = None
                    ) -> CheckResult:
    """Read, extract and check every document; one result with findings in document order."""
    from acqspec.check.suppress import apply_waivers, load_waivers

    loaded_waivers = load_waivers(waivers) if waivers else None
    files = files if files is not None else expand_paths(paths)
    rule_classes = selected_rules(select, ignore)
    wanted = {r.code for r in rule_classes}
    checker = Checker(catalog, [rule() for rule in rule_classes], baseline, revisions, nlp)
    outcomes = _outcomes(checker, files, jobs, progress)

    findings = [f for o in outcomes for f in o.findings]
    suppressed = [f for o in outcomes for f in o.suppressed]
    if loaded_waivers is not None:
        findings, waived, bookkeeping = apply_waivers(findings, loaded_waivers, today or dt.date.today())
        suppressed += waived
        findings += bookkeeping
    findings = [f for f in findings if f.code in wanted]
    if severity:
        findings = [f.model_copy(update={"severity": severity[f.code]}) if f.code in severity else f
                    for f in findings]
    return CheckResult(paths=tuple(str(f) for f in files),
                       findings=tuple(sorted(set(findings), key=Finding.sort_key)),
                       suppressed=tuple(sorted(set(suppressed), key=Finding.sort_key)),
                       coverage=tuple(c for o in outcomes for c in o.coverage),
                       baseline=baseline.description if baseline else None,
                       words=sum(o.words for o in outcomes),
                       warnings=tuple(w for o in outcomes for w in o.warnings))
