"""The text report (the default output), in two shapes, as ruff prints its findings.

``concise`` (the default): one line per finding, at most ``options.width``
(160) characters, the findings of each file together and in document order::

    sow.docx: AQ101 error required clause PL-04 is missing: none of its 1 obligation(s) is present, …
    sow.docx:§5.1.1 Kickoff: AQ401 warning passive requirement ('shall be conducted') names no party … "The program kickoff…"
    draft.md:17: AQ401 warning passive requirement ('shall be deleted') names no party responsible for it

The place is the line for .txt/.md; for .docx and .pdf it is the section
number and heading as the document shows them (``§C.5.3.2 Training-data
provenance``, then ``p. 4`` for a PDF), and the line ends with a short quote of
the sentence so it can be found with the word processor's search (so does a
text file's line that more than one sentence's finding shares: a Markdown
paragraph is often one long line); a finding about the whole document has no
place.  Clause titles and authorities are left
to ``--verbose`` (whole lines, nothing cut), ``full`` and the JSON.  Then files
that could not be read (AQ400) are findings like the others, skipped files
get a line each, and two summary lines follow: the count per rule code and the
totals.

``full``: each finding's line uncut, followed by its sentence, place, clause
and authority, expected wording, change, score and the rule's fix advice.

Colours (``options.color``) only mark up the same text; the caller decides
whether the output is a terminal.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter

from acqspec.check.findings import CheckResult, Finding, Severity
from acqspec.report.base import FunctionReporter, ReportOptions
from acqspec.report.common import quote_evidence, shorten

TITLE_CHARS = 28
"""Longest heading in a concise line's place (the number is never cut)."""
_QUOTE_CHARS = 48
"""Longest quote of the sentence in a concise line."""
_MIN_MESSAGE = 40
_MIN_QUOTE = 20
_LAST_WORDS = 12
"""A message is never cut shorter than this, even when the path leaves less room (a line may then be longer)."""

