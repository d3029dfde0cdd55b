"""The wiring between files and the engines: the one place that reads files for a check.

check: paths → files → reader → :class:`~acqspec.models.Document` → statements
(:mod:`acqspec.nlp`) → :func:`acqspec.check.engine.check_document` → one
:class:`~acqspec.check.findings.CheckResult`.

baselines: profile → clause selection (:mod:`acqspec.generate`) → required
obligations; or a SOW file → reader → statements → required obligations.

With ``jobs > 1`` documents are checked in worker processes, each loading the
NLP pipeline once and sharing the loaded library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from acqspec.check.base import Rule
from acqspec.check.baseline import Baseline, clause_requirements, from_statements
from acqspec.check.engine import DocumentOutcome, check_document, combine
from acqspec.check.findings import CheckResult, Finding, Severity
from acqspec.check.patterns import ConflictPattern, conflict_patterns
from acqspec.check.registry import selected_rules
from acqspec.check.suppress import LoadedWaivers, WaiverFile
from acqspec.errors import AcqspecError, ReadError
from acqspec.generate.profile import load_profile
from acqspec.generate.select import select_clauses
from acqspec.io.readers import SUPPORTED_SUFFIXES, read_document
from acqspec.io.readers.text import parse_text
from acqspec.io.safe_yaml import load_yaml_file, validation_messages
from acqspec.library.loader import Catalog
from acqspec.nlp.embeddings import load_embedder
from acqspec.nlp.extract import extract_statements
from acqspec.runtime import collector_paused

# --------------------------------------------------------------------------- inputs


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Files given directly, plus every supported file below given folders (sorted, hidden ones skipped)."""
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


def baseline_from_profile(profile_path: str | Path, catalog: Catalog) -> Baseline:
    """The obligations of every clause the generator selects for the profile, with its parameter values."""
    selection = select_clauses(load_profile(profile_path), catalog)
    requirements = [r for s in selection.selected for r in clause_requirements(catalog, s.clause, s.values)]
    titles = {s.clause.id: s.clause.title for s in selection.selected}
    return Baseline("profile", f"profile {profile_path} ({len(titles)} clauses)", tuple(requirements), titles)


def baseline_from_sow(sow_path: str | Path, *, nlp=None, revisions: str = "accepted") -> Baseline:
    """Every contractor obligation or prohibition stated in the SOW a proposal answers."""
    document = read_document(sow_path, revisions=revisions)
    return from_statements(extract_statements(document, nlp), str(sow_path))


def load_waivers(path: str | Path) -> LoadedWaivers:
    """Read and validate a waiver file; errors name the file and line."""
    doc = load_yaml_file(path)
    try:
        parsed = WaiverFile.model_validate(doc.data)
    except ValidationError as exc:
        line, message = validation_messages(exc, doc)[0]
        raise AcqspecError(message, path=path, line=line) from None
    lines = tuple(doc.lines.get(("waivers", i), 1) for i in range(len(parsed.waivers)))
    return LoadedWaivers(Path(path), parsed.waivers, lines)


# --------------------------------------------------------------------------- one file


@dataclass
class Checker:
    """Everything needed to check one file; cheap to rebuild in a worker process."""

    catalog: Catalog
    rules: list[Rule]
    baseline: Baseline | None = None
    revisions: str = "accepted"
    nlp: object = None
    patterns: Sequence[ConflictPattern] = field(default=())

    def __post_init__(self) -> None:
        if not self.patterns:
            self.patterns = conflict_patterns(self.catalog)

    def check_file(self, file: Path) -> DocumentOutcome:
        """Read, extract and check one file."""
        with collector_paused():
            document = read_document(file, revisions=self.revisions)
            # Only matching a baseline uses meaning; without one the model is not even loaded.
            embedder = load_embedder() if self.baseline is not None else None
            return check_document(document, extract_statements(document, self.nlp), self.catalog, self.rules,
                                  baseline=self.baseline, patterns=self.patterns, path=str(file),
                                  embedder=embedder)


# --------------------------------------------------------------------------- worker processes

_WORKER: Checker | None = None


def _init_worker(checker: Checker) -> None:
    global _WORKER
    from acqspec.nlp.pipeline import load_pipeline

    checker.nlp = load_pipeline()
    _WORKER = checker


def _check_in_worker(file: Path) -> DocumentOutcome | str:
    assert _WORKER is not None
    try:
        return _WORKER.check_file(file)
    except AcqspecError as exc:  # exceptions lose their path/line when pickled; send the text
        return str(exc)


def _outcomes(checker: Checker, files: list[Path], jobs: int,
              progress: Callable[[int], None] | None) -> list[DocumentOutcome]:
    if jobs <= 1 or len(files) <= 1:
        outcomes = []
        for file in files:
            outcomes.append(checker.check_file(file))
            if progress:
                progress(1)
        return outcomes
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    shipped = Checker(checker.catalog, checker.rules, checker.baseline, checker.revisions, None, checker.patterns)
    # fork shares the loaded library read-only; spawn would re-import everything per worker.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    results: list[DocumentOutcome] = []
    with ProcessPoolExecutor(max_workers=min(jobs, len(files)), mp_context=context,
                             initializer=_init_worker, initargs=(shipped,)) as pool:
        for outcome in pool.map(_check_in_worker, files, chunksize=1):
            if isinstance(outcome, str):
                raise AcqspecError(outcome)
            results.append(outcome)
            if progress:
                progress(1)
    return results


# --------------------------------------------------------------------------- many files


def check_paths(paths: Sequence[str | Path], catalog: Catalog, *, select: tuple[str, ...] = (),
                ignore: tuple[str, ...] = (), revisions: str = "accepted", nlp=None,
                baseline: Baseline | None = None, waivers: Path | None = None,
                severity: Mapping[str, Severity] | None = None, jobs: int = 1, today: dt.date | None = None,
                progress: Callable[[int], None] | None = None, files: list[Path] | None = None) -> CheckResult:
    """Read, extract and check every document under ``paths``; one result with findings in document order.

    ``files`` skips expanding ``paths`` again when the caller already did.
    """
    loaded_waivers = load_waivers(waivers) if waivers else None
    files = files if files is not None else expand_paths(paths)
    rules = [rule() for rule in selected_rules(select, ignore)]
    outcomes = _outcomes(Checker(catalog, rules, baseline, revisions, nlp), files, jobs, progress)
    return combine(outcomes, rules, paths=[str(f) for f in files], baseline=baseline, waivers=loaded_waivers,
                   today=today, severity=severity)


def check_text(text: str, catalog: Catalog, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
               path: str = "<text>", markdown: bool = False, nlp=None,
               patterns: Sequence[ConflictPattern] | None = None) -> list[Finding]:
    """Active findings for a string checked as a .txt (or .md) file; for evaluations over many short texts."""
    document = parse_text(text, path, markdown=markdown)
    rules = [rule() for rule in selected_rules(select, ignore)]
    return check_document(document, extract_statements(document, nlp), catalog, rules, patterns=patterns).findings
