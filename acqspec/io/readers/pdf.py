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
PDF without any text is refused and partly scanned ones get a warning.

pdfium is not thread-safe: read PDFs from one thread per process (worker
processes are fine).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from acqspec.errors import ReadError
from acqspec.io.readers._common import BlockList, check_file, guess_heading, normalize, split_marker
from acqspec.models import BlockKind, Document

MAX_PAGES = 5_000
MAX_CHARS = 50_000_000
"""Refuse documents whose text layer is larger than this (a 50k-word SOW has ~350k)."""

_SOFT_HYPHENS = "\ufffe\x02\xad"
_SOFT_HYPHEN_ENDS = tuple(_SOFT_HYPHENS)
_HAS_SOFT_HYPHEN = re.compile(f"[{_SOFT_HYPHENS}]")
_CLEAN_END = _SOFT_HYPHENS + " "
_BROKEN_WORD = re.compile(r"([^\W\d_]+)[\ufffe\x02\xad]\s*([^\W\d_]+)")
_COMPOUND = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")
_SENTENCE_END = tuple(".:;!?)\"”’")
_GLUED_LABEL = re.compile(r"^((?:[A-Z]|\d{1,3})(?:\.\d{1,3})+\.?|\(?[a-z\d]{1,3}\))(?=[A-Z][a-z])")
_FIRST_LABELS = {"1.", "1)", "(1)", "a.", "a)", "(a)", "A.", "(A)", "i.", "(i)", "I.", "(I)"}


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

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


@dataclass(slots=True)
class _Para:
    kind: BlockKind
    page: int
    lines: list[_Line]
    label: str | None = None
    level: int | None = None
    first_text: str | None = None  # the first line's text without its label


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
        if "password" in message.lower():
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
        for index in range(count):
            lines = _page_lines(pdf, index)
            chars += sum(len(line.text) for line in lines)
            if chars > MAX_CHARS:
                raise ReadError(f"PDF text layer exceeds {MAX_CHARS} characters", path=path)
            pages.append(lines)
        return pages
    except (pdfium.PdfiumError, RecursionError) as exc:
        raise ReadError(f"is a damaged PDF ({exc})", path=path) from exc
    finally:
        pdf.close()


