"""Portfolio scans: check only what is new or changed, and keep every result in a store.

A scan collects the documents under its paths as ``acqspec check`` does
(:func:`acqspec.pipeline.collect_inputs`: hidden files, ``.gitignore`` and
``--exclude`` left out), plus ``.zip`` archives, whose supported members are
documents of their own (``archive.zip::folder/sow.docx``, read under the
bomb limits of :mod:`acqspec.io.archives`; an archive refused as a bomb is
one unreadable row, not a crash).

**When a stored result is used again.**  A document is checked again unless
the store holds a result for its path with

* the same SHA-256 of its bytes,
* the same acqspec version,
* the same settings (baseline kind, clause ids or the profile file's hash,
  selected rules, revisions view, match score), and
* the same content hash of every clause that shaped it: the baseline's
  clauses (for ``--profile``, the clauses the generator selected) and every
  clause whose conflicting terms a selected conflict rule runs (AQ301 the
  policy clauses', AQ302 the commercial-terms clauses'; they run on every
  document), plus the authority registry (findings cite it).  A clause that
  is added to, removed from or changed in that set re-checks the document;
  a change to any other clause (not in the baseline, its conflicting terms
  not run) re-checks nothing.

Documents are checked locally (``local:N`` worker processes, as ``check -j
N``) or on a Dask cluster (:mod:`acqspec.portfolio.executors`), and each
result is committed as it arrives, so an interrupted scan loses at most the
documents in flight; the next scan carries on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from acqspec import __version__
from acqspec.check.engine import DocumentOutcome, combine
from acqspec.check.findings import CheckResult, UncheckedFile
from acqspec.check.rules.files import UnreadableFile
from acqspec.errors import ReadError
from acqspec.io.archives import MEMBER_SEPARATOR, zip_documents
from acqspec.io.readers._common import read_bytes
from acqspec.library.loader import Catalog
from acqspec.pipeline import Checker, Exclude, Unreadable, collect_inputs
from acqspec.portfolio.store import Store


@dataclass(frozen=True)
class Item:
    """One document to check: its stored path and hash, and where its bytes are.

    ``data`` holds the bytes for a member of an archive (and for every document sent to a Dask worker);
    otherwise the worker reads ``source``.
    """

    path: str
    sha256: str
    size: int
    source: str | None = None
    data: bytes | None = None

    @property
    def suffix(self) -> str:
        """The file name's suffix, which selects the reader."""
        return Path(self.path.rsplit(MEMBER_SEPARATOR, 1)[-1]).suffix


