"""SpecDocument → Word, with real multilevel numbering and tables.

Section numbers (C.5.1, C.5.1.1) are Word list numbering attached to the
heading paragraphs, not typed text, so they survive edits in Word and follow
the organisation's template styles.  python-docx has no numbering API, so the
abstract numbering definition is written into numbering.xml directly.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from acqspec.errors import AcqspecError
from acqspec.generate.assemble import SpecDocument
from acqspec.io.docx_out import docx_bytes, new_document, set_properties

_FILL_IN_COLOR = WD_COLOR_INDEX.YELLOW


def _has_style(document, name: str) -> bool:
    try:
        document.styles[name]
        return True
    except KeyError:
        return False


def _heading(document, text: str, level: int):
    if _has_style(document, f"Heading {level}"):
        return document.add_heading(text, level=level)
    paragraph = document.add_paragraph()  # a template without heading styles
    paragraph.add_run(text).bold = True
    return paragraph


def _add_numbering(document, section: str) -> int:
    """Define a two-level list 'C.5.%1' / 'C.5.%1.%2' and return its numId."""
    numbering = document.part.numbering_part.element
    existing = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(existing, default=0) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "multilevel")
    abstract.append(multi)
    for level, text in enumerate((f"{section}.%1", f"{section}.%1.%2")):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", text), ("w:lvlJc", "left")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(1080 + 360 * level))
        ind.set(qn("w:hanging"), str(1080 + 360 * level))
        ppr.append(ind)
        lvl.append(ppr)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # schema order: every abstractNum before any num
    else:
        numbering.append(abstract)
    existing_nums = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(existing_nums, default=0) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), str(abstract_id))
    num.append(ref)
    numbering.append(num)
    return num_id


def _number(paragraph, num_id: int, level: int) -> None:
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id


def _table(document, header: tuple[str, ...], rows: list[tuple[str, ...]]):
    table = document.add_table(rows=1, cols=len(header))
    if _has_style(document, "Table Grid"):
        table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True
    # Repeat the header row on every page.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = value
    return table


def spec_docx(spec: SpecDocument, *, template: str | Path | None = None) -> bytes:
    """Render the specification as .docx bytes (deterministic)."""
    document = new_document(template)
    if template is None:
        return _spec_docx(spec, document)
    try:
        return _spec_docx(spec, document)
    except (AttributeError, NotImplementedError, TypeError, KeyError, ValueError, IndexError) as exc:
        # python-docx trusts a template's parts (a styles part that is not w:styles,
        # no numbering part it can create...): a template it cannot write into is bad input.
        raise AcqspecError(f"cannot use as a Word template: python-docx cannot write into it "
                           f"({type(exc).__name__})", path=template) from exc


def _spec_docx(spec: SpecDocument, document) -> bytes:
    set_properties(document, title=f"{spec.section} {spec.heading}: {spec.title}",
                   subject=spec.solicitation_number or spec.title)
    num_id = _add_numbering(document, spec.section)

    _heading(document, f"{spec.section} {spec.heading}", 1)
    intro = (f"This section states the artificial intelligence requirements for {spec.title} "
             f"({spec.agency}, {spec.component}"
             + (f", solicitation {spec.solicitation_number}" if spec.solicitation_number else "")
             + f"). Each requirement carries a requirement identifier used in the deliverables table and the "
               f"traceability matrix. Text in highlighted brackets is to be completed as indicated.")
    document.add_paragraph(intro)

    for section in spec.sections:
        _number(_heading(document, section.heading, 2), num_id, 0)
        for requirement in section.requirements:
            _number(_heading(document, f"{requirement.title} ({requirement.id})", 3), num_id, 1)
            for segments in requirement.paragraphs:
                paragraph = document.add_paragraph()
                for segment in segments:
                    run = paragraph.add_run(segment.text)
                    if segment.kind == "fill_in":
                        run.bold = True
                        run.font.highlight_color = _FILL_IN_COLOR
            meta = document.add_paragraph()
            current = [c.cite for c in requirement.citations if c.standing == "current"] or \
                      [c.cite for c in requirement.citations]
            meta.add_run(f"Requirement {requirement.id}. Verification: "
                         f"{', '.join(requirement.verification)}. Authority: {'; '.join(current)}.").italic = True

    _number(_heading(document, "Deliverables", 2), num_id, 0)
    if spec.deliverables:
        _table(document, ("Deliverable", "Frequency", "Format", "Requirement"),
               [(d.name, d.frequency, d.format, d.requirement_id) for d in spec.deliverables])
    else:
        document.add_paragraph("No deliverables are required by the selected clauses.")

    _number(_heading(document, "Traceability Matrix", 2), num_id, 0)
    _table(document, ("Requirement", "Section", "Clause (version)", "Authority and section", "Verification"),
           [(t.requirement_id, t.number, t.clause, "\n".join(t.authorities), t.verification) for t in spec.trace])

    document.add_page_break()
    _heading(document, "Appendix: Acquisition Profile and Selection Rationale", 1)
    _heading(document, "Profile answers", 2)
    _table(document, ("Question", "Answer"), list(spec.profile_answers))
    _heading(document, "Clause selection rationale", 2)
    _table(document, ("Clause", "Title", "Decision", "Reason"),
           [(d.clause_id, d.title, d.decision.capitalize(), d.reason) for d in spec.decisions])
    if spec.warnings:
        _heading(document, "Generator warnings", 2)
        for warning in spec.warnings:
            document.add_paragraph(warning)
    footer = document.add_paragraph()
    footer.add_run(f"Generated by {spec.generator} for issue date {spec.issue_date}.").italic = True
    return docx_bytes(document)
