"""Read the text layer of a PDF into paragraphs, headings and list items.

A PDF has no paragraphs, only positioned glyphs, so structure is rebuilt from
geometry and typography as a reader would:

* pdfium (via pypdfium2: fast, permissively licensed) gives each page's text
  in reading order with line breaks; the loose box of the first and last
  character of every line gives its position;
* a line starts a new paragraph after a vertical gap clearly larger than the
  page's usual line step, after a short line that ends a sentence, or when it
  starts with a list marker or looks like a heading ("C.5.1 TITLE",
  "SECTION C", a short all-caps line);
* wrapped lines are joined; words broken at a line end are re-joined
  ("require-" + "ment"), but a hyphen is kept when the same hyphenated word
  ("third-party") appears elsewhere in the document without a line break;
* lines that repeat at the top or bottom of most pages (running headers,
  "Page 3 of 10") are taken out of the body and reported once as
  ``header``/``footer`` blocks at the end.

``source`` is ``page:<p>:para:<n>`` with both numbers 1-based; a paragraph
that runs over a page break belongs to the page where it starts.  Header and
footer blocks use ``page:<p>:header:<n>``/``page:<p>:footer:<n>`` (first page
they appear on).  Scanned pages have no text layer; OCR is out of scope, so a
PDF without any text is refused and partly scanned ones get a warning.  A
page tree can list one page thousands of times, so a small file would read
like a huge one: pages that repeat the text of an earlier page share a budget
(``MAX_REPEATED_CHARS``), past which the PDF is refused.

pdfium is not thread-safe: read PDFs from one thread per process (worker
processes are fine).
"""

from __future__ import annotations

import codecs
import ctypes
import functools
import re
import statistics
import string
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from acqspec.errors import ReadError
from acqspec.io.readers._common import BlockList, ListMarker, check_file, guess_heading, normalize, split_marker
from acqspec.models import BlockKind, Document
from acqspec.runtime import collector_paused

MAX_PAGES = 5_000
MAX_CHARS = 50_000_000
"""Refuse documents whose text layer is larger than this (a 50k-word SOW has ~350k)."""
MAX_REPEATED_CHARS = 500_000
"""Refuse documents whose pages that repeat the text of an earlier page add up to more than this."""

_SOFT_HYPHENS = "\ufffe\x02\xad"
_SOFT_HYPHEN_ENDS = tuple(_SOFT_HYPHENS)
_HAS_SOFT_HYPHEN = re.compile(f"[{_SOFT_HYPHENS}]")
_BROKEN_WORD = re.compile(r"([^\W\d_]+)[\ufffe\x02\xad]\s*([^\W\d_]+)")
_COMPOUND = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
_SENTENCE_END = tuple(".:;!?)\"”’")
_GLUED_LABEL = r"(?:[A-Z]|\d{1,3})(?:\.\d{1,3})+\.?|\(?[a-z\d]{1,3}\)"
_LINE = re.compile(rf"(?=\S)(?:(?P<glued>{_GLUED_LABEL})(?=[A-Z][a-z]))?[^\r\n]*")
"""A line of extracted text (pdfium ends lines with CR LF) from its first non-blank character; ``glued`` is
a label that Word's "label<tab>title" left without a space ("C.10Section")."""
_FIRST_LABELS = {"1.", "1)", "(1)", "a.", "a)", "(a)", "A.", "(A)", "i.", "(i)", "I.", "(I)"}
_PLAIN_STARTS = frozenset(string.ascii_letters + string.digits) - {label[0] for label in _FIRST_LABELS}
"""First characters that neither a bullet (never a letter or digit) nor one of the ``_FIRST_LABELS`` has."""


@dataclass(slots=True)
class _Line:
    text: str
    page: int
    left: float
    right: float
    top: float
    bottom: float
    end_bottom: float
    """Bottom of the last character; pdfium joins lines it de-hyphenated, so this may be a lower line."""
    height: float
    """``max(top - bottom, 1.0)``, kept rather than recomputed: it is needed several times per line."""


@dataclass(slots=True)
class _Para:
    kind: BlockKind
    page: int
    lines: list[_Line]
    label: str | None = None
    level: int | None = None
    first_text: str | None = None  # the first line's text without its label


