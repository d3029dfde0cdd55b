"""Document readers: structure, labels, sources and warnings of what they read.

Every input a reader refuses is a case of the table in test_reader_refusals.py;
the raw packages both files build come from builders.py.  Committed fixtures
live in tests/fixtures/readers (rebuilt by make_fixtures.py there); hostile and
one-off packages are built in tmp_path so no zip bomb is ever committed.  No
test asserts a wall-clock time: how long the hostile inputs take to refuse or
read, against ordinary inputs of the same size, is measured by
bench/bench_hostile.py (which imports this module as ``readers``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_builders import FIXTURES, SOW_DOCX, W_NS, _document_xml, _make_fixtures, _p, minimal_docx
from reader_builders import _patch_central_directory  # noqa: F401  (bench/bench_hostile.py uses it as readers.*)

from acqspec.io.readers import SUPPORTED_SUFFIXES, read_document
from acqspec.models import Document


def by_text(doc: Document, text: str):
    matches = [block for block in doc.blocks if block.text == text]
    assert matches, f"no block with text {text!r}"
    return matches[0]


def body(doc: Document):
    return [block for block in doc.blocks if block.kind not in ("header", "footer", "footnote")]


# ======================================================================================
# .docx
# ======================================================================================


@pytest.fixture(scope="module")
def sow() -> Document:
    return read_document(SOW_DOCX)


def test_docx_multilevel_labels_and_restarts(sow: Document) -> None:
    items = [(b.label, b.level, b.text) for b in sow.blocks if b.kind == "list_item"]
    assert items[:12] == [
        ("1.", 0, "Deliver a test plan."),
        ("1.1.", 1, "Include bias metrics."),
        ("1.2.", 1, "Include robustness metrics."),
        ("(a)", 2, "Adversarial prompts."),
        ("(b)", 2, "Distribution shift."),
        ("i.", 3, "Covariate shift."),
        ("ii.", 3, "Label shift."),
        ("iii.", 3, "Concept shift."),
        ("iv.", 3, "Prior shift."),
        ("2.", 0, "Deliver test results."),
        ("2.1.", 1, "Summarise failures."),  # level 1 restarts when level 0 advances
        ("(a)", 2, "Root causes."),  # and so does level 2
    ]


def test_docx_start_override_bullets_letters_and_style_numbering(sow: Document) -> None:
    assert by_text(sow, "The Government retains unlimited rights.").label == "1."  # w:startOverride
    assert by_text(sow, "Training data").label == "•"  # Symbol-font bullet
    assert by_text(sow, "Provenance records").label == "◦"
    assert [by_text(sow, t).label for t in ("Phase one", "Kickoff", "Pilot", "Phase two")] == ["I.", "A)", "B)", "II."]
    # numbering inherited from the "List Number" paragraph style
    assert [by_text(sow, t).label for t in ("Monthly report", "Final report")] == ["1)", "2)"]
    assert by_text(sow, "Monthly report").kind == "list_item"


def test_docx_headings_and_section_paths(sow: Document) -> None:
    headings = [(b.label, b.level, b.text) for b in sow.blocks if b.kind == "heading"]
    assert headings == [
        (None, 1, "Statement of Work"),
        ("C.4", 1, "Scope"),
        ("C.5", 1, "Requirements"),
        ("C.5.1", 2, "Testing and Evaluation"),
        ("C.5.2", 2, "Data Rights"),
        ("C.6", 1, "Deliverables"),
        ("C.6.9", 3, "Typed Heading"),  # typed number split off; numId 0 removes the style's numbering
    ]
    assert by_text(sow, "Testing and Evaluation").section_path == ("C.5 Requirements",)
    assert by_text(sow, "Deliver a test plan.").section_path == ("C.5 Requirements", "C.5.1 Testing and Evaluation")
    assert by_text(sow, "Training data").section_path == ("C.5 Requirements", "C.5.2 Data Rights")
    assert by_text(sow, "Closing paragraph under the typed heading.").section_path == (
        "C.6 Deliverables", "C.6.9 Typed Heading")


def test_docx_block_fields_are_consistent(sow: Document) -> None:
    assert sow.format == "docx" and sow.path == str(SOW_DOCX)
    assert [b.index for b in sow.blocks] == list(range(len(sow.blocks)))
    for block in sow.blocks:
        assert block.text == " ".join(block.text.split()) and block.text
        assert block.page is None and block.line is None
        if block.kind != "list_item" and block.kind != "heading":
            assert block.level is None
    kinds = [b.kind for b in sow.blocks]
    first_note = kinds.index("header")
    assert set(kinds[first_note:]) <= {"header", "footer", "footnote"}


def test_docx_special_characters_and_inline_content(sow: Document) -> None:
    assert by_text(sow, "The contractor’s “model card” shall list all data-sources and their licences.")
    assert by_text(sow, "Visible text.")  # hidden (w:vanish) run dropped
    assert by_text(sow, "Details at the portal.")  # hyperlink text kept
    assert by_text(sow, "Version 2.0")  # field result kept, field code dropped
    typed = by_text(sow, "Typed list item text.")
    assert (typed.kind, typed.label, typed.level) == ("list_item", "(d)", 0)


def test_docx_sources_match_python_docx_paragraphs(sow: Document) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(SOW_DOCX))
    paragraphs = list(document.element.body.iter(qn("w:p")))
    checked = 0
    for block in body(sow):
        kind, number = block.source.split(":")
        assert kind == "p"
        element = paragraphs[int(number)]
        raw = " ".join("".join(t.text or "" for t in element.iter(qn("w:t"), qn("w:delText"))).split())
        if block.text == "Visible text.":
            continue  # the hidden run is in the XML but not in the block
        assert block.text in raw.replace("\u2011", "-") or block.text.split()[0] in raw, (block, raw)
        checked += 1
    assert checked > 40
    # empty paragraphs count: "Statement of Work" is p:0 and "Scope" follows an empty paragraph
    assert by_text(sow, "Statement of Work").source == "p:0"
    assert by_text(sow, "Scope").source == "p:2"


def test_docx_tables_row_major_with_nested_tables(sow: Document) -> None:
    cells = [b.text for b in sow.blocks if b.kind == "table_cell"]
    assert cells == ["Deliverable", "Due", "Model card", "30 days", "after award", "Nested A", "Nested B"]
    assert by_text(sow, "Nested A").section_path == ("C.6 Deliverables",)


def test_docx_headers_footers_footnotes(sow: Document) -> None:
    extra = [(b.kind, b.source, b.text) for b in sow.blocks if b.kind in ("header", "footer", "footnote")]
    assert extra == [
        ("header", "header1:p:0", "CUI – Draft SOW"),
        ("footer", "footer1:p:0", "Page 1"),
        ("footnote", "footnote1:p:0", "OMB Memorandum M-24-18, Advancing the Responsible Acquisition of AI."),
    ]
    assert all(b.section_path == () for b in sow.blocks if b.kind == "footnote")


def test_docx_tracked_changes_accepted_view(sow: Document) -> None:
    texts = [b.text for b in sow.blocks]
    assert sow.has_revisions and sow.revisions_view == "accepted"
    assert sow.warnings == ("document has pending tracked changes; read as if all were accepted",)
    assert "The contractor shall promptly deliver the model card." in texts
    assert "Reports are due." in texts  # moveFrom dropped
    assert "Status calls are held quarterly." in texts  # moveTo kept
    assert "This paragraph was added in review." in texts
    assert "This paragraph was deleted in review." not in texts


def test_docx_tracked_changes_original_view() -> None:
    doc = read_document(SOW_DOCX, revisions="original")
    texts = [b.text for b in doc.blocks]
    assert doc.has_revisions and doc.revisions_view == "original"
    assert "rejected" in doc.warnings[0]
    assert "The contractor shall not deliver the model card." in texts
    assert "Reports are due quarterly." in texts
    assert "Status calls are held." in texts
    assert "This paragraph was deleted in review." in texts
    assert "This paragraph was added in review." not in texts
    # the deleted paragraph keeps its own position in the package
    accepted = read_document(SOW_DOCX)
    deleted = by_text(doc, "This paragraph was deleted in review.")
    assert deleted.source not in {b.source for b in accepted.blocks}


def test_docx_without_revisions_has_no_warning(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Plain text.")
    path = tmp_path / "plain.docx"
    document.save(str(path))
    doc = read_document(path)
    assert not doc.has_revisions and doc.warnings == ()
    assert [b.text for b in doc.blocks] == ["Plain text."]
    assert doc.blocks[0].source == "p:0"


LEVELS = ('<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
          '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="{fmt1}"/>{extra1}'
          '<w:lvlText w:val="{text1}"/></w:lvl>')


@pytest.mark.parametrize("fmt1, extra1, text1, expected", [
    # lvlRestart 0: level 2 never restarts
    ("decimal", '<w:lvlRestart w:val="0"/>', "%1.%2", ["1.", "1.1", "1.2", "2.", "2.3"]),
    # isLgl: legal numbering shows every level as decimal
    ("lowerLetter", '<w:isLgl/>', "%1.%2", ["1.", "1.1", "1.2", "2.", "2.1"]),
    ("upperLetter", "", "%2.", ["1.", "A.", "B.", "2.", "A."]),
    ("decimalZero", "", "%2", ["1.", "01", "02", "2.", "01"]),
    ("none", "", "", ["1.", None, None, "2.", None]),  # an empty lvlText shows no label
])
def test_docx_numbering_variants(tmp_path: Path, fmt1, extra1, text1, expected) -> None:
    numbering = (f'<w:abstractNum w:abstractNumId="0">{LEVELS.format(fmt1=fmt1, extra1=extra1, text1=text1)}'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    body_xml = "".join(_p(f"Item {i}", (1, ilvl)) for i, ilvl in enumerate([0, 1, 1, 0, 1]))
    doc = read_document(minimal_docx(tmp_path / "n.docx", body_xml, numbering=numbering))
    assert [b.label for b in doc.blocks] == expected


def test_docx_list_instances_share_counters_like_word(tmp_path: Path) -> None:
    """Word counts per abstractNum: a second w:num continues the list unless it carries a startOverride."""
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
                 '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
    body_xml = "".join(_p(f"Item {i}", (num, 0)) for i, num in enumerate([1, 1, 2, 3, 3, 1]))
    doc = read_document(minimal_docx(tmp_path / "n.docx", body_xml, numbering=numbering))
    assert [b.label for b in doc.blocks] == ["1.", "2.", "3.", "1.", "2.", "3."]


def test_docx_letters_past_z_and_empty_numbered_paragraphs(tmp_path: Path) -> None:
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="25"/>'
                 '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    empty = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:p>'
    body_xml = _p("y item", (1, 0)) + empty + _p("aa item", (1, 0))
    doc = read_document(minimal_docx(tmp_path / "n.docx", body_xml, numbering=numbering))
    # an empty numbered paragraph still takes (z) in Word
    assert [(b.label, b.text, b.source) for b in doc.blocks] == [("(y)", "y item", "p:0"), ("(aa)", "aa item", "p:2")]


def test_docx_text_boxes_symbols_and_sources(tmp_path: Path) -> None:
    """A text box is stored twice (mc:Choice and a VML mc:Fallback); it is read once, and both copies count in p:<n>."""
    box = '<w:txbxContent><w:p><w:r><w:t>Boxed note.</w:t></w:r></w:p></w:txbxContent>'
    anchor = ('<w:p><w:r><w:t xml:space="preserve">Anchor </w:t></w:r><w:r><mc:AlternateContent>'
              f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>'
              f'<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>'
              '</mc:AlternateContent></w:r><w:r><w:t>text.</w:t></w:r></w:p>')
    symbols = ('<w:p><w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:t xml:space="preserve"> Done, see </w:t>'
               '<w:sym w:font="Symbol" w:char="F0B7"/><w:t xml:space="preserve"> x</w:t><w:softHyphen/>'
               '<w:t>y</w:t></w:r></w:p>')
    document = _document_xml(anchor + symbols + _p("After.")).replace(
        f'xmlns:w="{W_NS}"',
        f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"')
    path = minimal_docx(tmp_path / "box.docx", extra={"word/document.xml": document})
    doc = read_document(path)
    assert [(b.label, b.text, b.source) for b in doc.blocks] == [
        (None, "Anchor text.", "p:0"), (None, "Boxed note.", "p:1"),
        ("✓", "Done, see • xy", "p:3"),  # a symbol typed first reads as a bullet
        (None, "After.", "p:4")]

    import docx
    from docx.oxml.ns import qn

    assert len(list(docx.Document(str(path)).element.body.iter(qn("w:p")))) == 5


def huge_paragraph_body(words: int = 200_000, runs: int = 20_000) -> str:
    """One paragraph of ``words`` words in one run, then one paragraph of ``runs`` runs."""
    many = "".join(f'<w:r><w:t xml:space="preserve">r{i} </w:t></w:r>' for i in range(runs))
    return f'<w:p><w:r><w:t xml:space="preserve">{"word " * words}</w:t></w:r></w:p><w:p>{many}</w:p>'


def test_docx_huge_paragraph_and_many_runs(tmp_path: Path) -> None:
    path = minimal_docx(tmp_path / "big.docx", huge_paragraph_body())
    doc = read_document(path)
    assert len(doc.blocks) == 2
    assert doc.blocks[0].text.count("word") == 200_000
    assert doc.blocks[1].text.startswith("r0 r1 r2") and doc.blocks[1].text.endswith("r19999")


# ======================================================================================
# .pdf
# ======================================================================================


@pytest.fixture(scope="module")
def layout() -> Document:
    return read_document(FIXTURES / "layout.pdf")


def test_pdf_pages_sources_and_headings(layout: Document) -> None:
    assert layout.format == "pdf" and layout.pages == 3
    assert layout.revisions_view is None and not layout.has_revisions
    headings = [(b.label, b.level, b.text, b.page) for b in layout.blocks if b.kind == "heading"]
    assert headings == [
        (None, 1, "SECTION C – DESCRIPTION/SPECIFICATIONS", 1),
        ("C.5", 2, "REQUIREMENTS", 1),
        ("C.5.1", 3, "Testing and Evaluation", 1),
        ("C.6", 2, "DELIVERABLES", 2),
        ("C.7", 2, "Security", 3),
    ]
    assert layout.blocks[0].source == "page:1:para:1"
    assert by_text(layout, "DELIVERABLES").source == "page:2:para:1"
    assert by_text(layout, "Deliver test results.").section_path == (
        "SECTION C – DESCRIPTION/SPECIFICATIONS", "C.5 REQUIREMENTS", "C.5.1 Testing and Evaluation")
    assert [b.index for b in layout.blocks] == list(range(len(layout.blocks)))


def test_pdf_dehyphenation_and_joined_lines(layout: Document) -> None:
    assert by_text(layout, "The contractor shall meet each requirement for third-party testing of the model "
                           "before deployment and shall report the results to the contracting officer.")
    # "third-" + "party" across a line break keeps its hyphen because "third-party" occurs elsewhere
    assert by_text(layout, "The evaluation shall cover a third-party red team and an internal team.")
    assert by_text(layout, "Robustness testing under distribution shift, including adversarial prompts.")
    assert not any("\xad" in b.text or "\x02" in b.text or "\ufffe" in b.text for b in layout.blocks)


def test_pdf_list_items_and_levels(layout: Document) -> None:
    items = [(b.label, b.level, b.text) for b in layout.blocks if b.kind == "list_item"]
    assert items == [
        ("(a)", 0, "Bias testing across demographic groups."),
        ("(b)", 0, "Robustness testing under distribution shift, including adversarial prompts."),
        ("1.", 0, "Deliver a test plan within 30 days."),
        ("2.", 0, "Deliver test results."),
        ("•", 1, "Bullet point one."),
        ("•", 1, "Bullet point two."),
    ]


def test_pdf_running_headers_and_page_breaks(layout: Document) -> None:
    texts = [b.text for b in body(layout)]
    assert not any("Draft SOW" in t or t.startswith("Page ") for t in texts)
    running = [(b.kind, b.text, b.source) for b in layout.blocks if b.kind in ("header", "footer")]
    assert running == [("header", "ACME AI Services – Draft SOW", "page:1:header:1"),
                       ("footer", "Page 1 of 3", "page:1:footer:1")]
    spanning = by_text(layout, "This paragraph runs over the page break and ends on page three.")
    assert spanning.page == 2 and spanning.source == "page:2:para:4"


def test_pdf_printed_by_libreoffice() -> None:
    doc = read_document(FIXTURES / "printed.pdf")
    assert doc.pages == 3
    headings = [(b.label, b.text, b.page) for b in doc.blocks if b.kind == "heading"]
    assert headings[:2] == [("C.1", "SECTION TITLE 1", 1), ("C.1.1", "Testing and Evaluation", 1)]
    assert [b.page for b in doc.blocks if b.kind == "heading"] == [1, 1, 2, 2, 3, 3]
    paragraphs = [b for b in doc.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 9 and all(p.text.startswith("Paragraph ") for p in paragraphs)
    assert [b.label for b in doc.blocks if b.kind == "list_item"] == ["(a)", "(b)"] * 3
    assert [b.text for b in doc.blocks if b.kind == "header"] == ["Acquisition Sensitive – Draft"]


def test_pdf_partly_scanned_warns(tmp_path: Path) -> None:
    make = _make_fixtures()
    path = tmp_path / "mixed.pdf"
    path.write_bytes(make.pdf_bytes([[(72, 700, 11, "Only page one has text.")], ["0.5 g 72 72 100 100 re f"]]))
    doc = read_document(path)
    assert [b.text for b in doc.blocks] == ["Only page one has text."]
    assert doc.warnings == ("page 2 has no text layer (scanned?); that content is missing",)


# ======================================================================================
# .md and .txt
# ======================================================================================


@pytest.fixture(scope="module")
def markdown() -> Document:
    return read_document(FIXTURES / "sow.md")


def test_md_headings_and_section_paths(markdown: Document) -> None:
    headings = [(b.label, b.level, b.text, b.line) for b in markdown.blocks if b.kind == "heading"]
    assert headings == [
        (None, 1, "Statement of Work", 5),
        ("C.5", 2, "Requirements", 9),
        ("C.5.1", 3, "Testing and Evaluation", 14),
        (None, 2, "Data Rights", 37),  # setext
    ]
    assert by_text(markdown, "Deliver a test plan.").section_path == (
        "Statement of Work", "C.5 Requirements", "C.5.1 Testing and Evaluation")
    assert by_text(markdown, "Unlimited rights in training data.").section_path == ("Statement of Work", "Data Rights")


def test_md_lists_inline_markup_quotes_and_code(markdown: Document) -> None:
    items = [(b.label, b.level, b.text, b.source) for b in markdown.blocks if b.kind == "list_item"]
    assert items[:5] == [
        ("1.", 0, "Deliver a test plan.", "line:16"),
        ("2.", 0, "Deliver test results.", "line:17"),
        ("•", 1, "Bias metrics", "line:18"),
        ("•", 1, "Robustness metrics that wrap onto a second line", "line:19"),
        ("3.", 0, "Summarise failures.", "line:21"),
    ]
    assert [(b.label, b.text) for b in markdown.blocks if b.label in ("(a)", "(b)")] == [
        ("(a)", "Adversarial prompts."), ("(b)", "Distribution shift.")]
    assert by_text(markdown, "The contractor shall test the model before deployment, see OMB M-24-18 and RFC 2119.")
    assert by_text(markdown, "Quoted guidance stays in the text.")
    texts = " ".join(b.text for b in markdown.blocks)
    assert "print(" not in texts and "reviewer note" not in texts and "title: Draft" not in texts
    assert by_text(markdown, "Closing paragraph.").kind == "paragraph"
    assert by_text(markdown, "OMB Memorandum M-24-18.").kind == "footnote"


def test_md_tables(markdown: Document) -> None:
    cells = [(b.text, b.line) for b in markdown.blocks if b.kind == "table_cell"]
    assert cells == [("Deliverable", 32), ("Due", 32), ("Model card", 34), ("30 days", 34),
                     ("Test report", 35), ("60 days | final", 35)]


def test_md_html_tables_give_one_block_per_cell_at_its_row_line() -> None:
    from acqspec.io.readers.text import parse_text

    text = ("Intro.\n\n<table>\n<thead>\n<tr class=\"header\">\n<th>Deliverable</th>\n<th>Standard</th>\n</tr>\n"
            "</thead>\n<tbody>\n<tr><td>Model card</td><td>Updated <b>within</b> 10 days &amp; reviewed</td></tr>\n"
            "</tbody>\n</table>\n\nAfter.\n")
    doc = parse_text(text, "t.md", markdown=True)
    assert [(b.kind, b.text, b.line) for b in doc.blocks] == [
        ("paragraph", "Intro.", 1), ("table_cell", "Deliverable", 5), ("table_cell", "Standard", 5),
        ("table_cell", "Model card", 11), ("table_cell", "Updated within 10 days & reviewed", 11),
        ("paragraph", "After.", 15)]


def test_md_quote_inside_a_list_item_is_read_without_its_markers() -> None:
    """pandoc writes "3.  > text" and "    > (3) years": the wrapped line is not a new "(3)" item."""
    from acqspec.io.readers.text import parse_text

    text = ("3.  > The contractor shall keep the system authorized every three\n    > (3) years.\n"
            "4.  > Next item\n    > continues.\n")
    doc = parse_text(text, "t.md", markdown=True)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("list_item", "The contractor shall keep the system authorized every three (3) years."),
        ("list_item", "Next item continues.")]


def test_txt_structure() -> None:
    doc = read_document(FIXTURES / "sow.txt")
    assert doc.format == "txt"
    headings = [(b.label, b.level, b.text) for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        (None, 1, "STATEMENT OF WORK"),
        (None, 1, "SECTION C – DESCRIPTION/SPECIFICATIONS"),
        ("C.5", 2, "Requirements"),
        ("C.5.1", 3, "Testing and Evaluation"),
        (None, 1, "Data Rights"),  # underlined with ===
    ]
    items = [(b.label, b.level, b.text, b.line) for b in doc.blocks if b.kind == "list_item"]
    assert items == [
        ("(a)", 0, "Bias testing across demographic groups.", 13),
        ("(b)", 0, "Robustness testing.", 15),
        ("1.", 1, "Adversarial prompts.", 16),
        ("2.", 1, "Distribution shift.", 17),
        ("-", 0, "Unlimited rights in training data.", 27),
    ]
    numbered = by_text(doc, "The contractor shall retain all logs for the period of performance.")
    assert (numbered.kind, numbered.label) == ("paragraph", "C.5.2")
    caps = by_text(doc, "THE CONTRACTOR SHALL NOT USE GOVERNMENT DATA TO TRAIN COMMERCIAL MODELS.")
    assert caps.kind == "paragraph" and caps.section_path == ("Data Rights",)
    assert by_text(doc, "The contractor shall deliver a test plan.").section_path == (
        "SECTION C – DESCRIPTION/SPECIFICATIONS", "C.5 Requirements", "C.5.1 Testing and Evaluation")


def test_text_encodings(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffCaf\u00e9 \u201cquotes\u201d.\r\nSecond line.\r\n".encode("utf-8"))
    doc = read_document(bom)
    assert [b.text for b in doc.blocks] == ["Caf\u00e9 \u201cquotes\u201d. Second line."] and doc.warnings == ()
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Smart \u201cquotes\u201d \u2013 caf\u00e9.".encode("cp1252"))
    doc = read_document(legacy)
    assert doc.blocks[0].text == "Smart \u201cquotes\u201d \u2013 caf\u00e9."
    assert "Windows-1252" in doc.warnings[0]
    wide = tmp_path / "wide.md"
    wide.write_bytes("# Title\n\nText.\n".encode("utf-16"))
    assert [b.kind for b in read_document(wide).blocks] == ["heading", "paragraph"]


# ======================================================================================
# Dispatch
# ======================================================================================


def test_dispatch_by_suffix(tmp_path: Path) -> None:
    assert SUPPORTED_SUFFIXES == (".docx", ".pdf", ".txt", ".md", ".markdown")
    upper = tmp_path / "NOTES.MARKDOWN"
    upper.write_text("# Heading\n\nBody.\n")
    assert read_document(upper).format == "md"


def test_invalid_revisions_view() -> None:
    with pytest.raises(ValueError):
        read_document(SOW_DOCX, revisions="latest")  # type: ignore[arg-type]


@pytest.mark.parametrize("markdown", [False, True])
def test_a_wrapped_paragraph_knows_the_line_each_of_its_words_is_on(markdown: bool) -> None:
    """A hard-wrapped paragraph is one block, but each sentence is found on its own source line."""
    from acqspec.io.readers.text import parse_text

    text = ("Intro.\n\nThese terms apply to the\n**service**. We may change these terms at any\n"
            "time, and continued use means\n\n  acceptance. The end.\n")
    block = parse_text(text, "t.md" if markdown else "t.txt", markdown=markdown).blocks[1]
    shown = "**service**." if not markdown else "service."
    assert block.text.startswith(f"These terms apply to the {shown} We may change")
    assert block.line == 3
    assert block.line_at(0) == 3 and block.line_at(block.text.index("the ")) == 3
    assert block.line_at(block.text.index(shown)) == 4
    assert block.line_at(block.text.index("We may")) == 4
    assert block.line_at(block.text.index("continued")) == 5
    assert block.line_at(len(block.text) + 10) == 5  # past the end: the last line


def test_md_list_item_continuation_lines_keep_their_own_line_numbers() -> None:
    from acqspec.io.readers.text import parse_text

    doc = parse_text("1. The Contractor shall deliver the plan.\n   The Contractor shall\n   report incidents.\n",
                     "t.md", markdown=True)
    (item,) = doc.blocks
    assert [item.line_at(item.text.index(word)) for word in ("deliver", "The Contractor shall report", "report")] \
        == [1, 2, 3]
