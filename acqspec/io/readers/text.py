"""Read plain text and Markdown into blocks.

Draft SOWs are often pasted into e-mail or kept as Markdown in a repository,
so these readers aim at the structure a person sees, not at a complete
CommonMark implementation: paragraphs are separated by blank lines and their
wrapped lines joined; headings, list items and (Markdown) pipe or HTML tables become
their own blocks; fenced code and HTML comments are dropped because they are
not contract text.

Plain text has no markup, so headings are guessed the way a reader would:
"3.2.1 Title" or "SECTION C – DESCRIPTION" on a line of its own, an all-caps
short line, or a line underlined with ``===``/``---``.

Files are decoded as UTF-8 (a BOM is allowed, UTF-16 with a BOM too) and fall
back to Windows-1252, which is what text exported from Office on Windows
usually is.  Anything with NUL bytes is treated as binary and refused.

Every pattern here runs in time linear in the paragraph.  A lazy ``.+?`` that
finds no closing delimiter rescans the rest of the paragraph from every
opening one (60 KB of ``" *a"`` took ten seconds), so delimited spans either
cannot run past the next opening delimiter (links, tags) or are searched only
up to the last closing delimiter (emphasis), and comments and code spans are
paired by a scan instead of a regex.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from dataclasses import dataclass, field
from pathlib import Path

from acqspec.errors import ReadError
from acqspec.io.readers._common import (BlockList, ListMarker, guess_heading, is_caps_line, normalize, read_bytes,
                                        split_marker)
from acqspec.models import BlockKind, Document

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# --- Markdown syntax -----------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})([ \t].*)?$")  # closing #s: see _atx_text
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>[ ]?")
_ITEM_QUOTE = re.compile(r"^( {0,3}(?:[-*+]|\d{1,9}[.)])\s+)>[ ]?")
_NESTED_QUOTE = re.compile(r"^( {4,})>[ ]?")
_HTML_TABLE_START = re.compile(r"^ {0,3}<table\b", re.IGNORECASE)
_HTML_TABLE_END = re.compile(r"</table\s*>", re.IGNORECASE)
_TABLE_DELIM = re.compile(r"^[ \t]*\|?[ \t]*:?-{1,}:?[ \t]*(?:\|[ \t]*:?-{1,}:?[ \t]*)*\|?[ \t]*$")
_LINK_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^([^\]]+)\]:[ \t]*(.*)$")
_TXT_RULE = re.compile(r"^[ \t]*(=|-|_|\*){3,}[ \t]*$")

# Bracketed parts never contain a bracket, and tags or autolinks a "<", so a
# failed match attempt stops at the next one instead of running to the end.
_INLINE = [
    (re.compile(r"!\[([^\[\]]*)\]\((?:[^()\s\[\]]|\([^()\[\]]*\))*(?:\s+\"[^\"\[\]]*\")?\)"), r"\1"),  # images -> alt
    (re.compile(r"\[([^\[\]]+)\]\((?:[^()\[\]]|\([^()\[\]]*\))*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"\[\^[^\[\]]+\]"), ""),  # footnote references
    (re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"<br\s*/?>", re.I), " "),
    (re.compile(r"</?(?:span|div|p|b|i|em|strong|u|sup|sub|a|font|small|mark|ins|del|s|kbd|code)\b[^<>]*>", re.I), ""),
]


def _emphasis(delimiter: str, before_open: str, open_ahead: str, before_close: str, close_ahead: str):
    """``(pattern, closers, length)``: the emphasis pattern, a zero-width pattern at each closing delimiter."""
    d = re.escape(delimiter)
    return (re.compile(f"{before_open}{d}{open_ahead}(.+?){before_close}{d}{close_ahead}", re.S),
            re.compile(f"{before_close}(?={d}{close_ahead})", re.S), len(delimiter))


_EMPHASIS = [
    _emphasis("***", "", r"(?=\S)", r"(?<=\S)", ""),
    _emphasis("___", "", r"(?=\S)", r"(?<=\S)", ""),
    _emphasis("**", "", r"(?=\S)", r"(?<=\S)", ""),
    _emphasis("__", "", r"(?=\S)", r"(?<=\S)", ""),
    _emphasis("*", r"(?<![\w*\\])", r"(?=[^\s*])", r"(?<=[^\s*\\])", r"(?![\w*])"),
    _emphasis("_", r"(?<![\w\\])", r"(?=[^\s_])", r"(?<=[^\s_\\])", r"(?!\w)"),
    _emphasis("~~", "", r"(?=\S)", r"(?<=\S)", ""),
]
_BACKTICKS = re.compile(r"`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

# Ordered markers that may start a list in the middle of a paragraph.
_FIRST_LABELS = {"1.", "1)", "(1)", "a.", "a)", "(a)", "A.", "(A)", "i.", "(i)", "I."}
_MD_BULLETS = set("-*+•")


def read_text(path: Path, *, markdown: bool) -> Document:
    """Read a .txt (``markdown=False``) or .md/.markdown file.

    Raises:
        ReadError: the file is missing, too large, binary or has no text.
    """
    data = read_bytes(path)
    text, warnings = _decode(data, path)
    return parse_text(text, path, markdown=markdown, warnings=warnings)


def parse_text(text: str, path: str | Path = "<text>", *, markdown: bool = False,
               warnings: list[str] | tuple[str, ...] = ()) -> Document:
    """Parse already-decoded text (a file's content, or a clause held in memory)."""
    if markdown:
        # Comments go, but their line breaks stay so line numbers still match the file.
        text = _strip_comments(text)
    lines = _LINE_BREAK.split(text)
    parser = _Parser(lines, markdown=markdown)
    parser.run()
    if not parser.out.blocks:
        raise ReadError("document has no text", path=path)
    return Document(path=str(path), format="md" if markdown else "txt", blocks=tuple(parser.out.blocks),
                    warnings=tuple(warnings))


def _decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", errors="replace")
    else:
        if b"\x00" in data:
            raise ReadError("contains NUL bytes; it looks like a binary file, not text", path=path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            warnings.append("file is not valid UTF-8; read as Windows-1252")
    sample = text[:65536]
    if "\x00" in sample or (sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample)):
        raise ReadError("contains control characters; it looks like a binary file, not text", path=path)
    if not text.strip():
        raise ReadError("document has no text", path=path)
    return text, warnings


def _strip_comments(text: str) -> str:
    """Drop ``<!-- ... -->`` comments, keeping their line breaks; an unclosed one stays as text."""
    pieces: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break  # no later comment can be closed either
        pieces += [text[position:start], "\n" * text.count("\n", start, end)]
        position = end + 3
    pieces.append(text[position:])
    return "".join(pieces)


def _atx_text(rest: str | None) -> str:
    """The title of an ATX heading: ``rest`` without the closing sequence (`` ##``) and outer blanks."""
    text = (rest or "").strip(" \t")
    bare = text.rstrip("#")
    if len(bare) < len(text) and bare[-1:] in (" ", "\t"):
        text = bare.rstrip(" \t")
    return text


def _code_spans(text: str, keep) -> str:
    """Replace each code span (a run of backticks up to the next run of the same length) by ``keep(body)``."""
    runs: dict[int, list[int]] = {}
    matches = list(_BACKTICKS.finditer(text))
    for index, match in enumerate(matches):
        runs.setdefault(len(match.group()), []).append(index)
    following = {length: 0 for length in runs}  # per length, the next candidate closer
    pieces: list[str] = []
    position = index = 0
    while index < len(matches):
        opener = matches[index]
        length = len(opener.group())
        candidates = runs[length]
        cursor = following[length]
        while cursor < len(candidates) and candidates[cursor] <= index:
            cursor += 1
        following[length] = cursor
        if cursor == len(candidates) or matches[candidates[cursor]].start() == opener.end():
            index += 1  # no closer of this length: literal backticks
            continue
        closer = matches[candidates[cursor]]
        pieces += [text[position:opener.start()], keep(text[opener.end():closer.start()])]
        position = closer.end()
        index = candidates[cursor] + 1
    pieces.append(text[position:])
    return "".join(pieces)


def _strip_emphasis(pattern: re.Pattern, closers: re.Pattern, length: int, text: str) -> str:
    """``pattern.sub(r"\\1", text)``, searched only up to the last closing delimiter.

    An opening delimiter before that one always finds a closer (the lazy
    ``.+?`` stops at the first) and one after it never does, so cutting the
    text there gives the same result without a scan to the end from every
    opener.
    """
    last = None
    for last in closers.finditer(text):
        pass
    if last is None:
        return text
    end = last.start() + length
    return pattern.sub(r"\1", text[:end]) + text[end:]


def _strip_inline(text: str) -> str:
    """Markdown inline markup to the text a reader sees."""
    spans: list[str] = []

    def keep(body: str) -> str:
        spans.append(body.strip())
        return f"\x00{len(spans) - 1}\x00"

    text = _code_spans(text, keep)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    for pattern, closers, length in _EMPHASIS:
        text = _strip_emphasis(pattern, closers, length, text)
    text = html.unescape(_ESCAPE.sub(r"\1", text))
    return re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], text)