_STYLE = {"path": "1", "error": "1;31", "warning": "33", "info": "36", "quote": "2", "summary": "1"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\x1b[{_STYLE[style]}m{text}\x1b[0m" if color and text else text


def render_text(result: CheckResult, options: ReportOptions = ReportOptions()) -> str:
    """The text report: ``options.output_format`` ``concise`` or ``full`` (see the module docstring)."""
    full = options.output_format == "full"
    fixes = {rule.code: rule.fix for rule in result.rules}
    lines: list[str] = []
    previous: str | None = None
    shared = _shared_lines(result.findings)
    for finding in result.findings:
        if previous is not None and finding.path != previous:
            lines.append("")  # files apart
        previous = finding.path
        if full:
            lines += _full(finding, fixes, options)
        else:
            lines.append(_concise(finding, options, quoted=_has_quote(finding) or _key(finding) in shared))
    if result.skipped:
        if lines:
            lines.append("")
        for skipped in result.skipped:
            line = f"{skipped.path}: skipped: {skipped.reason}"
            lines.append(line if options.verbose or full else shorten(line, options.width))
    if lines:
        lines.append("")
    lines += _summary(result, options)
    # one blank line between files, between full entries and before the summary, never two
    lines = [line for i, line in enumerate(lines) if line or (i and lines[i - 1])]
    return "\n".join(lines) + "\n"


# --- one finding ----------------------------------------------------------------------------


def _where(finding: Finding, *, limit: int | None) -> str:
    """The place after ``path:``: the line for text files, the section (and page) otherwise, or nothing."""
    location = finding.location
    if location.line is not None:
        return str(location.line)
    if location.block is None:
        return ""
    return location.place(limit=limit)


def _head(finding: Finding, options: ReportOptions, *, limit: int | None) -> tuple[str, str]:
    """``(path:place: , CODE severity )`` as plain text."""
    where = _where(finding, limit=limit)
    return (f"{finding.path}:{where}: " if where else f"{finding.path}: "), f"{finding.code} {finding.severity} "


def _without_titles(finding: Finding) -> str:
    """The message without the clause title a rule put in parentheses after a clause or obligation id."""
    message = " ".join(finding.message.split())
    for key in {finding.obligation_id, finding.clause_id} - {None}:
        message = re.sub(rf"(?<![\w-]){re.escape(key)} \((?:[^()]|\([^()]*\))*\)", key, message)
    return message


def _clause_note(finding: Finding) -> str:
    if not finding.clause_id:
        return ""
    return f" [{finding.clause_id}; {finding.authority}]" if finding.authority else f" [{finding.clause_id}]"


def _key(finding: Finding) -> tuple[str, int | None]:
    return finding.path, finding.location.line


def _shared_lines(findings) -> frozenset[tuple[str, int | None]]:
    """The text-file lines on which findings quote different sentences."""
    sentences: dict[tuple[str, int | None], set[str]] = {}
    for finding in findings:
        if finding.location.line is not None and finding.evidence:
            sentences.setdefault(_key(finding), set()).add(finding.evidence)
    return frozenset(key for key, found in sentences.items() if len(found) > 1)


def _has_quote(finding: Finding) -> bool:
    """A quote helps where the place is not a line: .docx and .pdf paragraphs."""
    return finding.location.line is None and finding.location.block is not None and bool(finding.evidence)


# "The Contractor shall", "Northwind will not": the opening most requirements share.
_LEAD = re.compile(r"^(?:The\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}\s+"
                   r"(?:shall|will|must|should|may|agrees\s+to)(?:\s+not)?\s+(?=\w)")


def _distinctive(sentence: str, chars: int) -> str:
    """A ``chars``-long quote of ``sentence`` that a search finds: past the opening every requirement shares."""
    text = " ".join(sentence.split())
    lead = _LEAD.match(text)
    if lead and len(text) > chars:
        text = "…" + text[lead.end():]
    return quote_evidence(text, chars)


def _concise(finding: Finding, options: ReportOptions, *, quoted: bool) -> str:
    color = options.color
    if options.verbose:
        head, tag = _head(finding, options, limit=None)
        message = " ".join(finding.message.split()) + _clause_note(finding)
        quote = f' "{quote_evidence(finding.evidence)}"' if quoted else ""
    else:
        head, tag = _head(finding, options, limit=TITLE_CHARS)
        message = _without_titles(finding)
        room = options.width - len(head) - len(tag)
        if room < _MIN_MESSAGE + (_MIN_QUOTE + 3 if quoted else 0) and finding.location.line is None:
            # a long path: the section by its number, so the message and a quote keep their room
            head, tag = _head(finding, options, limit=0)
            room = options.width - len(head) - len(tag)
        quote = ""
        if quoted:
            # The whole message first, then as much of the sentence as fits; when the message must be
            # cut anyway, a short quote still goes with it (it is what a word processor can search for).
            whole = f' "{quote_evidence(finding.evidence, _QUOTE_CHARS)}"'
            if len(message) + len(whole) <= room:
                quote = whole
            else:
                chars = room - len(message) - 3
                if chars < _MIN_QUOTE:
                    chars = _MIN_QUOTE if room - _MIN_QUOTE - 3 >= _MIN_MESSAGE else 0
                if chars:
                    quote = f' "{_distinctive(finding.evidence or "", chars)}"'
        message = shorten(message, max(_LAST_WORDS, room - len(quote)))
    code, severity = tag.split()
    painted_tag = f"{_paint(code, finding.severity, color)} {_paint(severity, finding.severity, color)} "
    return _paint(head.rstrip(" "), "path", color) + " " + painted_tag + message + _paint(quote, "quote", color)


def _full(finding: Finding, fixes: dict[str, str], options: ReportOptions) -> list[str]:
    head, tag = _head(finding, options, limit=None)
    code, severity = tag.split()
    color = options.color
    lines = [_paint(head.rstrip(" "), "path", color) + " " + _paint(code, finding.severity, color) + " "
             + _paint(severity, finding.severity, color) + " " + " ".join(finding.message.split())]
    location = finding.location
    details: list[tuple[str, str]] = []
    if finding.evidence:
        details.append(("text", f'"{quote_evidence(finding.evidence, 300)}"'))
    if location.block is not None:
        where = [f"¶{location.block + 1}"]
        if location.page is not None:
            where.append(f"page {location.page}")
        if location.line is not None:
            where.append(f"line {location.line}")
        if location.section_path:
            where.append("under " + " > ".join(location.section_path))
        details.append(("where", ", ".join(where)))
    if finding.clause_id:
        details.append(("clause", finding.clause_id + (f" ({finding.authority})" if finding.authority else "")))
    elif finding.authority:
        details.append(("authority", finding.authority))
    if finding.obligation_id and finding.obligation_id != finding.clause_id:
        details.append(("obligation", finding.obligation_id))
    if finding.expected:
        details.append(("expected", " ".join(finding.expected.split())))
    if finding.diff:
        details.append(("change", finding.diff))
    if finding.score is not None:
        details.append(("score", f"{finding.score:g}"))
    if fixes.get(finding.code):
        details.append(("fix", fixes[finding.code]))
    lines += [f"    {name + ':':<11} {value}" for name, value in details]
    lines.append("")
    return lines


# --- summary --------------------------------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 or word == "info" else "s")


def _summary(result: CheckResult, options: ReportOptions) -> list[str]:
    lines = []
    by_code = Counter(f.code for f in result.findings)
    if by_code:
        counts = ", ".join(f"{code} {count}" for code, count in sorted(by_code.items()))
        lines += textwrap.wrap(f"by code: {counts}", width=max(40, options.width), subsequent_indent="  ",
                               break_on_hyphens=False)
    severities: list[Severity] = ["error", "warning", "info"]
    counted = ", ".join(_plural(result.count(s), s) for s in severities)
    total = (f"{_plural(len(result.paths), 'document')} checked, {_plural(result.words, 'word')}: {counted}")
    extra = []
    if result.suppressed:
        extra.append(f"{len(result.suppressed):,} suppressed")
    if result.unreadable:
        extra.append(f"{_plural(len(result.unreadable), 'file')} could not be read")
    if result.skipped:
        extra.append(f"{_plural(len(result.skipped), 'file')} skipped")
    if extra:
        total += "; " + ", ".join(extra)
    lines.append(_paint(total, "summary", options.color))
    return lines


REPORTER = FunctionReporter(
    "text",
    "one line per finding (path:place: CODE severity message), grouped by file, then counts per code; "
    "--output-format full: every detail",
    "txt", render_text)
