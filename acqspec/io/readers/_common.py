"""Pieces every reader shares: input limits, whitespace, typed labels, sections.

The checker compares documents that arrive as Word, PDF, plain text or
Markdown, so all readers must agree on what a block looks like: the same
whitespace normalisation, the same split of a typed number ("C.5.1", "(a)")
from the text that follows it, and the same rule for building
``section_path`` from headings.  Keeping those rules here is what makes a
clause found in a .docx and in the PDF printed from it look alike.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from acqspec.errors import ReadError
from acqspec.models import Block, BlockKind

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Files larger than this are refused before a single byte is read."""

# C0 controls other than whitespace, soft hyphens and noncharacters never
# belong in block text (pdfium uses some of them as markers).
_DROP_CHARS = {c: None for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, 0xAD, 0xFFFE, 0xFFFF]}


def check_file(path: Path) -> int:
    """Return the size of ``path``; raise :class:`ReadError` unless it is a readable file within the limit."""
    try:
        info = path.stat()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    except ValueError as exc:  # a NUL byte in the path
        raise ReadError(f"cannot read file: {one_line(exc)}", path=one_line(repr(str(path)), 120)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("is not a regular file", path=path)
    if info.st_size > MAX_FILE_BYTES:
        raise ReadError(f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes", path=path)
    return info.st_size


def read_bytes(path: Path) -> bytes:
    """Read a whole input file after :func:`check_file` allowed it."""
    check_file(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", path=path) from exc


_NORMALIZE_CHUNK = 1 << 16


def normalize(text: str, *, chunk: int = _NORMALIZE_CHUNK) -> str:
    """Collapse every run of whitespace to one space and drop invisible control characters."""
    # Fast path for text that is already clean (most of it): every whitespace
    # character but " " and every dropped character is unprintable.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    text = text.translate(_DROP_CHARS)
    if len(text) <= chunk:
        return " ".join(text.split())
    # ``split()`` builds one string object per word, so a hostile 10 MB
    # paragraph would cost ~120 MB at once; collapse it a slice at a time
    # (same result: a word cut by a slice boundary is glued back together).
    out: list[str] = []
    space = False
    for start in range(0, len(text), chunk):
        piece = text[start:start + chunk]
        words = " ".join(piece.split())
        if words:
            if out and (space or piece[0].isspace()):
                out.append(" ")
            out.append(words)
            space = piece[-1].isspace()
        else:
            space = True
    return "".join(out)


def one_line(detail: object, limit: int = 200) -> str:
    """``detail`` (usually an exception from a parser) as one short line for a ReadError message.

    Parser messages may hold line breaks (lxml's encoding errors do) or echo
    pieces of the hostile input; the CLI promises one line per error.
    """
    text = " ".join(str(detail).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- typed labels ---------------------------------------------------------------

_ROMAN = r"(?:[ivxlcdm]{1,6}|[IVXLCDM]{1,6})"
_MARKER = re.compile(
    r"""^(?:
        (?P<section>(?:[A-Z]|\d{1,3})(?:\.\d{1,3})+\.?)        # 3.2  3.2.1.  C.5.1
      | (?P<paren>\((?:\d{1,3}|[A-Za-z]{1,2}|""" + _ROMAN + r""")\))   # (a)  (iv)  (12)
      | (?P<number>\d{1,3}[.)])                                # 1.  2)
      | (?P<letter>(?:[A-Za-z]|""" + _ROMAN + r""")[.)])       # a.  iv.  B)
      | (?P<bullet>[•◦▪▫■□●○‣⁃∙·➢✓❖\-–—*+])                    # bullets and dashes
    )(?=\s+\S)""",  # the rest follows; a lookahead, so the label is the last group matched
    re.X,
)
_BARE_NUMBER = re.compile(r"^(?P<label>\d{1,2})\s+(?P<rest>[A-Z].*)$", re.S)
_PART_HEADING = re.compile(
    r"^(?:SECTION|PART|ARTICLE|ATTACHMENT|EXHIBIT|APPENDIX|ANNEX|CHAPTER)\s+"
    r"(?:[A-Z]{1,2}|\d{1,3}|" + _ROMAN + r")(?:\s*(?:[-–—:.]\s*)?\S.*)?$",
    re.I | re.S,
)
_DOT_LEADER = re.compile(r"\.{4,}|(?:\. ){3,}|…{2,}")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_MINOR_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
                "to", "with", "via", "vs", "per", "under"}


@dataclass(frozen=True)
class ListMarker:
    """A number or bullet typed at the start of a paragraph."""

    label: str
    rest: str
    kind: str  # "section" (3.2.1, C.5), "number" (1.), "letter" (a., iv.), "paren" ((a)), "bullet"

    @property
    def depth(self) -> int:
        """Number of components of a section number ("C.5.1" -> 3, "1.0" -> 1), else 1."""
        if self.kind != "section":
            return 1
        parts = self.label.rstrip(".").split(".")
        while len(parts) > 1 and parts[-1] == "0":
            parts.pop()
        return len(parts)


def split_marker(text: str) -> ListMarker | None:
    """Split a typed list or paragraph number off the start of ``text``, if there is one."""
    match = _MARKER.match(text)
    if match is None:
        return None
    kind = match.lastgroup
    return ListMarker(label=match.group(kind), rest=text[match.end():].strip(), kind=kind)


def _is_caps(text: str) -> bool:
    """At least three letters and none of them lower case (stops at the first lower-case letter)."""
    letters = 0
    for char in text:
        if char.isalpha():
            if char.islower():
                return False
            letters += 1
    return letters >= 3


def _is_title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if w.lower() not in _MINOR_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) >= max(1, round(0.75 * len(words)))


def _title_like(text: str, *, alone: bool) -> bool:
    """Could ``text`` be a heading title rather than the start of a sentence?"""
    if not text or len(text) > 100:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'‘("):
        return False
    if text[-1] in ".,;" and not text.endswith("etc."):
        return False
    words = text.split()
    if len(words) > 12 or _DOT_LEADER.search(text):  # the search last: it costs the most
        return False
    if alone:
        return True
    # Followed directly by more text: only a clearly title-styled line counts.
    return len(words) <= 10 and (_is_caps(text) or _is_title_case(text))


@dataclass(frozen=True)
class HeadingGuess:
    label: str | None
    title: str
    level: int


_SPLIT_HERE = ListMarker("", "", "")
"""Default of ``guess_heading(marker=...)``: the caller has not split the marker off yet."""


def guess_heading(text: str, *, alone: bool, marker: ListMarker | None = _SPLIT_HERE) -> HeadingGuess | None:
    """Decide whether a line of plain text (txt, pdf) is a heading.

    Args:
        text: the normalised line.
        alone: True when the line is a paragraph by itself (blank line or a
            clear gap after it); a line directly followed by more text must look
            like a title (all caps or Title Case) to count.
        marker: ``split_marker(text)`` when the caller has it already.

    Returns:
        The label, title and level (1 = top), or None for ordinary text.
    """
    if len(text) > 120:
        return None
    if _PART_HEADING.match(text) and not text.endswith(".") and len(text.split()) <= 14:
        return HeadingGuess(None, text, 1)
    if marker is _SPLIT_HERE:
        marker = split_marker(text)
    if marker is not None:
        if marker.kind == "section" and _title_like(marker.rest, alone=alone):
            return HeadingGuess(marker.label, marker.rest, marker.depth)
        if marker.kind in ("number", "letter") and marker.label.endswith(".") \
                and _is_caps(marker.rest) and _title_like(marker.rest, alone=alone):
            return HeadingGuess(marker.label, marker.rest, 1)
        return None
    match = _BARE_NUMBER.match(text)
    if match and _title_like(match.group("rest"), alone=alone):
        return HeadingGuess(match.group("label"), match.group("rest"), 1)
    if _is_caps(text) and _title_like(text, alone=True) and len(text.split()) <= 10:
        return HeadingGuess(None, text, 1)
    return None


def is_caps_line(text: str) -> bool:
    """True for a line written entirely in capitals (used to keep all-caps paragraphs together)."""
    return _is_caps(text)


# --- building the block list -------------------------------------------------------

_UNSECTIONED: set[str] = {"header", "footer", "footnote"}


@dataclass
class BlockList:
    """Collect blocks in document order, numbering them and tracking enclosing headings."""

    blocks: list[Block] = field(default_factory=list)
    _stack: list[tuple[int, str]] = field(default_factory=list)
    _path: tuple[str, ...] = ()
    """The titles on ``_stack``, built once per heading rather than once per block."""

    def add(self, kind: BlockKind, text: str, *, source: str, label: str | None = None,
            level: int | None = None, page: int | None = None, line: int | None = None,
            line_breaks: tuple[tuple[int, int], ...] = ()) -> Block | None:
        """Append one block; headings update ``section_path`` for the blocks that follow.

        Empty text is ignored and None returned, so callers can pass raw results.
        """
        text = normalize(text)
        label = normalize(label) if label else None
        if not text:
            return None
        if kind == "heading":
            level = max(1, level or 1)
            while self._stack and self._stack[-1][0] >= level:
                self._stack.pop()
            self._path = tuple(title for _, title in self._stack)
        path = () if kind in _UNSECTIONED else self._path
        block = Block(index=len(self.blocks), kind=kind, text=text, label=label or None, level=level,
                      section_path=path, page=page, line=line, source=source,
                      line_breaks=tuple((min(offset, len(text)), n) for offset, n in line_breaks))
        self.blocks.append(block)
        if kind == "heading":
            # Bullets are decoration; numbers belong to the title ("C.5.1 Testing").
            shown = f"{label} {text}" if label and any(c.isalnum() for c in label) else text
            self._stack.append((level, shown))
            self._path += (shown,)
        return block
