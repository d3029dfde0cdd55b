"""Plain-data views of clauses for listing, showing and cataloguing.

Renderers (Markdown, Word, tables, JSON) consume these views so that each of
them only formats; none of them looks into the schema or the registry.
"""

from __future__ import annotations

from typing import Any

from acqspec import vocab
from acqspec.library import template
from acqspec.library.loader import Catalog
from acqspec.library.schema import Applicability, Clause, ConditionalText


def describe_applicability(applicability: Applicability) -> str:
    """One sentence saying when the clause applies."""
    if applicability.is_unconditional:
        return "Every AI acquisition."
    text = describe_condition(applicability)
    return text[0].upper() + text[1:] + "."


def describe_condition(applicability: Applicability) -> str:
    """'when the AI is used for law-enforcement purposes', for applicability or a passage's condition."""
    parts = []
    if applicability.all_of:
        parts.append("when " + " and ".join(vocab.FACTS[f] for f in applicability.all_of))
    if applicability.any_of:
        parts.append("when " + " or ".join(vocab.FACTS[f] for f in applicability.any_of))
    if applicability.none_of:
        parts.append("unless " + " or ".join(vocab.FACTS[f] for f in applicability.none_of))
    return ", ".join(parts)


def marked_passage(passage: ConditionalText) -> str:
    """A conditional passage as a library reader sees it: '[only when …: text]'."""
    return f"[only {describe_condition(passage.when)}: {passage.text.lstrip(',;:. ')}]"


def fill_in_marker(clause: Clause, name: str) -> str:
    """Visible fill-in for a parameter that has no value yet."""
    parameter = clause.parameter(name)
    who = "Offeror" if parameter is not None and parameter.filled_by == "offeror" else "Government"
    label = parameter.description if parameter is not None else name
    return f"[{who} to specify: {label}]"


def rendered_text(clause: Clause, values: dict[str, Any] | None = None, *,
                  facts: dict[str, bool] | None = None, mark_conditions: bool = False) -> str:
    """Clause text with ``values`` (default: parameter defaults) filled in.

    Conditional passages are kept when ``facts`` (a profile's) make them hold, or all of
    them without ``facts``; ``mark_conditions`` shows each with its condition, for readers
    of the library (``library show``, the catalog).
    """
    filled = {p.name: p.default for p in clause.parameters}
    filled.update(values or {})
    text = clause.text_for(facts, mark=marked_passage if mark_conditions else None)
    return template.render(text, filled, lambda name: fill_in_marker(clause, name))


def citation_views(catalog: Catalog, clause: Clause) -> list[dict[str, Any]]:
    """Each citation with the authority's display name, status and current successor."""
    views = []
    for citation in clause.authorities:
        authority = catalog.authority(citation.authority)
        view: dict[str, Any] = {"authority": citation.authority, "section": citation.section}
        if authority is not None:
            view["cite"] = authority.cite(citation.section)
            view["status"] = authority.status
            if authority.status != "in_force":
                successor = catalog.current_successor(authority.id)
                view["current_authority"] = successor.id if successor else None
        if citation.note:
            view["note"] = citation.note
        if citation.unverified:
            view["unverified"] = citation.unverified
        views.append(view)
    return views


def list_row(catalog: Catalog, clause: Clause) -> dict[str, Any]:
    """The record ``acqspec library list --format json`` prints for one clause."""
    record = catalog.records[clause.id]
    return {
        "id": clause.id,
        "title": clause.title,
        "topic": clause.topic,
        "status": clause.status,
        "version": clause.version,
        "effective": {"start": clause.effective.start.isoformat(),
                      "end": clause.effective.end.isoformat() if clause.effective.end else None},
        "applicability": describe_applicability(clause.applicability),
        "authorities": [{"id": c.authority, "section": c.section} for c in clause.authorities],
        "obligations": [o.id for o in clause.obligations],
        "conflicts": [c.id for c in clause.conflicts],
        "path": record.path,
    }


