"""PDF reading: bounded work on page trees that repeat a page, and fast paths equal to the slow ones.

A 33 KB PDF can list one page object thousands of times; it must be refused
after a bounded number of pages (counted here, not timed), while documents
that merely repeat a short page (blank or "this page intentionally left
blank") still read.  The speed-ups of the PDF reader and of the shared
helpers (normalisation, list markers, headings, compounds) are checked
against straightforward reference versions written out here.

No test asserts a wall-clock time: the time to refuse these PDFs, against an
ordinary PDF with as much text as the reader gets through before refusing, is
measured by bench/bench_hostile.py.
"""

from __future__ import annotations

import gc
import random
import re
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from acqspec.cli import cli
from acqspec.errors import ReadError
from acqspec.io.readers import _common, pdf as pdf_reader, read_document
from acqspec.io.readers._common import BlockList, guess_heading, normalize, split_marker

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"

TEXT_LINES = [f"The Contractor shall deliver item {i} within 30 days of award." for i in range(40)]


def page_tree_pdf(streams: list[list[str]], pages: list[int], kids: list[int]) -> bytes:
    """A PDF with one content stream per entry of ``streams`` (its lines of text), one page object per
    entry of ``pages`` (the index of its stream) and a page tree that lists ``kids`` (indexes into ``pages``)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    stream_ids = []
    for lines in streams:
        shown = b" ".join(b"(%s) '" % line.encode() for line in lines)
        content = b"BT /F1 10 Tf 50 760 Td 12 TL " + shown + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        stream_ids.append(len(objects))
    page_ids = []
    for stream in pages:
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % stream_ids[stream])
        page_ids.append(len(objects))
    refs = b" ".join(b"%d 0 R" % page_ids[kid] for kid in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def assert_refused_as_repeat(path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """One-line refusal naming the file, and the reader stopped at the first page past the repeat budget.

    Pages are counted, not timed: every page is one copy of the same text, so the first copy is free
    and the refusal comes at the repeat that takes the repeated text past ``MAX_REPEATED_CHARS``.
    """
    sizes: list[tuple[int, int]] = []  # (page index, characters of its text)
    page_lines = pdf_reader._page_lines

    def counting(pdf, index):
        text, lines = page_lines(pdf, index)
        sizes.append((index, len(text)))
        return text, lines

    monkeypatch.setattr(pdf_reader, "_page_lines", counting)
    try:
        with pytest.raises(ReadError) as info:
            read_document(path)
    finally:
        monkeypatch.setattr(pdf_reader, "_page_lines", page_lines)
    message = str(info.value)
    assert path.name in message and "\n" not in message
    assert "repeats the text of page 1" in message
    assert [index for index, _ in sizes] == list(range(len(sizes)))
    assert len({chars for _, chars in sizes}) == 1 and sizes[0][1] > 0, sizes[:3]
    assert len(sizes) == pdf_reader.MAX_REPEATED_CHARS // sizes[0][1] + 2, (len(sizes), sizes[0][1])
    assert f"page {len(sizes)} repeats" in message
    return message


# ======================================================================================
# Page trees that repeat a page
# ======================================================================================

def test_page_listed_4999_times_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "repeated.pdf"
    path.write_bytes(page_tree_pdf([TEXT_LINES], pages=[0], kids=[0] * 4999))
    assert path.stat().st_size < 40_000
    assert_refused_as_repeat(path, monkeypatch)


def test_pages_sharing_one_content_stream_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "shared.pdf"
    path.write_bytes(page_tree_pdf([TEXT_LINES], pages=[0] * 4999, kids=list(range(4999))))
    assert_refused_as_repeat(path, monkeypatch)


def test_repeated_page_is_one_error_line_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "repeated.pdf"
    path.write_bytes(page_tree_pdf([TEXT_LINES], pages=[0], kids=[0] * 4999))
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("acqspec: error: ") and "repeats the text of page 1" in lines[0]


def test_short_page_repeated_many_times_still_reads(tmp_path: Path) -> None:
    """1,000 copies of one "intentionally left blank" page object stay far within the budget."""
    path = tmp_path / "blank-pages.pdf"
    path.write_bytes(page_tree_pdf([TEXT_LINES[:3], ["This page intentionally left blank."]], pages=[0, 1],
                                   kids=[0] + [1] * 999))
    doc = read_document(path)
    assert doc.pages == 1000 and not doc.warnings
    assert doc.blocks[0].text.startswith("The Contractor shall deliver item 0 within 30 days of award.")
    assert any("intentionally left blank" in block.text for block in doc.blocks)


def test_empty_pages_repeated_many_times_still_read(tmp_path: Path) -> None:
    path = tmp_path / "empty-pages.pdf"
    path.write_bytes(page_tree_pdf([TEXT_LINES[:3], []], pages=[0, 1], kids=[0] + [1] * 2000))
    doc = read_document(path)
    assert doc.pages == 2001
    assert doc.warnings and "have no text layer" in doc.warnings[0]
    assert "item 2 within 30 days" in doc.blocks[0].text


def test_repeat_budget_counts_only_repeats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Distinct pages never count; the first copy of a page does not either."""
    monkeypatch.setattr(pdf_reader, "MAX_REPEATED_CHARS", 3 * sum(len(line) + 2 for line in TEXT_LINES))
    distinct = [[f"{line} Page {n}." for line in TEXT_LINES] for n in range(20)]
    path = tmp_path / "distinct.pdf"
    path.write_bytes(page_tree_pdf(distinct, pages=list(range(20)), kids=list(range(20))))
    assert read_document(path).pages == 20
    path.write_bytes(page_tree_pdf([TEXT_LINES], pages=[0], kids=[0] * 4))
    assert read_document(path).pages == 4
    path.write_bytes(page_tree_pdf([TEXT_LINES], pages=[0], kids=[0] * 5))
    assert "page 5 repeats the text of page 1" in assert_refused_as_repeat(path, monkeypatch)


