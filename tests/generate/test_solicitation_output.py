"""A generated SOW goes into a solicitation as it is: UCF page furniture, clean citations, compact matrix,
real numbers, text that fits the buy, the checker's approval, and the same bytes every time."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from acqspec import __version__
from acqspec.cli import cli
from acqspec.generate import build_spec
from acqspec.generate.docx import spec_docx
from acqspec.generate.formats import spec_json, spec_markdown
from acqspec.library.schema import RESEARCH_NOTE

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples" / "profiles"
SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.yaml"))
GEN_LIBRARY = Path(__file__).parents[1] / "fixtures" / "gen_library"
PROFILES = Path(__file__).parents[1] / "fixtures" / "profiles"

# The research notes the issue found in documents, and the library's general pattern for them.
NOTE_PHRASES = ("section letter unverified", "heading from a secondary source", "sub-letter unverified",
                "cited by topic", "text unavailable", "secondary source", "unverified")
# Vague stand-ins for a number that deliverable frequencies used to print.
UNNUMBERED = re.compile(r"\bthe set\b|\bset (?:number|interval|days)\b|\b(?:reporting|update|notification|delivery) "
                        r"deadline\b|\bat the (?:\w+ )?(?:reporting |review |update |summary )?interval\b")


@pytest.fixture(scope="module")
def outputs(bundled_library) -> dict[str, dict]:
    """Every sample profile's specification and its three renderings."""
    result = {}
    for name in SAMPLE_NAMES:
        spec = build_spec(SAMPLES / f"{name}.yaml", [bundled_library])
        result[name] = {"spec": spec, "docx": spec_docx(spec), "md": spec_markdown(spec), "json": spec_json(spec)}
    return result


