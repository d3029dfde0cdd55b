"""The NDA sample pack (samples/libraries/nda): it validates, alone and as an overlay, and the checker
reads an NDA-style paragraph written for this test with the expected coverage statuses."""

from pathlib import Path

import pytest

from acqspec.check.baseline import from_clause_ids
from acqspec.check.registry import selected_rules
from acqspec.library.loader import load_catalog, load_library
from acqspec.pipeline import Checker, DocumentOutcome
from acqspec.resources import default_library_dir

PACK = Path(__file__).resolve().parents[2] / "samples" / "libraries" / "nda"

# Written for this test (not from ContractNLI): one clause the pack wants, one it forbids, and nothing
# about hiring the other side's staff.
NDA_PARAGRAPH = (
    "The Recipient shall not reverse engineer, decompile or disassemble any prototype or software "
    "that embodies the Confidential Information. "
    "The Recipient may use the Confidential Information for any purpose it chooses.\n"
)


@pytest.mark.parametrize("layers", [(PACK,), (default_library_dir(), PACK)], ids=["alone", "overlay"])
def test_pack_validates_clean(layers):
    catalog = load_library(layers, near_duplicates=True)
    assert [str(p) for p in catalog.problems] == []
    assert len([c for c in catalog.clauses() if c.id.startswith("NDA-")]) == 17


def test_paragraph_gets_expected_coverage(tmp_path):
    catalog = load_catalog((PACK,))
    baseline = from_clause_ids(["NDA-04", "NDA-11", "NDA-18"], catalog)
    document = tmp_path / "nda.txt"
    document.write_text(NDA_PARAGRAPH, encoding="utf-8")
    outcome = Checker(catalog, [rule() for rule in selected_rules()], baseline).check_file(document)
    assert isinstance(outcome, DocumentOutcome)
    status = {item.clause_id: item.status for item in outcome.coverage}
    assert status == {"NDA-11": "satisfied", "NDA-04": "contradicted", "NDA-18": "missing"}


# Written for this test: a bar on all third-party disclosure; the same bar with an exception for
# advisers (``unless``); and the bar qualified by a permission elsewhere in the document (``yields``).
@pytest.mark.parametrize("text, status", [
    ("The Recipient shall not disclose the Confidential Information to any third party.", "contradicted"),
    # the exception takes the bar back; NDA-07.1 does not list subcontractors, so nothing meets it either
    ("The Recipient shall not disclose the Confidential Information to any third party, except its "
     "subcontractors who are bound to keep it confidential.", "missing"),
    ("The Recipient shall not disclose the Confidential Information to any third party.\n\n"
     "Notwithstanding the foregoing, the Recipient may disclose Confidential Information to its consultants "
     "who need to know it for the Purpose.", "satisfied"),
])
def test_a_conflict_gives_way_to_its_exceptions(tmp_path, text, status):
    catalog = load_catalog((PACK,))
    document = tmp_path / "nda.txt"
    document.write_text(text + "\n", encoding="utf-8")
    baseline = from_clause_ids(["NDA-07"], catalog)
    outcome = Checker(catalog, [rule() for rule in selected_rules()], baseline).check_file(document)
    assert {item.clause_id: item.status for item in outcome.coverage} == {"NDA-07": status}
