"""Deterministic .docx output shared by every writer, and the building blocks of a solicitation document.

python-docx stamps zip entries with the current time, so two runs over the
same input differ in bytes.  :func:`docx_bytes` re-packs the package with
fixed timestamps and fixed core properties so that the same input gives the
same bytes.

The rest are the pieces any document that goes into a solicitation is built
from (the SOW section today; Sections L and M and the QASP can use the same):
a serif body and black headings (:func:`apply_solicitation_styles`, skipped
when an organisation's template gives the styles), US Letter pages with
portrait and landscape sections (:func:`page_setup`, :func:`add_section`), a
running header and a "Page X of Y" footer made of Word fields
(:func:`running_heads`), and tables with set column widths, a header row
repeated on every page and rows that never split across pages
(:func:`add_table`).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from acqspec.errors import AcqspecError

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

SERIF_FONT = "Times New Roman"
"""The body font name written into the styles; nothing is embedded (LibreOffice substitutes the
metric-compatible Liberation Serif where Times New Roman is not installed)."""
TWIPS_PER_INCH = 1440


def new_document(template: str | Path | None = None):
    """A python-docx Document, empty or based on an organisation's template."""
    import docx

    from acqspec.errors import ReadError
    from acqspec.io.readers.docx import open_word_package

    if template is None:
        return docx.Document()
    # A template is a .docx from elsewhere: the same checks as a document to read
    # (zip bombs, DTDs, damaged or non-Word packages), each a one-line error.
    try:
        document = open_word_package(Path(template))
    except ReadError as exc:
        raise AcqspecError(f"cannot use as a Word template: {exc.message}", path=template) from exc
    # Keep the template's styles, headers and page setup but none of its body text.
    body = document.element.body
    if body is None:
        raise AcqspecError("cannot use as a Word template: it has no document body", path=template)
    for child in list(body):
        if child.tag.endswith("}sectPr"):
            continue
        body.remove(child)
    return document


def set_properties(document, *, title: str, subject: str = "", when: dt.date | None = None,
                   comments: str = "", category: str = "", keywords: str = "") -> None:
    """Fix the core properties so they do not depend on the clock or the user.

    ``comments`` is where a generator records what made the document (tool and library
    versions): document properties, not a trailer in the text.
    """
    moment = dt.datetime.combine(when or dt.date(2025, 1, 1), dt.time(0, 0))
    props = document.core_properties

    def fit(text: str) -> str:
        # python-docx refuses core properties over 255 characters; a long profile title is not an error.
        return text if len(text) <= 255 else text[:254] + "…"

    props.title = fit(title)
    props.subject = fit(subject)
    props.author = "acqspec"
    props.last_modified_by = "acqspec"
    props.created = moment
    props.modified = moment
    props.revision = 1
    props.comments = fit(comments)
    props.keywords = fit(keywords)
    props.category = fit(category)


def docx_bytes(document) -> bytes:
    """Serialise ``document`` with sorted-stable, fixed-timestamp zip entries."""
    raw = io.BytesIO()
    document.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- text


class StyleIds:
    """Style ids by name, looked up once.

    python-docx resolves a style name on every assignment by scanning the whole
    styles part for the default style, which was a fifth of ``generate``.
    """

    def __init__(self, document):
        self._document = document
        self._ids: dict[str, str | None] = {}

    def id_of(self, name: str) -> str | None:
        """The id of the style called ``name``, or None when the document has no such style."""
        if name not in self._ids:
            try:
                self._ids[name] = self._document.styles[name].style_id
            except KeyError:  # a template without this style
                self._ids[name] = None
        return self._ids[name]

    def style(self, name: str):
        """The style called ``name``, or None."""
        return self._document.styles[name] if self.id_of(name) is not None else None


def put_text(r, text: str) -> None:
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


def add_run(paragraph, text: str):
    """A run holding ``text`` at the end of ``paragraph``."""
    run = paragraph.add_run()
    put_text(run._r, text)
    return run


def add_paragraph(container, text: str = "", style_id: str | None = None):
    """A paragraph at the end of ``container`` (the document, a header, a cell) with ``text``."""
    paragraph = container.add_paragraph()
    if text:
        add_run(paragraph, text)
    if style_id is not None:
        paragraph._p.style = style_id
    return paragraph


def add_heading(document, styles: StyleIds, text: str, level: int):
    """A paragraph in the 'Heading <level>' style, or bold text when a template lacks the style."""
    style_id = styles.id_of(f"Heading {level}")
    if style_id is not None:
        return add_paragraph(document, text, style_id)
    paragraph = document.add_paragraph()
    add_run(paragraph, text).bold = True
    return paragraph


