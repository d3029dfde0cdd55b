"""What a document is checked against: the required obligations.

Three sources give the same shape, a tuple of :class:`RequiredObligation`
(the first and last are built by :mod:`acqspec.pipeline`, which reads files):

* ``--profile P``: the clauses the generator would select for the profile,
  with the profile's parameter values (so "within 24 hours" is expected when
  the profile tightened the 72-hour default);
* ``--clauses ID,…``: those clauses with their default parameter values;
* ``--against SOW``: every obligation extracted from the SOW a proposal
  answers (no library concepts; matched by wording).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from acqspec.check.patterns import citation
from acqspec.errors import AcqspecError
from acqspec.library.loader import Catalog
from acqspec.library.schema import Clause
from acqspec.models import Document, Statement, format_location
from acqspec.nlp.ownership import rights_claims
from acqspec.vocab import UNITS

_MODAL = re.compile(r"\b(?:must|shall|may|will|should|can(?:not)?)\b", re.IGNORECASE)
# The library's "must"/"must_not"/"may" in the extractor's terms.
_MODALITY = {"must": "obligation", "must_not": "prohibition", "may": "permission"}


@dataclass(frozen=True)
class Limit:
    """A numeric bound in hours (time) or the unit's base, with how to show it."""

    measure: str
    value: float
    bound: Literal["max", "min"]
    display: str


@dataclass(frozen=True)
class RequiredObligation:
    """One obligation the document must contain."""

    id: str
    """Obligation id (``IR-01.1``) or, for a SOW baseline, ``SOW <location>``."""
    text: str
    """The expected wording (the library's canonical statement or the SOW sentence)."""
    party: str
    modality: str
    """obligation | prohibition | permission (extractor vocabulary)."""
    clause_id: str | None = None
    clause_title: str | None = None
    topic: str | None = None
    authority: str | None = None
    concepts: Mapping[str, tuple[str, ...]] | None = None
    limit: Limit | None = None
    section: tuple[str, ...] = ()
    source: str | None = None
    """Where the requirement is written, for a SOW baseline (``sow.docx:p:12``)."""
    declarative: bool = False
    """The baseline states a fact rather than a duty ("…is governed by Federal law"); a plain
    statement in the document can then satisfy it."""
    allowed_hedges: frozenset[str] = frozenset()
    """Qualifiers the baseline wording itself uses ("as reasonably necessary"): not a weakening."""
    right: bool = False
    """A right the SOW gives the Government ("unlimited rights in all data first produced"): a proposal
    need not restate it, but must not take it away (AQ305)."""


@dataclass(frozen=True)
class Baseline:
    """Required obligations plus where they came from."""

    kind: Literal["profile", "clauses", "against"]
    description: str
    requirements: tuple[RequiredObligation, ...]
    clause_titles: Mapping[str, str] = field(default_factory=dict)
    min_score: float = 60.0
    """A sentence scoring below this (0–100) does not count as meeting a requirement."""

    def by_clause(self) -> dict[str, list[RequiredObligation]]:
        """Requirements grouped by clause id, in baseline order."""
        groups: dict[str, list[RequiredObligation]] = {}
        for requirement in self.requirements:
            groups.setdefault(requirement.clause_id or requirement.id, []).append(requirement)
        return groups


def _limit(clause: Clause, obligation, values: Mapping) -> Limit | None:
    limit = obligation.limit
    if limit is None or limit.bound not in ("max", "min"):
        return None
    value, unit = limit.value, limit.unit
    if limit.parameter_name:
        parameter = clause.parameter(limit.parameter_name)
        value = values.get(limit.parameter_name, parameter.default if parameter else None)
        unit = (parameter.unit if parameter else None) or unit
    if not isinstance(value, (int, float)) or isinstance(value, bool) or unit not in UNITS:
        return None
    group, factor = UNITS[unit]
    measure = limit.measure if group == "duration" else ("percent" if group == "ratio" else "count")
    shown = f"{value:g} {unit.replace('_', ' ')}"
    return Limit(measure=measure, value=float(value) * factor, bound=limit.bound, display=shown)


def _hedges(text: str) -> frozenset[str]:
    from acqspec.nlp.reading import HEDGES  # the extractor's own hedge list

    return frozenset(m.group(0).lower() for m in HEDGES.finditer(text))


def clause_requirements(catalog: Catalog, clause: Clause, values: Mapping) -> list[RequiredObligation]:
    """The required obligations of one clause with parameter ``values`` filled in."""
    allowed = _hedges(clause.text)
    cite = citation(catalog, clause)
    return [RequiredObligation(id=o.id, text=o.statement, party=o.party, modality=_MODALITY[o.modality],
                        clause_id=clause.id, clause_title=clause.title, topic=clause.topic, authority=cite,
                        concepts={k: tuple(v) for k, v in o.concepts.items()}, limit=_limit(clause, o, values),
                        allowed_hedges=allowed, declarative=not _MODAL.search(o.statement))
            for o in clause.obligations]


def from_clause_ids(ids: Sequence[str], catalog: Catalog) -> Baseline:
    """The obligations of the named clauses, with default parameter values."""
    requirements: list[RequiredObligation] = []
    titles: dict[str, str] = {}
    for clause_id in ids:
        clause = catalog.get(clause_id)
        if clause is None:
            raise AcqspecError(f"--clauses: no clause {clause_id!r} in the library")
        titles[clause.id] = clause.title
        requirements += clause_requirements(catalog, clause, {p.name: p.default for p in clause.parameters})
    return Baseline("clauses", f"clauses {', '.join(titles)}", tuple(requirements), titles)


def from_statements(statements: Sequence[Statement], sow_path: str, *, document: Document | None = None) -> Baseline:
    """Every contractor obligation or prohibition among a SOW's statements, and every right it gives the
    Government (for ``--against``).

    With the read ``document``, a requirement's ``source`` (what findings cite) is its place in the
    SOW's own numbering and headings (``§C.5.7.4 No restriction on sharing prices … (CBP-PL-04)``, see
    :meth:`~acqspec.models.Document.place`); without it, ``sow.docx:¶110``.  Ids stay ``SOW sow.docx:¶110``.
    """
    requirements = []
    for statement in statements:
        right = statement.party == "government" and any(
            claim.owner == "government" and claim.scope != "limited" for claim in rights_claims(statement.text))
        if not right and (statement.modality not in ("obligation", "prohibition")
                          or statement.party in ("government", "third_party")):
            continue
        # A lead-in ("The Contractor shall:") is represented by its items; a question
        # (a form's "Will it be used for…?") and an offeror fill-in are not requirements.
        if statement.text.rstrip().endswith((":", "?")) or "highlighted" in statement.text.lower():
            continue
        location = format_location(sow_path, block=statement.block, page=statement.page, line=statement.line)
        source = document.place(statement.block) if document is not None else location
        quantities = [q for q in statement.quantities if q.bound in ("max", "min")]
        limit = None
        if quantities:
            q = quantities[0]
            limit = Limit(measure=q.kind, value=q.value, bound=q.bound, display=q.display)  # type: ignore[arg-type]
        requirements.append(RequiredObligation(id=f"SOW {location}", text=statement.text, party=statement.party,
                                        modality=statement.modality, section=statement.section_path,
                                        limit=limit, source=source, topic=statement.topic,
                                        allowed_hedges=frozenset(statement.hedges), right=right))
    return Baseline("against", f"SOW {sow_path} ({len(requirements)} obligations)", tuple(requirements))
