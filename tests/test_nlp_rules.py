"""Sentence splitting, quantities and rule readings, as data (no trained model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from acqspec.io.safe_yaml import load_yaml_file
from acqspec.nlp.quantities import find_quantities, parse_number
from acqspec.nlp.rules import defined_parties, read_sentence
from acqspec.nlp.segment import sentence_spans

DATA = Path(__file__).parent / "fixtures" / "nlp"


def _cases(name: str) -> list[dict]:
    return load_yaml_file(DATA / name).data


@pytest.mark.parametrize("case", _cases("segmentation.yaml"), ids=lambda c: c["text"][:40])
def test_segmentation(case: dict) -> None:
    text = case["text"]
    assert [text[a:b] for a, b in sentence_spans(text)] == case["sentences"]


@pytest.mark.parametrize("case", _cases("readings.yaml"), ids=lambda c: c["text"][:50])
def test_reading(case: dict) -> None:
    reading = read_sentence(case["text"])
    for key, expected in case.items():
        if key == "text":
            continue
        got = list(getattr(reading, key)) if key == "hedges" else getattr(reading, key)
        assert got == expected, f"{key}: {got!r} != {expected!r}"


@pytest.mark.parametrize("case", _cases("quantities.yaml"), ids=lambda c: c["text"][:40])
def test_quantities(case: dict) -> None:
    got = [[q.kind, round(q.value, 1), q.bound] for q in find_quantities(case["text"])]
    assert got == [[k, round(float(v), 1), b] for k, v, b in case["expect"]]


def test_numbers_in_words_and_digits() -> None:
    assert parse_number("seventy-two (72)") == 72
    assert parse_number("seventy-two") == 72
    assert parse_number("1,000") == 1000
    assert parse_number("lots") is None


def test_defined_party_terms_resolve() -> None:
    aliases = defined_parties('This agreement is between Acme Corp. (the "Supplier") and the buyer.')
    assert aliases == {"supplier": "contractor"}
    aliases = defined_parties('Bravo Analytics LLC ("Bravo") will support the Department.')
    reading = read_sentence("Bravo shall deliver the model card.", {**aliases, "bravo": "contractor"})
    assert reading.party == "contractor"
