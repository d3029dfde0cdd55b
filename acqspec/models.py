"""Shared value types of the checking side: what a document looks like once read.

Readers (``acqspec.io.readers``) return exactly one :class:`Document`; the NLP
layer splits its blocks into sentences; rules point at blocks and character
offsets.  All of these are frozen so they can be shared between stages and
worker processes without copying surprises.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Base of loaded user data (clause files, profiles): unknown keys are errors and values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


DocumentFormat = Literal["docx", "pdf", "txt", "md"]
BlockKind = Literal["heading", "paragraph", "list_item", "table_cell", "header", "footer", "footnote"]


_LAST = float("inf")


class Block(BaseModel):
    """One paragraph-like unit of a document, in reading order.

    ``source`` says where the block lives in the original file so a later stage
    can find it again (e.g. to attach a Word comment):

    * docx: ``"p:<n>"`` — the n-th ``w:p`` element of the main document part in
      document order (``body.iter(w:p)``, so paragraphs inside tables count);
      ``"header<k>:p:<n>"``, ``"footer<k>:p:<n>"``, ``"footnote<id>:p:<n>"``,
      ``"endnote<id>:p:<n>"`` for other parts;
    * pdf: ``"page:<p>:para:<n>"`` (n counts from 1), and ``"page:<p>:header:<n>"`` /
      ``"page:<p>:footer:<n>"`` for running heads;
    * txt/md: ``"line:<l>"`` — the 1-based line the block starts on.
    """

    model_config = ConfigDict(frozen=True)

    index: int
    kind: BlockKind
    text: str
    label: str | None = None
    """List or paragraph number as the reader sees it, e.g. "3.2.1", "(a)", "•"."""
    level: int | None = None
    """Heading level (1 = top) for headings, list level (0 = top) for list items."""
    section_path: tuple[str, ...] = ()
    """Titles of the enclosing headings, outermost first, e.g. ("C.5 Requirements", "C.5.1 Testing")."""
    page: int | None = None
    line: int | None = None
    source: str
    comments: tuple[str, ...] = ()
    """Texts of the Word comments whose range starts, or whose reference is, in this paragraph.

    Each text once, in document order; only .docx body blocks (``source`` ``"p:<n>"``) carry
    comments, other formats and parts leave this empty.  Suppression markers may be written here.
    """
    line_breaks: tuple[tuple[int, int], ...] = ()
    """txt/md: ``(offset in text, source line)`` where each further line of a wrapped paragraph begins."""

    def line_at(self, offset: int) -> int | None:
        """The source line the character at ``offset`` of ``text`` is on (txt/md; None for other formats)."""
        at = bisect_right(self.line_breaks, (offset, _LAST))  # a hostile paragraph may have 100,000 lines
        return self.line_breaks[at - 1][1] if at else self.line


class Document(BaseModel):
    """A read document: its blocks plus facts a reviewer should know."""

    model_config = ConfigDict(frozen=True)

    path: str
    format: DocumentFormat
    blocks: tuple[Block, ...]
    pages: int | None = None
    has_revisions: bool = False
    """True when a .docx holds tracked changes that are not yet accepted or rejected."""
    revisions_view: Literal["accepted", "original"] | None = None
    warnings: tuple[str, ...] = ()

    @property
    def word_count(self) -> int:
        """Whitespace-separated words over all blocks."""
        return sum(len(block.text.split()) for block in self.blocks)

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """The section of every block as the document shows it (see :func:`section_places`), by block index."""
        return section_places(self.blocks)

    def place(self, block: int) -> str:
        """Where a reader of this document finds ``block``, in the document's own terms and without its path.

        A numbered section by its number, with the requirement id its heading ends with:
        ``§C.5.7.4 (CBP-PL-04)`` for a .docx, ``§3.4.1, p. 4`` for a PDF, ``§C.3.1.1, line 46``
        for a text file; an unnumbered one by its heading (cut to :data:`REFERENCE_TITLE_CHARS`);
        ``¶12`` (the block number, counting from 1) only when the document has no numbering or
        headings there.  For messages that cite another place, in this document or in a SOW.
        """
        found = self.blocks[block]
        section = self.sections[block]
        return format_place(section.label, section.title, page=found.page, line=found.line, block=block,
                            source=found.source, limit=REFERENCE_TITLE_CHARS, brief=True)


class Section(BaseModel):
    """A block's section as the document shows it: the rendered number and the heading."""

    model_config = ConfigDict(frozen=True)

    label: str | None = None
    """The number a reader sees, e.g. "C.5.3.2", "5.5.3(a)"; None when the section is not numbered."""
    title: str | None = None
    """The heading ("Training-data provenance"), or a numbered paragraph's run-in heading ("Kickoff")."""