@collector_paused()
def read_pdf(path: Path) -> Document:
    """Read a PDF's text layer into a :class:`Document`.

    Raises:
        ReadError: the file is not a PDF, is encrypted, corrupt, too large,
            has too many pages, or has no text layer at all.
    """
    check_file(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(1024)
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    if b"%PDF-" not in head:
        raise ReadError("is not a PDF file (no %PDF- header)", path=path)

    pages = _extract(path)
    total_pages = len(pages)
    empty = [number for number, lines in enumerate(pages, 1) if not lines]
    if len(empty) == total_pages:
        raise ReadError("has no text layer (scanned?); OCR is not supported", path=path)

    warnings = []
    if empty:
        shown = ", ".join(map(str, empty[:20])) + (" ..." if len(empty) > 20 else "")
        many = len(empty) > 1
        warnings.append(f"{'pages' if many else 'page'} {shown} {'have' if many else 'has'} no text layer "
                        "(scanned?); that content is missing")

    running = _running_lines(pages)
    compounds = _compounds(pages)
    out = BlockList()
    _Assembler(out, compounds).run(pages, running)
    if not any(block.kind not in ("header", "footer") for block in out.blocks):
        raise ReadError("document has no text", path=path)
    return Document(path=str(path), format="pdf", blocks=tuple(out.blocks), pages=total_pages,
                    warnings=tuple(warnings))


# ======================================================================================
# Extraction
# ======================================================================================

def _extract(path: Path) -> list[list[_Line]]:
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        # Recent pypdfium2 releases carry PDFium's error code; older ones only say it in words.
        code = getattr(exc, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD or (code is None and "password" in message.lower()):
            raise ReadError("is encrypted (password-protected); remove the password and try again",
                            path=path) from exc
        raise ReadError(f"is not a readable PDF ({message})", path=path) from exc
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    try:
        count = len(pdf)
        if count == 0:
            raise ReadError("PDF has no pages", path=path)
        if count > MAX_PAGES:
            raise ReadError(f"PDF has {count} pages; the limit is {MAX_PAGES}", path=path)
        pages, chars = [], 0
        first_seen: dict[int, int] = {}  # hash of a page's text -> the first page with that text
        repeated = 0
        for index in range(count):
            text, lines = _page_lines(pdf, index)
            # A page tree may list one page (or content stream) thousands of times: a small file
            # that reads like a huge one.  Pages that repeat an earlier one have a budget of their own.
            first = first_seen.setdefault(hash(text), index + 1)
            if first != index + 1:
                repeated += len(text)
                if repeated > MAX_REPEATED_CHARS:
                    raise ReadError(f"page {index + 1} repeats the text of page {first}; repeated pages exceed "
                                    f"{MAX_REPEATED_CHARS:,} characters (a page tree listing one page many times?)",
                                    path=path)
            chars += sum(len(line.text) for line in lines)
            if chars > MAX_CHARS:
                raise ReadError(f"PDF text layer exceeds {MAX_CHARS} characters", path=path)
            pages.append(lines)
        return pages
    except (pdfium.PdfiumError, RecursionError) as exc:
        raise ReadError(f"is a damaged PDF ({exc})", path=path) from exc
    finally:
        pdf.close()


def _page_lines(pdf: pdfium.PdfDocument, index: int) -> tuple[str, list[_Line]]:
    """The text of one page and its non-blank lines with the positions of their first and last characters.

    Through pdfium's raw API: pypdfium2's page objects (finalizers, weak
    references) would add a twentieth to the time of a page.
    """
    page = pdfium_c.FPDF_LoadPage(pdf.raw, index)
    if not page:
        raise pdfium.PdfiumError("Failed to load page.")
    try:
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise pdfium.PdfiumError("Failed to load text page.")
        try:
            text = _page_text(textpage)
            return text, _lines(text, textpage, index + 1)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)


def _page_text(textpage: pdfium_c.FPDF_TEXTPAGE) -> str:
    """All text of a text page, as pypdfium2's ``PdfTextPage.get_text_range()`` gives it.

    That recurses once per character left out at either end, which fails on
    a page that starts with ~1,000 of them; this loops.
    """
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count == -1:
        raise pdfium.PdfiumError("Failed to get character count.")
    # pdfium may leave characters at either end out of the text: ask for the range it covers.
    text_index = pdfium_c.FPDFText_GetTextIndexFromCharIndex
    first, last = 0, count - 1
    while first <= last and text_index(textpage, first) == -1:
        first += 1
    if first > last:
        return ""
    while text_index(textpage, last) == -1:
        last -= 1
    buffer = (ctypes.c_ushort * (text_index(textpage, last) + 2 - text_index(textpage, first)))()
    written = pdfium_c.FPDFText_GetText(textpage, first, last + 1 - first, buffer)
    return codecs.decode(memoryview(buffer)[:written - 1], "utf-16-le", "ignore")


def _untyped(function) -> Callable[..., int]:
    """A pdfium function returning int, called without checking or converting its arguments.

    Python ints go as C ints and ctypes pointers as pointers, which is what
    the callers pass; a call costs 40% less than through pypdfium2's prototype.
    """
    untyped = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.cast(function, ctypes.c_void_p).value)
    untyped.argtypes = None
    return untyped


