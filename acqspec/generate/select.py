"""Choose the clauses an acquisition needs, and say why each is in or out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from acqspec.generate.profile import LoadedProfile
from acqspec.library.loader import Catalog
from acqspec.library.schema import Clause


@dataclass(frozen=True)
class CitationStatus:
    """A clause citation as it stands on the solicitation's issue date."""

    authority_id: str
    cite: str
    section: str
    standing: str  # current | legacy | not_yet_effective
    explanation: str
    note: str | None = None
    unverified: str | None = None
    """The library's research note on this citation: for the maintainer, never for the document."""
    short: str = ""
    """The authority's short name, to merge several sections of it into one citation."""


@dataclass(frozen=True)
class SelectedClause:
    """A clause in the specification, with filled parameter values and the reasons."""

    clause: Clause
    reasons: tuple[str, ...]
    values: dict[str, Any]
    overridden: tuple[str, ...]
    citations: tuple[CitationStatus, ...]
    forced: bool = False


@dataclass(frozen=True)
class RejectedClause:
    """A clause left out, with the reason."""

    clause_id: str
    title: str
    topic: str
    reason: str
    by_profile: bool = False


@dataclass
class Selection:
    """The result of :func:`select_clauses`."""

    selected: list[SelectedClause] = field(default_factory=list)
    rejected: list[RejectedClause] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    library_version: str = ""


def citation_standing(catalog: Catalog, authority_id: str, section: str, note: str | None,
                      on: dt.date, unverified: str | None = None) -> CitationStatus:
    """Classify one citation for a solicitation issued ``on``."""
    authority = catalog.authority(authority_id)
    assert authority is not None  # the loader rejects dangling citations (LIB011)
    cite = authority.cite(section)
    if authority.in_force_on(on):
        return CitationStatus(authority_id, cite, section, "current", "in force on the issue date", note, unverified,
                              authority.short)
    if on < authority.in_force_from:
        explanation = f"applies to solicitations from {authority.in_force_from.isoformat()}"
        return CitationStatus(authority_id, cite, section, "not_yet_effective", explanation, note, unverified,
                              authority.short)
    successor = catalog.current_successor(authority_id, on)
    explanation = f"{authority.status} {authority.status_date.isoformat()}"
    if successor is not None:
        explanation += f"; current authority: {successor.short}"
    explanation += "; cited as the origin of the requirement"
    return CitationStatus(authority_id, cite, section, "legacy", explanation, note, unverified,
                              authority.short)


def library_version(catalog: Catalog) -> str:
    """A short fingerprint of the layered library: every clause's id and version and every authority's standing.

    Clause files raise ``version`` on every change, so two documents with the same fingerprint
    were made from the same clauses.
    """
    import hashlib

    lines = [f"clause {c.id} {c.version} {c.status}" for c in catalog.clauses()]
    lines += [f"authority {a.id} {a.status} {a.status_date}" for a in
              sorted((r.authority for r in catalog.authorities.values()), key=lambda a: a.id)]
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]
    return f"{len(lines) - len(catalog.authorities)} clauses, fingerprint {digest}"


def select_clauses(loaded: LoadedProfile, catalog: Catalog) -> Selection:
    """Apply applicability, dates, exclusions, inclusions and parameter overrides."""
    profile = loaded.profile
    facts = profile.facts()
    day = profile.issue_date
    selection = Selection(library_version=library_version(catalog))

    for index, exclusion in enumerate(profile.exclusions):
        if catalog.get(exclusion.clause) is None:
            raise loaded.error(("exclusions", index, "clause"), f"no clause {exclusion.clause!r} in the library")
    for index, inclusion in enumerate(profile.inclusions):
        if catalog.get(inclusion.clause) is None:
            raise loaded.error(("inclusions", index, "clause"), f"no clause {inclusion.clause!r} in the library")
    excluded = {e.clause: e.justification for e in profile.exclusions}
    included = {i.clause: i.justification for i in profile.inclusions}
    both = set(excluded) & set(included)
    if both:
        raise loaded.error(("inclusions",), f"clause(s) {', '.join(sorted(both))} are both included and excluded")
    _check_overrides(loaded, catalog)

    chosen_ids: set[str] = set()
    for clause in catalog.clauses():
        def reject(reason: str, by_profile: bool = False) -> None:
            selection.rejected.append(RejectedClause(clause.id, clause.title, clause.topic, reason, by_profile))

        if clause.status != "approved":
            reject(f"status is {clause.status}")
            continue
        if not clause.effective.covers(day):
            reject(f"not effective on the issue date {day.isoformat()} "
                   f"(effective {clause.effective.start.isoformat()}"
                   + (f" to {clause.effective.end.isoformat()})" if clause.effective.end else " onward)"))
            continue
        if clause.id in excluded:
            reject(f"excluded by the profile: {excluded[clause.id]}", by_profile=True)
            continue
        applies, reasons = clause.applicability.evaluate(facts)
        forced = False
        if not applies:
            if clause.id not in included:
                reject("; ".join(reasons))
                continue
            forced, reasons = True, [f"included by the profile: {included[clause.id]}"]
        values = {p.name: p.default for p in clause.parameters}
        overrides = profile.parameters.get(clause.id, {})
        values.update(overrides)
        citations = tuple(citation_standing(catalog, c.authority, c.section, c.note, day, c.unverified)
                          for c in clause.authorities)
        selection.selected.append(SelectedClause(clause, tuple(reasons), values, tuple(sorted(overrides)),
                                                 citations, forced))
        chosen_ids.add(clause.id)

    # A clause replaced by a newer selected clause is dropped in its favour.
    superseded = {s.clause.id: s.clause.superseded_by for s in selection.selected
                  if s.clause.superseded_by in chosen_ids}
    if superseded:
        for item in [s for s in selection.selected if s.clause.id in superseded]:
            selection.selected.remove(item)
            selection.rejected.append(RejectedClause(item.clause.id, item.clause.title, item.clause.topic,
                                                     f"superseded by {superseded[item.clause.id]}"))
    for clause_id in sorted(profile.parameters):
        if clause_id not in {s.clause.id for s in selection.selected}:
            selection.warnings.append(f"parameter values for {clause_id} are unused: the clause is not selected")
    return selection


def _check_overrides(loaded: LoadedProfile, catalog: Catalog) -> None:
    for clause_id, values in loaded.profile.parameters.items():
        clause = catalog.get(clause_id)
        if clause is None:
            raise loaded.error(("parameters", clause_id), f"no clause {clause_id!r} in the library")
        for name, value in values.items():
            parameter = clause.parameter(name)
            if parameter is None:
                known = ", ".join(p.name for p in clause.parameters) or "none"
                raise loaded.error(("parameters", clause_id, name),
                                   f"{clause_id} has no parameter {name!r} (it has: {known})")
            if parameter.type == "date" and isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    raise loaded.error(("parameters", clause_id, name), f"{value!r} is not a date") from None
            if parameter.type == "number" and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            try:
                parameter.check_value(value)
            except ValueError as exc:
                raise loaded.error(("parameters", clause_id, name), str(exc)) from None