def check_item(checker: Checker, item: Item) -> DocumentOutcome | Unreadable:
    """Check one item (a module-level task for worker processes and Dask workers)."""
    if item.data is None:
        return checker.check_file(Path(item.source or item.path), label=item.path)
    # Readers open files by path (the suffix picks the reader): bytes go through a private temporary file.
    handle, name = tempfile.mkstemp(suffix=item.suffix.lower(), prefix="acqspec-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(item.data)
        return checker.check_file(Path(name), label=item.path)
    finally:
        os.unlink(name)


@dataclass(frozen=True)
class ScanSettings:
    """What a result depends on besides the document and the library (part of every stored key)."""

    baseline: dict
    rules: tuple[str, ...]
    revisions: str

    @property
    def key(self) -> str:
        """A short stable digest of the settings."""
        return _digest(json.dumps(self.as_dict(), sort_keys=True))

    def as_dict(self) -> dict:
        """The settings as JSON-ready data."""
        return {"baseline": self.baseline, "rules": list(self.rules), "revisions": self.revisions}


@dataclass
class ScanSummary:
    """What one scan did."""

    scan_id: int
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    rechecked: int = 0
    """Documents checked again although their bytes did not change (library, settings or acqspec changed)."""
    files: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    def line(self) -> str:
        """``12 files: 1 new, 1 changed, 10 unchanged, 2 removed (3 re-checked after a library change)``."""
        parts = [f"{n} {what}" for n, what in ((self.new, "new"), (self.changed, "changed"),
                                                (self.unchanged, "unchanged"), (self.removed, "removed")) if n]
        text = f"{self.files} file{'s' if self.files != 1 else ''}: " + (", ".join(parts) or "none")
        if self.rechecked:
            text += f" ({self.rechecked} re-checked: library, settings or acqspec version changed)"
        return text

    def fails(self, fail_on: str = "error") -> bool:
        """Whether a stored finding of the scanned documents reaches ``fail_on``."""
        levels = {"error": self.errors, "warning": self.errors + self.warnings,
                  "info": self.errors + self.warnings + self.infos, "never": 0}
        return levels[fail_on] > 0


def clause_hash(clause) -> str:
    """Content hash of one clause (every field, canonical JSON)."""
    return _digest(json.dumps(clause.model_dump(mode="json"), sort_keys=True, default=str))


def shaping_clauses(checker: Checker) -> dict[str, str]:
    """``{clause id: hash}`` of the clauses that shape every result of ``checker`` (see the module docstring)."""
    catalog = checker.catalog
    ids = set(checker.baseline.clause_titles) if checker.baseline is not None else set()
    # The conflict rules (AQ3xx) say which clauses' conflicting terms they run (``wants``); no such rule
    # selected, no conflicting terms shape the result.
    wanting = [rule.wants for rule in checker.rules if callable(getattr(rule, "wants", None))]
    ids |= {pattern.clause.id for pattern in checker.patterns if any(wants(pattern.clause) for wants in wanting)}
    hashes = {i: clause_hash(catalog.get(i)) for i in sorted(ids) if catalog.get(i) is not None}
    hashes["@authorities"] = _authorities_hash(catalog)
    return hashes


def library_digest(catalog: Catalog) -> str:
    """A digest of the whole effective library (clauses and authority registry)."""
    parts = [f"{c.id}={clause_hash(c)}" for c in catalog.clauses()]
    return _digest("\n".join([*parts, _authorities_hash(catalog)]))


def _authorities_hash(catalog: Catalog) -> str:
    data = {key: record.authority.model_dump(mode="json") for key, record in sorted(catalog.authorities.items())}
    return _digest(json.dumps(data, sort_keys=True, default=str))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- collecting


def collect_items(paths: Sequence[str | Path], *, exclude: Sequence[Exclude] = (),
                  respect_gitignore: bool = True) -> tuple[list[Item], list[tuple[str, str, str, int]]]:
    """The documents under ``paths`` (archives opened) and the ones refused before any check.

    Returns ``(items, refused)``; ``refused`` holds ``(path, reason, sha256, size)`` for files and archives
    that cannot be read at all (a missing file, an archive refused as a zip bomb).

    Raises:
        ReadError: a path does not exist.
    """
    inputs = collect_inputs(paths, exclude=exclude, respect_gitignore=respect_gitignore, also=(".zip",))
    items: list[Item] = []
    refused: list[tuple[str, str, str, int]] = []
    for file in inputs.files:
        path = os.path.normpath(str(file))
        try:
            data = read_bytes(file)
        except ReadError as exc:
            refused.append((path, exc.message, "", 0))
            continue
        if file.suffix.lower() != ".zip":
            items.append(Item(path, hashlib.sha256(data).hexdigest(), len(data), source=str(file)))
            continue
        try:
            members = zip_documents(file)
        except ReadError as exc:
            refused.append((path, exc.message, hashlib.sha256(data).hexdigest(), len(data)))
            continue
        items += [Item(f"{path}{MEMBER_SEPARATOR}{name}", hashlib.sha256(content).hexdigest(), len(content),
                       data=content) for name, content in members]
    return items, refused


# --------------------------------------------------------------------------- scanning

SMALL_BATCH = 16
"""Below this many documents per requested process, a local scan checks in one process."""

Executor = Callable[[Checker, list[Item]], Iterable[tuple[Item, DocumentOutcome | Unreadable]]]


def local_executor(jobs: int) -> Executor:
    """Check items in ``jobs`` local worker processes (:func:`acqspec.pipeline.run_jobs`)."""
    from acqspec.pipeline import run_jobs

    def run(checker: Checker, items: list[Item]) -> Iterator[tuple[Item, DocumentOutcome | Unreadable]]:
        # Each worker process loads spaCy (seconds, about 20 documents' worth of checking): a re-scan of a
        # few changed documents is faster in this process alone.
        processes = jobs if len(items) >= SMALL_BATCH * jobs else 1
        yield from zip(items, run_jobs(checker, items, processes, check_item), strict=True)

    return run


def scan(paths: Sequence[str | Path], store: Store, checker: Checker, settings: ScanSettings, *,
         executor: Executor, exclude: Sequence[Exclude] = (), respect_gitignore: bool = True,
         progress: Callable[[int], None] | None = None, on_total: Callable[[int], None] | None = None,
         now: Callable[[], str] | None = None) -> ScanSummary:
    """Scan ``paths`` into ``store``: check what is new, changed or shaped by a changed clause; keep the rest.

    ``on_total`` is told how many documents will be checked before the first one is; ``progress`` once per
    checked document.
    """
    clock = now or (lambda: dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat())
    items, refused = collect_items(paths, exclude=exclude, respect_gitignore=respect_gitignore)
    catalog = checker.catalog
    shaping = shaping_clauses(checker)
    digest = library_digest(catalog)
    stored = store.stored()
    scan_id = store.start_scan(started=clock(), acqspec_version=__version__, library_digest=digest,
                               settings=settings.as_dict(),
                               clauses=[(c.id, c.topic, c.title, clause_hash(c)) for c in catalog.clauses()])
    summary = ScanSummary(scan_id)
    base = {"acqspec_version": __version__, "settings_key": settings.key, "library_digest": digest,
            "clause_hashes": json.dumps(shaping, sort_keys=True)}

    def current(row: object, sha256: str) -> bool:
        return (row.sha256 == sha256 and row.acqspec_version == __version__  # type: ignore[attr-defined]
                and row.settings_key == settings.key and row.clause_hashes == shaping)  # type: ignore[attr-defined]

    to_check: list[Item] = []
    kept: list[str] = []
    seen = set()
    for path, sha256 in [(i.path, i.sha256) for i in items] + [(r[0], r[2]) for r in refused]:
        seen.add(path)
        row = stored.get(path)
        if row is None:
            summary.new += 1
        elif row.sha256 != sha256:
            summary.changed += 1
        else:
            summary.unchanged += 1
    for item in items:
        row = stored.get(item.path)
        if row is not None and current(row, item.sha256):
            kept.append(item.path)
        else:
            if row is not None and row.sha256 == item.sha256:
                summary.rechecked += 1
            to_check.append(item)
    for path, reason, sha256, size in refused:
        row = stored.get(path)
        if row is not None and current(row, sha256):
            kept.append(path)
            continue
        store.put(scan_id, {**base, **_unreadable_row(checker, path, reason, sha256, size)})
    store.saw(scan_id, kept)
    if on_total:
        on_total(len(to_check))
    for item, outcome in executor(checker, to_check):
        store.put(scan_id, {**base, **_row(checker, item, outcome)})
        if progress:
            progress(1)
    removed = sorted(p for p in stored if p not in seen and _under(p, paths))
    summary.removed = len(removed)
    summary.files = len(seen)
    store.finish_scan(scan_id, finished=clock(), removed=removed,
                      counts={"new": summary.new, "changed": summary.changed, "unchanged": summary.unchanged,
                              "removed": summary.removed, "rechecked": summary.rechecked})
    for path, status, error, errors, warnings, infos in store.db.execute(
            "SELECT path, status, error, errors, warnings, infos FROM documents WHERE path IN "
            "(SELECT path FROM scan_documents WHERE scan_id = ?) ORDER BY path", (scan_id,)):
        summary.errors += errors
        summary.warnings += warnings
        summary.infos += infos
        if status == "unreadable":
            summary.unreadable.append((path, error))
    return summary


def _under(path: str, roots: Sequence[str | Path]) -> bool:
    """Whether a stored path lies under one of the scanned paths (only those can be "removed")."""
    target = os.path.abspath(path.split(MEMBER_SEPARATOR, 1)[0])
    for root in roots:
        top = os.path.abspath(str(root))
        if target == top or target.startswith(top.rstrip(os.sep) + os.sep):
            return True
    return False


def _counts(result: CheckResult) -> dict[str, int]:
    return {level + "s": sum(1 for f in result.findings if f.severity == level)
            for level in ("error", "warning", "info")}


def _result_json(result: CheckResult) -> str:
    # The JSON reporter's shape (acqspec.report.json), compact.
    return json.dumps(result.model_dump(mode="json", exclude={"rules"}), sort_keys=True, ensure_ascii=False)


def _row(checker: Checker, item: Item, outcome: DocumentOutcome | Unreadable) -> dict:
    if isinstance(outcome, Unreadable):
        return _unreadable_row(checker, item.path, outcome.reason, item.sha256, item.size)
    result = combine([outcome], checker.rules, paths=[item.path], baseline=checker.baseline)
    return {"path": item.path, "sha256": item.sha256, "size": item.size, "pages": outcome.pages,
            "words": outcome.words, "status": "checked", "error": None, **_counts(result),
            "result": _result_json(result)}


def _unreadable_row(checker: Checker, path: str, reason: str, sha256: str, size: int) -> dict:
    rule = UnreadableFile()
    result = combine([], checker.rules, paths=[], baseline=checker.baseline).model_copy(
        update={"findings": (rule.for_file(path, reason),),
                "unreadable": (UncheckedFile(path=path, reason=reason),)})
    return {"path": path, "sha256": sha256, "size": size, "pages": None, "words": 0, "status": "unreadable",
            "error": reason, **_counts(result), "result": _result_json(result)}