# Two calls of each per line: the costliest part of reading a page after pdfium's own work.
_char_index = _untyped(pdfium_c.FPDFText_GetCharIndexFromTextIndex)
"""``(textpage, text_index)``: index into the text page's characters of a character of its text; -1 for none."""
_loose_box = _untyped(pdfium_c.FPDFText_GetLooseCharBox)
"""``(textpage, char_index, FS_RECTF pointer)``: fill in the character's loose box; 0 when it has none."""


def _lines(text: str, textpage: pdfium_c.FPDF_TEXTPAGE, number: int) -> list[_Line]:
    """The non-blank lines of page ``number`` from its ``text``, placed by the loose boxes of their ends."""
    handle = ctypes.cast(textpage, ctypes.c_void_p)
    box = pdfium_c.FS_RECTF()
    box_address = ctypes.byref(box)
    corners = memoryview(box).cast("B").cast("f")  # left, top, right, bottom: quicker to read than the fields

    def find_box(indices: range) -> bool:
        """Fill ``box`` from the first character in ``indices`` that has one."""
        for text_index in indices:
            char_index = _char_index(handle, text_index)
            if char_index >= 0 and _loose_box(handle, char_index, box_address):
                return True
        return False

    lines: list[_Line] = []
    for match in _LINE.finditer(text):
        raw = match.group().rstrip()
        first = match.start()
        last = first + len(raw) - 1
        # The first (last) character nearly always has a box; look further only when it does not.
        char_index = _char_index(handle, first)
        found = (char_index >= 0 and _loose_box(handle, char_index, box_address)) \
            or find_box(range(first + 1, min(first + 8, last + 1)))
        if found:
            left, top, _, bottom = corners
            char_index = _char_index(handle, last)
            found = (char_index >= 0 and _loose_box(handle, char_index, box_address)) \
                or find_box(range(last - 1, max(last - 8, first - 1), -1))
            if found:
                _, _, right, end_bottom = corners
        if not found:
            if not lines:
                continue  # no position at all: extremely rare, and nothing to attach it to
            previous = lines[-1]  # keep the text, at the position of the line before
            left, bottom, right, top, end_bottom = (previous.left, previous.bottom, previous.right, previous.top,
                                                    previous.bottom)
        glued = match.group("glued")
        if glued:
            raw = f"{glued} {raw[len(glued):]}"  # put the space back
        lines.append(_Line(raw, number, left, right, top, bottom, end_bottom, max(top - bottom, 1.0)))
    return lines


# ======================================================================================
# Running headers and footers
# ======================================================================================

_DIGITS = re.compile(r"\d+")


def _key(text: str) -> str:
    return _DIGITS.sub("#", normalize(text).lower())


def _edge_lines(ordered: list[_Line]) -> list[_Line]:
    """The first of ``ordered`` lines, plus the second when the two sit as close as wrapped lines."""
    picked = ordered[:1]
    if len(ordered) > 2:
        first, second = ordered[0], ordered[1]
        distance = abs(first.bottom - second.bottom)
        if distance <= 1.3 * max(first.height, second.height):
            picked.append(second)
    return picked


def _running_lines(pages: list[list[_Line]]) -> dict[int, str]:
    """Map ``id(line)`` to "header"/"footer" for lines repeated at the top or bottom of most pages.

    A running line sits at the very edge of the page and at the same height on
    every page; its text may differ only in digits (page numbers).
    """
    with_text = [lines for lines in pages if lines]
    if len(with_text) < 2:
        return {}
    need = max(2, int(0.6 * len(with_text) + 0.999))
    top_down = [sorted(lines, key=lambda line: -line.top) for lines in with_text]
    found: dict[int, str] = {}
    for where in ("header", "footer"):
        candidates = [[(line, (_key(line.text), round(line.bottom / 4)))
                       for line in _edge_lines(ordered if where == "header" else ordered[::-1])]
                      for ordered in top_down]
        counts = Counter(key for page in candidates for key in {key for _, key in page})
        repeated = {key for key, n in counts.items() if n >= need}
        for page in candidates:
            for line, key in page:
                if key in repeated and len(normalize(line.text)) <= 120:
                    found[id(line)] = where
    return found


