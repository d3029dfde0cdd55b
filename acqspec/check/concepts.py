"""Concept matching: does a sentence evidence every concept group of a clause pattern?

A concept group is a list of synonyms ("customer content", "Government data",
"inputs"...).  A term matches at word boundaries, case-insensitively, and a
trailing plural or verb "s"/"es"/"ed"/"ing" is allowed, as are the spellings
of a term's last word those suffixes miss (singular of a plural term, dropped
"e", "y" -> "ies"/"ied", a doubled final consonant), so authors need not list
every inflection.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import lru_cache


_VOWELS = "aeiou"
# Plurals whose singular is mostly another word: "as a result of", "long term", "the right to",
# "on condition that", "in good faith", "it means".
_OTHER_SINGULARS = frozenset("result term right condition good mean damage premise interest".split())


def _last_word_forms(word: str) -> set[str]:
    """Spellings of a term's last word the plain suffixes do not reach: the singular of a plural
    ("adapters" -> "adapter", "fees" -> "fee", "entries" -> "entry"), a dropped "e" ("tune" ->
    "tuning"), "y" -> "ies"/"ied" ("notify" -> "notified") and a doubled final consonant ("log" ->
    "logged", "permit" -> "permitted")."""
    bases = {word}
    if len(word) > 4 and word.endswith("ies"):
        bases.add(word[:-3] + "y")
    elif len(word) > 3 and word.endswith(("ses", "xes", "ches", "shes", "zes")):
        bases.add(word[:-2])
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word[:-1] not in _OTHER_SINGULARS:
        bases.add(word[:-1])
    forms = set(bases)
    for base in bases:
        if len(base) > 3 and base.endswith("e"):
            forms.add(base[:-1] + "ing")
        if len(base) > 3 and base.endswith("y") and base[-2] not in _VOWELS:
            forms.update({base[:-1] + "ies", base[:-1] + "ied"})
        if 3 <= len(base) <= 7 and base[-1] not in _VOWELS + "wxy" and base[-2] in _VOWELS \
                and base[-3] not in _VOWELS:
            forms.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    return forms


def _term_pattern(term: str) -> str:
    words = term.lower().split()
    if not words:
        return re.escape(term.lower())
    head = r"[\s-]+".join(re.escape(w) for w in words[:-1])
    last = words[-1]
    tails = sorted({re.escape(f) for f in _last_word_forms(last)} if last.isalpha() else {re.escape(last)},
                   key=len, reverse=True)
    return (head + r"[\s-]+" if head else "") + "(?:" + "|".join(tails) + ")"


@lru_cache(maxsize=4096)
def _group_regex(terms: tuple[str, ...]) -> re.Pattern[str]:
    parts = sorted({_term_pattern(t) for t in terms}, key=len, reverse=True)
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
        first = word.group()
        if len(term.split()) == 1 and first.isalpha() and len(first) > 3:
            first = re.sub(r"(?:ies|es|s|e|y)$", "", first)  # "adapters" also anchors "adapter"
        anchors.add(first[:_PREFIX_CHARS])
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
