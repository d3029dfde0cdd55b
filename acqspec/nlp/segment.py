"""Sentence segmentation that survives contract numbering and citations.

A generic punctuation splitter breaks "U.S.C. 552a", "e.g. the model",
"FAR 52.227-14(b)(1)", "§ 4(c)(iii)" and "1.2.3 The Contractor" into nonsense.
This splitter only ends a sentence at ., ? or ! followed by space and a
capital, opening quote or enumerator, and not after a known abbreviation, a
single initial, or a leading list label.  It also splits run-in enumerations
("...shall: (a) keep logs; (b) report...") so each item is its own sentence,
because each item is its own obligation.
"""

from __future__ import annotations

import re

_ABBREVIATIONS = {
    "u.s", "u.s.c", "c.f.r", "cfr", "e.g", "i.e", "etc", "et al", "no", "nos", "inc", "corp", "ltd", "co", "llc",
    "dr", "mr", "mrs", "ms", "vs", "v", "sec", "secs", "para", "paras", "approx", "art", "fig", "figs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "st", "ave", "dept", "govt",
    "gov", "min", "max", "ref", "refs", "cf", "viz", "al", "p", "pp", "vol", "ch", "app", "pub", "l", "stat",
    "mgmt", "n.a", "a.m", "p.m", "ph.d", "m.s", "b.s", "u.k", "e.u", "est", "incl", "attn",
}
# A single capital after one of these is a part of the document ("Attachment J."), not an initial.
_PART_NOUNS = frozenset({
    "appendix", "attachment", "annex", "exhibit", "section", "part", "schedule", "volume", "table", "figure",
    "option", "phase", "tier", "level", "category", "clin", "subclin", "enclosure", "tab",
})
_WORD_ENDING_AT = re.compile(r"([A-Za-z]+)\s+$")
_END = re.compile(r"[.?!](?:[\"'”’)\]]*)\s+")
_NEXT_STARTS = re.compile(r"[\"'“‘(\[]?[A-Z0-9§•]|\((?:[a-z]|[ivx]{1,4})\)\s")
_LEADING_LABEL = re.compile(r"^\s*(?:\(?[0-9]+(?:\.[0-9]+)*\)?|\(?[A-Za-z]\)?|\(?[ivxlcdmIVXLCDM]+\)?|[A-Z]\.[0-9.]*)\.?$")
# The same, matched in place at a position (no "^", which would only match at 0).
_LEADING_LABEL_AT = re.compile(_LEADING_LABEL.pattern.removeprefix("^"))
# An enumerator that starts an item inside a sentence: "; (b)", ": (1)", "; and (c)".
_RUN_IN = re.compile(r"(?<=[;:])\s+(?:and\s+|or\s+)?(?=\((?:[a-z]|[ivx]+|[0-9]+)\)\s)")


_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_LETTERS_AND_DOT = _LETTERS | {"."}


def _word_before(text: str, end: int) -> str:
    # The word (letters and dots, starting with a letter) that ends at ``end``,
    # found by stepping back from ``end``: a regex anchored at the end of
    # ``text[:end]`` would scan the whole block for every full stop in it.
    # As ``$`` would, a newline just before ``end`` is skipped.
    stop = end - 1 if end > 0 and text[end - 1] == "\n" else end
    start = stop
    while start > 0 and text[start - 1] in _LETTERS_AND_DOT:
        start -= 1
    while start < stop and text[start] not in _LETTERS:
        start += 1  # the word starts at its first letter
    if start == stop:
        return ""
    word = text[start:stop]
    if len(word) >= 2 and word.isupper() and "." not in word:
        return ""  # an acronym such as CO, COR or DHS ends sentences like any word
    return word.lower().rstrip(".")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of ``text``, whitespace trimmed."""
    cuts = [0]
    for match in _END.finditer(text):
        stop = match.end()
        if stop >= len(text) or not _NEXT_STARTS.match(text, stop):
            continue
        punct = match.start()
        if text[punct] == ".":
            word = _word_before(text, punct)
            if word in _ABBREVIATIONS:
                continue
            if len(word) == 1 and word.isalpha() and text[punct - 1].isupper():
                before = _WORD_ENDING_AT.search(text, max(0, punct - 16), punct - 1)
                if before is None or before.group(1).lower() not in _PART_NOUNS:
                    continue
            if _LEADING_LABEL_AT.match(text, cuts[-1], punct + 1):
                continue  # "1." or "(a)." at the start is a label, not a sentence
            if re.search(r"\d\.\d*$", text[max(0, punct - 12):punct]) and re.match(r"\d", text[stop:stop + 1]):
                continue
        cuts.append(stop)
    for match in _RUN_IN.finditer(text):
        cuts.append(match.end())
    cuts = sorted(set(cuts))
    spans = []
    for start, end in zip(cuts, cuts[1:] + [len(text)]):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans
