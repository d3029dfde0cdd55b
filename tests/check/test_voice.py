"""Who speaks in a document, and when a plain sentence is the vendor's word (acqspec.check.voice)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acqspec.check import voice
from acqspec.cli import cli
from acqspec.models import Statement


def _bound(party_text: str, modality: str = "obligation") -> Statement:
    return Statement(text=f"{party_text} shall deliver the plan.", block=0, start=0, end=10, modality=modality, strength="strong",
                     party="contractor", party_text=party_text)


@pytest.mark.parametrize("party_text, by_role", [
    ("The Contractor", True),
    ("Offerors", True),
    ("the Receiving Party", True),
    ("Licensee", True),
    ("Acme", False),
    ("We", False),
    ("Northwind Analytics", False),
])
def test_a_document_that_binds_parties_by_role_is_a_solicitation_or_a_contract(party_text: str,
                                                                                by_role: bool) -> None:
    assert voice.binds_parties_by_role([_bound(party_text)]) is by_role


@pytest.mark.parametrize("text, vendor", [
    ("We do not use agency prompts to train our models.", True),
    ("Prompts are deleted from our systems within 14 days.", True),
    ("Acme never uses agency prompts to train its models.", True),
    ("Provider's matching service never declares a definitive match.", True),
    ("Agency data stays in the tenant, and Acme's models are never trained on it.", True),
    ("Government tenants receive release notes 30 days ahead.", False),
    ("Every reported incident gets a root-cause analysis within 21 days.", False),
    ("The vulnerability disclosure policy outlines how researchers report vulnerabilities.", False),
])
def test_a_plain_sentence_speaks_for_the_vendor(text: str, vendor: bool) -> None:
    assert voice.speaks_for_the_vendor(text) is vendor


def test_the_vendor_speaking_to_its_customer_counts_only_where_asked() -> None:
    text = "Your prompts and files are deleted from the service within 30 days."
    assert voice.speaks_for_the_vendor(text, to_the_customer=True)
    assert not voice.speaks_for_the_vendor(text)


@pytest.mark.parametrize("text, denied", [
    ("We do not sell customer data.", True),
    ("We add subprocessors without notifying customers.", True),
    ("The trial terms prohibit publishing benchmark results.", True),
    ("Prompts are deleted no later than 14 days after processing.", False),
    ("We retain logs for no more than 30 days.", False),
])
def test_a_described_practice_is_denied(text: str, denied: bool) -> None:
    assert voice.negated(text) is denied


def _status(runner, path: Path, obligation: str) -> str:
    result = runner.invoke(cli, ["check", str(path), "--clauses", obligation.split(".")[0], "--no-config",
                                 "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return next(c["status"] for c in json.loads(result.stdout)["coverage"] if c["obligation_id"] == obligation)


def test_a_vendors_described_practice_counts_only_in_the_vendors_own_document(runner, tmp_path: Path) -> None:
    practice = "Acme never uses agency prompts, files or outputs to train or fine-tune its commercial models."
    page = tmp_path / "acme-data-use.md"
    page.write_text(practice + "\n", encoding="utf-8")
    assert _status(runner, page, "DR-01.1") == "satisfied"
    sow = tmp_path / "sow.md"  # the same sentence in a SOW describes; the SOW's duties are its "shall"s
    sow.write_text("The Contractor shall deliver monthly status reports.\n\n" + practice + "\n", encoding="utf-8")
    assert _status(runner, sow, "DR-01.1") == "missing"
    done = tmp_path / "acme-cards.md"
    done.write_text("We deliver model cards and data cards for every model to our customers.\n", encoding="utf-8")
    assert _status(runner, done, "TR-01.1") == "satisfied"
    denied = tmp_path / "acme-no-cards.md"  # a denied duty is not met
    denied.write_text("We do not deliver model cards or data cards for our models to customers.\n", encoding="utf-8")
    assert _status(runner, denied, "TR-01.1") != "satisfied"


def test_a_vendors_described_practice_is_judged_like_a_commitment(runner, tmp_path: Path) -> None:
    """The weakening rules read a plain sentence coverage accepted: 90 days is looser than the
    clause's retention limit, stated with or without "will"."""
    for text in ("We retain prompts and outputs for up to 90 days, after which they are deleted.",
                 "We will retain prompts and outputs for up to 90 days, after which they are deleted."):
        page = tmp_path / "acme-retention.md"
        page.write_text(text + "\n", encoding="utf-8")
        assert _status(runner, page, "DM-01.2") == "weakened", text



def test_the_buyer_as_subject() -> None:
    assert all(voice.names_the_buyer(s) for s in ("You", "the Customer", "Licensee", " End users "))
    assert not any(voice.names_the_buyer(s) for s in ("We", "Apple", "or transfer Service Credits", ""))
