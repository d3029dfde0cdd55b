"""How coverage reads sentences: lead-ins, list items, wording ratio (acqspec.check.coverage)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acqspec.check.coverage import _bare_lead_in, _names_a_party, _ratio
from acqspec.cli import cli


@pytest.mark.parametrize("text, bare", [
    ("The Contractor shall:", True),
    ("The Receiving Party undertakes as follows:", True),
    ("The Contractor shall deliver the following:", True),
    ("Deliverables include:", True),
    ("The Contractor shall deliver these reports to the COR within 30 days:", False),
    ("The Contractor shall notify the CO of every incident that affects Government data:", False),
    ("The Contractor shall deliver a test plan.", False),
])
def test_only_sentences_that_merely_introduce_a_list_are_set_aside(text: str, bare: bool) -> None:
    assert _bare_lead_in(text) is bare


def test_wording_ratio_ignores_punctuation_and_case() -> None:
    assert _ratio("Notify the CO in writing, within 5 days.", "notify the co in writing within 5 days") == 100
    assert _ratio("Notify the CO in writing.", "deliver the model card") < 60


def _coverage(runner, path: Path, *args: str) -> dict[str, str]:
    result = runner.invoke(cli, ["check", str(path), *args, "--no-config", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return {c["obligation_id"]: c["status"] for c in json.loads(result.stdout)["coverage"]}


def test_list_items_take_the_concepts_of_their_lead_in(runner, tmp_path: Path) -> None:
    """"At contract completion" is in the lead-in only; the items carry the return and destruction."""
    doc = tmp_path / "sow.md"
    doc.write_text("# 3.1 Transition\n\nAt contract completion the Contractor shall:\n\n"
                   "- return all Government data and derived products to the COR within 30 days; and\n"
                   "- destroy all remaining copies and certify their destruction.\n", encoding="utf-8")
    assert _coverage(runner, doc, "--clauses", "DM-01")["DM-01.3"] == "satisfied"


def test_a_neighbouring_sentence_completes_concepts_but_a_distant_one_does_not(runner, tmp_path: Path) -> None:
    near = tmp_path / "near.md"
    near.write_text("# 3.1 Transition\n\nThis section covers contract completion. The Contractor shall return all "
                    "Government data to the COR within 30 days and certify the destruction of all copies.\n",
                    encoding="utf-8")
    assert _coverage(runner, near, "--clauses", "DM-01")["DM-01.3"] == "satisfied"
    far = tmp_path / "far.md"
    filler = " ".join(f"Staff member {n} attends the weekly meeting at the regional office." for n in range(12))
    far.write_text("# 3.1 Transition\n\nThis section covers contract completion. " + filler +
                   " The Contractor shall return all Government data to the COR within 30 days and certify the "
                   "destruction of all copies.\n", encoding="utf-8")
    assert _coverage(runner, far, "--clauses", "DM-01")["DM-01.3"] != "satisfied"


@pytest.mark.parametrize("text, clause, obligation, status", [
    # the Government's own act never meets the contractor's duty
    ("At the end of each month the COR will review the reported vulnerabilities with the product team.",
     "IR-03", "IR-03.2", "missing"),
    ("The Contractor shall notify the COR of vulnerabilities in the AI system within 5 days of identifying them.",
     "IR-03", "IR-03.2", "satisfied"),
    # a permission never meets a prohibition, whoever holds it
    ("The agency may decide to end the order and terminate the service at any time.", "CT-06", "CT-06.1", "missing"),
    ("The Contractor shall not terminate or suspend the Government's access to the service on its own decision.",
     "CT-06", "CT-06.1", "satisfied"),
    # a duty that only shares a prohibition's words does not meet it; one that restricts does
    ("The Contractor shall indemnify and hold harmless the Government against claims arising from its work.",
     "CT-01", "CT-01.1", "missing"),
    ("The Contractor shall delete prompts and outputs within 30 days after processing.", "DM-01", "DM-01.2",
     "satisfied"),
    # the act named as a result, or done by someone else, is not the act
    ("The Contractor shall screen reported vulnerabilities and discard the duplicate reports.", "IR-03", "IR-03.2",
     "missing"),
    ("The Contractor shall run a website for researchers to report vulnerabilities in agency sites.", "IR-03",
     "IR-03.2", "missing"),
    ("No staff substitutions shall be made unless needed because of illness or termination of employment.",
     "CT-06", "CT-06.1", "missing"),
    # the restriction must be the duty's, not its condition's
    ("If a person's background check is not acceptable, that person's access shall be terminated.", "CT-06",
     "CT-06.1", "missing"),
    # a document's name is not the act; delivering it is
    ("Incident Response Test Report prepared in line with NIST SP 800-61 and the agency guide.", "IR-01", "IR-01.1",
     "missing"),
    ("The Contractor shall deliver an Incident Report on each serious AI incident to the COR within 72 hours.",
     "IR-01", "IR-01.1", "satisfied"),
    # two of three concept groups, on topic, the statement's verb and close in meaning: a (weakened) match
    ("Demographic bias test results shall be delivered by the Contractor every two years.", "TE-05", "TE-05.1",
     "weakened"),
])
def test_a_sentence_meets_a_duty_only_if_it_binds_the_party_and_does_the_act(
        runner, tmp_path: Path, text: str, clause: str, obligation: str, status: str) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(f"# 4.2 Requirements\n\n{text}\n", encoding="utf-8")
    assert _coverage(runner, doc, "--clauses", clause)[obligation] == status


@pytest.mark.parametrize("phrase, party", [
    ("the Disclosing Party", True), ("the COR", True), ("the Government", True),
    ("the Disclosing Party's employees", False), ("any tax it believes the Government owes", False),
    ("all Government data", False),
])
def test_an_object_that_is_only_a_party_is_recognised(phrase: str, party: bool) -> None:
    assert _names_a_party(phrase) is party


def test_whom_a_duty_names_as_its_object_is_left_to_the_party_reading(runner, tmp_path: Path) -> None:
    """NDA-08 says "notify the Disclosing Party"; an NDA that calls that party "the Owner" still meets it
    (the object check tells badges from data, not one party's name from another's)."""
    doc = tmp_path / "nda.md"
    doc.write_text("# 5. Compelled disclosure\n\nIf the Recipient is compelled by a subpoena to disclose any "
                   "Confidential Information, the Recipient will promptly notify the Owner in writing.\n",
                   encoding="utf-8")
    pack = Path(__file__).resolve().parents[2] / "samples" / "libraries" / "nda"
    assert _coverage(runner, doc, "--library", str(pack), "--clauses", "NDA-08")["NDA-08.1"] == "satisfied"
