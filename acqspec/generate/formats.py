"""SpecDocument → Markdown and JSON (for review and for contract-writing systems)."""

from __future__ import annotations

from acqspec.generate.assemble import DELIVERABLE_COLUMNS, MATRIX_COLUMNS, SpecDocument
from acqspec.generate.ucf import ucf_title_line


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def spec_markdown(spec: SpecDocument) -> str:
    """Render the specification as Markdown; fill-ins are bold.

    The same content as the Word document: no research notes, no generator trailer (the
    tool and library versions are in the JSON output and the Word document's properties).
    """
    title_line = ucf_title_line(spec.section)
    out = ([f"**{title_line}**", ""] if title_line else []) + [
        f"# {spec.section} {spec.heading}", "",
        f"{spec.title} — {spec.agency}, {spec.component}"
        + (f", solicitation {spec.solicitation_number}" if spec.solicitation_number else "")
        + f"; issue date {spec.issue_date}.", ""]
    for section in spec.sections:
        out += [f"## {section.number} {section.heading}", ""]
        for requirement in section.requirements:
            out += [f"### {requirement.number} {requirement.title} ({requirement.id})", ""]
            for segments in requirement.paragraphs:
                out.append("".join(f"**{s.text}**" if s.kind == "fill_in" else s.text for s in segments))
                out.append("")
            out += [f"*Requirement {requirement.id}. Verification: {', '.join(requirement.verification)}. "
                    f"Authority: {'; '.join(requirement.authority_cites)}.*", ""]
    next_number = len(spec.sections) + 1
    out += [f"## {spec.section}.{next_number} Deliverables", ""]
    out += _table(DELIVERABLE_COLUMNS,
                  [(d.name, d.frequency, d.format, d.requirement_id) for d in spec.deliverables]) \
        if spec.deliverables else ["No deliverables are required by the selected clauses.", ""]
    out += [f"## {spec.section}.{next_number + 1} Traceability Matrix", ""]
    out += _table(MATRIX_COLUMNS,
                  [(t.requirement_id, t.number, t.clause, t.authority, t.verification) for t in spec.trace])
    out += [note for n in spec.trace_notes for note in (n, "")]
    out += ["# Appendix: Acquisition Profile and Selection Rationale", "", "## Profile answers", ""]
    out += _table(("Question", "Answer"), list(spec.profile_answers))
    out += ["## Clause selection rationale", ""]
    out += _table(("Clause", "Title", "Decision", "Reason"),
                  [(d.clause_id, d.title, d.decision.capitalize(), d.reason) for d in spec.decisions])
    return "\n".join(out).rstrip("\n") + "\n"


def spec_json(spec: SpecDocument) -> str:
    """The assembled specification as JSON, for contract-writing systems.

    Unlike the documents it also carries what the library maintainer needs: each citation's
    ``unverified`` research note, ``library_notes`` (one per unverified citation, with the
    clauses that cite it), ``warnings`` (what stderr showed), ``generator`` and ``library_version``.
    """
    import json

    data = spec.model_dump(mode="json")
    data["requirements"] = [
        {"id": r.id, "number": r.number, "clause_id": r.clause_id, "clause_version": r.clause_version,
         "title": r.title, "text": r.text, "authorities": [c.model_dump() for c in r.citations],
         "selected_because": list(r.selected_because), "obligations": list(r.obligations),
         "verification": list(r.verification), "parameters": r.parameters,
         "deliverables": [d.model_dump() for d in r.deliverables], "fill_ins": r.fill_ins,
         "conditional_text": r.conditional_text, "authority_cites": list(r.authority_cites)}
        for r in spec.requirements()]
    del data["sections"]
    data["sections"] = [{"number": s.number, "topic": s.topic, "heading": s.heading,
                         "requirements": [r.id for r in s.requirements]} for s in spec.sections]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
