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


class _Styles:
    """Style ids by name, looked up once.

    python-docx resolves a style name on every assignment by scanning the whole
    styles part for the default style, which was a fifth of ``generate``.
    """

    def __init__(self, document):
        self._document = document
        self._ids: dict[str, str | None] = {}

    def id_of(self, name: str) -> str | None:
        if name not in self._ids:
            try:
                self._ids[name] = self._document.styles[name].style_id
            except KeyError:  # a template without this style
                self._ids[name] = None
        return self._ids[name]


def _put_text(r, text: str) -> None:
    """Append ``text`` to the ``w:r`` element ``r``; newlines become ``w:br``.

    The same XML as python-docx's ``Run.text`` setter, without its per-character loop.
    """
    if "\t" in text or "\r" in text:
        r.text = text
        return
    for index, part in enumerate(text.split("\n")):
        if index:
            r.add_br()
        if part:
            r.add_t(part)


def _add_run(paragraph, text: str):
    run = paragraph.add_run()
    _put_text(run._r, text)
    return run


def _paragraph(document, text: str = "", style_id: str | None = None):
    paragraph = document.add_paragraph()
    if text:
        _add_run(paragraph, text)
    if style_id is not None:
        paragraph._p.style = style_id
    return paragraph


def _heading(document, styles: _Styles, text: str, level: int):
    style_id = styles.id_of(f"Heading {level}")
    if style_id is not None:
        return _paragraph(document, text, style_id)
    paragraph = document.add_paragraph()  # a template without heading styles
    _add_run(paragraph, text).bold = True
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


def _table(document, styles: _Styles, header: tuple[str, ...], rows: list[tuple[str, ...]]):
    table = document.add_table(rows=1, cols=len(header))
    grid_style = styles.id_of("Table Grid")
    if grid_style is not None:
        table._tbl.tblStyle_val = grid_style
    for cell, label in zip(table.rows[0].cells, header):
        cell.text = ""
        _add_run(cell.paragraphs[0], label).bold = True
    # Repeat the header row on every page.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    # Rows are built on the XML directly: python-docx's row and cell objects
    # re-scan the table on every access, quadratic in the number of rows.
    tbl = table._tbl
    widths = [column.w for column in tbl.tblGrid.gridCol_lst]
    for values in rows:
        tr = tbl.add_tr()
        for width, value in zip(widths, values):
            tc = tr.add_tc()
            tc.width = width
            _put_text(tc.p_lst[0].add_r(), value)
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
    styles = _Styles(document)

    _heading(document, styles, f"{spec.section} {spec.heading}", 1)
    intro = (f"This section states the artificial intelligence requirements for {spec.title} "
             f"({spec.agency}, {spec.component}"
             + (f", solicitation {spec.solicitation_number}" if spec.solicitation_number else "")
             + "). Each requirement carries a requirement identifier used in the deliverables table and the "
               "traceability matrix. Text in highlighted brackets is to be completed as indicated.")
    _paragraph(document, intro)

    for section in spec.sections:
        _number(_heading(document, styles, section.heading, 2), num_id, 0)
        for requirement in section.requirements:
            _number(_heading(document, styles, f"{requirement.title} ({requirement.id})", 3), num_id, 1)
            for segments in requirement.paragraphs:
                paragraph = document.add_paragraph()
                for segment in segments:
                    run = _add_run(paragraph, segment.text)
                    if segment.kind == "fill_in":
                        run.bold = True
                        run.font.highlight_color = _FILL_IN_COLOR
            meta = document.add_paragraph()
            current = [c.cite for c in requirement.citations if c.standing == "current"] or \
                      [c.cite for c in requirement.citations]
            _add_run(meta, f"Requirement {requirement.id}. Verification: "
                         f"{', '.join(requirement.verification)}. Authority: {'; '.join(current)}.").italic = True

    _number(_heading(document, styles, "Deliverables", 2), num_id, 0)
    if spec.deliverables:
        _table(document, styles, ("Deliverable", "Frequency", "Format", "Requirement"),
               [(d.name, d.frequency, d.format, d.requirement_id) for d in spec.deliverables])
    else:
        _paragraph(document, "No deliverables are required by the selected clauses.")

    _number(_heading(document, styles, "Traceability Matrix", 2), num_id, 0)
    _table(document, styles, ("Requirement", "Section", "Clause (version)", "Authority and section", "Verification"),
           [(t.requirement_id, t.number, t.clause, "\n".join(t.authorities), t.verification) for t in spec.trace])

    document.add_page_break()
    _heading(document, styles, "Appendix: Acquisition Profile and Selection Rationale", 1)
    _heading(document, styles, "Profile answers", 2)
    _table(document, styles, ("Question", "Answer"), list(spec.profile_answers))
    _heading(document, styles, "Clause selection rationale", 2)
    _table(document, styles, ("Clause", "Title", "Decision", "Reason"),
           [(d.clause_id, d.title, d.decision.capitalize(), d.reason) for d in spec.decisions])
    if spec.warnings:
        _heading(document, styles, "Generator warnings", 2)
        for warning in spec.warnings:
            _paragraph(document, warning)
    footer = document.add_paragraph()
    _add_run(footer, f"Generated by {spec.generator} for issue date {spec.issue_date}.").italic = True
    return docx_bytes(document)
