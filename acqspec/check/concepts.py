"""Concept matching: does a sentence evidence every concept group of a clause pattern?

A concept group is a list of synonyms ("customer content", "Government data",
"inputs"...).  A term matches at word boundaries, case-insensitively, and a
trailing plural or verb "s"/"es"/"ed"/"ing" is allowed so authors need not
list every inflection.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache


@lru_cache(maxsize=4096)
def _group_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    parts = sorted({re.escape(t.lower()).replace(r"\ ", r"[\s-]+") for t in terms}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?:s|es|d|ed|ing)?(?![\w])", re.IGNORECASE)


_WORD = re.compile(r"\w+")


_PREFIX_CHARS = 24
"""Word prefixes are kept up to this length: a 100,000-letter "word" would otherwise give 5 GB of them."""


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


@lru_cache(maxsize=256)
def _word_prefixes(text: str) -> frozenset[str] | None:
    """Every prefix (up to _PREFIX_CHARS) of every word of an ASCII ``text``, lower-cased; None for other text."""
    if not text.isascii():
        return None
    return frozenset(word[:i] for word in set(_WORD.findall(text.lower()))
                     for i in range(1, min(len(word), _PREFIX_CHARS) + 1))


def concept_spans(text: str, concepts: Mapping[str, Sequence[str]]) -> dict[str, tuple[int, int]] | None:
    """The (start, end) of the first matched term of each concept group, or None if any group has no match."""
    # A term can only match where a word of the text starts with the term's first
    # word: a group none of whose first words begins a word of the text is ruled
    # out with set lookups before any regex runs (exact for ASCII text; other
    # text goes straight to the regexes).
    prefixes = _word_prefixes(text)
    if prefixes is not None:
        for terms in concepts.values():
            anchors = _anchors(tuple(terms))
            if anchors is not None and anchors.isdisjoint(prefixes):
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