def _page_lines(pdf: pdfium.PdfDocument, index: int) -> list[_Line]:
    """The non-blank lines of one page with the positions of their first and last characters."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            if textpage.count_chars() <= 0:
                return []
            text = textpage.get_text_range()
            charbox = _CharBoxes(textpage)
            lines = []
            position = 0
            for raw in re.split(r"(\r\n|\r|\n)", text):
                start, position = position, position + len(raw)
                if raw in ("\r\n", "\r", "\n") or not raw.strip():
                    continue
                first = start + (len(raw) - len(raw.lstrip()))
                last = start + len(raw.rstrip()) - 1
                head = charbox.first(range(first, min(first + 8, last + 1)))
                tail = charbox.first(range(last, max(last - 8, first - 1), -1))
                if head is None or tail is None:
                    if not lines:
                        continue  # no position at all: extremely rare, and nothing to attach it to
                    previous = lines[-1]  # keep the text, at the position of the line before
                    head = tail = (previous.left, previous.bottom, previous.right, previous.top)
                (left, bottom, _, top), (_, end_bottom, right, _) = head, tail
                # Word's "label<tab>title" can come out glued ("C.10Section"); put the space back.
                raw = raw.strip()
                glued = _GLUED_LABEL.match(raw)
                if glued:
                    raw = f"{glued.group(1)} {raw[glued.end():]}"
                lines.append(_Line(raw, index + 1, left, right, top, bottom, end_bottom))
            return lines
        finally:
            textpage.close()
    finally:
        page.close()


class _CharBoxes:
    """Loose character boxes of one text page, by index into its extracted text.

    The raw pdfium calls with one reused rectangle: a page has thousands of
    lines and the helper methods of pypdfium2 cost more than the lookups.
    """

    def __init__(self, textpage: pdfium.PdfTextPage):
        self.raw = textpage.raw
        self.rect = pdfium_c.FS_RECTF()

    def first(self, indices: range) -> tuple[float, float, float, float] | None:
        """The box of the first character in ``indices`` that has one."""
        for text_index in indices:
            box = self.box(text_index)
            if box is not None:
                return box
        return None

    def box(self, text_index: int) -> tuple[float, float, float, float] | None:
        """(left, bottom, right, top) of the character at ``text_index`` of the extracted text."""
        char_index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(self.raw, text_index)
        if char_index < 0:
            return None  # a character pdfium generated (space, line break)
        rect = self.rect
        if not pdfium_c.FPDFText_GetLooseCharBox(self.raw, char_index, rect):
            return None
        return rect.left, rect.bottom, rect.right, rect.top


# ======================================================================================
# Running headers and footers
# ======================================================================================

def _key(text: str) -> str:
    return re.sub(r"\d+", "#", normalize(text).lower())


def _edge_lines(lines: list[_Line], where: str) -> list[_Line]:
    """The first (or last) line of a page, plus its neighbour when the two sit as close as wrapped lines."""
    ordered = sorted(lines, key=lambda line: -line.top)
    if where == "footer":
        ordered.reverse()
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
    found: dict[int, str] = {}
    for where in ("header", "footer"):
        candidates = [_edge_lines(lines, where) for lines in with_text]

        def key(line: _Line) -> tuple[str, int]:
            return _key(line.text), round(line.bottom / 4)

        counts = Counter(k for page in candidates for k in {key(line) for line in page})
        repeated = {k for k, n in counts.items() if n >= need}
        for page in candidates:
            for line in page:
                if key(line) in repeated and len(normalize(line.text)) <= 120:
                    found[id(line)] = where
    return found


def _compounds(pages: list[list[_Line]]) -> set[str]:
    """Hyphenated words that occur inside a line somewhere, e.g. "third-party"."""
    # One pass over all lines at once: no match can span the line breaks.
    text = "\n".join(line.text for lines in pages for line in lines)
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
            # breaks[i]: does body[i + 1] start a new block after body[i]?
            breaks = [_breaks(above, below, metrics) for above, below in zip(body, body[1:])] + [True]
            for i, line in enumerate(body):
                gap_after = breaks[i]
                text = _clean(line.text)
                if i == 0 and cur is not None and self._continues(cur, text):
                    cur.lines.append(line)  # a paragraph running over the page break
                    continue
                new_block = i == 0 or breaks[i - 1]
                heading = guess_heading(text, alone=gap_after) if new_block else None
                if heading is not None:
                    self._start("heading", line, label=heading.label, level=heading.level, first_text=heading.title)
                    cur = None  # a heading is one line; the next line starts a new block
                    continue
                marker = split_marker(text)
                if marker is not None and marker.kind != "section" and (
                        new_block or (cur is not None and cur.kind == "list_item")
                        or marker.kind == "bullet" or marker.label in _FIRST_LABELS):
                    cur = self._start("list_item", line, label=marker.label, first_text=_after_label(line, marker))
                elif new_block or cur is None:
                    if marker is not None and marker.kind == "section":
                        cur = self._start("paragraph", line, label=marker.label,
                                          first_text=_after_label(line, marker))
                    else:
                        cur = self._start("paragraph", line)
                else:
                    cur.lines.append(line)
        self._list_levels()
        self._emit()

    def _start(self, kind: BlockKind, line: _Line, **extra) -> _Para:
        para = _Para(kind, line.page, [line], **extra)
        self.paras.append(para)
        return para

    def _continues(self, cur: _Para, text: str) -> bool:
        """Does the first line of a page continue the paragraph the last page ended with?

        Not when the new page starts with a heading or a list marker.  Yes
        when the last line breaks a word or a sentence (the next line starts
        in lower case), or when it fills the whole line, i.e. the paragraph
        was cut by the end of the page.
        """
        if cur.kind == "heading" or not text:
            return False
        if guess_heading(text, alone=False) is not None or split_marker(text) is not None:
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
        for para in self.paras:
            if para.kind == "list_item":
                left = para.lines[0].left
                para.level = min(range(len(columns)), key=lambda k: abs(columns[k] - left)) if columns else 0

    def _join(self, para: _Para) -> str:
        pieces: list[str] = []
        for i, line in enumerate(para.lines):
            text = line.text.strip()
            if i == 0 and para.first_text is not None:
                text = para.first_text
            if not pieces:
                pieces.append(text)
                continue
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
        return self._resolve_soft(" ".join(pieces))

    def _resolve_soft(self, text: str) -> str:
        def join(match: re.Match) -> str:
            left, right = match.group(1), match.group(2)
            if f"{left}-{right}".lower() in self.compounds:
                return f"{left}-{right}"
            return left + right

        if _HAS_SOFT_HYPHEN.search(text):
            text = _BROKEN_WORD.sub(join, text)
        return _clean(text)

    def _emit(self) -> None:
        per_page: Counter = Counter()
        for para in self.paras:
            per_page[para.page] += 1
            self.out.add(para.kind, self._join(para), source=f"page:{para.page}:para:{per_page[para.page]}",
                         label=para.label, level=para.level, page=para.page)
        seen = set()
        numbers: Counter = Counter()
        for where, line in self.running:
            key = (where, _key(line.text))
            if key in seen:
                continue
            seen.add(key)
            numbers[(where, line.page)] += 1
            self.out.add(where, _clean(line.text), source=f"page:{line.page}:{where}:{numbers[(where, line.page)]}",
                         page=line.page)


def _after_label(line: _Line, marker) -> str:
    """The raw text of ``line`` after its label (soft-hyphen markers kept for de-hyphenation)."""
    raw = line.text.strip()
    return raw[len(marker.label):].strip() if raw.startswith(marker.label) else marker.rest


def _clean(text: str) -> str:
    """Normalise whitespace; a soft-hyphen marker left at the end of a line is dropped."""
    return normalize(text.rstrip(_CLEAN_END))


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
        steps = [above.end_bottom - below.bottom for above, below in zip(lines, lines[1:])
                 if 0 < above.end_bottom - below.bottom < 3 * max(above.height, below.height)]
        return steps, [line.left for line in lines], [line.right for line in lines]

    def summary(steps: list[float], lefts: list[float], rights: list[float], height: float) -> _Metrics:
        # A low percentile, not the median: short paragraphs give more gaps than line steps.
        steps, lefts, rights = sorted(steps), sorted(lefts), sorted(rights)
        step = steps[int(0.2 * (len(steps) - 1))] if steps else 1.2 * height
        return _Metrics(step, lefts[int(0.1 * (len(lefts) - 1))], rights[int(0.9 * (len(rights) - 1))])

    per_page = [measure(lines) for lines in pages]
    all_lines = [line for lines in pages for line in lines]
    if not all_lines:
        return [None for _ in pages]
    height = statistics.median(line.height for line in all_lines)
    overall = summary([s for m in per_page for s in m[0]], [x for m in per_page for x in m[1]],
                      [x for m in per_page for x in m[2]], height)
    result: list[_Metrics | None] = []
    for lines, (steps, lefts, rights) in zip(pages, per_page):
        if not lines:
            result.append(None)
        elif len(lines) < _FEW_LINES:
            result.append(overall)
        else:
            result.append(summary(steps, lefts, rights, height))
    return result


def _breaks(above: _Line, below: _Line, metrics: _Metrics) -> bool:
    """Does ``below`` start a new block after ``above``?"""
    delta = above.end_bottom - below.bottom
    if delta <= 0 or delta > 1.3 * metrics.step + 0.5:
        return True  # a clear gap, or a jump back up (new column or out-of-order text)
    width = max(metrics.right - metrics.left, 1.0)
    return above.text.rstrip().endswith(_SENTENCE_END) and above.right < metrics.left + 0.8 * width
