"""The library's conflicting terms, prepared once per catalog for the conflict rules (AQ301, AQ302).

A conflict is written as an example sentence ("the vendor may use Customer
Content to train its models"); its modality (a grant, a duty, a bar) decides
which sentences it can match, so each example is read once here instead of
once per document inside a rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from acqspec.library.loader import Catalog
from acqspec.library.schema import Clause, Conflict
from acqspec.nlp.reading import read_sentence


@dataclass(frozen=True)
class ConflictPattern:
    """One conflicting term of one active clause."""

    clause: Clause
    conflict: Conflict
    kind: str
    """The example's modality: permission | obligation | prohibition | none."""
    authority: str
    """The clause's first citation, as findings show it (``OMB M-25-22 §3(b)``)."""


def citation(catalog: Catalog, clause: Clause) -> str:
    """The clause's first authority citation as findings show it: short name and section."""
    cited = clause.authorities[0]
    authority = catalog.authority(cited.authority)
    return f"{authority.short} {cited.section}" if authority else cited.authority


_RECENT: list[tuple[Catalog, tuple[ConflictPattern, ...]]] = []
_RECENT_SIZE = 4


def conflict_patterns(catalog: Catalog) -> tuple[ConflictPattern, ...]:
    """Every conflicting term of the catalog's active clauses, in clause order (kept for recent catalogs:
    an evaluation checks thousands of short texts against one)."""
    for known, patterns in _RECENT:
        if known is catalog:
            return patterns
    patterns = tuple(ConflictPattern(clause, conflict, read_sentence(conflict.statement).modality,
                                     citation(catalog, clause))
                     for clause in catalog.clauses(include_retired=False) for conflict in clause.conflicts)
    _RECENT.insert(0, (catalog, patterns))
    del _RECENT[_RECENT_SIZE:]
    return patterns