def clause_view(catalog: Catalog, clause: Clause) -> dict[str, Any]:
    """Everything a reader needs about one clause, with defaults filled in."""
    return {
        **list_row(catalog, clause),
        "purpose": clause.purpose,
        "text": rendered_text(clause, mark_conditions=True),
        "conditional_text": [{"name": c.name, "when": describe_condition(c.when), "text": c.text}
                             for c in clause.conditional_text],
        "parameters": [
            {"name": p.name, "type": p.type, "unit": p.unit, "default": template.format_value(p.default)
             if p.default is not None else None, "filled_by": p.filled_by, "description": p.description,
             "range": _range(p.min, p.max), "choices": list(p.choices) if p.choices else None}
            for p in clause.parameters
        ],
        "citations": citation_views(catalog, clause),
        "obligation_details": [
            {"id": o.id, "party": o.party, "modality": o.modality.replace("_", " "),
             "statement": o.statement,
             "limit": _limit_text(clause, o.limit) if o.limit else None,
             "concepts": {k: list(v) for k, v in o.concepts.items()}}
            for o in clause.obligations
        ],
        "conflict_details": [{"id": c.id, "statement": c.statement, "reason": c.reason} for c in clause.conflicts],
        "deliverables": [{"name": d.name, "frequency": d.frequency, "format": d.format} for d in clause.deliverables],
        "verification": list(clause.verification),
        "notes": clause.notes,
        "supersedes": list(clause.supersedes),
        "superseded_by": clause.superseded_by,
    }


def _range(low: float | None, high: float | None) -> str | None:
    if low is None and high is None:
        return None
    return f"{'' if low is None else f'{low:g}'}..{'' if high is None else f'{high:g}'}"


def _limit_text(clause: Clause, limit) -> str:
    symbol = "≤" if limit.bound == "max" else "≥"
    name = limit.parameter_name
    if name:
        parameter = clause.parameter(name)
        default = parameter.default if parameter else None
        shown = f"{template.format_value(default)} (parameter {name})" if default is not None else f"[{name}]"
    else:
        shown = f"{limit.value:g}"
    return f"{limit.measure} {symbol} {shown} {limit.unit.replace('_', ' ')}"


def clause_markdown(view: dict[str, Any], *, heading: str = "##") -> str:
    """A clause view as Markdown (used by ``library show`` and the Markdown catalog)."""
    lines = [f"{heading} {view['id']} — {view['title']} (v{view['version']}, {view['status']})", "",
             f"*{view['purpose']}*", "",
             f"- Topic: {vocab.TOPICS[view['topic']].heading}",
             f"- Applies: {view['applicability']}",
             f"- Effective: {view['effective']['start']}" + (f" to {view['effective']['end']}"
                                                             if view["effective"]["end"] else ""),
             f"- Verification: {', '.join(view['verification'])}", "", view["text"], ""]
    if view["parameters"]:
        lines += ["Parameters:", ""]
        for p in view["parameters"]:
            extra = [x for x in (f"unit {p['unit']}" if p["unit"] else None,
                                 f"range {p['range']}" if p["range"] else None,
                                 "choices " + ", ".join(p["choices"]) if p["choices"] else None) if x]
            default = p["default"] if p["default"] is not None else "(none)"
            lines.append(f"- `{p['name']}` ({p['type']}, filled by {p['filled_by']}; default {default}"
                         + (f"; {'; '.join(extra)}" if extra else "") + f"): {p['description']}")
        lines.append("")
    lines += ["Obligations:", ""]
    for o in view["obligation_details"]:
        limit = f" [{o['limit']}]" if o["limit"] else ""
        lines.append(f"- **{o['id']}** {o['party']} {o['modality']}: {o['statement']}{limit}")
    lines.append("")
    if view["conflict_details"]:
        lines += ["Conflicting terms to flag:", ""]
        lines += [f"- **{c['id']}** {c['statement']} — {c['reason']}" for c in view["conflict_details"]]
        lines.append("")
    if view["deliverables"]:
        lines += ["Deliverables:", ""]
        lines += [f"- {d['name']} — {d['frequency']}; {d['format']}" for d in view["deliverables"]]
        lines.append("")
    lines += ["Authorities:", ""]
    for c in view["citations"]:
        status = "" if c.get("status") in (None, "in_force") else f" ({c['status']}" + (
            f"; current: {c['current_authority']})" if c.get("current_authority") else ")")
        note = f" — {c['note']}" if c.get("note") else ""
        unverified = f" (unverified: {c['unverified']})" if c.get("unverified") else ""
        lines.append(f"- {c.get('cite', c['authority'] + ' ' + c['section'])}{status}{unverified}{note}")
    lines.append("")
    if view["notes"]:
        lines += [f"Notes: {view['notes']}", ""]
    return "\n".join(lines)