def _docx_text(data: bytes) -> str:
    """Every piece of text in the package's document, header and footer parts."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [n for n in archive.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        xml = " ".join(archive.read(n).decode("utf-8") for n in sorted(parts))
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def _maintainer_free(data: dict) -> dict:
    """The JSON output without the fields that are there for the library maintainer."""
    data = {k: v for k, v in data.items() if k not in ("library_notes", "warnings")}
    for requirement in data["requirements"]:
        for citation in requirement["authorities"]:
            citation.pop("unverified")
    return data


# ----------------------------------------------------------------------------- citations


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_no_research_note_wording_in_any_generated_document(outputs, name: str) -> None:
    out = outputs[name]
    texts = {"docx": _docx_text(out["docx"]), "md": out["md"],
             "json": json.dumps(_maintainer_free(json.loads(out["json"])), ensure_ascii=False)}
    for fmt, text in texts.items():
        lowered = text.lower()
        assert not [p for p in NOTE_PHRASES if p in lowered], fmt
        assert not RESEARCH_NOTE.search(text), (fmt, RESEARCH_NOTE.search(text))
        assert "§6305 §6305" not in text and "6305 §6305" not in text, fmt


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_research_notes_go_to_stderr_and_json_for_the_maintainer(runner, tmp_path: Path, name: str) -> None:
    result = runner.invoke(cli, ["generate", str(SAMPLES / f"{name}.yaml"), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out.json").read_text())
    # One stderr line says how many there are; the maintainer's list is the JSON.
    notes = [line for line in result.stderr.splitlines() if "marks unverified" in line]
    assert len(notes) == 1 and notes[0].startswith(f"acqspec: warning: {len(data['library_notes'])} citation(s)")
    assert all(note["unverified"] and note["clause_ids"] for note in data["library_notes"])
    assert any(c["unverified"] for r in data["requirements"] for c in r["authorities"])
    assert data["generator"] == f"acqspec {__version__}" and "fingerprint" in data["library_version"]


def test_authority_lines_show_current_clean_citations_one_entry_per_authority(outputs) -> None:
    spec = outputs["cbp-face-capture"]["spec"]
    te02 = next(r for r in spec.requirements() if r.clause_id == "TE-02")
    assert te02.authority_cites[0] == "DHS Directive 139-08 §V.A.6, §IV.E"
    assert 'OMB M-25-21 §4(b) of the appendix, "Conduct Pre-Deployment Testing"' in te02.authority_cites
    assert not any("M-24-18" in cite or "M-24-10" in cite for cite in te02.authority_cites)
    ct06 = next(r for r in outputs["uscis-genai-case-assistant"]["spec"].requirements() if r.clause_id == "CT-06")
    assert "41 U.S.C. 6305" in ct06.authority_cites and "FAR 52.212-4(b), (d)" in ct06.authority_cites


# ----------------------------------------------------------------------------- page furniture and styles


def _package(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_page_has_the_header_and_a_page_x_of_y_footer(outputs, name: str) -> None:
    spec = outputs[name]["spec"]
    document = docx.Document(io.BytesIO(outputs[name]["docx"]))
    assert len(document.sections) == 3  # body, landscape matrix, appendix
    orientations = [s.page_width > s.page_height for s in document.sections]
    assert orientations == [False, True, False]
    for section in document.sections:
        assert not section.header.is_linked_to_previous and not section.footer.is_linked_to_previous
        header = " ".join(p.text for p in section.header.paragraphs)
        number = (f"Solicitation No. {spec.solicitation_number}" if spec.solicitation_number
                  else "Solicitation number not yet assigned")
        assert header == f"{number}\tSection {spec.section}"
        footer_xml = section.footer._element.xml
        instructions = [t.strip() for t in re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer_xml)]
        assert instructions == ["PAGE", "NUMPAGES"]
        assert "".join(p.text for p in section.footer.paragraphs).startswith("Page ")
    body = [p.text for p in document.paragraphs if p.text.strip()]
    assert body[0] == "SECTION C – DESCRIPTION/SPECIFICATIONS/STATEMENT OF WORK"
    assert body[1] == "C.5 Artificial Intelligence Technical Requirements"


def test_serif_body_and_black_headings_without_a_template(outputs) -> None:
    document = docx.Document(io.BytesIO(outputs["fema-damage-assessment"]["docx"]))
    styles = document.styles
    assert styles["Normal"].font.name == "Times New Roman" and styles["Normal"].font.size.pt == 12
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        style = styles[name]
        assert style.font.name == "Times New Roman" and str(style.font.color.rgb) == "000000", name
        assert style.element.rPr.rFonts.get(qn("w:asciiTheme")) is None, name
        assert 'w:themeColor' not in style.element.xml, name


def test_no_generated_by_trailer_versions_are_document_properties(outputs) -> None:
    for name in SAMPLE_NAMES:
        out = outputs[name]
        assert "Generated by" not in _docx_text(out["docx"]) and "Generated by" not in out["md"]
        props = docx.Document(io.BytesIO(out["docx"])).core_properties
        assert f"acqspec {__version__}" in props.comments and out["spec"].library_version in props.comments
        assert props.category == "Section C.5"


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_matrix_table_has_set_widths_a_repeated_header_and_unsplit_rows(outputs, name: str) -> None:
    document = docx.Document(io.BytesIO(outputs[name]["docx"]))
    matrix = next(t for t in document.tables if t.rows[0].cells[0].text == "Requirement")
    tbl = matrix._tbl
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    widths = [c.w for c in tbl.tblGrid.gridCol_lst]
    assert len(set(widths)) > 1 and sum(widths) > 8 * 914400  # landscape: nine inches between the margins
    rows = tbl.tr_lst
    assert rows[0].trPr.find(qn("w:tblHeader")) is not None
    assert all(r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
    # One citation per row: no superseded memo in a row, they are in the notes under the matrix.
    cells = [r.tc_lst[3] for r in rows[1:]]
    assert not any("M-24-18" in "".join(t.text or "" for t in c.iter(qn("w:t"))) for c in cells)
    spec = outputs[name]["spec"]
    assert len(rows) - 1 == len(spec.requirements())


# ----------------------------------------------------------------------------- numbers and conditional text


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_deliverables_carry_their_numbers(outputs, name: str) -> None:
    spec = outputs[name]["spec"]
    vague = [(d.requirement_id, d.frequency) for d in spec.deliverables if UNNUMBERED.search(d.frequency)]
    assert vague == []
    frequencies = {d.name: d.frequency for d in spec.deliverables}
    assert frequencies["Contractor test and validation plan"].startswith("once, within 30 days after award")
    hours = 24 if name == "cbp-face-capture" else 72  # the CBP profile sets IR-01 report_hours: 24
    assert frequencies["AI incident report"] == f"per incident, within {hours} hours of discovery"


def test_profile_parameter_overrides_reach_the_deliverables_table(tmp_path: Path, bundled_library) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text((SAMPLES / "fema-damage-assessment.yaml").read_text()
                       + "parameters: {IR-01: {report_hours: 24}, TE-04: {test_plan_days: 45}}\n")
    frequencies = {d.name: d.frequency for d in build_spec(profile, [bundled_library]).deliverables}
    assert frequencies["AI incident report"] == "per incident, within 24 hours of discovery"
    assert frequencies["Contractor test and validation plan"].startswith("once, within 45 days after award")


SCREENING = "A referral to secondary screening is not an enforcement action"
FABRICATED = "the rate of fabricated or unsupported outputs"


@pytest.mark.parametrize("name, screening, fabricated", [
    ("cbp-face-capture", True, False),
    ("fema-damage-assessment", False, False),
    ("mgmt-document-routing", False, False),
    ("uscis-genai-case-assistant", False, True),
])
def test_conditional_sentences_appear_only_where_their_condition_holds(outputs, name: str, screening: bool,
                                                                         fabricated: bool) -> None:
    out = outputs[name]
    spec = out["spec"]
    text = _docx_text(out["docx"])
    assert (SCREENING in text) is screening and (SCREENING in out["md"]) is screening
    assert (FABRICATED in text) is fabricated and (FABRICATED in out["md"]) is fabricated
    if name == "cbp-face-capture":  # the one biometric sample, and a law-enforcement use
        bi03 = next(r for r in spec.requirements() if r.clause_id == "BI-03")
        assert bi03.text.endswith("In a law enforcement use, the system shall present each candidate as an "
                                  "investigative lead.")
    pu01 = next(r for r in spec.requirements() if r.clause_id == "PU-01")
    assert pu01.conditional_text == {"screening_referral": screening}
    assert "  " not in pu01.text and " ." not in pu01.text and pu01.text.endswith(".")
    rationale = next(d for d in spec.decisions if d.clause_id == "PU-01").reason
    assert f"conditional text 'screening_referral' {'kept' if screening else 'left out'}" in rationale


def test_conditional_passages_of_the_fixture_library(tmp_path: Path) -> None:
    def spec(extra: dict[str, str]):
        text = (PROFILES / "base.yaml").read_text()
        for old, new in extra.items():
            text = text.replace(old, new)
        path = tmp_path / "p.yaml"
        path.write_text(text)
        return build_spec(path, [GEN_LIBRARY])

    plain = next(r for r in spec({}).requirements() if r.clause_id == "BI-01")
    assert "investigative lead" not in plain.text and "watchlist" not in plain.text
    assert len(plain.paragraphs) == 2 and plain.conditional_text == {"lead_only": False, "watchlist_review": False}
    law = next(r for r in spec({"pii: false": "pii: false\n  law_enforcement: true"}).requirements()
               if r.clause_id == "BI-01")
    assert law.paragraphs[0][-1].text.endswith("A match is an investigative lead, not a positive identification.")
    assert law.text.endswith("The Contractor shall review the watchlist gallery with the Government every 90 days.")
    assert len(law.paragraphs) == 3
    public = next(r for r in spec({"pii: false": "pii: false\n  law_enforcement: true\n  public_facing: true"})
                  .requirements() if r.clause_id == "BI-01")
    assert public.conditional_text == {"lead_only": True, "watchlist_review": False}


# ----------------------------------------------------------------------------- the checker and determinism


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_generated_sow_checks_clean_against_its_own_profile_at_every_severity(runner, tmp_path: Path,
                                                                               name: str) -> None:
    """Nothing but the offeror's deliberate fill-in may be reported, and that at most as info (AQ403)."""
    profile = SAMPLES / f"{name}.yaml"
    sow = tmp_path / "sow.docx"
    assert runner.invoke(cli, ["generate", str(profile), "-o", str(sow)]).exit_code == 0
    out = runner.invoke(cli, ["check", str(sow), "--profile", str(profile), "--format", "json", "--no-config",
                              "--fail-on", "info"])
    data = json.loads(out.stdout)
    others = [(f["code"], f["severity"], f["message"]) for f in data["findings"]
              if not (f["code"] == "AQ403" and f["severity"] == "info" and "[Offeror to specify" in f["evidence"])]
    assert others == []
    assert not data.get("suppressed")


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_same_profile_same_bytes(outputs, bundled_library, name: str) -> None:
    again = build_spec(SAMPLES / f"{name}.yaml", [bundled_library])
    assert spec_docx(again) == outputs[name]["docx"]
    assert spec_markdown(again) == outputs[name]["md"] and spec_json(again) == outputs[name]["json"]
    with zipfile.ZipFile(io.BytesIO(outputs[name]["docx"])) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# ----------------------------------------------------------------------------- rendered pages (LibreOffice)