class _CellParser(HTMLParser):
    """The text of each ``<td>``/``<th>`` of an HTML table, with the line its row starts on
    (nested tags are flattened; ``<br>`` becomes a space)."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.cells: list[tuple[int, str]] = []
        self._row_line = first_line
        self._parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "tr":
            self._row_line = self.first_line + self.getpos()[0] - 1
        elif tag in ("td", "th"):
            self._end_cell()
            self._parts = []
        elif tag == "br" and self._parts is not None:
            self._parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "tr", "table"):
            self._end_cell()

    def handle_data(self, data: str) -> None:
        if self._parts is not None:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._end_cell()

    def _end_cell(self) -> None:
        if self._parts is not None:
            self.cells.append((self._row_line, " ".join("".join(self._parts).split())))
            self._parts = None


def _indent(line: str) -> int:
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


@dataclass
class _Open:
    kind: BlockKind
    line: int
    label: str | None = None
    level: int | None = None
    parts: list[str] = field(default_factory=list)
    part_lines: list[int] = field(default_factory=list)
    """The source line of each part after the first (a wrapped paragraph's further lines)."""

    def add(self, part: str, line: int) -> None:
        self.parts.append(part)
        self.part_lines.append(line)


class _Parser:
    """A line-by-line state machine shared by .txt and .md."""

    def __init__(self, lines: list[str], *, markdown: bool):
        self.lines = lines
        self.md = markdown
        self.out = BlockList()
        self.cur: _Open | None = None
        self.list_indents: list[int] = []
        self.after_blank = True

    # -- output -------------------------------------------------------------------------

    def flush(self) -> None:
        cur, self.cur = self.cur, None
        if cur is None:
            return
        text = " ".join(cur.parts)
        if self.md:
            text = _strip_inline(text)
        self.out.add(cur.kind, text, source=f"line:{cur.line}", label=cur.label, level=cur.level, line=cur.line,
                     line_breaks=self._line_breaks(cur, text))

    def _line_breaks(self, cur: _Open, text: str) -> tuple[tuple[int, int], ...]:
        """(offset in ``text``, source line) where each further line of a wrapped paragraph begins, so a
        finding names the line its sentence is on, not the paragraph's first.  Plain text is the lines
        joined by spaces; in Markdown, whose inline markup changes lengths, a line begins after as many
        words as the lines before it had (markup rarely adds or removes a word: where it does, the line
        named is at most a word out)."""
        if len(cur.parts) < 2:
            return ()
        lines = [cur.line, *cur.part_lines]
        breaks = []
        if not self.md:
            offset = 0
            for part, line in zip(cur.parts, lines):
                if offset:
                    breaks.append((offset, line))
                offset += len(part) + 1
            return tuple(breaks)
        text = normalize(text)
        offset = 0
        for part, line in zip(cur.parts[:-1], lines[1:]):
            for _ in range(part.count(" ") + 1):  # the parts are normalised: one space between words
                found = text.find(" ", offset)
                if found < 0:
                    return tuple(breaks)
                offset = found + 1
            breaks.append((offset, line))
        return tuple(breaks)

    def heading(self, text: str, level: int, line: int, label: str | None = None) -> None:
        self.flush()
        self.list_indents.clear()
        text = normalize(_strip_inline(text) if self.md else text)
        if label is None:
            marker = split_marker(text)
            if marker is not None and marker.kind != "bullet":
                label, text = marker.label, marker.rest
        self.out.add("heading", text, source=f"line:{line}", label=label, level=level, line=line)

    # -- the main loop --------------------------------------------------------------------

    def run(self) -> None:
        lines = self.lines
        i = self._front_matter() if self.md else 0
        fence: str | None = None
        while i < len(lines):
            raw = lines[i]
            lineno = i + 1
            i += 1
            if self.md:
                if fence is not None:
                    stripped = raw.strip()
                    if stripped.startswith(fence) and not stripped.strip(fence[0]):
                        fence = None
                    continue
                match = _FENCE.match(raw)
                if match:
                    self.flush()
                    fence = match.group(1)
                    continue
                while _QUOTE.match(raw):
                    raw = _QUOTE.sub("", raw, count=1)
                # a quote inside a list item: "3.  > The contractor agrees", then "    > of performance"
                raw = _ITEM_QUOTE.sub(r"\1", raw, count=1)
                if self.list_indents and _NESTED_QUOTE.match(raw):
                    raw = _NESTED_QUOTE.sub(r"\1", raw, count=1)
                    if raw.strip() and self.cur is not None and not self.after_blank:
                        self.cur.add(normalize(raw), lineno)  # a wrapped line of the quote ("(3) years")
                        continue
            if not raw.strip():
                self.flush()
                self.after_blank = True
                continue
            consumed = self.md_line(raw, lineno, i) if self.md else self.txt_line(raw, lineno, i)
            if consumed is None:
                self.text_line(raw, lineno, i)
            else:
                i = consumed
            self.after_blank = False
        self.flush()

    def _front_matter(self) -> int:
        """Skip a YAML front-matter block at the top of a Markdown file."""
        if not self.lines or self.lines[0].strip() != "---":
            return 0
        for j in range(1, min(len(self.lines), 200)):
            if self.lines[j].strip() in ("---", "..."):
                return j + 1
        return 0

    def _next(self, i: int) -> str | None:
        return self.lines[i] if i < len(self.lines) else None

    def md_line(self, raw: str, lineno: int, i: int) -> int | None:
        """Handle Markdown-only syntax; return the next line index, or None for ordinary text."""
        match = _ATX.match(raw)
        if match:
            self.heading(_atx_text(match.group(2)), len(match.group(1)), lineno)
            return i
        match = _SETEXT.match(raw)
        if match and self.cur is not None and self.cur.kind == "paragraph":
            cur, self.cur = self.cur, None
            self.heading(" ".join(cur.parts), 1 if match.group(1)[0] == "=" else 2, cur.line)
            return i
        if _THEMATIC.match(raw):
            self.flush()
            self.list_indents.clear()
            return i
        if _LINK_DEF.match(raw):
            self.flush()
            return i
        match = _FOOTNOTE_DEF.match(raw)
        if match:
            self.flush()
            self.cur = _Open("footnote", lineno, parts=[match.group(2).strip()])
            return i
        if _HTML_TABLE_START.match(raw):
            return self.html_table(lineno, i)
        following = self._next(i)
        if "|" in raw and following is not None and "|" in following and "-" in following \
                and _TABLE_DELIM.match(following):
            return self.table(lineno, i)
        return None

    def table(self, lineno: int, i: int) -> int:
        """A pipe table: header row at ``lineno``, delimiter row at ``i``; every non-empty cell is a block."""
        self.flush()
        self.list_indents.clear()
        rows = [(lineno, self.lines[lineno - 1])]
        j = i + 1
        while j < len(self.lines) and "|" in self.lines[j] and self.lines[j].strip():
            rows.append((j + 1, self.lines[j]))
            j += 1
        for row_line, row in rows:
            row = _QUOTE.sub("", row).strip()
            if row.startswith("|"):
                row = row[1:]
            if row.endswith("|") and not row.endswith("\\|"):
                row = row[:-1]
            for cell in re.split(r"(?<!\\)\|", row):
                text = _strip_inline(cell.replace("\\|", "|"))
                self.out.add("table_cell", text, source=f"line:{row_line}", line=row_line)
        return j

    def html_table(self, lineno: int, i: int) -> int:
        """An HTML ``<table>`` (pandoc writes them for tables pipes cannot hold): every non-empty
        cell is a block at the line its row starts on.  Ends at ``</table>`` or the end of the file."""
        self.flush()
        self.list_indents.clear()
        j = lineno - 1
        chunk = []
        while j < len(self.lines):
            chunk.append(self.lines[j])
            j += 1
            if _HTML_TABLE_END.search(chunk[-1]):
                break
        parser = _CellParser(lineno)
        parser.feed("\n".join(chunk))
        parser.close()
        for cell_line, text in parser.cells:
            self.out.add("table_cell", text, source=f"line:{cell_line}", line=cell_line)
        return j

    def txt_line(self, raw: str, lineno: int, i: int) -> int | None:
        """Handle plain-text underlines and rules; return the next line index, or None for ordinary text."""
        if _TXT_RULE.match(raw):
            if self.cur is not None and self.cur.kind == "paragraph" and len(self.cur.parts) == 1:
                cur, self.cur = self.cur, None
                self.heading(cur.parts[0], 1 if raw.strip()[0] == "=" else 2, cur.line)
            else:
                self.flush()
            return i
        return None

    def text_line(self, raw: str, lineno: int, i: int) -> None:
        indent = _indent(raw)
        content = normalize(raw)
        cur = self.cur
        at_start = cur is None or self.after_blank
        if at_start and not self.md and self._txt_heading(content, lineno, i):
            return
        marker = split_marker(content)
        if marker is not None and self._starts_item(marker):
            self.start_item(marker, indent, lineno)
            return
        if not at_start:
            cur.add(content, lineno)
            return
        self.flush()
        if self.list_indents and indent > self.list_indents[-1]:
            self.cur = _Open("paragraph", lineno, parts=[content])  # a further paragraph inside a list item
            return
        self.list_indents.clear()
        if marker is not None and marker.kind == "section":
            self.cur = _Open("paragraph", lineno, label=marker.label, parts=[marker.rest])
        else:
            self.cur = _Open("paragraph", lineno, parts=[content])

    def _txt_heading(self, content: str, lineno: int, i: int) -> bool:
        """Emit a guessed plain-text heading starting a paragraph; True when it was one."""
        following = self._next(i)
        if following is not None and _TXT_RULE.match(following):
            return False  # underlined: the rule line makes it a heading
        alone = following is None or not following.strip()
        guess = guess_heading(content, alone=alone)
        if guess is None:
            return False
        if guess.label is None and not alone and is_caps_line(normalize(following or "")):
            return False  # an all-caps paragraph, not a heading over one
        self.heading(guess.title, guess.level, lineno, label=guess.label)
        return True

    def _starts_item(self, marker: ListMarker) -> bool:
        if marker.kind == "section":
            return False
        if self.md and marker.kind == "bullet" and marker.label not in _MD_BULLETS:
            return False
        if self.cur is None or self.after_blank or self.cur.kind == "list_item":
            return True
        return marker.kind == "bullet" or marker.label in _FIRST_LABELS

    def start_item(self, marker: ListMarker, indent: int, lineno: int) -> None:
        self.flush()
        stack = self.list_indents
        while stack and indent < stack[-1]:
            stack.pop()
        if not stack or indent > stack[-1]:
            stack.append(indent)
        label = "•" if self.md and marker.kind == "bullet" else marker.label
        self.cur = _Open("list_item", lineno, label=label, level=len(stack) - 1, parts=[marker.rest])