def _compounds(pages: list[list[_Line]]) -> set[str]:
    """Hyphenated words that occur inside a line somewhere, e.g. "third-party"."""
    # A match lies within one whitespace-separated word, so one pass over the distinct words
    # with a hyphen finds the same ones as a pass over every line.
    text = "\n".join({word for lines in pages for line in lines if "-" in line.text
                      for word in line.text.split() if "-" in word})
    return {f"{match.group(1)}-{match.group(2)}".lower() for match in _COMPOUND.finditer(text)}


# ======================================================================================
# Paragraphs
# ======================================================================================

class _Assembler:
    """Group lines into blocks, page by page, continuing paragraphs across page breaks."""

    def __init__(self, out: BlockList, compounds: set[str]):
        self.out = out
        self.compounds = compounds
        self.paras: list[_Para] = []
        self.running: list[tuple[str, _Line]] = []
        self.metrics: dict[int, _Metrics] = {}

    def run(self, pages: list[list[_Line]], running: dict[int, str]) -> None:
        cur: _Para | None = None
        bodies = [[line for line in lines if id(line) not in running] for lines in pages]
        for lines, body, metrics in zip(pages, bodies, _metrics(bodies)):
            if body:
                self.metrics[body[0].page] = metrics
            self.running.extend((running[id(line)], line) for line in lines if id(line) in running)
            if not body:
                continue
            breaks = _breaks(body, metrics)
            for i, line in enumerate(body):
                if i and not breaks[i - 1] and cur is not None and cur.kind == "paragraph" \
                        and line.text[0] in _PLAIN_STARTS:
                    # A wrapped line of a paragraph: only a bullet or a first list label starts an item here.
                    cur.lines.append(line)
                    continue
                text = normalize(line.text)  # drops the soft-hyphen markers too
                marker = split_marker(text)
                if i == 0 and cur is not None and self._continues(cur, text, marker):
                    cur.lines.append(line)  # a paragraph running over the page break
                    continue
                new_block = i == 0 or breaks[i - 1]
                heading = guess_heading(text, alone=breaks[i], marker=marker) if new_block else None
                if heading is not None:
                    self._start("heading", line, heading.label, heading.level, heading.title)
                    cur = None  # a heading is one line; the next line starts a new block
                    continue
                if marker is not None and marker.kind != "section" and (
                        new_block or (cur is not None and cur.kind == "list_item")
                        or marker.kind == "bullet" or marker.label in _FIRST_LABELS):
                    cur = self._start("list_item", line, marker.label, None, _after_label(line, marker))
                elif new_block or cur is None:
                    if marker is not None and marker.kind == "section":
                        cur = self._start("paragraph", line, marker.label, None, _after_label(line, marker))
                    else:
                        cur = self._start("paragraph", line)
                else:
                    cur.lines.append(line)
        self._list_levels()
        self._emit()

    def _start(self, kind: BlockKind, line: _Line, label: str | None = None, level: int | None = None,
               first_text: str | None = None) -> _Para:
        para = _Para(kind, line.page, [line], label, level, first_text)
        self.paras.append(para)
        return para

    def _continues(self, cur: _Para, text: str, marker: ListMarker | None) -> bool:
        """Does the first line of a page continue the paragraph the last page ended with?

        Not when the new page starts with a heading or a list marker.  Yes
        when the last line breaks a word or a sentence (the next line starts
        in lower case), or when it fills the whole line, i.e. the paragraph
        was cut by the end of the page.
        """
        if cur.kind == "heading" or not text:
            return False
        if marker is not None or guess_heading(text, alone=False, marker=marker) is not None:
            return False
        last_line = cur.lines[-1]
        last = last_line.text.rstrip()
        broken = last.endswith(tuple(_SOFT_HYPHENS) + ("-", ","))
        if not last.endswith(_SENTENCE_END) and (text[0].islower() or broken):
            return True
        metrics = self.metrics.get(last_line.page)
        return metrics is not None and last_line.right >= metrics.left + 0.92 * (metrics.right - metrics.left)

    def _list_levels(self) -> None:
        """List level from indentation: distinct left edges of list items, left to right."""
        lefts = sorted({round(p.lines[0].left) for p in self.paras if p.kind == "list_item"})
        columns: list[float] = []
        for left in lefts:
            if not columns or left - columns[-1] > 4:
                columns.append(left)
        levels: dict[float, int] = {}  # many items share a left edge
        for para in self.paras:
            if para.kind == "list_item":
                left = para.lines[0].left
                if left not in levels:
                    levels[left] = min(range(len(columns)), key=lambda k: abs(columns[k] - left)) if columns else 0
                para.level = levels[left]

    def _join(self, para: _Para) -> str:
        first = para.lines[0].text.strip() if para.first_text is None else para.first_text
        pieces = [first]
        for line in para.lines[1:]:
            text = line.text.strip()
            previous = pieces[-1]
            if previous.endswith(_SOFT_HYPHEN_ENDS):
                pieces[-1] = previous + text  # resolved below with the in-line markers
            elif previous.endswith("-") and len(previous) > 1 and previous[-2].isalpha() \
                    and text[:1].isalpha() and text[:1].islower():
                left = re.search(r"([^\W\d_]+)-$", previous)
                right = re.match(r"[^\W\d_]+", text)
                if left and right and f"{left.group(1)}-{right.group()}".lower() in self.compounds:
                    pieces[-1] = previous + text
                else:
                    pieces[-1] = previous[:-1] + text
            else:
                pieces.append(text)
        text = " ".join(pieces)
        if not text.isprintable() and _HAS_SOFT_HYPHEN.search(text):  # all the markers are unprintable
            text = _BROKEN_WORD.sub(self._join_broken, text)
        return text  # not normalised: BlockList.add does that

    def _join_broken(self, match: re.Match) -> str:
        left, right = match.group(1), match.group(2)
        if f"{left}-{right}".lower() in self.compounds:
            return f"{left}-{right}"
        return left + right

    def _emit(self) -> None:
        page = number = 0
        for para in self.paras:  # in page order
            number = number + 1 if para.page == page else 1
            page = para.page
            self.out.add(para.kind, self._join(para), source=f"page:{page}:para:{number}",
                         label=para.label, level=para.level, page=page)
        seen = set()
        numbers: Counter = Counter()
        for where, line in self.running:
            key = (where, _key(line.text))
            if key in seen:
                continue
            seen.add(key)
            numbers[(where, line.page)] += 1
            self.out.add(where, line.text, source=f"page:{line.page}:{where}:{numbers[(where, line.page)]}",
                         page=line.page)


