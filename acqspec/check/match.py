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


def concept_spans(text: str, concepts: Mapping[str, Sequence[str]]) -> dict[str, tuple[int, int]] | None:
    """The (start, end) of the first matched term of each concept group, or None if any group has no match."""
    spans: dict[str, tuple[int, int]] = {}
    for name, terms in concepts.items():
        match = _group_regex(tuple(terms)).search(text)
        if match is None:
            return None
        spans[name] = match.span()
    return spans


def concept_hits(text: str, concepts: Mapping[str, Sequence[str]]) -> dict[str, str] | None:
    """The matched term for each concept group, or None if any group has no match."""
    spans = concept_spans(text, concepts)
    return None if spans is None else {name: text[a:b] for name, (a, b) in spans.items()}
