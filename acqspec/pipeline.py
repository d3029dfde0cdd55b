"""The wiring between files and the engines: the one place that reads files for a check.

check: paths → files → reader → :class:`~acqspec.models.Document` → statements
(:mod:`acqspec.nlp`) → :func:`acqspec.check.engine.check_document` → one
:class:`~acqspec.check.findings.CheckResult`.

baselines: profile → clause selection (:mod:`acqspec.generate`) → required
obligations; or a SOW file → reader → statements → required obligations.

A batch keeps going: a file that cannot be read becomes an AQ400 finding for
that file and the others are still checked; files of a type acqspec does not
read (a ``.doc``) are listed as skipped with the reason.  Folders are walked
without hidden files, without what ``.gitignore`` files ignore and without
what ``--exclude`` patterns name.  Findings get the section of their block as
the document shows it (:func:`acqspec.models.section_places`).

With ``jobs > 1`` documents are checked in worker processes, each loading the
NLP pipeline once and sharing the loaded library.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from acqspec.check.base import Rule
from acqspec.check.baseline import Baseline, clause_requirements, from_statements
from acqspec.check.engine import DocumentOutcome, check_document, combine
from acqspec.check.findings import (
    CheckResult,
    CoverageItem,
    Finding,
    FindingLocation,
    Severity,
    UncheckedFile,
)
from acqspec.check.patterns import ConflictPattern, conflict_patterns
from acqspec.check.registry import selected_rules
from acqspec.check.rules.files import UnreadableFile
from acqspec.check.suppress import LoadedWaivers, WaiverFile
from acqspec.errors import AcqspecError, ReadError
from acqspec.io.readers import SUPPORTED_SUFFIXES, read_document
from acqspec.io.readers.text import parse_text
from acqspec.io.safe_yaml import load_yaml_file, validation_messages
from acqspec.library.loader import Catalog
from acqspec.models import Document
from acqspec.nlp.embeddings import load_embedder
from acqspec.nlp.extract import extract_statements
from acqspec.nlp.terms import load_terms_model
from acqspec.runtime import collector_paused

# --------------------------------------------------------------------------- inputs

# Files a folder may hold that people would expect to be checked: listed as skipped, with the reason.
# Anything else a folder holds (images, spreadsheets of figures, YAML) is not a document and is passed over.
DOCUMENT_LIKE_SUFFIXES = (".doc", ".docm", ".dot", ".dotx", ".dotm", ".rtf", ".odt", ".ott", ".wpd", ".wps",
                          ".pages", ".htm", ".html", ".xps", ".epub")


@dataclass(frozen=True)
class Exclude:
    """``.gitignore``-style patterns (``drafts/``, ``*.old.docx``, ``archive/**``) relative to ``base``.

    Command-line patterns are relative to the working directory, a config
    file's to the config file's folder.  A pattern without a slash matches a
    file or folder name anywhere below ``base``.
    """

    patterns: tuple[str, ...]
    base: Path = Path(".")

    def __post_init__(self) -> None:
        for pattern in self.patterns:  # a bad pattern is an error before any work
            if not _valid_pattern(pattern):
                raise AcqspecError(f"--exclude / exclude: {pattern!r} is not a valid .gitignore-style pattern")

    @cached_property
    def spec(self):
        return _gitignore_spec(self.patterns)

    def matches(self, path: Path, *, is_dir: bool = False) -> bool:
        """Whether ``path`` (or, for a folder, everything below it) is excluded."""
        relative = _relative_posix(path, self.base)
        return bool(self.patterns) and self.spec.match_file(relative + ("/" if is_dir else ""))


@dataclass
class Inputs:
    """What a check reads: the document files in order, and the files left out with the reason."""

    files: list[Path] = field(default_factory=list)
    skipped: list[UncheckedFile] = field(default_factory=list)


def expand_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Files given directly, plus every supported file below given folders (see :func:`collect_inputs`)."""
    return collect_inputs(paths).files


def collect_inputs(paths: Sequence[str | Path], *, exclude: Sequence[Exclude] = (),
                   respect_gitignore: bool = True, also: tuple[str, ...] = ()) -> Inputs:
    """The files to check under ``paths``, and the skipped ones with their reason.

    Folders are walked in sorted order.  Left out without a word: hidden files
    and folders (a name starting with "."), what an ``exclude`` pattern
    matches, and in folders what a ``.gitignore`` ignores (those inside the
    folder and those above it up to the repository root, with
    ``.git/info/exclude``; a file named on the command line is checked even
    when a ``.gitignore`` ignores it).  Listed as skipped: files of a type
    acqspec does not read that look like documents (``.doc``, ``.rtf``,
    ``.odt``, …), and any file of another type named on the command line.
    ``also`` adds suffixes to collect beside the documents (``(".zip",)`` for portfolio scans).

    Raises:
        ReadError: a path does not exist.
    """
    found = Inputs()
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = _walk(path, exclude, respect_gitignore)
            explicit = False
        elif path.exists():
            if any(e.matches(path) for e in exclude):
                continue
            candidates, explicit = [path], True
        else:
            raise ReadError("no such file or folder", path=path)
        for file in candidates:
            key = Path(os.path.normpath(file))
            if key in seen:
                continue
            seen.add(key)
            suffix = file.suffix.lower()
            if suffix in SUPPORTED_SUFFIXES or suffix in also:
                found.files.append(file)
            elif explicit or suffix in DOCUMENT_LIKE_SUFFIXES:
                found.skipped.append(UncheckedFile(path=str(file), reason=_unsupported_reason(file)))
    return found


def _unsupported_reason(file: Path) -> str:
    """What the readers say about a file type they do not read (decided by the suffix, without opening it)."""
    try:
        read_document(file)
    except ReadError as exc:
        return exc.message
    return "not read"  # pragma: no cover - only called for unsupported suffixes


def _walk(top: Path, exclude: Sequence[Exclude], respect_gitignore: bool) -> list[Path]:
    """Every file below ``top`` that no hidden name, exclude pattern or .gitignore leaves out, sorted."""
    ignores = _GitIgnores(top) if respect_gitignore else None
    files: list[Path] = []
    for folder, subfolders, names in os.walk(top):
        here = Path(folder)
        if ignores is not None:
            ignores.enter(here)
        keep = []
        for name in sorted(subfolders):
            sub = here / name
            if name.startswith(".") or any(e.matches(sub, is_dir=True) for e in exclude) or \
                    (ignores is not None and ignores.ignored(sub, is_dir=True)):
                continue
            keep.append(name)
        subfolders[:] = keep  # os.walk descends only into these
        for name in names:
            file = here / name
            if name.startswith(".") or not file.is_file():
                continue
            if any(e.matches(file) for e in exclude) or (ignores is not None and ignores.ignored(file)):
                continue
            files.append(file)
    return sorted(files)


def _gitignore_spec(lines: Iterable[str]):
    import pathspec  # only folder walks need it

    return pathspec.GitIgnoreSpec.from_lines(list(lines))


def _relative_posix(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return Path(os.path.normpath(path)).as_posix().lstrip("/")


class _GitIgnores:
    """The ``.gitignore`` files that apply below one folder, as git reads them.

    Patterns are relative to the folder holding their file; a deeper file's
    decision wins over a shallower one's, and within a file the last matching
    pattern wins (``!keep.pdf`` re-includes).  What an ignored folder holds is
    never looked at, so nothing below it can be re-included (as in git).
    """

    def __init__(self, top: Path) -> None:
        self.lines: dict[Path, list[str]] = {}
        self.specs: dict[Path, object] = {}
        root = _repository_root(top)
        if root is not None:
            above = [p for p in _resolved(top).parents if p.is_relative_to(root) and p != root]
            self._load(root, root / ".git" / "info" / "exclude")
            for folder in (root, *reversed(above)):
                self._load(folder, folder / ".gitignore")

    def _load(self, folder: Path, file: Path) -> None:
        try:
            if not file.is_file():
                return
            with file.open("rb") as handle:
                lines = handle.read(1_000_000).decode("utf-8", "replace").splitlines()
        except OSError:
            return
        key = _resolved(folder)
        # .git/info/exclude and the root .gitignore share a folder; the .gitignore comes last and wins
        known = self.lines.setdefault(key, [])
        try:
            self.specs[key] = _gitignore_spec([*known, *lines])
            known += lines
        except ValueError:  # a line git cannot read either (a lone "!"): pass over it, keep the others
            known += [line for line in lines if _valid_pattern(line)]
            self.specs[key] = _gitignore_spec(known)

    def enter(self, folder: Path) -> None:
        """Read ``folder``'s own ``.gitignore`` before its contents are judged."""
        self._load(folder, folder / ".gitignore")

    def ignored(self, path: Path, *, is_dir: bool = False) -> bool:
        """Whether git would ignore ``path``: the deepest ``.gitignore`` with a matching pattern decides."""
        target = _resolved(path.parent) / path.name
        decision = False
        for folder in sorted(self.specs, key=lambda f: len(f.parts)):
            if not target.is_relative_to(folder):
                continue
            relative = target.relative_to(folder).as_posix()
            result = self.specs[folder].check_file(relative + ("/" if is_dir else ""))  # type: ignore[attr-defined]
            if result.include is not None:
                decision = result.include
        return decision


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _valid_pattern(line: str) -> bool:
    try:
        _gitignore_spec([line])
    except ValueError:  # pathspec's pattern errors are ValueErrors
        return False
    return True


def _repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git``, or None outside a repository."""
    try:
        here = start.resolve()
    except (OSError, RuntimeError):
        return None
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def baseline_from_profile(profile_path: str | Path, catalog: Catalog) -> Baseline:
    """The obligations of every clause the generator selects for the profile, with its parameter values."""
    from acqspec.generate.profile import load_profile  # only --profile needs the generator (start-up time)
    from acqspec.generate.select import select_clauses

    selection = select_clauses(load_profile(profile_path), catalog)
    requirements = [r for s in selection.selected for r in clause_requirements(catalog, s.clause, s.values)]
    titles = {s.clause.id: s.clause.title for s in selection.selected}
    return Baseline("profile", f"profile {Path(profile_path).name} ({len(titles)} clauses)", tuple(requirements),
                    titles)


def baseline_from_sow(sow_path: str | Path, *, nlp=None, revisions: str = "accepted") -> Baseline:
    """Every contractor obligation or prohibition stated in the SOW a proposal answers."""
    document = read_document(sow_path, revisions=revisions)
    baseline = from_statements(extract_statements(document, nlp), str(sow_path), document=document)
    # The file's name without its folders: reports (Word comments among them) quote the description.
    return replace(baseline, description=f"SOW {Path(sow_path).name} ({len(baseline.requirements)} obligations)")


def choose_baseline(catalog: Catalog, *, clauses: str | None = None, against: str | Path | None = None,
                    profile: str | Path | None = None, revisions: str = "accepted",
                    match_score: float | None = None) -> Baseline | None:
    """The baseline the options ask for: ``clauses`` (comma-separated ids), the SOW ``against``, a ``profile``,
    or None; with ``match_score`` as its minimum score."""
    from acqspec.check.baseline import from_clause_ids

    if clauses:
        baseline = from_clause_ids([c.strip() for c in clauses.split(",") if c.strip()], catalog)
    elif against is not None:
        baseline = baseline_from_sow(against, revisions=revisions)
    elif profile is not None:
        baseline = baseline_from_profile(profile, catalog)
    else:
        return None
    return baseline if match_score is None else replace(baseline, min_score=match_score)


def load_waivers(path: str | Path) -> LoadedWaivers:
    """Read and validate a waiver file; errors name the file and line."""
    doc = load_yaml_file(path)
    try:
        parsed = WaiverFile.model_validate(doc.data)
    except ValidationError as exc:
        line, message = validation_messages(exc, doc, model=WaiverFile)[0]
        raise AcqspecError(message, path=path, line=line) from None
    lines = tuple(doc.lines.get(("waivers", i), 1) for i in range(len(parsed.waivers)))
    return LoadedWaivers(Path(path), parsed.waivers, lines)


# --------------------------------------------------------------------------- one file


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read, and the one-line reason."""

    path: str
    reason: str


@dataclass
class Checker:
    """Everything needed to check one file; cheap to rebuild in a worker process."""

    catalog: Catalog
    rules: list[Rule]
    baseline: Baseline | None = None
    revisions: str = "accepted"
    nlp: object = None
    patterns: Sequence[ConflictPattern] = field(default=())
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        if not self.patterns:
            self.patterns = conflict_patterns(self.catalog)

    def check_file(self, file: Path, *, label: str | None = None) -> DocumentOutcome | Unreadable:
        """Read, extract and check one file; a file that cannot be read is an :class:`Unreadable`.

        ``label`` is the path findings name (default: ``file``), for a file that stands for another, such as
        a member of a .zip archive written to a temporary file.
        """
        shown = str(file) if label is None else label
        with collector_paused():
            try:
                document = read_document(file, revisions=self.revisions)
            except ReadError as exc:
                return Unreadable(shown, exc.message)
            # Only matching a baseline uses meaning; without one the model is not even loaded.
            embedder = load_embedder() if self.baseline is not None else None
            outcome = check_document(document, extract_statements(document, self.nlp), self.catalog, self.rules,
                                     baseline=self.baseline, patterns=self.patterns, path=shown,
                                     embedder=embedder, terms=load_terms_model(),
                                     min_confidence=self.min_confidence)
            outcome.pages = document.pages
            return with_sections(outcome, document)


def with_sections(outcome: DocumentOutcome, document: Document) -> DocumentOutcome:
    """``outcome`` with each located finding and coverage item given its block's section, as the document shows it."""
    sections = document.sections

    def locate(location: FindingLocation | None) -> FindingLocation | None:
        if location is None or location.block is None or not 0 <= location.block < len(sections):
            return location
        section = sections[location.block]
        if section.label is None and section.title is None:
            return location
        return location.model_copy(update={"section_label": section.label, "section_title": section.title})

    def finding(f: Finding) -> Finding:
        located = locate(f.location)
        return f if located is f.location else f.model_copy(update={"location": located})

    def item(c: CoverageItem) -> CoverageItem:
        located = locate(c.location)
        return c if located is c.location else c.model_copy(update={"location": located})

    outcome.findings = [finding(f) for f in outcome.findings]
    outcome.suppressed = [finding(f) for f in outcome.suppressed]
    outcome.coverage = [item(c) for c in outcome.coverage]
    return outcome


# --------------------------------------------------------------------------- worker processes

_WORKER: Checker | None = None


def _init_worker(checker: Checker) -> None:
    global _WORKER
    _WORKER = worker_checker(checker)


def _check_file(checker: Checker, file: Path) -> DocumentOutcome | Unreadable:
    return checker.check_file(file)


def _run_in_worker(task: Callable, item):
    assert _WORKER is not None
    try:
        return task(_WORKER, item)
    except AcqspecError as exc:  # exceptions lose their path/line when pickled; send the text
        return str(exc)


def worker_checker(checker: Checker) -> Checker:
    """``checker`` as a worker process or machine uses it: the same library and rules, the NLP pipeline loaded.

    Call once per worker and keep the result.
    """
    import dataclasses

    from acqspec.nlp.pipeline import load_classifier

    return dataclasses.replace(checker, nlp=load_classifier())


def run_jobs(checker: Checker, items: Sequence, jobs: int, task: Callable) -> Iterator:
    """``task(checker, item)`` for every item, in order, yielded as each finishes (in ``jobs`` worker processes).

    ``task`` must be a module-level function (it is sent to the workers by name).  Each worker process loads
    the NLP pipeline once and shares the loaded library (fork).  An :class:`AcqspecError` in a worker is
    raised again here, with its message.
    """
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield task(checker, item)
        return
    import functools
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    shipped = Checker(checker.catalog, checker.rules, checker.baseline, checker.revisions, None, checker.patterns,
                      checker.min_confidence)
    # fork shares the loaded library read-only; spawn would re-import everything per worker.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=min(jobs, len(items)), mp_context=context,
                             initializer=_init_worker, initargs=(shipped,)) as pool:
        for outcome in pool.map(functools.partial(_run_in_worker, task), items, chunksize=1):
            if isinstance(outcome, str):
                raise AcqspecError(outcome)
            yield outcome


def _outcomes(checker: Checker, files: list[Path], jobs: int,
              progress: Callable[[int], None] | None) -> list[DocumentOutcome | Unreadable]:
    results: list[DocumentOutcome | Unreadable] = []
    for outcome in run_jobs(checker, files, jobs, _check_file):
        results.append(outcome)
        if progress:
            progress(1)
    return results


# --------------------------------------------------------------------------- many files


def check_paths(paths: Sequence[str | Path], catalog: Catalog, *, select: tuple[str, ...] = (),
                ignore: tuple[str, ...] = (), revisions: str = "accepted", nlp=None,
                baseline: Baseline | None = None, waivers: Path | None = None,
                severity: Mapping[str, Severity] | None = None, jobs: int = 1, today: dt.date | None = None,
                progress: Callable[[int], None] | None = None, files: list[Path] | None = None,
                inputs: Inputs | None = None, min_confidence: float | None = None) -> CheckResult:
    """Read, extract and check every document under ``paths``; one result with findings in document order.

    ``inputs`` (or just ``files``) skips expanding ``paths`` again when the caller already did.  A file
    that cannot be read is an AQ400 error finding in the result and in ``result.unreadable``; the other
    files are still checked.  Skipped files are in ``result.skipped``.  ``min_confidence`` is the terms
    classifier's probability from which AQ301/AQ302 report (None: the shipped model's threshold).
    """
    loaded_waivers = load_waivers(waivers) if waivers else None
    if inputs is None:
        inputs = Inputs(files=files) if files is not None else collect_inputs(paths)
    rules = [rule() for rule in selected_rules(select, ignore)]
    outcomes = _outcomes(Checker(catalog, rules, baseline, revisions, nlp, min_confidence=min_confidence),
                         inputs.files, jobs, progress)
    read = [o for o in outcomes if isinstance(o, DocumentOutcome)]
    unreadable = [o for o in outcomes if isinstance(o, Unreadable)]
    result = combine(read, rules, paths=[o.path for o in read], baseline=baseline, waivers=loaded_waivers,
                     today=today, severity=severity)
    if not unreadable and not inputs.skipped:
        return result
    # Unreadable files are reported whatever --select/--ignore, waivers and severities say: nothing was checked.
    rule = UnreadableFile()
    findings = sorted((*result.findings, *(rule.for_file(u.path, u.reason) for u in unreadable)),
                      key=Finding.sort_key)
    infos = result.rules if not unreadable or any(r.code == rule.code for r in result.rules) else \
        tuple(sorted((*result.rules, rule.info()), key=lambda r: r.code))
    return result.model_copy(update={"findings": tuple(findings), "rules": infos,
                                     "unreadable": tuple(UncheckedFile(path=u.path, reason=u.reason)
                                                         for u in unreadable),
                                     "skipped": tuple(inputs.skipped)})


def check_text(text: str, catalog: Catalog, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
               path: str = "<text>", markdown: bool = False, nlp=None,
               patterns: Sequence[ConflictPattern] | None = None, terms=None,
               min_confidence: float | None = None) -> list[Finding]:
    """Active findings for a string checked as a .txt (or .md) file; for evaluations over many short texts.

    ``terms`` (:func:`acqspec.nlp.terms.load_terms_model`): the conflict rules also report by the
    classifier's probability; without it, pattern matches alone (as the rule cases test them).
    """
    document = parse_text(text, path, markdown=markdown)
    rules = [rule() for rule in selected_rules(select, ignore)]
    return check_document(document, extract_statements(document, nlp), catalog, rules, patterns=patterns,
                          terms=terms, min_confidence=min_confidence).findings
