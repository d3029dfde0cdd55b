"""Run the selected rules over documents and collect one sorted result."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from acqspec.check.base import CheckContext
from acqspec.check.findings import CheckResult, Finding
from acqspec.check.registry import selected_rules
from acqspec.errors import ReadError
from acqspec.library.loader import Catalog


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


def check_documents(paths: Sequence[str | Path], catalog: Catalog, *, select: tuple[str, ...] = (),
                    ignore: tuple[str, ...] = (), revisions: str = "accepted", nlp=None) -> CheckResult:
    """Read, extract and check every document; findings sorted in document order."""
    from acqspec.io.readers import read_document
    from acqspec.nlp.extract import extract_statements

    rules = [rule() for rule in selected_rules(select, ignore)]
    files = expand_paths(paths)
    findings: set[Finding] = set()
    warnings: list[str] = []
    words = 0
    for file in files:
        document = read_document(file, revisions=revisions)
        warnings += [f"{file}: {w}" for w in document.warnings]
        words += document.word_count
        ctx = CheckContext(path=str(file), document=document, statements=extract_statements(document, nlp),
                           catalog=catalog)
        for rule in rules:
            findings.update(rule.check(ctx))
    return CheckResult(paths=tuple(str(f) for f in files), findings=tuple(sorted(findings, key=Finding.sort_key)),
                       words=words, warnings=tuple(warnings))
