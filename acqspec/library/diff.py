"""Semantic diff of two clause libraries.

Offices review library changes like code changes; what matters to a reviewer
is not which bytes moved but whether a requirement got weaker.  So besides
listing changed fields, the diff flags obligations whose modality weakened,
that disappeared, whose party changed, or whose numeric limit got looser
(after resolving parameter defaults and converting units).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from acqspec.library.loader import Catalog
from acqspec.library.schema import Clause, NumericLimit, Obligation
from acqspec.vocab import UNITS

# How strongly each modality binds; a drop in rank is a weakening.
MODALITY_STRENGTH = {"must": 2, "must_not": 2, "may": 0}
_COMPARED_FIELDS = ("title", "status", "topic", "purpose", "effective", "text", "parameters", "applicability",
                    "authorities", "conflicts", "deliverables", "verification", "notes", "supersedes",
                    "superseded_by")


@dataclass(frozen=True)
class Weakening:
    """One way an obligation got weaker."""

    obligation_id: str
    message: str


@dataclass(frozen=True)
class ClauseChange:
    """How one clause id differs between the old and new library."""

    clause_id: str
    kind: str  # added | removed | changed
    old_version: int | None = None
    new_version: int | None = None
    changed_fields: tuple[str, ...] = ()
    weakenings: tuple[Weakening, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass
class LibraryDiff:
    """All clause changes, sorted by clause id."""

    changes: list[ClauseChange] = field(default_factory=list)

    @property
    def weakened(self) -> list[ClauseChange]:
        """Changes that weaken at least one obligation."""
        return [c for c in self.changes if c.weakenings]


def limit_value(clause: Clause, limit: NumericLimit) -> float | None:
    """The limit in its group's base unit, with parameter defaults resolved."""
    value, unit = limit.value, limit.unit
    if limit.parameter_name:
        parameter = clause.parameter(limit.parameter_name)
        if parameter is None or not isinstance(parameter.default, (int, float)):
            return None
        value, unit = parameter.default, parameter.unit or limit.unit
    return float(value) * UNITS[unit].factor


def _describe(limit: NumericLimit, clause: Clause) -> str:
    name = limit.parameter_name
    if name:
        parameter = clause.parameter(name)
        default = parameter.default if parameter else None
        return f"{default} {parameter.unit if parameter else limit.unit} (parameter {name})"
    return f"{limit.value:g} {limit.unit}"


def obligation_weakenings(old_clause: Clause, old: Obligation, new_clause: Clause, new: Obligation) -> list[str]:
    """Messages describing how ``new`` is weaker than ``old`` (empty if it is not)."""
    messages = []
    if MODALITY_STRENGTH[new.modality] < MODALITY_STRENGTH[old.modality]:
        messages.append(f"modality weakened from {old.modality} to {new.modality}")
    elif old.modality != new.modality:
        messages.append(f"modality changed from {old.modality} to {new.modality}")
    if old.party != new.party:
        messages.append(f"bound party changed from {old.party} to {new.party}")
    if old.limit is not None and new.limit is None:
        messages.append(f"numeric limit removed (was {_describe(old.limit, old_clause)})")
    elif old.limit is not None and new.limit is not None:
        before, after = limit_value(old_clause, old.limit), limit_value(new_clause, new.limit)
        if old.limit.bound != new.limit.bound:
            messages.append(f"limit bound changed from {old.limit.bound} to {new.limit.bound}")
        elif before is not None and after is not None:
            looser = after > before if new.limit.bound == "max" else after < before
            if looser:
                messages.append(f"numeric limit loosened from {_describe(old.limit, old_clause)} "
                                f"to {_describe(new.limit, new_clause)}")
    return messages


def diff_catalogs(old: Catalog, new: Catalog) -> LibraryDiff:
    """Compare two loaded libraries clause by clause."""
    result = LibraryDiff()
    ids = sorted(set(old.records) | set(new.records))
    for clause_id in ids:
        before, after = old.get(clause_id), new.get(clause_id)
        if before is None:
            result.changes.append(ClauseChange(clause_id, "added", new_version=after.version))
            continue
        if after is None:
            result.changes.append(ClauseChange(clause_id, "removed", old_version=before.version))
            continue
        changed = [name for name in _COMPARED_FIELDS if getattr(before, name) != getattr(after, name)]
        if before.obligations != after.obligations:
            changed.append("obligations")
        weakenings, notes = [], []
        new_obligations = {o.id: o for o in after.obligations}
        for obligation in before.obligations:
            counterpart = new_obligations.pop(obligation.id, None)
            if counterpart is None:
                weakenings.append(Weakening(obligation.id, "obligation removed"))
                continue
            for message in obligation_weakenings(before, obligation, after, counterpart):
                weakenings.append(Weakening(obligation.id, message))
        notes.extend(f"obligation {oid} added" for oid in new_obligations)
        if before.status == "approved" and after.status == "retired":
            notes.append("clause retired")
        if not changed and before.version == after.version:
            continue
        if changed and after.version <= before.version:
            notes.append(f"content changed but version did not increase ({before.version} -> {after.version})")
        result.changes.append(ClauseChange(clause_id, "changed", before.version, after.version,
                                           tuple(sorted(changed)), tuple(weakenings), tuple(notes)))
    return result
