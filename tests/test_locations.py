"""Locations people use: findings on .docx and .pdf name the section as the document numbers it (the rendered
list label and heading), the page, and quote the sentence; other documents are cited in their own numbering;
Word comments never show a file path; the paragraph count stays in JSON and SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acqspec.cli import cli
from acqspec.models import Block, format_place, section_places

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def _blocks(*rows) -> list[Block]:
    return [Block(index=i, kind=kind, text=text, label=label, level=level, source=f"p:{i}")
            for i, (kind, label, level, text) in enumerate(rows)]


def test_sections_follow_headings_numbered_paragraphs_list_items_and_run_in_headings() -> None:
    blocks = _blocks(
        ("heading", None, 1, "Statement of Work"),
        ("heading", "C.5", 1, "Requirements"),
        ("paragraph", "C.5.3.2", None, "Training-data provenance. The Contractor shall disclose its sources."),
        ("list_item", "(a)", 0, "the origin of each data set;"),
        ("list_item", "(1)", 1, "with its licence;"),
        ("list_item", "•", 2, "and its date;"),
        ("paragraph", None, None, "The disclosure shall be updated yearly."),
        ("paragraph", None, None, "C.5.3.3 Model cards. The Contractor shall deliver a model card."),
        ("paragraph", "C.5.3.4", None, "The Contractor shall keep a change log."),
        ("footer", None, None, "Page 3"),
    )
    shown = [format_place(s.label, s.title, block=i) for i, s in enumerate(section_places(blocks))]
    assert shown == [
        "Statement of Work",
        "§C.5 Requirements",
        "§C.5.3.2 Training-data provenance",
        "§C.5.3.2(a) Training-data provenance",
        "§C.5.3.2(a)(1) Training-data provenance",
        "§C.5.3.2(a)(1) Training-data provenance",   # a bullet belongs to the item above it
        "§C.5.3.2 Training-data provenance",         # an unnumbered paragraph to its section
        "§C.5.3.3 Model cards",                       # a number typed by hand
        "§C.5.3.4",                                   # numbered, no run-in heading
        "¶10",                                        # a footer has no section
    ]


def test_top_level_parts_read_as_list_items_are_parts_not_items() -> None:
    blocks = _blocks(("heading", "3.16", 2, "Commercial Terms"), ("list_item", "5.", 0, "Schedule"),
                     ("list_item", "6.", 0, "Assumptions"), ("heading", "2.", 1, "Scope"),
                     ("list_item", "1.", 0, "drafting;"), ("list_item", "3.", 0, "routing."))
    assert [s.label for s in section_places(blocks)] == ["3.16", "5", "6", "2", "2(1)", "2(3)"]


def test_places_in_words() -> None:
    assert format_place("3.4.1", "Model cards", page=4, block=23) == "§3.4.1 Model cards, p. 4"
    assert format_place(None, "Scope", line=12, block=3) == "Scope, line 12"
    assert format_place(None, None, page=4, block=23) == "p. 4"
    assert format_place("C.5.7.4", "No restriction on sharing prices with other agencies (CBP-PL-04)",
                        block=1, limit=30) == "§C.5.7.4 No restriction on… (CBP-PL-04)"
    assert format_place("C.5.7.4", "No restriction on sharing prices (CBP-PL-04)", block=1,
                        brief=True) == "§C.5.7.4 (CBP-PL-04)"
    assert format_place(None, None, block=None) == "whole document"


@pytest.fixture(scope="module")
def uscis_report() -> dict:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["check", str(SAMPLES / "sows" / "uscis-genai-draft-sow.docx"), "--profile",
                                      str(SAMPLES / "profiles" / "uscis-genai-case-assistant.yaml"),
                                      "--no-config", "--format", "json"])
    assert result.exit_code == 1, result.stderr
    return json.loads(result.stdout)


def test_word_findings_carry_the_documents_own_numbering_and_keep_the_paragraph(uscis_report) -> None:
    located = [f for f in uscis_report["findings"] if f["location"]["block"] is not None]
    assert located and all(f["location"]["section_label"] for f in located)
    kickoff = next(f for f in located if "kickoff meeting shall be conducted" in (f["evidence"] or ""))
    assert (kickoff["location"]["section_label"], kickoff["location"]["section_title"]) == ("5.1.1", "Kickoff")
    assert kickoff["location"]["block"] is not None and kickoff["location"]["source"].startswith("p:")


def test_text_report_of_a_word_file_shows_sections_and_quotes_not_paragraph_numbers(runner) -> None:
    result = runner.invoke(cli, ["check", str(SAMPLES / "sows" / "uscis-genai-draft-sow.docx"), "--no-config",
                                 "--select", "AQ4", "--fail-on", "never"])
    lines = [line for line in result.stdout.splitlines() if ": AQ4" in line and not line.startswith("by code")]
    assert lines and all(":§" in line and line.endswith('"') and len(line) <= 160 for line in lines), lines
    assert not any(":¶" in line for line in lines)


def test_against_findings_cite_the_sow_in_its_own_numbering(runner) -> None:
    result = runner.invoke(cli, ["check", str(SAMPLES / "proposals" / "northwind-face-capture-proposal.pdf"),
                                 "--against", str(SAMPLES / "sows" / "cbp-face-capture-generated.docx"),
                                 "--no-config", "--select", "AQ103", "--format", "json"])
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert any(m.startswith("SOW requirement at §C.5.7.4 (CBP-PL-04) is not addressed") for m in messages), messages
    assert not any(".docx" in m or "¶" in m for m in messages)


def test_word_comments_never_show_a_file_path(runner, tmp_path: Path) -> None:
    import docx

    source = SAMPLES / "sows" / "uscis-genai-draft-sow.docx"
    target = tmp_path / "reviewed.docx"
    result = runner.invoke(cli, ["check", str(source), "--profile",
                                 str(SAMPLES / "profiles" / "uscis-genai-case-assistant.yaml"), "--no-config",
                                 "--format", "docx", "-o", str(target)])
    assert result.exit_code == 1, result.stderr
    texts = [c.text for c in docx.Document(str(target)).comments]
    assert texts and not [t for t in texts if "samples/" in t or str(tmp_path) in t or ":¶" in t]


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_findings_in_a_hard_wrapped_text_file_name_the_line_their_sentence_starts_on(runner, tmp_path: Path,
                                                                                    suffix: str) -> None:
    """Not the line the paragraph starts on: an editor's "go to line" lands on the sentence."""
    source = tmp_path / f"terms{suffix}"
    source.write_text("Terms of Service\n\n1. General. These terms apply to the\nservice. We may change these\n"
                      "terms at any time by posting them on our website, and your continued use of the\n"
                      "service means you accept the changes. Customer shall indemnify Provider\n"
                      "against all claims.\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(source), "--no-config", "--select", "AQ302", "--fail-on", "never",
                                 "--format", "json"])
    lines = {f["location"]["line"] for f in json.loads(result.stdout)["findings"]
             if f["evidence"].startswith(("We may change", "Customer shall indemnify"))}
    assert lines == {4, 6}, result.stdout
    text = runner.invoke(cli, ["check", str(source), "--no-config", "--select", "AQ302", "--fail-on", "never"])
    assert f"terms{suffix}:4: AQ302" in text.stdout and f"terms{suffix}:6: AQ302" in text.stdout, text.stdout
