"""Concept matching: does a sentence evidence every concept group of a clause pattern?

A concept group is a list of synonyms ("customer content", "Government data",
"inputs"...).  A term matches at word boundaries, case-insensitively, and a
trailing plural or verb "s"/"es"/"ed"/"ing" is allowed so authors need not
list every inflection.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import lru_cache


@lru_cache(maxsize=4096)
def _group_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    parts = sorted({re.escape(t.lower()).replace(r"\ ", r"[\s-]+") for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?:s|es|d|ed|ing)?(?![\w])", re.IGNORECASE)


_WORD = re.compile(r"\w+")


_PREFIX_CHARS = 24
"""Words (and terms' first words) are compared up to this length: a 100,000-letter "word" is not cached whole."""


@lru_cache(maxsize=4096)
def _anchors(terms: tuple[str, ...]) -> frozenset[str] | None:
    """The first word of each term, lower-cased and cut to _PREFIX_CHARS; None when a term has no ASCII first word."""
    anchors = set()
    for term in terms:
        word = _WORD.match(term.lower())
        if word is None or not word.group().isascii():
            return None
        anchors.add(word.group()[:_PREFIX_CHARS])
    return frozenset(anchors)


@lru_cache(maxsize=8192)
def _sorted_words(text: str) -> tuple[str, ...] | None:
    """The distinct words of an ASCII ``text``, lower-cased, cut to _PREFIX_CHARS and sorted; None for
    other text.  A few dozen strings a sentence, so the cache holds a whole document's sentences:
    coverage asks about each sentence once per required obligation."""
    if not text.isascii():
        return None
    return tuple(sorted({word[:_PREFIX_CHARS] for word in _WORD.findall(text.lower())}))


def _starts_a_word(words: tuple[str, ...], prefix: str) -> bool:
    """Whether a word of the sorted ``words`` starts with ``prefix`` (those words sort together, first
    among the words from ``prefix`` on)."""
    i = bisect_left(words, prefix)
    return i < len(words) and words[i].startswith(prefix)


def concept_spans(text: str, concepts: Mapping[str, Sequence[str]]) -> dict[str, tuple[int, int]] | None:
    """The (start, end) of the first matched term of each concept group, or None if any group has no match."""
    # A term can only match where a word of the text starts with the term's first
    # word: a group none of whose first words begins a word of the text is ruled
    # out with binary searches before any regex runs (exact for ASCII text; other
    # text goes straight to the regexes).
    words = _sorted_words(text)
    if words is not None:
        for terms in concepts.values():
            anchors = _anchors(tuple(terms))
            if anchors is not None and not any(_starts_a_word(words, anchor) for anchor in anchors):
                return None
    spans: dict[str, tuple[int, int]] = {}
    for name, terms in concepts.items():
        match = _group_regex(tuple(terms)).search(text)
        if match is None:
            return None
        spans[name] = match.span()
    return spans


def term_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """The (start, end) of every match of one concept group's terms in ``text``."""
    return [m.span() for m in _group_regex(tuple(terms)).finditer(text)]


def concept_hits(text: str, concepts: Mapping[str, Sequence[str]]) -> dict[str, str] | None:
    """The matched term for each concept group, or None if any group has no match."""
    spans = concept_spans(text, concepts)
    return None if spans is None else {name: text[a:b] for name, (a, b) in spans.items()}
