"""The numpy export of the sentence classifier scores exactly as the spaCy pipeline it came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acqspec.nlp.pipeline import default_model_path, load_classifier, load_pipeline
from acqspec.nlp.textcat import StaticClassifier, agreement, export, string_key

DATA = Path(__file__).parents[2] / "nlp_models" / "data"

# Whitespace runs, newlines, tabs, affixes, tokenizer exceptions and the ones only spaCy's
# special matcher re-joins (":*" after "guidance" in Markdown bold), URLs, numbers, unicode.
TRICKY = [
    "", " ", "  leading and trailing  ", "two  spaces\tand a tab\nand a newline\n\n", "> **FAR guidance:** State it.",
    "Don't, can't and won't (e.g. U.S. agencies) :) :-) o.O", "See https://example.gov/a?b=c and www.sam.gov.",
    "$1,250.00 per hour; 99.5% uptime; 24/7 support; 10-15 business days.", "“Smart quotes” — em dash… and café",
    "C.5.3.2(a)(iii) Training-data provenance:", "e-mail the COR/CO at co@agency.gov;", "(xx) ____ [insert date]",
]


@pytest.fixture(scope="module")
def spacy_pipeline():
    return load_pipeline()


def test_string_keys_are_spacys_hashes() -> None:
    from spacy.strings import hash_string

    for text in ("", "a", "Contractor", "shall not", "café", "€" * 40, "12345678", "123456789"):
        assert string_key(text) == hash_string(text), text


def test_the_tokenizer_splits_as_spacys_does(spacy_pipeline) -> None:
    classifier = load_classifier()
    assert isinstance(classifier, StaticClassifier)
    for text in TRICKY:
        assert classifier.tokenizer(text) == [t.text for t in spacy_pipeline.make_doc(text)], text


def test_the_shipped_export_matches_the_shipped_pipeline(spacy_pipeline) -> None:
    """Every annotated sentence gets spaCy's tokens and scores (a stale export after retraining fails here)."""
    texts = [json.loads(line)["text"] for name in ("train.jsonl", "dev.jsonl")
             for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()] + TRICKY
    measured = agreement(spacy_pipeline, load_classifier(), texts)
    assert measured["same_tokens"] == 1.0
    assert measured["max_score_difference"] < 1e-5


def test_export_is_deterministic_and_is_what_ships(spacy_pipeline, tmp_path: Path) -> None:
    export(spacy_pipeline, tmp_path)
    for name in ("static-tokenizer.json", "static-weights.npz"):
        assert (tmp_path / name).read_bytes() == (default_model_path() / name).read_bytes(), name


def test_reading_a_document_does_not_import_spacy(tmp_path: Path) -> None:
    import subprocess
    import sys

    doc = tmp_path / "sow.md"
    doc.write_text("# 3 Tasks\n\nThe Contractor shall report incidents to the COR within 72 hours.\n", encoding="utf-8")
    code = ("import sys\nfrom acqspec.io.readers import read_document\nfrom acqspec.nlp.extract import extract_statements\n"
            f"s = extract_statements(read_document({str(doc)!r}))\nassert [x.modality for x in s] == ['obligation'], s\n"
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
