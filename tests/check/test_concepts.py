"""Concept terms match their inflections (acqspec.check.concepts)."""

from __future__ import annotations

import pytest

from acqspec.check.concepts import concept_hits


@pytest.mark.parametrize("term, text, matched", [
    ("report", "incidents are reported to the COR", "reported"),          # plain suffix
    ("adapters", "the adapter we trained for you", "adapter"),            # singular of a plural term
    ("fees", "no fee applies to exports", "fee"),
    ("entries", "each entry of the log", "entry"),
    ("tune", "tuning the model on agency data", "tuning"),                 # dropped "e"
    ("notify", "we notified the COR", "notified"),                         # y -> ied
    ("log", "every override is logged", "logged"),                         # doubled consonant
    ("permit", "red-teaming is permitted", "permitted"),
    ("prior version", "the prior versions stay deployable", "prior versions"),
])
def test_a_term_matches_its_inflections(term: str, text: str, matched: str) -> None:
    assert concept_hits(text, {"g": [term]}) == {"g": matched}


@pytest.mark.parametrize("term, text", [
    ("results", "as a result of the work"),        # a singular that is another word
    ("terms", "in the long term"),
    ("rights", "the right to terminate"),
    ("log", "the catalogue"),                        # still whole words only
    ("adapters", "adaptive thresholds"),
])
def test_other_words_are_not_taken_for_inflections(term: str, text: str) -> None:
    assert concept_hits(text, {"g": [term]}) is None
