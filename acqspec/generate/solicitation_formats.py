"""Sections L and M and the QASP → Markdown and JSON.

The Markdown has the content of the Word documents; the JSON carries, besides the
document's own entries, the trace graph shared by the four documents (policy citation →
SOW requirement → L instruction → M factor → QASP standard) and, as the SOW's JSON does,
the tool and library versions and what ``acqspec generate`` printed on stderr.
"""

from __future__ import annotations

import json

from acqspec.generate.formats import _table
from acqspec.generate.solicitation import (
    FAR_L,
    FAR_M,
    FAR_QASP,
    SURVEILLANCE_DEFINITIONS,
    SolicitationSet,
    basis_for_award_text,
    document_heading,
    evidences,
    l_requirement_rows,
    m_summary_rows,
    volume_rows,
)
from acqspec.generate.ucf import ucf_title_line


def solicitation_markdown(solicitation: SolicitationSet, kind: str) -> str:
    """Render Section L, Section M or the QASP as Markdown."""
    heading, _ = document_heading(solicitation, kind)
    spec = solicitation.spec
    section = {"section-l": solicitation.l_section, "section-m": solicitation.m_section}.get(kind)
    title_line = ucf_title_line(section) if section else "QUALITY ASSURANCE SURVEILLANCE PLAN"
    out = ([f"**{title_line}**", ""] if title_line else []) + [f"# {heading}", ""]
    out.append(f"{spec.title} — {spec.agency}, {spec.component}"
               + (f", solicitation {spec.solicitation_number}" if spec.solicitation_number else "")
               + f"; issue date {spec.issue_date}.")
    out.append("")
    if kind == "section-l":
        out += _section_l(solicitation)
    elif kind == "section-m":
        out += _section_m(solicitation)
    else:
        out += _qasp(solicitation)
    return "\n".join(out).rstrip("\n") + "\n"


def _section_l(solicitation: SolicitationSet) -> list[str]:
    spec, section = solicitation.spec, solicitation.l_section
    out = [(f"These instructions tell offerors what to submit to show that they will meet the artificial intelligence "
           f"requirements of Section {spec.section} ({FAR_L}). Each instruction names the requirements it evidences; "
           f"Section {solicitation.m_section} evaluates the proposal against the same requirements."), "",
           f"## {section}.1 General", "",
           ("Organize the proposal in the volumes below and label each response with the instruction identifier "
            f"and the requirement identifiers of Section {spec.section} it answers. Where a volume has a page limit, "
            "it is the number of pages the volume may have. A description that only restates a requirement does not "
            "show how it will be met; for a deliverable that does not yet exist, an outline may be provided as its "
            "draft."), "",
           f"## {section}.2 Proposal organization", ""]
    out += _table(("Volume", "Title", "Instructions", "Page limit"), volume_rows(solicitation))
    for index, volume in enumerate(solicitation.volumes, start=3):
        out += [f"## {section}.{index} Volume {volume.number}: {volume.title}", ""]
        for instruction in solicitation.instructions:
            if instruction.volume != volume.key:
                continue
            out += [f"### {instruction.number} {instruction.title} ({instruction.id})", "", instruction.text, ""]
            out += [f"- {item.text}" for item in instruction.items]
            out += [""] if instruction.items else []
            out += [f"*Instruction {instruction.id}. {evidences(solicitation, instruction.requirement_ids)}"
                    + (f" Authority: {'; '.join(instruction.authorities)}." if instruction.authorities else "")
                    + "*", ""]
    out += [(f"## {section}.{len(solicitation.volumes) + 3} Requirements of Section {spec.section} and the "
            "instructions that evidence them"), "",
            ("The past performance and price instructions apply to every requirement and are not repeated in the "
             "table."), ""]
    out += _table(("Requirement", "Title", "Instructions"), l_requirement_rows(solicitation))
    return out