_NO_SECTION = Section()
_PARTS_WITHOUT_SECTIONS = ("header", "footer", "footnote")
# "5.1.1", "C.5.3.2", "3.2." — numbers with levels; headings' single numbers ("5.") count too.
_SECTION_NUMBER = re.compile(r"^[A-Za-z0-9]{1,6}(?:\.[A-Za-z0-9]{1,6})+\.?$")
# "(a)", "a.", "a)", "1.", "(1)", "iv." — one level of a list.
_ITEM_LABEL = re.compile(r"^\(?([A-Za-z]{1,4}|\d{1,3})[.)]?$")
# A section number typed at the start of a paragraph ("C.3.1.1 Processing time. The Contractor …").
_TYPED_NUMBER = re.compile(r"^((?:[A-Z]{1,2}\.)?\d{1,3}(?:\.\d{1,3})+)\.?\s+(?=\S)")
# A run-in heading: "Kickoff. The program kickoff meeting …", "Training data disclosure: …".
_RUN_IN = re.compile(r"^([A-Z][^.:;!?()\[\]\n]{0,58}?[A-Za-z0-9)])[.:]\s+(?=[A-Z0-9(\"“‘'])")
_SENTENCE_WORDS = re.compile(r"\b(?:shall|must|will|may|should|can|cannot|is|are|was|were|has|have)\b", re.IGNORECASE)
_OTHER_PART = re.compile(r"^(header|footer|footnote|endnote)([^:]*):")
_TRAILING_ID = re.compile(r" \([A-Z][A-Z0-9]*(?:[-.][A-Z0-9]+)+\)$")
REFERENCE_TITLE_CHARS = 48
"""Longest heading in :meth:`Document.place` (messages that cite another place keep the number whole)."""


def _run_in_title(text: str) -> str | None:
    match = _RUN_IN.match(text)
    if match is None:
        return None
    title = match.group(1).strip()
    if len(title.split()) > 8 or _SENTENCE_WORDS.search(title):
        return None
    return title


def _starts_next_part(number: str, base: str | None, promoted: bool) -> bool:
    """Whether top-level item ``number`` starts a part after ``base``: "6" after section 3.16, or "5" after a part "4"
    that was such an item itself (under a heading "2", items 1, 2, 3 are its list)."""
    if not base or not number.isdigit() or ("." not in base and not promoted):
        return False
    top = base.split(".", 1)[0]
    return top.isdigit() and int(number) > int(top)


def section_places(blocks: Sequence[Block]) -> tuple[Section, ...]:
    """The section of each block as a reader of the document would name it.

    A heading is its own section (its rendered number and its text).  A
    paragraph numbered with levels ("5.1.1", also when the number is typed)
    starts a section whose title is its run-in heading ("Kickoff." →
    "Kickoff"), if it has one.  A list item numbered "(a)" or "1." is cited
    under the section it belongs to ("5.5.3(a)", "5.5.3(a)(2)"); bullets and
    unnumbered paragraphs belong to the nearest numbered section above them.
    Headers, footers and notes have no section.
    """
    out: list[Section] = []
    base, promoted = _NO_SECTION, False
    items: list[tuple[int, str]] = []  # (list level, item number) under ``base``
    for block in blocks:
        if block.kind in _PARTS_WITHOUT_SECTIONS or _OTHER_PART.match(block.source):
            out.append(_NO_SECTION)
            continue
        label = (block.label or "").strip()
        text = block.text
        if not label:
            typed = _TYPED_NUMBER.match(text)
            if typed:
                label, text = typed.group(1), text[typed.end():]
        if block.kind == "heading":
            number = label.rstrip(".") if any(c.isalnum() for c in label) else None
            base, items, promoted = Section(label=number, title=text or None), [], False
            out.append(base)
            continue
        if _SECTION_NUMBER.match(label):
            base, items, promoted = Section(label=label.rstrip("."), title=_run_in_title(text)), [], False
            out.append(base)
            continue
        level = block.level or 0
        item = _ITEM_LABEL.match(label)
        if item and level == 0 and _starts_next_part(item.group(1), base.label, promoted):
            # "6." after section 3.16 is part 6 of the document that the reader took for a list item
            base, items, promoted = Section(label=item.group(1), title=_run_in_title(text)), [], True
            out.append(base)
            continue
        if item:
            items = [(lvl, number) for lvl, number in items if lvl < level] + [(level, item.group(1))]
            numbers = "".join(f"({number})" for _, number in items)
            if base.label:
                out.append(Section(label=base.label + numbers, title=base.title))
            else:
                out.append(Section(label=numbers.strip("()") if len(items) == 1 else numbers, title=base.title))
            continue
        if block.kind == "list_item" and items:
            # a bullet under a numbered item belongs to that item
            items = [(lvl, number) for lvl, number in items if lvl < level]
            numbers = "".join(f"({number})" for _, number in items)
            out.append(Section(label=(base.label or "") + numbers if (base.label or numbers) else None,
                               title=base.title))
            continue
        out.append(base)
    return tuple(out)


