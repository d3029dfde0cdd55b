"""Profiles, selection, assembly and the Word/Markdown/JSON writers."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from acqspec.cli import cli
from acqspec.errors import ProfileError
from acqspec.generate.assemble import assemble, split_paragraphs
from acqspec.generate.profile import load_profile, profile_to_yaml
from acqspec.generate.select import select_clauses
from acqspec.library.loader import load_catalog

FIXTURES = Path(__file__).parents[1] / "fixtures"
GEN_LIBRARY = FIXTURES / "gen_library"
PROFILES = FIXTURES / "profiles"
SAMPLES = Path(__file__).parents[2] / "samples" / "profiles"


def _profile(tmp_path: Path, extra: str = "", **replace: str) -> Path:
    text = (PROFILES / "base.yaml").read_text()
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "profile.yaml"
    path.write_text(text + extra)
    return path


def _select(path: Path):
    loaded = load_profile(path)
    return loaded, select_clauses(loaded, load_catalog([GEN_LIBRARY]))


# ----------------------------------------------------------------------------- profiles


@pytest.mark.parametrize("name", sorted(p.name for p in PROFILES.glob("bad_*.yaml")))
def test_bad_profile_is_located(name: str) -> None:
    path = PROFILES / name
    line, expected = re.match(r"# expect: (\d+): (.*)", path.read_text().splitlines()[0]).groups()
    with pytest.raises(ProfileError) as info:
        _select(path)
    assert str(info.value).startswith(f"{path}:{line}: "), str(info.value)
    assert expected in str(info.value)


def test_bad_profile_cli_is_one_line_exit_2(runner) -> None:
    result = runner.invoke(cli, ["generate", str(PROFILES / "bad_unknown_key.yaml"), "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "bad_unknown_key.yaml:4: colour: unknown key" in result.stderr


def test_profile_round_trips_through_yaml(tmp_path: Path) -> None:
    loaded = load_profile(SAMPLES / "cbp-face-capture.yaml")
    again = tmp_path / "again.yaml"
    again.write_text(profile_to_yaml(loaded.profile))
    assert load_profile(again).profile == loaded.profile


def test_derived_facts() -> None:
    facts = load_profile(PROFILES / "base.yaml").profile.facts()
    assert facts["commercial"] and facts["saas"] and facts["contractor_hosted"]
    assert not facts["high_impact"] and not facts["custom_development"]


# ----------------------------------------------------------------------------- selection


def test_selection_reasons_and_rejections(tmp_path: Path) -> None:
    _, selection = _select(_profile(tmp_path, **{"biometrics: true": "biometrics: false",
                                                 "face_recognition: true": "face_recognition: false"}))
    assert [s.clause.id for s in selection.selected] == ["TE-01", "GA-01"]
    assert selection.selected[0].reasons == ("applies to every AI acquisition",)
    assert selection.selected[1].reasons == ("the acquisition includes a large language model",)
    (rejected,) = selection.rejected
    assert rejected.clause_id == "BI-01" and rejected.reason.startswith("none of: the AI processes biometric data")


def test_effective_dates_decide(tmp_path: Path) -> None:
    _, selection = _select(_profile(tmp_path, **{"issue_date: 2026-01-05": "issue_date: 2025-10-01"}))
    rejected = {r.clause_id: r.reason for r in selection.rejected}
    assert rejected["GA-01"].startswith("not effective on the issue date 2025-10-01")


def test_exclusion_inclusion_and_overrides(tmp_path: Path) -> None:
    path = _profile(tmp_path, extra=(
        "exclusions:\n  - clause: TE-01\n    justification: Testing access is covered by section H.12 of the contract.\n"
        "parameters:\n  BI-01:\n    threshold: 0.9\n"), **{"llm: true": "llm: false"})
    loaded, selection = _select(path)
    assert [s.clause.id for s in selection.selected] == ["BI-01"]
    bi = selection.selected[0]
    assert bi.values["threshold"] == 0.9 and bi.overridden == ("threshold",)
    reasons = {r.clause_id: r for r in selection.rejected}
    assert reasons["TE-01"].by_profile and "section H.12" in reasons["TE-01"].reason

    forced = _profile(tmp_path, extra=(
        "inclusions:\n  - clause: GA-01\n    justification: The vendor's roadmap adds an LLM feature in year two.\n"),
        **{"llm: true": "llm: false"})
    _, selection = _select(forced)
    ga = next(s for s in selection.selected if s.clause.id == "GA-01")
    assert ga.forced and ga.reasons[0].startswith("included by the profile")


def test_unused_override_is_a_warning(tmp_path: Path) -> None:
    path = _profile(tmp_path, extra="parameters:\n  BI-01:\n    threshold: 0.5\n",
                    **{"biometrics: true": "biometrics: false", "face_recognition: true": "face_recognition: false"})
    _, selection = _select(path)
    assert selection.warnings == ["parameter values for BI-01 are unused: the clause is not selected"]


@pytest.mark.parametrize("issue_date, standing_2418, standing_2522", [
    ("2025-02-01", "current", "not_yet_effective"),
    ("2025-06-09", "legacy", "not_yet_effective"),
    ("2026-01-05", "legacy", "current"),
])
def test_citations_follow_the_issue_date(tmp_path: Path, issue_date: str, standing_2418: str,
                                         standing_2522: str) -> None:
    _, selection = _select(_profile(tmp_path, **{"issue_date: 2026-01-05": f"issue_date: {issue_date}"}))
    bi = next(s for s in selection.selected if s.clause.id == "BI-01")
    standings = {c.authority_id: c for c in bi.citations}
    assert standings["OMB-M-24-18"].standing == standing_2418
    assert standings["OMB-M-25-22"].standing == standing_2522
    if standing_2418 == "legacy" and standing_2522 == "current":
        assert "current authority: OMB M-25-22" in standings["OMB-M-24-18"].explanation


# ----------------------------------------------------------------------------- assembly and writers


def _spec(path: Path, library: Path = GEN_LIBRARY):
    loaded = load_profile(path)
    return assemble(loaded.profile, select_clauses(loaded, load_catalog([library])))


def test_assembly_numbers_ids_fill_ins_and_tables() -> None:
    spec = _spec(PROFILES / "base.yaml")
    assert [(s.number, s.heading) for s in spec.sections] == [
        ("C.5.1", "Testing and Evaluation"), ("C.5.2", "Generative AI"), ("C.5.3", "Biometrics and Face Recognition")]
    bi = spec.sections[2].requirements[0]
    assert bi.id == "AIR-BI-01" and bi.number == "C.5.3.1" and bi.clause_version == 4
    assert len(bi.paragraphs) == 2 and bi.fill_ins == 1
    fill = [s for s in bi.paragraphs[0] if s.kind == "fill_in"][0]
    assert fill.text.startswith("[Offeror to specify: False match rate")
    assert "set to 0.8" in bi.text
    assert [d.requirement_id for d in spec.deliverables] == ["AIR-BI-01"]
    assert spec.deliverables[0].frequency == "monthly, and within 90 days of each gallery review"
    assert [t.requirement_id for t in spec.trace] == ["AIR-TE-01", "AIR-GA-01", "AIR-BI-01"]
    # One current citation per row; the superseded origin is collapsed into a note under the matrix.
    assert spec.trace[2].authority == 'OMB M-25-22, "Biometrics"'
    assert spec.trace[2].origins == ("OMB M-24-18 §4(b)(ii)(B)",)
    assert spec.trace_notes == ("OMB M-24-18 (superseded 2025-04-03; current authority: OMB M-25-22) is the origin "
                                "of AIR-BI-01; the matrix shows the authority in force.",)


def test_split_paragraphs() -> None:
    assert split_paragraphs("a b\nc") == ["a b", "c"]
    assert split_paragraphs("a\nb\n\nc\n") == ["a b", "c"]


def _docx(runner, tmp_path: Path, profile: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    result = runner.invoke(cli, ["generate", str(profile), "-L", str(GEN_LIBRARY), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def test_docx_structure_numbering_and_tables(runner, tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    out = _docx(runner, tmp_path, PROFILES / "base.yaml", "spec.docx")
    document = docx.Document(str(out))
    numbered = []
    for paragraph in document.paragraphs:
        numpr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if numpr is not None:
            numbered.append((paragraph.style.name, numpr.ilvl.val, paragraph.text))
    assert numbered[:2] == [("Heading 2", 0, "Testing and Evaluation"),
                            ("Heading 3", 1, "Test access for TE-01 (AIR-TE-01)")]
    assert ("Heading 2", 0, "Traceability Matrix") in numbered
    numbering = document.part.numbering_part.element
    texts = [l.get(qn("w:val")) for l in numbering.iter(qn("w:lvlText"))]
    assert "C.5.%1" in texts and "C.5.%1.%2" in texts
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Deliverable", "Frequency", "Format", "Requirement"] in headers
    assert ["Requirement", "Section", "Clause", "Principal authority in force on the issue date",
            "Verification"] in headers
    assert ["Clause", "Title", "Decision", "Reason"] in headers
    highlighted = [r.text for p in document.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert highlighted and highlighted[0].startswith("[Offeror to specify")
    assert any(p.text.startswith("Appendix: Acquisition Profile") for p in document.paragraphs)


def test_docx_is_byte_identical_across_runs(runner, tmp_path: Path) -> None:
    first = _docx(runner, tmp_path, PROFILES / "base.yaml", "a.docx")
    second = _docx(runner, tmp_path, PROFILES / "base.yaml", "b.docx")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(io.BytesIO(first.read_bytes())) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_template_styles_are_used(runner, tmp_path: Path) -> None:
    import docx
    from docx.shared import Pt, RGBColor

    template = docx.Document()
    template.styles["Heading 2"].font.color.rgb = RGBColor(0x12, 0x34, 0x56)
    template.styles["Normal"].font.name = "Arial"
    template.styles["Normal"].font.size = Pt(11)
    template.add_paragraph("Template boilerplate that must not leak into the output.")
    template_path = tmp_path / "org.docx"
    template.save(str(template_path))
    before = template_path.read_bytes()
    out = _docx(runner, tmp_path, PROFILES / "base.yaml", "styled.docx", "--template", str(template_path))
    document = docx.Document(str(out))
    assert document.styles["Heading 2"].font.color.rgb == RGBColor(0x12, 0x34, 0x56)
    assert document.styles["Normal"].font.name == "Arial"
    assert not any("boilerplate" in p.text for p in document.paragraphs)
    assert template_path.read_bytes() == before


def test_bad_template_is_exit_2(runner, tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip")
    result = runner.invoke(cli, ["generate", str(PROFILES / "base.yaml"), "-L", str(GEN_LIBRARY),
                                 "-o", str(tmp_path / "o.docx"), "--template", str(fake)])
    assert result.exit_code == 2 and "fake.docx: cannot use as a Word template" in result.stderr


def test_markdown_and_json_outputs(runner) -> None:
    md = runner.invoke(cli, ["generate", str(PROFILES / "base.yaml"), "-L", str(GEN_LIBRARY), "--format", "md"])
    assert md.exit_code == 0
    assert "### C.5.3.1 Configurable match thresholds (AIR-BI-01)" in md.stdout
    assert "**[Offeror to specify: False match rate" in md.stdout
    assert "## C.5.5 Traceability Matrix" in md.stdout
    result = runner.invoke(cli, ["generate", str(PROFILES / "base.yaml"), "-L", str(GEN_LIBRARY), "--format", "json"])
    data = json.loads(result.stdout)
    first = data["requirements"][0]
    assert first["id"] == "AIR-TE-01" and first["clause_id"] == "TE-01"
    assert first["authorities"][0]["cite"] == "DHS Directive 139-08 §V.A.8"
    assert first["selected_because"] == ["applies to every AI acquisition"]
    assert {d["decision"] for d in data["decisions"]} == {"included"}


def test_output_may_not_be_the_profile(runner, tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    shutil.copy(PROFILES / "base.yaml", profile)
    before = profile.read_bytes()
    result = runner.invoke(cli, ["generate", str(profile), "-L", str(GEN_LIBRARY), "-o", str(profile),
                                 "--format", "md"])
    assert result.exit_code == 2 and "same as an input" in result.stderr
    assert profile.read_bytes() == before


def test_docx_needs_output(runner) -> None:
    result = runner.invoke(cli, ["generate", str(PROFILES / "base.yaml")])
    assert result.exit_code == 2 and "needs an output file" in result.stderr


# ----------------------------------------------------------------------------- samples


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.yaml")))
def test_every_sample_generates_with_the_bundled_library(runner, tmp_path: Path, sample: str) -> None:
    out = tmp_path / "out.docx"
    result = runner.invoke(cli, ["generate", str(SAMPLES / sample), "-o", str(out)])
    assert result.exit_code == 0, result.output
    import docx

    document = docx.Document(str(out))
    assert len(document.tables) >= 4


def test_samples_select_different_clause_sets(bundled_library) -> None:
    catalog = load_catalog([bundled_library])
    sets = {}
    for path in SAMPLES.glob("*.yaml"):
        loaded = load_profile(path)
        sets[path.stem] = frozenset(s.clause.id for s in select_clauses(loaded, catalog).selected)
    assert len(set(sets.values())) == len(sets)
    smallest = min(sets, key=lambda k: len(sets[k]))
    assert smallest == "mgmt-document-routing"
    assert any(c.startswith("BI-") for c in sets["cbp-face-capture"])
    assert any(c.startswith("GA-") for c in sets["uscis-genai-case-assistant"])
    assert not any(c.startswith(("BI-", "GA-")) for c in sets["mgmt-document-routing"])