# ======================================================================================
# Fast paths give the slow paths' results
# ======================================================================================

def reference_normalize(text: str) -> str:
    return " ".join(text.translate(_common._DROP_CHARS).split())


TRICKY = [
    "", " ", "plain text", "  leading", "trailing  ", "double  space", "tab\there", "line\nbreak", "cr\r\nlf",
    "ﬁnancial ﬂow", "“smart” ‘quotes’", "soft\xadhyphen", "end soft\xad", "pdfium\ufffe", "marker\x02 x",
    "nbsp\xa0here", "\xa0", "zero\u200bwidth", "bom\ufeffx", "ideographic\u3000space", "line\u2028sep",
    "para\u2029sep", "nel\x85x", "vt\x0bff\x0c", "\x1cfile sep\x1f", "del\x7f", "nul\x00", "\uffff", "é and ß",
    "emoji 🙂", "a - b", "C.5.1Requirements", "\x02\ufffe\xad", " \xad ", "x\u2009thin\u202fnarrow",
]


@pytest.mark.parametrize("text", TRICKY)
def test_normalize_matches_reference(text: str) -> None:
    assert normalize(text) == reference_normalize(text)
    assert normalize(text * 3000, chunk=1000) == reference_normalize(text * 3000)


def test_normalize_fast_path_on_every_code_point() -> None:
    """The fast path returns the text unchanged: right for every printable character, the only ones it lets by."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isprintable():
            assert reference_normalize(f"a{char}b") == f"a{char}b", hex(code)
        else:
            assert normalize(f"a{char}b") == reference_normalize(f"a{char}b"), hex(code)


def test_normalize_drops_soft_hyphen_markers_at_the_end() -> None:
    """The PDF reader relies on it instead of stripping the markers itself."""
    for text in ["word\ufffe", "word\x02", "word\xad", "word\xad \ufffe ", "a b\x02\x02"]:
        assert normalize(text) == normalize(text.rstrip("\ufffe\x02\xad "))


def reference_is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and not any(c.islower() for c in letters)


@pytest.mark.parametrize("text", TRICKY + ["SECTION C", "AB", "ABC", "ABc", "Ǆ TITLE", "ⓐBCD", "ĸABC", "123 ABC",
                                           "ŉ ABC", "ﬁNAL", "ＡＢＣ", "ABC\u0345"])
def test_is_caps_matches_reference(text: str) -> None:
    assert _common._is_caps(text) == reference_is_caps(text)


_REFERENCE_MARKER = re.compile(_common._MARKER.pattern.replace(r")(?=\s+\S)", r")\s+(?P<rest>\S.*)$"), re.X | re.S)
MARKER_CASES = [
    "3.2 Scope", "3.2.1. Testing", "C.5.1 Requirements", "(a) the item", "(iv) fourth", "(12) twelve", "1. First",
    "2) Second", "a. alpha", "iv. four", "B) bee", "• bullet", "- dash", "— em dash", "* star", "1.", "1. ", "(a)",
    "(a)\tx", "(a)\nx", "3.2\xa0Scope", "3.2  Scope  ", "1.0 Intro", "x. y", "The Contractor", "", "(abc) x",
    "1234. no", "A.1.2.3.4 deep", "ii) roman", "C.10Section", "(a)(b) c", "• ", "–\u2003en", "1.\u2028x",
]


def reference_split_marker(text: str):
    match = _REFERENCE_MARKER.match(text)
    if match is None:
        return None
    kind = next(name for name in ("section", "paren", "number", "letter", "bullet") if match.group(name))
    return _common.ListMarker(label=match.group(kind), rest=match.group("rest").strip(), kind=kind)


@pytest.mark.parametrize("text", MARKER_CASES)
def test_split_marker_matches_reference(text: str) -> None:
    assert split_marker(text) == reference_split_marker(text)


def test_split_marker_matches_reference_on_random_text() -> None:
    pieces = ["1", "2.", "3)", "(", ")", "a", "iv", "C", ".", " ", "\t", "\n", "•", "-", "x", "Title", "\xa0", "12"]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        assert split_marker(text) == reference_split_marker(text), repr(text)


@pytest.mark.parametrize("alone", [True, False])
@pytest.mark.parametrize("text", MARKER_CASES + TRICKY + ["SECTION C - STATEMENT OF WORK", "12 Deliverables",
                                                         "C.5 Testing and Evaluation.", "3.1 Data ....... 4"])
def test_guess_heading_with_marker_given_matches(text: str, alone: bool) -> None:
    assert guess_heading(text, alone=alone, marker=split_marker(text)) == guess_heading(text, alone=alone)


def test_section_paths_match_reference() -> None:
    out = BlockList()
    stack: list[tuple[int, str]] = []
    levels = [1, 2, 3, 2, None, 1, 3, 3, None, 2, 1]
    for n, level in enumerate(levels):
        kind = "paragraph" if level is None else "heading"
        block = out.add(kind, f"Title {n}", source=f"p:{n}", level=level, label=f"{n}.")
        if kind == "heading":
            while stack and stack[-1][0] >= level:
                stack.pop()
        assert block.section_path == tuple(title for _, title in stack)
        if kind == "heading":
            stack.append((level, f"{n}. Title {n}"))


def test_plain_starts_cannot_open_a_list_item() -> None:
    """The reader appends a wrapped paragraph line starting with one of these without looking for a marker."""
    for char in pdf_reader._PLAIN_STARTS:
        for text in (f"{char} item", f"{char}. item", f"{char}) item", f"{char}.1 item", f"{char}{char}. item"):
            marker = split_marker(text)
            assert marker is None or marker.kind == "section" or (
                marker.kind != "bullet" and marker.label not in pdf_reader._FIRST_LABELS), text


def reference_compounds(lines: list[str]) -> set[str]:
    return {f"{m.group(1)}-{m.group(2)}".lower() for m in pdf_reader._COMPOUND.finditer("\n".join(lines))}


def test_compounds_match_a_pass_over_every_line() -> None:
    pieces = ["third-party", "ab-cd-ef", "x2a-b", "a-b_c", "-", "a", "B", " ", "\u2028", "é-ß", "_x-y", "q-9", "\t"]
    rng = random.Random(11)
    for _ in range(5_000):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(0, 4))]
        page = [pdf_reader._Line(text, 1, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0) for text in lines]
        assert pdf_reader._compounds([page]) == reference_compounds(lines), lines


_REFERENCE_GLUED = re.compile(r"^(" + pdf_reader._GLUED_LABEL + r")(?=[A-Z][a-z])")


def reference_lines(text: str) -> list[tuple[int, int, str]]:
    """(first, last, text) of each line as split before: on CR LF, CR or LF, stripped, glued label spaced."""
    out, position = [], 0
    for raw in re.split(r"(\r\n|\r|\n)", text):
        start, position = position, position + len(raw)
        if raw in ("\r\n", "\r", "\n") or not raw.strip():
            continue
        first = start + len(raw) - len(raw.lstrip())
        last = start + len(raw.rstrip()) - 1
        raw = raw.strip()
        glued = _REFERENCE_GLUED.match(raw)
        if glued:
            raw = f"{glued.group(1)} {raw[glued.end():]}"
        out.append((first, last, raw))
    return out


def fast_lines(text: str) -> list[tuple[int, int, str]]:
    out = []
    for match in pdf_reader._LINE.finditer(text):
        raw = match.group().rstrip()
        glued = match.group("glued")
        out.append((match.start(), match.start() + len(raw) - 1, f"{glued} {raw[len(glued):]}" if glued else raw))
    return out


def test_line_split_matches_reference() -> None:
    pieces = ["\r\n", "\r", "\n", " ", "\t", "\xa0", "C.10", "Section", "(a)", "The", "x", "3.2.", "Ab", "\u2028", "1"]
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert fast_lines(text) == reference_lines(text), repr(text)


@pytest.mark.parametrize("name", ["layout.pdf", "printed.pdf"])
def test_page_text_matches_pypdfium2(name: str) -> None:
    pdf = pdfium.PdfDocument(FIXTURES / name)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                assert pdf_reader._page_text(textpage.raw) == textpage.get_text_range()
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()


def test_collector_paused_while_reading_and_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    states = []
    extract = pdf_reader._extract
    monkeypatch.setattr(pdf_reader, "_extract", lambda path: states.append(gc.isenabled()) or extract(path))
    assert gc.isenabled()
    read_document(FIXTURES / "layout.pdf")
    assert states == [False] and gc.isenabled()
    gc.disable()
    try:
        read_document(FIXTURES / "layout.pdf")
        assert not gc.isenabled()
    finally:
        gc.enable()