def _render_module():
    import sys

    if "render_pages" not in sys.modules:
        spec = importlib.util.spec_from_file_location("render_pages", ROOT / "samples" / "render_pages.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["render_pages"] = module  # dataclasses look their module up while the class is made
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    return sys.modules["render_pages"]


_TOOLS = all(shutil.which(t) for t in ("pdftotext", "pdftoppm")) and (shutil.which("soffice")
                                                                      or shutil.which("libreoffice"))


@pytest.mark.skipif(not _TOOLS, reason="LibreOffice or poppler-utils is not installed")
def test_matrix_takes_at_most_a_fifth_of_the_pages_and_libreoffice_does_not_warn(tmp_path: Path) -> None:
    render = _render_module()
    results = render.round_trip([SAMPLES / f"{name}.yaml" for name in SAMPLE_NAMES], tmp_path, pages="matrix")
    for result in results:
        assert result.warnings == [], (result.name, result.warnings)
        assert result.matrix and result.matrix_share <= render.MATRIX_SHARE_LIMIT, (result.name, result.pages,
                                                                                     list(result.matrix))
        texts = render.page_texts(result.pdf)
        assert "C.5.1" in texts[0] and "SECTION C" in texts[0]
        assert f"Page 1 of {result.pages}" in texts[0] and f"Page {result.pages} of {result.pages}" in texts[-1]
        assert result.images and result.images[0].stat().st_size > 1000


# ----------------------------------------------------------------------------- templates and other section numbers


def test_ucf_title_line_only_for_ucf_sections() -> None:
    from acqspec.generate.ucf import ucf_title_line

    assert ucf_title_line("C.5") == "SECTION C – DESCRIPTION/SPECIFICATIONS/STATEMENT OF WORK"
    assert ucf_title_line("L") == "SECTION L – INSTRUCTIONS, CONDITIONS, AND NOTICES TO OFFERORS OR RESPONDENTS"
    assert ucf_title_line("3.2") is None and ucf_title_line("AA.1") is None


def test_a_template_keeps_its_own_header_and_gets_ours_when_it_has_none(runner, tmp_path: Path) -> None:
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "CONTROLLED UNCLASSIFIED INFORMATION"
    path = tmp_path / "org.docx"
    template.save(str(path))
    out = tmp_path / "styled.docx"
    result = runner.invoke(cli, ["generate", str(PROFILES / "base.yaml"), "-L", str(GEN_LIBRARY), "-o", str(out),
                                 "--template", str(path)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    heads = [" ".join(p.text for p in s.header.paragraphs) for s in document.sections]
    assert heads == ["CONTROLLED UNCLASSIFIED INFORMATION"] * 3
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    assert runner.invoke(cli, ["generate", str(PROFILES / "base.yaml"), "-L", str(GEN_LIBRARY), "-o", str(out),
                               "--template", str(plain)]).exit_code == 0
    heads = [" ".join(p.text for p in s.header.paragraphs) for s in docx.Document(str(out)).sections]
    assert heads == ["Solicitation number not yet assigned\tSection C.5"] * 3
    # The template's styles are kept: no Times New Roman forced on it.
    assert document.styles["Normal"].font.name != "Times New Roman"
