"""Conditional passages (``conditional_text``) and clean citations (``format_cite``, ``unverified``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from acqspec.cli import cli
from acqspec.library import template
from acqspec.library.loader import load_library
from acqspec.library.schema import RESEARCH_NOTE, Citation, ConditionalText, clause_json_schema, format_cite
from acqspec.library.views import clause_markdown, clause_view, rendered_text

CASES = Path(__file__).parents[1] / "fixtures" / "library_cases"


@pytest.mark.parametrize("short, sections, expected", [
    ("41 U.S.C. 6305", ["§6305"], "41 U.S.C. 6305"),
    ("31 U.S.C. 1341", ["§1341(a)(1)"], "31 U.S.C. 1341(a)(1)"),
    ("31 U.S.C. 1341", ["§1341(a)(1)", "§1341(b)"], "31 U.S.C. 1341(a)(1), 1341(b)"),
    ("FAR 52.212-4", ["(b); (d)"], "FAR 52.212-4(b), (d)"),
    ("FAR 52.227-14", ["(g) and Alternate II"], "FAR 52.227-14(g) and Alternate II"),
    ("DHS Directive 139-08", ["§V.A.6", "§IV.E"], "DHS Directive 139-08 §V.A.6, §IV.E"),
    ("OMB M-25-22", ['"Protect Privacy"'], 'OMB M-25-22, "Protect Privacy"'),
    ("OMB M-25-21", ['§4(b) of the appendix, "Complete AI Impact Assessment"'],
     'OMB M-25-21 §4(b) of the appendix, "Complete AI Impact Assessment"'),
    ("NIST AI RMF 1.0", ["MEASURE 2.5"], "NIST AI RMF 1.0 MEASURE 2.5"),
    ("NIST AI 600-1", ["GV-6.1-010"], "NIST AI 600-1 GV-6.1-010"),
    ("GSA Generative AI Acquisition Resource Guide", ["§3.8.2 (\"Updating Products\")"],
     'GSA Generative AI Acquisition Resource Guide §3.8.2 ("Updating Products")'),
    ("DHS Directive 026-11", ["testing and evaluation of face recognition"],
     "DHS Directive 026-11, testing and evaluation of face recognition"),
])
def test_citations_print_document_and_pinpoint_once(short: str, sections: list[str], expected: str) -> None:
    assert format_cite(short, *sections) == expected


def test_a_research_note_in_a_section_is_refused_and_belongs_in_unverified() -> None:
    with pytest.raises(ValidationError, match="move the note to 'unverified'"):
        Citation(authority="OMB-M-25-22", section='"Protect Privacy" (heading; section letter unverified)')
    for note in ("cited by topic; text unavailable", "heading from a secondary source, sub-letter unverified"):
        assert RESEARCH_NOTE.search(note)
    clean = Citation(authority="OMB-M-25-22", section='"Protect Privacy"', unverified="heading; section letter unverified")
    assert clean.unverified and not RESEARCH_NOTE.search(clean.section)


def test_shipped_citations_are_clean_and_the_notes_are_kept(bundled_library) -> None:
    catalog = load_library([bundled_library])
    citations = [c for clause in catalog.clauses() for c in clause.authorities]
    assert not [c.section for c in citations if RESEARCH_NOTE.search(c.section)]
    assert sum(1 for c in citations if c.unverified) >= 50  # moved out of the sections, not deleted


# ----------------------------------------------------------------------------- conditional passages


def test_a_passage_needs_a_condition_over_known_facts() -> None:
    with pytest.raises(ValidationError, match="'when' is empty"):
        ConditionalText.model_validate({"name": "x", "when": {}, "text": "A passage."})
    with pytest.raises(ValidationError):
        ConditionalText.model_validate({"name": "x", "when": {"all": ["law_enforcment"]}, "text": "A passage."})
    passage = ConditionalText.model_validate({"name": "x", "when": {"any": ["law_enforcement"]}, "text": "A."})
    assert passage.holds({"law_enforcement": True}) and not passage.holds({})


@pytest.mark.parametrize("text, passages, expected", [
    ("Act. {{ a }} Next.", {"a": "Maybe."}, "Act. Maybe. Next."),
    ("Act. {{ a }} Next.", {"a": None}, "Act. Next."),
    ("in operation {{ a }}. Each", {"a": ", and the rate"}, "in operation, and the rate. Each"),
    ("in operation {{ a }}. Each", {"a": None}, "in operation. Each"),
    ("Within {{ days }} days. {{ a }}", {"a": None}, "Within {{ days }} days."),
    ("First.\n{{ a }}\nLast.", {"a": None}, "First.\nLast."),
    ("First.\n\n{{ a }}\n\nLast.", {"a": None}, "First.\n\nLast."),
])
def test_passages_are_resolved_and_the_spacing_closes_up(text: str, passages: dict, expected: str) -> None:
    assert template.resolve_passages(text, passages) == expected


def test_shipped_conditional_passages(bundled_library) -> None:
    catalog = load_library([bundled_library])
    passages = {c.id: [p.name for p in c.conditional_text] for c in catalog.clauses() if c.conditional_text}
    assert passages == {"BI-03": ["investigative_leads"], "DM-03": ["genai_ssdf"], "PE-01": ["fabricated_outputs"],
                        "PU-01": ["screening_referral"]}
    pu01 = catalog.get("PU-01")
    assert "secondary screening" in pu01.text_for({"law_enforcement": True})
    assert "secondary screening" not in pu01.text_for({"law_enforcement": False})
    assert pu01.text_for({}).endswith("independent decision.")
    # Without facts every passage is kept (training examples, near-duplicate checks) ...
    assert "secondary screening" in rendered_text(pu01)
    # ... and library readers see each one with its condition.
    view = clause_view(catalog, pu01)
    assert "[only when the AI is used for law-enforcement purposes: A referral to secondary screening" in view["text"]
    assert view["conditional_text"][0]["name"] == "screening_referral"
    assert "[only when the acquisition includes generative AI: and the rate of fabricated" in \
        clause_view(catalog, catalog.get("PE-01"))["text"]


def test_library_show_prints_unverified_citations_for_the_maintainer(bundled_library) -> None:
    catalog = load_library([bundled_library])
    markdown = clause_markdown(clause_view(catalog, catalog.get("DM-02")))
    assert '- OMB M-25-22, "Protect Privacy" (unverified: heading; section letter unverified)' in markdown


def test_json_schema_documents_the_new_keys() -> None:
    schema = clause_json_schema()
    assert "conditional_text" in schema["properties"]
    definitions = schema["$defs"]
    assert set(definitions["ConditionalText"]["properties"]) == {"name", "when", "text"}
    assert "unverified" in definitions["Citation"]["properties"]
    when = definitions["Condition"]["properties"]
    assert set(when) == {"all", "any", "none"}


def test_a_bad_condition_is_one_line_with_file_and_line(runner) -> None:
    case = CASES / "conditional_text" / "base"
    result = runner.invoke(cli, ["library", "validate", str(case)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "[LIB" in line]
    contradiction = [line for line in lines if "'contradiction'" in line]
    assert len(contradiction) == 1
    assert contradiction[0].startswith(f"{case / 'testing-evaluation' / 'TE-04.yaml'}:13: error: ")
    assert contradiction[0].endswith("[LIB014]")