def add_field(paragraph, instruction: str, shown: str = "1") -> None:
    """A Word field (``PAGE``, ``NUMPAGES``...) as begin / instruction / separate / result / end runs.

    ``shown`` is the cached result a reader sees before the field is updated; Word and
    LibreOffice recompute page fields when they lay out the page.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(child):
        r = OxmlElement("w:r")
        r.append(child)
        paragraph._p.append(r)
        return r

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    result = OxmlElement("w:t")
    result.text = shown
    run_with(result)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# --------------------------------------------------------------------------- styles and pages


def apply_solicitation_styles(document, *, font: str = SERIF_FONT, size_pt: float = 12,
                              table_size_pt: float = 10) -> None:
    """Restyle python-docx's default template for a solicitation: serif body, black headings.

    Body text and headings use ``font`` (a name only; nothing is embedded) at ``size_pt``,
    headings are bold and black instead of the theme's blue, the 'Title' style is a plain
    centred bold line (a UCF section title), headers and footers are a little smaller and
    table text is ``table_size_pt``.  Call it only when no organisation template gives the styles.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            _plain_fonts(fonts, font)

    def restyle(name: str, *, size: float, bold: bool | None = None, italic: bool | None = None,
                before: float | None = None, after: float | None = None):
        try:
            style = styles[name]
        except KeyError:
            return None
        rpr = style.element.get_or_add_rPr()
        _plain_fonts(rpr.get_or_add_rFonts(), font)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        color = rpr.find(qn("w:color"))
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            if color is not None and color.get(qn(attribute)) is not None:
                del color.attrib[qn(attribute)]
        if bold is not None:
            style.font.bold = bold
        if italic is not None:
            style.font.italic = italic
        if before is not None:
            style.paragraph_format.space_before = Pt(before)
        if after is not None:
            style.paragraph_format.space_after = Pt(after)
        return style

    restyle("Normal", size=size_pt, after=6)
    restyle("Heading 1", size=size_pt, bold=True, before=12, after=6)
    restyle("Heading 2", size=size_pt, bold=True, before=12, after=6)
    restyle("Heading 3", size=size_pt, bold=True, italic=False, before=9, after=3)
    restyle("Header", size=size_pt - 2)
    restyle("Footer", size=size_pt - 2)
    title = restyle("Title", size=size_pt, bold=True, after=12)
    if title is not None:
        ppr = title.element.get_or_add_pPr()
        border = ppr.find(qn("w:pBdr"))
        if border is not None:
            ppr.remove(border)
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.font.all_caps = True
        rpr = title.element.get_or_add_rPr()
        for tag in ("w:spacing", "w:kern"):
            child = rpr.find(qn(tag))
            if child is not None:
                rpr.remove(child)
    try:
        grid = styles["Table Grid"]
    except KeyError:
        return
    grid.font.size = Pt(table_size_pt)
    _plain_fonts(grid.element.get_or_add_rPr().get_or_add_rFonts(), font)


def _plain_fonts(fonts, font: str) -> None:
    """Set a ``w:rFonts`` to ``font`` and drop its theme references (which would win over the name)."""
    from docx.oxml.ns import qn

    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attribute)) is not None:
            del fonts.attrib[qn(attribute)]
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)