def _after_label(line: _Line, marker) -> str:
    """The raw text of ``line`` after its label (soft-hyphen markers kept for de-hyphenation)."""
    raw = line.text.strip()
    return raw[len(marker.label):].strip() if raw.startswith(marker.label) else marker.rest


@dataclass(frozen=True)
class _Metrics:
    step: float
    """The usual distance between the baselines of wrapped lines."""
    left: float
    right: float


_FEW_LINES = 8


def _metrics(pages: list[list[_Line]]) -> list[_Metrics | None]:
    """Line step and text margins per page; pages with few lines borrow the whole document's."""
    def measure(lines: list[_Line]) -> tuple[list[float], list[float], list[float]]:
        steps = [step for above, below in zip(lines, lines[1:])
                 if 0 < (step := above.end_bottom - below.bottom) < 3 * max(above.height, below.height)]
        return steps, [line.left for line in lines], [line.right for line in lines]

    def summary(steps: list[float], lefts: list[float], rights: list[float]) -> _Metrics:
        # A low percentile, not the median: short paragraphs give more gaps than line steps.
        steps, lefts, rights = sorted(steps), sorted(lefts), sorted(rights)
        step = steps[int(0.2 * (len(steps) - 1))] if steps else 1.2 * median_height()
        return _Metrics(step, lefts[int(0.1 * (len(lefts) - 1))], rights[int(0.9 * (len(rights) - 1))])

    # The whole document's figures are computed only when a page needs them (most documents: never).
    @functools.cache
    def median_height() -> float:
        return statistics.median(line.height for lines in pages for line in lines)

    @functools.cache
    def overall() -> _Metrics:
        return summary([s for m in per_page for s in m[0]], [x for m in per_page for x in m[1]],
                       [x for m in per_page for x in m[2]])

    if not any(pages):
        return [None for _ in pages]
    per_page = [measure(lines) for lines in pages]
    result: list[_Metrics | None] = []
    for lines, (steps, lefts, rights) in zip(pages, per_page):
        if not lines:
            result.append(None)
        elif len(lines) < _FEW_LINES:
            result.append(overall())
        else:
            result.append(summary(steps, lefts, rights))
    return result


def _breaks(body: list[_Line], metrics: _Metrics) -> list[bool]:
    """``breaks[i]``: does ``body[i + 1]`` start a new block after ``body[i]``?  True after the last line."""
    gap = 1.3 * metrics.step + 0.5
    short = metrics.left + 0.8 * max(metrics.right - metrics.left, 1.0)
    # Break at a clear gap, at a jump back up (new column or out-of-order text), or after a short line
    # that ends a sentence.
    return [(delta := above.end_bottom - below.bottom) <= 0 or delta > gap
            or (above.right < short and above.text.rstrip().endswith(_SENTENCE_END))
            for above, below in zip(body, body[1:])] + [True]
