"""Shared value types of the checking side: what a document looks like once read.

Readers (``acqspec.io.readers``) return exactly one :class:`Document`; the NLP
layer splits its blocks into sentences; rules point at blocks and character
offsets.  All of these are frozen so they can be shared between stages and
worker processes without copying surprises.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

class StrictModel(BaseModel):
    """Base of loaded user data (clause files, profiles): unknown keys are errors and values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


DocumentFormat = Literal["docx", "pdf", "txt", "md"]
BlockKind = Literal["heading", "paragraph", "list_item", "table_cell", "header", "footer", "footnote"]


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


def format_location(path: str, *, block: int | None, page: int | None = None, line: int | None = None) -> str:
    """Where a reviewer finds a block: ``path:line`` for text files,
    ``path:p.<page>:¶<block>`` for PDF and ``path:¶<block>`` otherwise (blocks count from 1)."""
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
