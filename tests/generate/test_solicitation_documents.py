"""Sections L and M and the QASP come from the SOW's clause selection and share its requirement ids:
every measurable requirement is surveilled, every instruction and factor traces to what exists, the
output is the same bytes every time, carries no research notes, and converts with LibreOffice."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from acqspec.cli import cli
from acqspec.generate.solicitation import (
    DEFAULT_PAGE_LIMITS,
    SolicitationOptions,
    build_solicitation,
)
from acqspec.generate.solicitation_docx import solicitation_docx
from acqspec.generate.solicitation_formats import (
    solicitation_json,
    solicitation_markdown,
)
from acqspec.library.loader import load_catalog
from acqspec.library.schema import RESEARCH_NOTE

ROOT = Path(__file__).parents[2]
SAMPLES = ROOT / "samples" / "profiles"
SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.yaml"))
KINDS = ("section-l", "section-m", "qasp")
NOTE_PHRASES = ("unverified", "secondary source", "section letter", "sub-letter", "cited by topic",
                "text unavailable")
LAUNCHER_NOTICES = ("Warning: failed to launch javaldx - java may not function correctly",)


@pytest.fixture(scope="module")
def sets(bundled_library) -> dict:
    return {name: build_solicitation(SAMPLES / f"{name}.yaml", [bundled_library]) for name in SAMPLE_NAMES}


@pytest.fixture(scope="module")
def rendered(sets) -> dict:
    return {(name, kind): {"docx": solicitation_docx(s, kind), "md": solicitation_markdown(s, kind),
                           "json": solicitation_json(s, kind)}
            for name, s in sets.items() for kind in KINDS}


@pytest.fixture(scope="module")
def catalog(bundled_library):
    return load_catalog([bundled_library])


def _parts(data: bytes, pattern: str) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n).decode("utf-8") for n in sorted(archive.namelist()) if re.fullmatch(pattern, n)}


def _docx_text(data: bytes) -> str:
    xml = " ".join(_parts(data, r"word/(document|header\d*|footer\d*)\.xml").values())
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def _measurable(catalog, requirement) -> bool:
    clause = catalog.get(requirement.clause_id)
    return any(o.limit is not None and o.party == "contractor" for o in clause.obligations)


# ----------------------------------------------------------------------------- traceability


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_measurable_requirement_is_in_the_qasp(sets, rendered, catalog, name: str) -> None:
    solicitation = sets[name]
    surveilled = {s.requirement_id for s in solicitation.standards}
    measurable = [r.id for r in solicitation.spec.requirements() if _measurable(catalog, r)]
    assert measurable, "the samples have measurable requirements"
    assert not set(measurable) - surveilled
    text = _docx_text(rendered[(name, "qasp")]["docx"])
    assert all(rid in text for rid in measurable)
    # ... and nothing else: a standard needs a numeric limit.
    assert surveilled <= set(measurable)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_instruction_traces_to_existing_sow_requirements(sets, rendered, name: str) -> None:
    solicitation = sets[name]
    sow_ids = {r.id for r in solicitation.spec.requirements()}
    text = _docx_text(rendered[(name, "section-l")]["docx"])
    assert solicitation.instructions
    for instruction in solicitation.instructions:
        assert instruction.requirement_ids, instruction.id
        assert set(instruction.requirement_ids) <= sow_ids, instruction.id
        for item in instruction.items:
            assert set(item.requirement_ids) <= set(instruction.requirement_ids)
        assert instruction.id in text and instruction.number
    # Each volume lists the instructions under it, and each instruction is in exactly one volume.
    listed = [i for v in solicitation.volumes for i in v.instruction_ids]
    assert sorted(listed) == sorted(i.id for i in solicitation.instructions)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_requirement_with_a_submission_has_its_own_instruction(sets, catalog, name: str) -> None:
    solicitation = sets[name]
    every = {r.id for r in solicitation.spec.requirements()}
    specific = {rid for i in solicitation.instructions if set(i.requirement_ids) != every
                for rid in i.requirement_ids}
    for requirement in solicitation.spec.requirements():
        clause = catalog.get(requirement.clause_id)
        submits = (clause.deliverables or any(p.filled_by == "offeror" for p in clause.parameters)
                   or any(o.party == "contractor" for o in clause.obligations))
        if submits:
            assert requirement.id in specific, requirement.id


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_factor_traces_to_instructions_and_requirements(sets, rendered, name: str) -> None:
    solicitation = sets[name]
    instruction_ids = {i.id for i in solicitation.instructions}
    sow_ids = {r.id for r in solicitation.spec.requirements()}
    text = _docx_text(rendered[(name, "section-m")]["docx"])
    titles = [f.title for f in solicitation.factors]
    assert "Price" in titles and "Past Performance on Artificial Intelligence" in titles
    for factor in solicitation.all_factors():
        assert factor.instruction_ids, factor.id
        assert set(factor.instruction_ids) <= instruction_ids, factor.id
        assert factor.requirement_ids and set(factor.requirement_ids) <= sow_ids, factor.id
        assert factor.id in text
    for factor in solicitation.factors:
        for subfactor in factor.subfactors:
            assert set(subfactor.requirement_ids) <= set(factor.requirement_ids)
    # Every instruction is evaluated under some factor.
    evaluated = {i for f in solicitation.all_factors() for i in f.instruction_ids}
    assert instruction_ids <= evaluated


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_json_carries_the_trace_graph(rendered, sets, name: str) -> None:
    for kind in KINDS:
        data = json.loads(rendered[(name, kind)]["json"])
        graph = data["trace"]
        ids = {n["id"] for n in graph["nodes"]}
        assert {n["kind"] for n in graph["nodes"]} == {"policy", "requirement", "instruction", "factor", "standard"}
        assert all(e["from"] in ids and e["to"] in ids for e in graph["edges"])
        relations = {(e["relation"]) for e in graph["edges"]}
        assert relations == {"authorizes", "evidenced_by", "evaluated_under", "surveilled_by"}
    # A path policy → requirement → instruction → factor, and requirement → standard, for a surveilled requirement.
    solicitation = sets[name]
    standard = solicitation.standards[0]
    graph = solicitation.trace_graph()
    edges = {(e["from"], e["to"]) for e in graph["edges"]}
    rid = standard.requirement_id
    assert any(frm.startswith("policy:") and to == rid for frm, to in edges)
    assert (rid, standard.id) in edges
    instruction = next(i for i in solicitation.instructions if rid in i.requirement_ids)
    assert (rid, instruction.id) in edges
    assert any(frm == instruction.id and to.startswith("M-") for frm, to in edges)


# ----------------------------------------------------------------------------- content


def test_qasp_standards_print_the_numbers(sets) -> None:
    standards = {s.obligation_id: s for s in sets["fema-damage-assessment"].standards}
    incident = standards["IR-01.1"]
    assert "within 72 hours of discovery" in incident.standard
    assert "set number" not in " ".join(s.standard for s in standards.values())
    assert incident.method == "Inspection" and incident.frequency.startswith("Per incident, within 72 hours")
    assert standards["PE-01.2"].standard.endswith("committed in the Contractor's proposal as measured in the QASP.")


def test_parameters_reach_the_documents(bundled_library, tmp_path) -> None:
    profile = SAMPLES / "cbp-face-capture.yaml"
    default = build_solicitation(profile, [bundled_library])
    l_text = solicitation_markdown(default, "section-l")
    assert f"| {DEFAULT_PAGE_LIMITS['technical']} pages |" in l_text
    assert "best-value tradeoff" in solicitation_markdown(default, "section-m")
    options = SolicitationOptions(basis_for_award="lpta", page_limits={**DEFAULT_PAGE_LIMITS, "technical": 25},
                                  past_performance_references=5, aql_percent=95)
    chosen = build_solicitation(profile, [bundled_library], options)
    assert "| 25 pages |" in solicitation_markdown(chosen, "section-l")
    assert "no more than 5 current contracts" in solicitation_markdown(chosen, "section-l")
    m_text = solicitation_markdown(chosen, "section-m")
    assert "lowest price technically acceptable" in m_text and "tradeoff" not in m_text.replace("Tradeoffs", "")
    assert all(s.aql == "95% of occurrences" or s.aql == "95% of measurements" for s in chosen.standards)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_no_research_note_wording_in_any_document(rendered, name: str) -> None:
    for kind in KINDS:
        out = rendered[(name, kind)]
        data = json.loads(out["json"])
        del data["library_notes"], data["warnings"]  # for the library maintainer, as in the SOW's JSON
        for fmt, text in (("docx", _docx_text(out["docx"])), ("md", out["md"]),
                          ("json", json.dumps(data, ensure_ascii=False))):
            lowered = text.lower()
            assert not [p for p in NOTE_PHRASES if p in lowered], (kind, fmt)
            assert not RESEARCH_NOTE.search(text), (kind, fmt)
            assert "Generated by" not in text, (kind, fmt)


def test_same_bytes_every_time(bundled_library, rendered) -> None:
    name = "uscis-genai-case-assistant"
    again = build_solicitation(SAMPLES / f"{name}.yaml", [bundled_library])
    for kind in KINDS:
        assert solicitation_docx(again, kind) == rendered[(name, kind)]["docx"], kind
        assert solicitation_markdown(again, kind) == rendered[(name, kind)]["md"], kind
        assert solicitation_json(again, kind) == rendered[(name, kind)]["json"], kind


@pytest.mark.parametrize("kind", KINDS)
def test_every_footer_has_page_of_numpages(rendered, kind: str) -> None:
    data = rendered[("fema-damage-assessment", kind)]["docx"]
    footers = _parts(data, r"word/footer\d*\.xml")
    assert footers
    for xml in footers.values():
        assert "PAGE" in re.findall(r"<w:instrText[^>]*>\s*(\w+)\s*</w:instrText>", xml)
        assert "NUMPAGES" in re.findall(r"<w:instrText[^>]*>\s*(\w+)\s*</w:instrText>", xml)
    headers = " ".join(_parts(data, r"word/header\d*\.xml").values())
    assert "Solicitation No. 70FA6026R00000010" in headers


# ----------------------------------------------------------------------------- command line


def test_cli_writes_each_document(runner, tmp_path) -> None:
    profile = str(SAMPLES / "mgmt-document-routing.yaml")
    for kind in KINDS:
        target = tmp_path / f"{kind}.docx"
        result = runner.invoke(cli, ["generate", profile, "--document", kind, "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert target.read_bytes()[:2] == b"PK"
        assert "traced to" in result.stderr
    result = runner.invoke(cli, ["generate", profile, "--document", "section-l", "--page-limit", "technical=12",
                                 "--page-limit", "past-performance=none", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "| I | Technical |" in result.stdout and "| 12 pages |" in result.stdout
    assert re.search(r"\| II \| Past Performance \| [^|]+ \| No limit \|", result.stdout)
    data = json.loads(runner.invoke(cli, ["generate", profile, "--document", "qasp", "--format", "json"]).stdout)
    assert data["document"] == "qasp" and data["standards"] and data["trace"]["edges"]


@pytest.mark.parametrize("args", [["--basis-for-award", "lpta"], ["--page-limit", "technical=5"]])
def test_cli_rejects_solicitation_options_for_the_sow(runner, args) -> None:
    result = runner.invoke(cli, ["generate", str(SAMPLES / "mgmt-document-routing.yaml"), "--format", "md", *args])
    assert result.exit_code == 2
    assert "applies only to --document" in result.stderr


@pytest.mark.parametrize("value", ["technical", "volume9=3", "technical=0", "technical=ten"])
def test_cli_rejects_a_bad_page_limit(runner, value: str) -> None:
    result = runner.invoke(cli, ["generate", str(SAMPLES / "mgmt-document-routing.yaml"), "--document",
                                 "section-l", "--format", "md", "--page-limit", value])
    assert result.exit_code == 2 and "--page-limit" in result.stderr


# ----------------------------------------------------------------------------- LibreOffice


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and poppler's pdftotext are not installed")
def test_each_document_converts_with_libreoffice(rendered, tmp_path) -> None:
    documents = []
    for name, kind in rendered:
        documents.append(tmp_path / f"{name}-{kind}.docx")
        documents[-1].write_bytes(rendered[(name, kind)]["docx"])
    proc = subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                           "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, documents)],
                          capture_output=True, text=True, timeout=600, check=False)
    lines = [line.strip() for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    warnings = [line for line in lines if not re.fullmatch(r"convert .+ -> .+ using filter : writer_pdf_Export", line)
                and line not in LAUNCHER_NOTICES]
    assert proc.returncode == 0 and not warnings, warnings
    for document in documents:
        pdf = document.with_suffix(".pdf")
        assert pdf.is_file(), pdf
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        assert pages
        # The footer's fields were laid out: "Page 1 of N" on the first page, "Page N of N" on the last.
        assert re.search(rf"Page 1 of {len(pages)}\b", pages[0]), document.name
        assert re.search(rf"Page {len(pages)} of {len(pages)}\b", pages[-1]), document.name
