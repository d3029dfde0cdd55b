"""SpecDocument → Word: a SOW section a contracting officer can paste into a solicitation.

Uniform Contract Format conventions: the section's title line, a running
header with the solicitation number and section, a "Page X of Y" footer made
of Word fields, a serif body with black headings (unless ``--template`` gives
the styles), requirements numbered by Word multilevel list numbering on the
heading styles (C.5.1, C.5.1.1), so the numbers survive edits.  The
traceability matrix has its own landscape section with set column widths; its
header row repeats and its rows do not split across pages.  Tool and library
versions go into the document properties, not the text.  The page, style and
table helpers live in :mod:`acqspec.io.docx_out` for other document types.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from acqspec.errors import AcqspecError
from acqspec.generate.assemble import DELIVERABLE_COLUMNS, MATRIX_COLUMNS, SpecDocument
from acqspec.generate.ucf import ucf_title_line
from acqspec.io.docx_out import (StyleIds, add_heading, add_outline_numbering, add_paragraph, add_run, add_section,
                                 add_table, apply_solicitation_styles, docx_bytes, has_own_running_heads,
                                 new_document, number_paragraph, page_setup, running_heads, set_properties)

_FILL_IN_COLOR = WD_COLOR_INDEX.YELLOW
_NOTE_SIZE = Pt(10)

DELIVERABLE_WIDTHS = (1.7, 1.95, 1.6, 1.25)
MATRIX_WIDTHS = (1.1, 0.8, 0.9, 4.1, 2.1)


def spec_docx(spec: SpecDocument, *, template: str | Path | None = None) -> bytes:
    """Render the specification as .docx bytes (deterministic)."""
    document = new_document(template)
    if template is None:
        return _spec_docx(spec, document, styled=False)
    try:
        return _spec_docx(spec, document, styled=True)
    except (AttributeError, NotImplementedError, TypeError, KeyError, ValueError, IndexError) as exc:
        # python-docx trusts a template's parts (a styles part that is not w:styles,
        # no numbering part it can create...): a template it cannot write into is bad input.
        raise AcqspecError(f"cannot use as a Word template: python-docx cannot write into it "
                           f"({type(exc).__name__})", path=template) from exc


def running_head_texts(spec: SpecDocument) -> tuple[str, str]:
    """(left, right) of the page header: the solicitation number and the section."""
    number = spec.solicitation_number
    return (f"Solicitation No. {number}" if number else "Solicitation number not yet assigned",
            f"Section {spec.section}")


def _spec_docx(spec: SpecDocument, document, *, styled: bool) -> bytes:
    set_properties(document, title=f"{spec.section} {spec.heading}: {spec.title}",
                   subject=spec.solicitation_number or spec.title, category=f"Section {spec.section}",
                   comments=f"Made with {spec.generator} from the clause library ({spec.library_version}) "
                            f"for issue date {spec.issue_date}.")
    styles = StyleIds(document)
    left, right = running_head_texts(spec)

    first = document.sections[0]
    keep_template_heads = styled and has_own_running_heads(first)

    def heads(section) -> None:
        # A template's own header and footer (a logo, a CUI banner) run through every section.
        if not keep_template_heads:
            running_heads(section, styles, left=left, right=right)

    if not styled:
        apply_solicitation_styles(document)
        page_setup(first)
    heads(first)
    num_id = add_outline_numbering(document, spec.section)

    title_line = ucf_title_line(spec.section)
    if title_line:
        add_paragraph(document, title_line, styles.id_of("Title"))
    add_heading(document, styles, f"{spec.section} {spec.heading}", 1)
    add_paragraph(document, _intro(spec))

    for section in spec.sections:
        number_paragraph(add_heading(document, styles, section.heading, 2), num_id, 0)
        for requirement in section.requirements:
            number_paragraph(add_heading(document, styles, f"{requirement.title} ({requirement.id})", 3), num_id, 1)
            for segments in requirement.paragraphs:
                paragraph = document.add_paragraph()
                for segment in segments:
                    run = add_run(paragraph, segment.text)
                    if segment.kind == "fill_in":
                        run.bold = True
                        run.font.highlight_color = _FILL_IN_COLOR
            meta = document.add_paragraph()
            run = add_run(meta, f"Requirement {requirement.id}. Verification: {', '.join(requirement.verification)}. "
                                f"Authority: {'; '.join(requirement.authority_cites)}.")
            run.italic = True
            run.font.size = _NOTE_SIZE

    number_paragraph(add_heading(document, styles, "Deliverables", 2), num_id, 0)
    if spec.deliverables:
        add_table(document, styles, DELIVERABLE_COLUMNS,
                  [(d.name, d.frequency, d.format, d.requirement_id) for d in spec.deliverables],
                  widths=DELIVERABLE_WIDTHS)
    else:
        add_paragraph(document, "No deliverables are required by the selected clauses.")

    heads(add_section(document, landscape=True))
    number_paragraph(add_heading(document, styles, "Traceability Matrix", 2), num_id, 0)
    add_paragraph(document, "Each requirement, the library clause and version it comes from, its principal authority "
                            "in force on the issue date (the requirement's Authority line lists every authority it "
                            "rests on) and how the Government verifies it.")
    add_table(document, styles, MATRIX_COLUMNS,
              [(t.requirement_id, t.number, t.clause, t.authority, t.verification) for t in spec.trace],
              widths=MATRIX_WIDTHS)
    for note in spec.trace_notes:
        paragraph = add_paragraph(document)
        paragraph.paragraph_format.space_before = Pt(6)
        add_run(paragraph, note).font.size = _NOTE_SIZE

    heads(add_section(document, landscape=False))
    add_heading(document, styles, "Appendix: Acquisition Profile and Selection Rationale", 1)
    add_paragraph(document, "This appendix records the acquisition profile and why each clause of the library is in "
                            "or out, for the contract file; it adds no requirement.")
    add_heading(document, styles, "Profile answers", 2)
    add_table(document, styles, ("Question", "Answer"), list(spec.profile_answers), widths=(2.4, 4.1))
    add_heading(document, styles, "Clause selection rationale", 2)
    add_table(document, styles, ("Clause", "Title", "Decision", "Reason"),
              [(d.clause_id, d.title, d.decision.capitalize(), d.reason) for d in spec.decisions],
              widths=(0.7, 1.9, 0.8, 3.1))
    return docx_bytes(document)


def _intro(spec: SpecDocument) -> str:
    fill_ins = sum(r.fill_ins for r in spec.requirements())
    text = (f"This section states the artificial intelligence requirements for {spec.title} "
            f"({spec.agency}, {spec.component}"
            + (f", solicitation {spec.solicitation_number}" if spec.solicitation_number else "")
            + "). Each requirement has an identifier, used in the deliverables table and the traceability matrix.")
    if fill_ins:
        text += " Entries in highlighted brackets are completed by the offeror in its proposal."
    return text