def _section_m(solicitation: SolicitationSet) -> list[str]:
    spec, section = solicitation.spec, solicitation.m_section
    out = [(f"The Government will evaluate proposals only on the factors and subfactors below ({'; '.join(FAR_M)}), "
           f"derived from the artificial intelligence requirements of Section {spec.section}."), "",
           f"## {section}.1 Basis for award", ""]
    out += [line for text in basis_for_award_text(solicitation.options, solicitation.factors) for line in (text, "")]
    out += [f"## {section}.2 Evaluation factors and subfactors", ""]
    out += _table(("Factor or subfactor", f"Section {solicitation.l_section}", f"Section {spec.section} requirements"),
                  [(name.strip(), *rest) for name, *rest in m_summary_rows(solicitation)])
    out += [f"## {section}.3 Evaluation of each factor", ""]
    for index, factor in enumerate(solicitation.factors, start=1):
        out += [f"### {factor.number} Factor {index}: {factor.title} ({factor.id})", "", factor.text, ""]
        for sub_index, subfactor in enumerate(factor.subfactors, start=1):
            out += [f"**Subfactor {index}.{sub_index}: {subfactor.title} ({subfactor.id}).** {subfactor.text}", "",
                    (f"*Subfactor {subfactor.id}. Section {solicitation.l_section}: "
                     f"{', '.join(subfactor.instruction_ids) or 'none'}.*"), ""]
        out += [f"*Factor {factor.id}. Section {solicitation.l_section}: {', '.join(factor.instruction_ids)}. "
                f"{evidences(solicitation, factor.requirement_ids, verb='Requirements')}"
                + (f" Authority: {'; '.join(factor.authorities)}." if factor.authorities else "") + "*", ""]
    return out


def _qasp(solicitation: SolicitationSet) -> list[str]:
    spec = solicitation.spec
    out = ["## 1 Purpose and authority", "",
           (f"This plan states how the Government will surveil the Contractor's performance of the artificial "
            f"intelligence requirements of Section {spec.section} that carry a measurable standard "
            f"({'; '.join(FAR_QASP)}). The other requirements of Section {spec.section} are surveilled through "
            "inspection of the deliverables and records they call for, under the contract's inspection clause."), "",
            "## 2 Roles", "",
           ("The Contracting Officer's Representative (COR) performs the surveillance, records its results and "
            "reports them to the Contracting Officer. The Contracting Officer alone may change the contract, accept "
            "or reject performance and decide a remedy."), "",
            "## 3 Surveillance methods", ""]
    for method, text in SURVEILLANCE_DEFINITIONS.items():
        if any(method in s.methods for s in solicitation.standards):
            out += [f"**{method.capitalize()}:** {text}", ""]
    out += ["## 4 Performance requirements summary", ""]
    remedies = "; ".join(dict.fromkeys(s.remedy[:1].lower() + s.remedy[1:] for s in solicitation.standards))
    out += [("The acceptable quality level is the share of occurrences (or measurements) in each surveillance of a "
            f"standard that must meet it. Every standard has the same remedy: {remedies}; part 5 describes it."),
            ""] if solicitation.standards else []
    out += _table(("ID", "Requirement", "Performance standard", "Acceptable quality level",
                   "Surveillance method", "Frequency"),
                  [(s.id, s.requirement_id, s.standard, s.aql, s.method, s.frequency)
                   for s in solicitation.standards]) if solicitation.standards else \
        [f"No requirement of Section {spec.section} carries a measurable standard.", ""]
    out += ["## 5 Remedies and records", ""]
    out += [line for text in solicitation.remedy_text for line in (text, "")]
    return out


def solicitation_json(solicitation: SolicitationSet, kind: str) -> str:
    """The document's entries, the requirements they trace to and the shared trace graph, as JSON."""
    spec = solicitation.spec
    heading, _ = document_heading(solicitation, kind)
    data: dict = {
        "document": kind, "heading": heading, "title": spec.title, "agency": spec.agency,
        "component": spec.component, "solicitation_number": spec.solicitation_number,
        "issue_date": spec.issue_date, "sow_section": spec.section, "generator": spec.generator,
        "library_version": spec.library_version, "options": solicitation.options.model_dump(mode="json"),
        "requirements": [{"id": r.id, "number": r.number, "title": r.title, "clause_id": r.clause_id,
                          "clause_version": r.clause_version, "authority_cites": list(r.authority_cites)}
                         for r in spec.requirements()],
    }
    if kind == "section-l":
        data["section"] = solicitation.l_section
        data["authorities"] = [FAR_L]
        data["volumes"] = [v.model_dump(mode="json") for v in solicitation.volumes]
        data["instructions"] = [i.model_dump(mode="json") for i in solicitation.instructions]
    elif kind == "section-m":
        data["section"] = solicitation.m_section
        data["authorities"] = list(FAR_M)
        data["basis_for_award"] = basis_for_award_text(solicitation.options, solicitation.factors)
        data["factors"] = [f.model_dump(mode="json") for f in solicitation.factors]
    else:
        data["authorities"] = list(FAR_QASP)
        data["standards"] = [s.model_dump(mode="json") for s in solicitation.standards]
        data["remedies"] = list(solicitation.remedy_text)
    data["trace"] = solicitation.trace_graph()
    data["library_notes"] = [n.model_dump(mode="json") for n in spec.library_notes]
    data["warnings"] = list(spec.warnings)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