def page_setup(section, *, landscape: bool = False, margin_in: float = 1.0) -> None:
    """US Letter, portrait or landscape, with ``margin_in`` inch margins."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Inches

    short, long = Inches(8.5), Inches(11)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(margin_in))
    section.header_distance = section.footer_distance = Inches(0.5)


def turn(section, *, landscape: bool) -> None:
    """Make a section landscape or portrait, keeping its page size and margins (a template's)."""
    from docx.enum.section import WD_ORIENT

    width, height = section.page_width, section.page_height
    if width is None or height is None:
        page_setup(section, landscape=landscape)
        return
    if (width > height) != landscape:
        section.page_width, section.page_height = height, width
        section.left_margin, section.top_margin = section.top_margin, section.left_margin
        section.right_margin, section.bottom_margin = section.bottom_margin, section.right_margin
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT


def add_section(document, *, landscape: bool):
    """Start a new section on a new page, landscape or portrait, with the page size of the last one."""
    from docx.enum.section import WD_SECTION

    section = document.add_section(WD_SECTION.NEW_PAGE)
    turn(section, landscape=landscape)
    return section


def text_width(section) -> int:
    """The width between the margins, in EMU."""
    return int(section.page_width - section.left_margin - section.right_margin)


def has_own_running_heads(section) -> bool:
    """Whether a section (a template's) already has header or footer text of its own."""
    for part in (section.header, section.footer):
        if not part.is_linked_to_previous and any(p.text.strip() for p in part.paragraphs):
            return True
    return False


def running_heads(section, styles: StyleIds, *, left: str, right: str) -> None:
    """Header '``left`` ⇥ ``right``' and footer 'Page X of Y' (PAGE and NUMPAGES fields) for ``section``.

    The right tab stop sits at the section's own text width, so a landscape section gets
    its own header (not linked to the portrait one before it).
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT

    header, footer = section.header, section.footer
    header.is_linked_to_previous = False
    footer.is_linked_to_previous = False
    for part in (header, footer):
        for paragraph in list(part.paragraphs):
            paragraph._p.getparent().remove(paragraph._p)
    style_id = styles.id_of("Header")
    line = add_paragraph(header, "", style_id)
    stops = line.paragraph_format.tab_stops
    # The style's own stops (python-docx's Header: centre 3.25", right 6.5") would catch the tab first.
    inherited = styles.style("Header")
    while inherited is not None:
        for stop in inherited.paragraph_format.tab_stops:
            stops.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        inherited = inherited.base_style
    stops.add_tab_stop(text_width(section), WD_TAB_ALIGNMENT.RIGHT)
    add_run(line, f"{left}\t{right}")
    page = add_paragraph(footer, "", styles.id_of("Footer"))
    page.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(page, "Page ")
    add_field(page, "PAGE")
    add_run(page, " of ")
    add_field(page, "NUMPAGES")


# --------------------------------------------------------------------------- tables


def add_table(document, styles: StyleIds, header: Sequence[str], rows: Sequence[Sequence[str]], *,
              widths: Sequence[float] | None = None, header_fill: str | None = "D9D9D9"):
    """A grid table with a bold header row repeated on every page and rows that do not split.

    ``widths`` are fractions of the current section's text width (they need not sum to 1;
    they are scaled); without them the columns are equal.  The layout is fixed, so Word and
    LibreOffice keep the widths instead of fitting columns to their longest word.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section = document.sections[-1]
    total = text_width(section)
    shares = list(widths) if widths else [1.0] * len(header)
    scale = sum(shares)
    emu = [int(total * share / scale) for share in shares]

    table = document.add_table(rows=1, cols=len(header))
    grid_style = styles.id_of("Table Grid")
    if grid_style is not None:
        table._tbl.tblStyle_val = grid_style
    table.autofit = False  # w:tblLayout type="fixed", in schema order
    tbl = table._tbl
    width = tbl.tblPr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(emu) * TWIPS_PER_INCH // 914400))
    for column, value in zip(tbl.tblGrid.gridCol_lst, emu):
        column.w = value

    def no_split(tr, *, heading: bool = False) -> None:
        tr_pr = tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        tr_pr.append(cant)
        if heading:
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            tr_pr.append(repeat)

    first = tbl.tr_lst[0]
    no_split(first, heading=True)
    for tc, label, value in zip(first.tc_lst, header, emu):
        tc.width = value
        r = tc.p_lst[0].add_r()
        r.get_or_add_rPr().append(OxmlElement("w:b"))
        put_text(r, label)
        if header_fill:
            shade = OxmlElement("w:shd")
            shade.set(qn("w:val"), "clear")
            shade.set(qn("w:color"), "auto")
            shade.set(qn("w:fill"), header_fill)
            tc.get_or_add_tcPr().append(shade)
    # Rows are built on the XML directly: python-docx's row and cell objects
    # re-scan the table on every access, quadratic in the number of rows.
    for values in rows:
        tr = tbl.add_tr()
        no_split(tr)
        for value_width, value in zip(emu, values):
            tc = tr.add_tc()
            tc.width = value_width
            put_text(tc.p_lst[0].add_r(), value)
    return table


# --------------------------------------------------------------------------- numbering


def add_outline_numbering(document, prefix: str, levels: int = 2) -> int:
    """Define a multilevel list '<prefix>.%1' / '<prefix>.%1.%2' … and return its numId.

    Attached to heading paragraphs (:func:`number_paragraph`), the numbers are Word list
    numbering, not typed text, so they survive edits and follow a template's styles.
    python-docx has no numbering API, so the definition is written into numbering.xml.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    numbering = document.part.numbering_part.element
    existing = [int(n.get(qn("w:abstractNumId"))) for n in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(existing, default=0) + 1
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "multilevel")
    abstract.append(multi)
    for level in range(levels):
        text = prefix + "".join(f".%{i + 1}" for i in range(level + 1))
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


def number_paragraph(paragraph, num_id: int, level: int) -> None:
    """Attach list ``num_id`` at ``level`` (0-based) to ``paragraph``."""
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = level
    numpr.get_or_add_numId().val = num_id