def section_text(label: str | None, title: str | None, *, limit: int | None = None,
                 brief: bool = False) -> str | None:
    """``§C.5.3.2 Training-data provenance`` (the title cut to ``limit`` characters), or None without either.

    ``brief``: a numbered section is cited by its number alone, with the requirement id its heading ends
    with (``§C.5.7.4 (CBP-PL-04)``): what a message citing another place needs.
    """
    if brief and label:
        tag = _TRAILING_ID.search(title or "")
        return f"§{label}{tag.group(0)}" if tag else f"§{label}"
    if label and limit == 0:
        return f"§{label}"
    if title and limit is not None and len(title) > limit:
        tag = _TRAILING_ID.search(title)  # "… (CBP-PL-04)" is how people cite a generated requirement: keep it
        if tag and len(tag.group(0)) < limit // 2:
            cut = title[: max(1, limit - len(tag.group(0)) - 1)].rstrip(" ,;:-")
            title = f"{cut}…{tag.group(0)}"
        else:
            title = title[: max(1, limit - 1)].rstrip(" ,;:-") + "…"
    if label and title:
        return f"§{label} {title}"
    if label:
        return f"§{label}"
    return title or None


def format_place(label: str | None, title: str | None, *, page: int | None = None, line: int | None = None,
                 block: int | None = None, source: str | None = None, limit: int | None = None,
                 brief: bool = False) -> str:
    """A place in a document in words, without its path: section, then page or line.

    ``§5.5.2 Training data disclosure``, ``§3.4.1 Model cards, p. 4``,
    ``§C.3.1.1 Processing time, line 46``, ``footnote 1``; ``¶12`` only when
    nothing better is known (a .docx without numbering or headings there);
    ``whole document`` without a block.
    """
    if block is None and line is None:
        return "whole document"
    parts = []
    part = _OTHER_PART.match(source or "")
    if part:
        parts.append(f"{part.group(1)} {part.group(2)}".strip())
    section = section_text(label, title, limit=limit, brief=brief)
    if section:
        parts.append(section)
    if line is not None:
        parts.append(f"line {line}")
    elif page is not None:
        parts.append(f"p. {page}")
    if not parts:
        parts.append(f"¶{block + 1}" if block is not None else "whole document")
    return ", ".join(parts)


def format_location(path: str, *, block: int | None, page: int | None = None, line: int | None = None) -> str:
    """Where a tool finds a block: ``path:line`` for text files,
    ``path:p.<page>:¶<block>`` for PDF and ``path:¶<block>`` otherwise (blocks count from 1).

    This is the machine form (JSON ids, suppression sources); people get
    :func:`format_place` / :meth:`Document.place`, which use the document's own numbering.
    """
    if line is not None:
        return f"{path}:{line}"
    if block is None:
        return path
    if page is not None:
        return f"{path}:p.{page}:¶{block + 1}"
    return f"{path}:¶{block + 1}"


class QuantityModel(BaseModel):
    """A normalised number in a sentence (see :mod:`acqspec.nlp.quantities`)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["deadline", "interval", "retention", "duration", "percent", "count"]
    value: float
    """Hours for time quantities, percent for percentages."""
    display: str
    text: str
    bound: Literal["max", "min", "exact"]


class Statement(BaseModel):
    """One sentence of a document and what the NLP layer read in it."""

    model_config = ConfigDict(frozen=True)

    block: int
    start: int
    """Character offset of the sentence within its block's text."""
    end: int
    text: str
    section_path: tuple[str, ...] = ()
    label: str | None = None
    page: int | None = None
    line: int | None = None
    source: str = ""
    modality: Literal["obligation", "prohibition", "permission", "none"]
    strength: Literal["strong", "weak", "none"]
    modal: str | None = None
    negated: bool = False
    party: Literal["contractor", "government", "third_party", "none"]
    party_text: str | None = None
    hedges: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    quantities: tuple[QuantityModel, ...] = ()
    topic: str = "other"
    topic_score: float = 0.0
    action: str | None = None
    object: str | None = None
    inherited_from: int | None = None
    """Block index of a lead-in ("The Contractor shall:") whose party and modal this item inherits."""

    @property
    def is_obligation(self) -> bool:
        """True for obligations, prohibitions and permissions."""
        return self.modality != "none"

    def location(self, path: str) -> str:
        """Where a reviewer finds the sentence (see :func:`format_location`)."""
        return format_location(path, block=self.block, page=self.page, line=self.line)
