"""Run the selected rules over documents and collect one sorted result."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from acqspec.check.base import CheckContext, Rule
from acqspec.check.findings import CheckResult, Finding
from acqspec.check.registry import selected_rules
from acqspec.errors import ReadError
from acqspec.library.loader import Catalog
from acqspec.models import Document


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


def check_document(document: Document, catalog: Catalog, rules: Sequence[Rule], *, nlp=None,
                   path: str | None = None) -> list[Finding]:
    """Findings of ``rules`` for one already-read document, in document order."""
    from acqspec.nlp.extract import extract_statements

    ctx = CheckContext(path=path or document.path, document=document,
                       statements=extract_statements(document, nlp), catalog=catalog)
    findings: set[Finding] = set()
    for rule in rules:
        findings.update(rule.check(ctx))
    return sorted(findings, key=Finding.sort_key)


def check_text(text: str, catalog: Catalog, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
               path: str = "<text>", markdown: bool = False, nlp=None) -> list[Finding]:
    """Check a string as if it were a .txt (or .md) file; for evaluations over many short texts."""
    from acqspec.io.readers.text import parse_text

    rules = [rule() for rule in selected_rules(select, ignore)]
    return check_document(parse_text(text, path, markdown=markdown), catalog, rules, nlp=nlp)


def check_documents(paths: Sequence[str | Path], catalog: Catalog, *, select: tuple[str, ...] = (),
                    ignore: tuple[str, ...] = (), revisions: str = "accepted", nlp=None) -> CheckResult:
    """Read, extract and check every document; findings sorted in document order."""
    from acqspec.io.readers import read_document

    rules = [rule() for rule in selected_rules(select, ignore)]
    files = expand_paths(paths)
    findings: list[Finding] = []
    warnings: list[str] = []
    words = 0
    for file in files:
        document = read_document(file, revisions=revisions)
        warnings += [f"{file}: {w}" for w in document.warnings]
        words += document.word_count
        findings += check_document(document, catalog, rules, nlp=nlp, path=str(file))
    return CheckResult(paths=tuple(str(f) for f in files), findings=tuple(sorted(findings, key=Finding.sort_key)),
                       words=words, warnings=tuple(warnings))
