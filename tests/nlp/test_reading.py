"""Sentence splitting, quantities and rule readings, as data (no trained model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from acqspec.io.safe_yaml import load_yaml_file
from acqspec.nlp.quantities import find_quantities, parse_number
from acqspec.nlp.reading import defined_parties, read_sentence
from acqspec.nlp.segment import sentence_spans

DATA = Path(__file__).parents[1] / "fixtures" / "nlp"


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


@pytest.mark.parametrize("case", _cases("defined_parties.yaml"), ids=lambda c: c["text"][:50])
def test_defined_parties(case: dict) -> None:
    assert defined_parties(case["text"]) == case["parties"]


def test_defined_company_reads_as_its_role() -> None:
    # "the Company" is the vendor by default, the employer once the document defines an Employee
    text = 'XYZ Corp. (the "Company") employs Jane Roe (the "Employee").'
    assert read_sentence("The Company shall pay the salary monthly.").party == "contractor"
    assert read_sentence("The Company shall pay the salary monthly.", defined_parties(text)).party == "government"


def test_defined_party_terms_resolve() -> None:
    aliases = defined_parties('This agreement is between Acme Corp. (the "Supplier") and the buyer.')
    assert aliases == {"supplier": "contractor"}
    aliases = defined_parties('Bravo Analytics LLC ("Bravo") will support the Department.')
    reading = read_sentence("Bravo shall deliver the model card.", {**aliases, "bravo": "contractor"})
    assert reading.party == "contractor"


def test_extract_command_on_markdown(runner, tmp_path: Path) -> None:
    import json

    from acqspec.cli import cli

    doc = tmp_path / "sow.md"
    doc.write_text("# 3 Requirements\n\n3.1 The Contractor shall report incidents within seventy-two (72) hours.\n\n"
                   "The system is a classifier.\n\nThe vendor may not use Government data for training.\n")
    result = runner.invoke(cli, ["extract", str(doc), "--format", "json", "--model", str(tmp_path / "none")])
    assert result.exit_code == 2 and "not a trained acqspec pipeline" in result.stderr
    from acqspec.nlp import pipeline

    pipeline.load_pipeline.cache_clear()
    result = runner.invoke(cli, ["extract", str(doc), "--format", "json"])
    assert result.exit_code == 0, result.output
    statements = json.loads(result.stdout)["statements"]
    assert [(s["modality"], s["party"]) for s in statements] == [("obligation", "contractor"),
                                                                 ("prohibition", "contractor")]
    assert statements[0]["quantities"][0]["value"] == 72
    assert statements[0]["section_path"] == ["3 Requirements"]
    table = runner.invoke(cli, ["extract", str(doc)])
    assert "sow.md:3: obligation/strong party=contractor" in table.stdout


def test_extract_bad_input_is_exit_2(runner, tmp_path: Path) -> None:
    from acqspec.cli import cli

    fake = tmp_path / "proposal.docx"
    fake.write_bytes(b"\x00\x01binary garbage")
    result = runner.invoke(cli, ["extract", str(fake)])
    assert result.exit_code == 2 and "proposal.docx" in result.stderr and "Traceback" not in result.output
