"""Sections L and M and the QASP → Word, with the SOW's page furniture.

The same conventions as the SOW writer (:mod:`acqspec.generate.docx`): UCF title line,
running header with the solicitation number and the section, "Page X of Y" footer of
Word fields, serif body and black headings unless ``--template`` gives the styles, Word
list numbering on the headings, tables with set widths and repeated header rows, and tool
and library versions in the document properties.  All the building blocks come from
:mod:`acqspec.io.docx_out`; this module only lays the three documents out.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx.shared import Pt

from acqspec.errors import AcqspecError
from acqspec.generate.solicitation import (
    FAR_L,
    FAR_M,
    FAR_QASP,
    SURVEILLANCE_DEFINITIONS,
    LInstruction,
    SolicitationSet,
    basis_for_award_text,
    document_heading,
    evidences,
    l_requirement_rows,
    m_summary_rows,
    volume_rows,
)
from acqspec.generate.ucf import ucf_title_line
from acqspec.io.docx_out import (
    StyleIds,
    add_heading,
    add_outline_numbering,
    add_paragraph,
    add_run,
    add_section,
    add_table,
    apply_solicitation_styles,
    docx_bytes,
    has_own_running_heads,
    new_document,
    number_paragraph,
    page_setup,
    running_heads,
    set_properties,
)

_NOTE_SIZE = Pt(10)

QASP_COLUMNS = ("ID", "Requirement", "Performance standard", "Acceptable quality level",
                "Surveillance method", "Frequency")
QASP_WIDTHS = (0.6, 1.15, 3.3, 0.95, 1.25, 1.75)


def solicitation_docx(solicitation: SolicitationSet, kind: str, *, template: str | Path | None = None) -> bytes:
    """Render Section L, Section M or the QASP (``kind``: section-l, section-m, qasp) as .docx bytes."""
    build: Callable = {"section-l": _section_l, "section-m": _section_m, "qasp": _qasp}[kind]
    document = new_document(template)
    if template is None:
        return _render(solicitation, kind, document, build, styled=False)
    try:
        return _render(solicitation, kind, document, build, styled=True)
    except (AttributeError, NotImplementedError, TypeError, KeyError, ValueError, IndexError) as exc:
        raise AcqspecError(f"cannot use as a Word template: python-docx cannot write into it "
                           f"({type(exc).__name__})", path=template) from exc


class _Page:
    """The document being written: styles and the running heads every section gets."""

    def __init__(self, document, styles: StyleIds, left: str, right: str, keep_template_heads: bool):
        self.document, self.styles = document, styles
        self.left, self.right, self.keep = left, right, keep_template_heads

    def heads(self, section) -> None:
        if not self.keep:
            running_heads(section, self.styles, left=self.left, right=self.right)

    def note(self, text: str) -> None:
        run = add_run(self.document.add_paragraph(), text)
        run.italic = True
        run.font.size = _NOTE_SIZE

    def bullets(self, texts) -> None:
        style = self.styles.id_of("List Bullet")
        for text in texts:
            paragraph = add_paragraph(self.document, text, style)
            if style is None:
                paragraph.paragraph_format.left_indent = Pt(18)


def _render(solicitation: SolicitationSet, kind: str, document, build: Callable, *, styled: bool) -> bytes:
    spec = solicitation.spec
    heading, running = document_heading(solicitation, kind)
    set_properties(document, title=f"{heading}: {spec.title}", subject=spec.solicitation_number or spec.title,
                   category=running,
                   comments=f"Made with {spec.generator} from the clause library ({spec.library_version}) "
                            f"for issue date {spec.issue_date}; derived from Section {spec.section}.")
    styles = StyleIds(document)
    number = spec.solicitation_number
    left = f"Solicitation No. {number}" if number else "Solicitation number not yet assigned"
    first = document.sections[0]
    page = _Page(document, styles, left, running, styled and has_own_running_heads(first))
    if not styled:
        apply_solicitation_styles(document)
        page_setup(first)
    page.heads(first)
    build(solicitation, page, heading)
    return docx_bytes(document)


def _instruction(page: _Page, solicitation: SolicitationSet, instruction: LInstruction, num_id: int) -> None:
    document, styles = page.document, page.styles
    number_paragraph(add_heading(document, styles, f"{instruction.title} ({instruction.id})", 3), num_id, 1)
    add_paragraph(document, instruction.text)
    page.bullets(item.text for item in instruction.items)
    page.note(f"Instruction {instruction.id}. {evidences(solicitation, instruction.requirement_ids)}"
              + (f" Authority: {'; '.join(instruction.authorities)}." if instruction.authorities else ""))


def _section_l(solicitation: SolicitationSet, page: _Page, heading: str) -> None:
    document, styles, spec = page.document, page.styles, solicitation.spec
    section = solicitation.l_section
    num_id = add_outline_numbering(document, section)
    title_line = ucf_title_line(section)
    if title_line:
        add_paragraph(document, title_line, styles.id_of("Title"))
    add_heading(document, styles, heading, 1)
    add_paragraph(document, f"These instructions tell offerors what to submit to show that they will meet the "
                            f"artificial intelligence requirements of Section {spec.section} for {spec.title} "
                            f"({FAR_L}). Each instruction has an identifier and names the requirements of Section "
                            f"{spec.section} it evidences; Section {solicitation.m_section} evaluates the proposal "
                            "against the same requirements.")
    number_paragraph(add_heading(document, styles, "General", 2), num_id, 0)
    add_paragraph(document, "Organize the proposal in the volumes below, in the order of the instructions of each "
                            "volume, and label each response with the instruction identifier (for example L-01) and "
                            f"the requirement identifiers of Section {spec.section} it answers. Where a volume has a "
                            "page limit, it is the number of pages the volume may have. A description that only "
                            "restates a requirement does not show how it will be met; for a deliverable that does not "
                            "yet exist, an outline may be provided as its draft.")
    number_paragraph(add_heading(document, styles, "Proposal organization", 2), num_id, 0)
    add_table(document, styles, ("Volume", "Title", "Instructions", "Page limit"), volume_rows(solicitation),
              widths=(0.8, 2.6, 2.1, 1.0))
    for volume in solicitation.volumes:
        number_paragraph(add_heading(document, styles, f"Volume {volume.number}: {volume.title}", 2), num_id, 0)
        for instruction in solicitation.instructions:
            if instruction.volume == volume.key:
                _instruction(page, solicitation, instruction, num_id)
    number_paragraph(add_heading(document, styles, f"Requirements of Section {spec.section} and the instructions "
                                                   "that evidence them", 2), num_id, 0)
    add_paragraph(document, "The past performance and price instructions apply to every requirement and are not "
                            "repeated in the table.")
    add_table(document, styles, ("Requirement", "Title", "Instructions"), l_requirement_rows(solicitation),
              widths=(1.2, 3.9, 1.4))


def _section_m(solicitation: SolicitationSet, page: _Page, heading: str) -> None:
    document, styles, spec = page.document, page.styles, solicitation.spec
    section = solicitation.m_section
    num_id = add_outline_numbering(document, section)
    title_line = ucf_title_line(section)
    if title_line:
        add_paragraph(document, title_line, styles.id_of("Title"))
    add_heading(document, styles, heading, 1)
    add_paragraph(document, f"The Government will evaluate proposals for {spec.title} only on the factors and "
                            f"subfactors below ({'; '.join(FAR_M)}). The factors are derived from the artificial "
                            f"intelligence requirements of Section {spec.section}; each names the Section "
                            f"{solicitation.l_section} instructions whose responses it evaluates.")
    number_paragraph(add_heading(document, styles, "Basis for award", 2), num_id, 0)
    for text in basis_for_award_text(solicitation.options, solicitation.factors):
        add_paragraph(document, text)
    number_paragraph(add_heading(document, styles, "Evaluation factors and subfactors", 2), num_id, 0)
    add_table(document, styles, ("Factor or subfactor", f"Section {solicitation.l_section}",
                                 f"Section {spec.section} requirements"),
              m_summary_rows(solicitation), widths=(2.2, 1.3, 3.0))
    number_paragraph(add_heading(document, styles, "Evaluation of each factor", 2), num_id, 0)
    for index, factor in enumerate(solicitation.factors, start=1):
        number_paragraph(add_heading(document, styles, f"Factor {index}: {factor.title} ({factor.id})", 3),
                         num_id, 1)
        add_paragraph(document, factor.text)
        for sub_index, subfactor in enumerate(factor.subfactors, start=1):
            paragraph = add_paragraph(document)
            add_run(paragraph, f"Subfactor {index}.{sub_index}: {subfactor.title} ({subfactor.id}). ").bold = True
            add_run(paragraph, subfactor.text)
            page.note(f"Subfactor {subfactor.id}. Section {solicitation.l_section}: "
                      f"{', '.join(subfactor.instruction_ids) or 'none'}.")
        page.note(f"Factor {factor.id}. Section {solicitation.l_section}: {', '.join(factor.instruction_ids)}. "
                  f"{evidences(solicitation, factor.requirement_ids, verb='Requirements')}"
                  + (f" Authority: {'; '.join(factor.authorities)}." if factor.authorities else ""))


def _remedy_sentence(solicitation: SolicitationSet) -> str:
    remedies = list(dict.fromkeys(s.remedy for s in solicitation.standards))
    return "; ".join(r[:1].lower() + r[1:] for r in remedies)


def _qasp(solicitation: SolicitationSet, page: _Page, heading: str) -> None:
    document, styles, spec = page.document, page.styles, solicitation.spec
    add_paragraph(document, "Quality Assurance Surveillance Plan", styles.id_of("Title"))
    add_heading(document, styles, heading, 1)
    add_heading(document, styles, "1 Purpose and authority", 2)
    add_paragraph(document, f"This plan states how the Government will surveil the Contractor's performance of the "
                            f"artificial intelligence requirements of Section {spec.section} that carry a measurable "
                            f"standard ({'; '.join(FAR_QASP)}). It is prepared with the statement of work and names, "
                            "for each standard, the work requiring surveillance, the acceptable quality level, the "
                            "surveillance method and frequency, and the remedy. Each standard has an identifier and "
                            f"names the requirement of Section {spec.section} it surveils.")
    add_paragraph(document, f"The other requirements of Section {spec.section} are surveilled through inspection of "
                            "the deliverables and records they call for, under the contract's inspection clause.")
    add_heading(document, styles, "2 Roles", 2)
    add_paragraph(document, "The Contracting Officer's Representative (COR) performs the surveillance, records its "
                            "results and reports them to the Contracting Officer. The Contracting Officer alone may "
                            "change the contract, accept or reject performance and decide a remedy.")
    add_heading(document, styles, "3 Surveillance methods", 2)
    used = [m for m in SURVEILLANCE_DEFINITIONS if any(m in s.methods for s in solicitation.standards)]
    for method in used:
        paragraph = add_paragraph(document)
        add_run(paragraph, f"{method.capitalize()}: ").bold = True
        add_run(paragraph, SURVEILLANCE_DEFINITIONS[method])
    page.heads(add_section(document, landscape=True))
    add_heading(document, styles, "4 Performance requirements summary", 2)
    if solicitation.standards:
        add_paragraph(document, "The acceptable quality level is the share of occurrences (or measurements) in "
                                "each surveillance of a standard that must meet it. Every standard has the same "
                                f"remedy: {_remedy_sentence(solicitation)}; part 5 describes it.")
        add_table(document, styles, QASP_COLUMNS,
                  [(s.id, s.requirement_id, s.standard, s.aql, s.method, s.frequency)
                   for s in solicitation.standards], widths=QASP_WIDTHS)
    else:
        add_paragraph(document, f"No requirement of Section {spec.section} carries a measurable standard.")
    page.heads(add_section(document, landscape=False))
    add_heading(document, styles, "5 Remedies and records", 2)
    for text in solicitation.remedy_text:
        add_paragraph(document, text)
