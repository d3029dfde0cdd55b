"""SARIF, GitHub annotations, JUnit XML and the commented .docx copy."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import docx
import jsonschema
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from acqspec.check.findings import CheckResult, CoverageItem, Finding, FindingLocation, Suppression
from acqspec.check.registry import RULES, get_rule, rule_infos
from acqspec.errors import ReadError
from acqspec.io.readers import read_document
from acqspec.models import Block
from acqspec.io.docx_package import open_docx_package
from acqspec.report import ReportOptions
from acqspec.report.docx_comments import annotate_docx
from acqspec.report.github import escape_data, escape_property, render_github
from acqspec.report.junit import render_junit
from acqspec.report.sarif import artifact_uri, render_sarif

SCHEMA = Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json"
READER_SOW = Path(__file__).parents[1] / "fixtures" / "readers" / "sow.docx"


# --- building results by hand --------------------------------------------------------


def make_finding(path: str, code: str = "AQ402", severity: str = "warning", message: str = "vague term",
                 *, block: int | None = None, line: int | None = None, page: int | None = None,
                 source: str | None = None, section: tuple[str, ...] = (), evidence: str | None = None,
                 label: str | None = None, title: str | None = None, **extra) -> Finding:
    names = {rule.code: rule.name for rule in RULES}
    return Finding(code=code, name=names.get(code, "test.unregistered"), severity=severity, message=message,
                   path=path, evidence=evidence, **extra,
                   location=FindingLocation(block=block, line=line, page=page, source=source, section_path=section,
                                            section_label=label, section_title=title,
                                            start=0 if block is not None else None,
                                            end=len(evidence or "") if block is not None else None))


MD = "docs/draft sow.md"
DOCX = "docs/sow.docx"
PDF = "docs/proposal.pdf"

MD_VAGUE = make_finding(MD, line=12, block=4, source="line:12", section=("C.5 Requirements",),
                        evidence="The Contractor shall report incidents promptly.",
                        message="unmeasurable term 'promptly' with no number")
DOCX_WEAKENED = make_finding(DOCX, "AQ204", "error", "deadline relaxed: 72 hours → 30 days", block=5,
                             source="p:6", section=("C.5 Requirements", "C.5.1 Incident Reporting"),
                             label="C.5.1.2", title="Reporting window",
                             evidence="The Contractor should report incidents within 30 days.",
                             clause_id="IR-01", obligation_id="IR-01.1", authority="OMB M-24-18 §4(d)",
                             expected="The Contractor shall report incidents within 72 hours.",
                             diff="shall → should; 72 hours → 30 days", score=87.5)
DOCX_FOOTNOTE = make_finding(DOCX, "AQ403", "error", "unfilled placeholder '[TBD]'", block=40,
                             source="footnote1:p:0", evidence="See [TBD].")
DOCX_MISSING = make_finding(DOCX, "AQ102", "error", "required obligation DR-02.1 is missing", clause_id="DR-02",
                            obligation_id="DR-02.1", authority="OMB M-25-22",
                            expected="The Contractor shall delete Government data within 30 days.")
PDF_INFO = make_finding(PDF, "AQ401", "info", "passive requirement names no party, e.g. a: b, c 100%",
                        block=20, page=3, source="page:3:para:2", evidence="Data will be deleted.")
SUPPRESSED_INLINE = make_finding(MD, "AQ401", "warning", "passive requirement", line=20, block=7, source="line:20",
                                 evidence="Logs will be kept.",
                                 suppression=Suppression(kind="inline", reason="agreed with CO",
                                                         source=f"{MD}:19"))
SUPPRESSED_WAIVER = make_finding(PDF, "AQ402", "warning", "vague term", block=2, page=1, source="page:1:para:3",
                                 evidence="Respond promptly.",
                                 suppression=Suppression(kind="waiver", reason="legacy template",
                                                         source="waivers.yaml:4", approver="J. Doe",
                                                         expires=date(2026, 1, 31)))


def make_result(*findings: Finding, suppressed: tuple[Finding, ...] = (), **extra) -> CheckResult:
    paths = tuple(dict.fromkeys([MD, DOCX, PDF, *(f.path for f in findings)]))
    extra.setdefault("rules", rule_infos())
    return CheckResult(paths=paths, findings=tuple(sorted(findings, key=Finding.sort_key)),
                       suppressed=suppressed, words=1234, **extra)


def annotate(source: Path, result: CheckResult, path: str | None = None) -> bytes:
    """The reviewed copy of ``source``, opened as the CLI opens it."""
    return annotate_docx(open_docx_package(source), result, path or source)


def fix_hint(code: str) -> str:
    return get_rule(code).info().fix


@pytest.fixture
def result() -> CheckResult:
    coverage = (CoverageItem(path=DOCX, clause_id="IR-01", obligation_id="IR-01.1", requirement="report in 72 h",
                             status="weakened", score=87.5, location=DOCX_WEAKENED.location),)
    return make_result(MD_VAGUE, DOCX_WEAKENED, DOCX_FOOTNOTE, DOCX_MISSING, PDF_INFO,
                       suppressed=(SUPPRESSED_INLINE, SUPPRESSED_WAIVER), coverage=coverage,
                       baseline="profile: uscis.yaml", warnings=(f"{DOCX}: document has pending tracked changes",))


# --- SARIF ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sarif_results(log: dict) -> dict[str, dict]:
    """Results keyed by ``blockSource`` (or ``document`` for document-level ones)."""
    return {r["properties"].get("blockSource", "document"): r for r in log["runs"][0]["results"]}


def test_sarif_validates_against_the_official_schema(result, sarif_validator) -> None:
    log = json.loads(render_sarif(result))
    errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")


def test_sarif_validator_rejects_a_broken_log(result, sarif_validator) -> None:
    log = json.loads(render_sarif(result))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator.iter_errors(log))) == 2


def test_sarif_lists_every_registered_rule_with_documentation(result) -> None:
    driver = json.loads(render_sarif(result))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "acqspec" and driver["version"] and driver["informationUri"].startswith("https://")
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert [rule["id"] for rule in driver["rules"]] == sorted(by_id)
    level = {"error": "error", "warning": "warning", "info": "note"}
    for rule in RULES:
        descriptor = by_id[rule.code]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary()
        assert "Fix:" in descriptor["help"]["text"] and "Why:" in descriptor["fullDescription"]["text"]
        assert descriptor["defaultConfiguration"]["level"] == level[rule.severity]


def test_sarif_rule_index_points_at_the_rule_and_unknown_codes_get_a_descriptor() -> None:
    stray = make_finding(MD, "AQ499", line=3, block=0, source="line:3", evidence="x")
    log = json.loads(render_sarif(make_result(MD_VAGUE, DOCX_WEAKENED, stray)))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for item in run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
    assert rules[sarif_results(log)["line:3"]["ruleIndex"]]["name"] == "test.unregistered"


def test_sarif_maps_text_lines_to_start_lines(result) -> None:
    item = sarif_results(json.loads(render_sarif(result)))["line:12"]
    physical = item["locations"][0]["physicalLocation"]
    assert physical["region"] == {"startLine": 12}  # no charOffset: block offsets are not file offsets
    assert physical["artifactLocation"]["uri"] == "docs/draft%20sow.md"
    assert item["message"]["text"] == MD_VAGUE.message
    assert item["level"] == "warning"


def test_sarif_puts_docx_and_pdf_places_in_message_properties_and_logical_locations(result) -> None:
    results = sarif_results(json.loads(render_sarif(result)))
    weakened = results["p:6"]
    assert weakened["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert weakened["message"]["text"] == (
        'deadline relaxed: 72 hours → 30 days (§C.5.1.2 Reporting window: '
        '"The Contractor should report incidents within 30 days.")')
    assert {k: weakened["properties"][k] for k in ("paragraph", "blockSource", "sectionPath")} == {
        "paragraph": 6, "blockSource": "p:6", "sectionPath": ["C.5 Requirements", "C.5.1 Incident Reporting"]}
    assert weakened["locations"][0]["logicalLocations"] == [
        {"name": "C.5.1 Incident Reporting", "fullyQualifiedName": "C.5 Requirements > C.5.1 Incident Reporting",
         "kind": "section"},
        {"name": "p:6", "kind": "element"}]
    pdf = results["page:3:para:2"]
    assert pdf["level"] == "note" and pdf["properties"]["page"] == 3
    assert "(p. 3: " in pdf["message"]["text"]  # the page; the paragraph number is in properties
    assert results["footnote1:p:0"]["message"]["text"].startswith("unfilled placeholder '[TBD]' (footnote 1: ")


def test_sarif_document_level_finding_sits_at_the_artifact_with_a_note(result) -> None:
    item = sarif_results(json.loads(render_sarif(result)))["document"]
    location = item["locations"][0]
    assert location["physicalLocation"]["region"] == {"startLine": 1}
    assert "whole document" in location["message"]["text"] and "logicalLocations" not in location
    assert item["properties"]["documentLevel"] is True
    assert item["message"]["text"].endswith("(whole document)")


def test_sarif_properties_carry_clause_expected_diff_and_score(result) -> None:
    properties = sarif_results(json.loads(render_sarif(result)))["p:6"]["properties"]
    assert {k: properties[k] for k in ("clauseId", "obligationId", "authority", "expected", "diff", "score")} == {
        "clauseId": "IR-01", "obligationId": "IR-01.1", "authority": "OMB M-24-18 §4(d)",
        "expected": DOCX_WEAKENED.expected, "diff": DOCX_WEAKENED.diff, "score": 87.5}


def test_sarif_suppressed_findings_carry_suppressions(result) -> None:
    results = sarif_results(json.loads(render_sarif(result)))
    inline, waiver = results["line:20"]["suppressions"], results["page:1:para:3"]["suppressions"]
    assert inline == [{"kind": "inSource", "status": "accepted", "justification": "agreed with CO",
                       "properties": {"source": f"{MD}:19"}}]
    assert waiver == [{"kind": "external", "status": "accepted", "justification": "legacy template",
                       "properties": {"source": "waivers.yaml:4", "approver": "J. Doe", "expires": "2026-01-31"}}]
    assert "suppressions" not in results["line:12"]


def test_sarif_run_has_artifacts_coverage_and_warnings(result) -> None:
    run = json.loads(render_sarif(result))["runs"][0]
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["docs/draft%20sow.md", "docs/sow.docx",
                                                                "docs/proposal.pdf"]
    for item in run["results"]:
        location = item["locations"][0]["physicalLocation"]["artifactLocation"]
        assert run["artifacts"][location["index"]]["location"]["uri"] == location["uri"]
    assert run["properties"]["coverage"][0]["status"] == "weakened"
    assert run["properties"]["counts"] == {"error": 3, "warning": 1, "info": 1}
    assert run["properties"]["suppressed"] == 2 and run["properties"]["baseline"] == "profile: uscis.yaml"
    assert run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"].endswith("tracked changes")


def test_sarif_fingerprints_follow_the_text_not_the_paragraph_number() -> None:
    def fingerprint(finding: Finding) -> str:
        log = json.loads(render_sarif(make_result(finding)))
        return log["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"]

    moved = DOCX_WEAKENED.model_copy(update={"location": DOCX_WEAKENED.location.model_copy(
        update={"block": 40, "source": "p:55"})})
    reworded = DOCX_WEAKENED.model_copy(update={"evidence": "The Contractor may report incidents."})
    assert fingerprint(DOCX_WEAKENED) == fingerprint(moved)
    assert fingerprint(DOCX_WEAKENED) != fingerprint(reworded)
    assert fingerprint(DOCX_WEAKENED).endswith(":1")


def test_sarif_fingerprints_number_repeated_sentences() -> None:
    first = make_finding(DOCX, block=3, source="p:3", evidence="Respond promptly.")
    second = make_finding(DOCX, block=9, source="p:9", evidence="Respond  promptly.")
    results = json.loads(render_sarif(make_result(first, second)))["runs"][0]["results"]
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert hashes[0].split(":")[0] == hashes[1].split(":")[0]
    assert [h.split(":")[1] for h in hashes] == ["1", "2"]


def test_sarif_is_deterministic_and_independent_of_input_order(result) -> None:
    shuffled = result.model_copy(update={"findings": tuple(reversed(result.findings)),
                                         "suppressed": tuple(reversed(result.suppressed))})
    assert render_sarif(result) == render_sarif(result) == render_sarif(shuffled)


@pytest.mark.parametrize("path, uri", [
    ("docs/draft sow.md", "docs/draft%20sow.md"),
    ("./docs\\sow.docx", "docs/sow.docx"),
    ("a:b.txt", "a%3Ab.txt"),
    ("/srv/sows/x y.pdf", "file:///srv/sows/x%20y.pdf"),
    ("C:\\sows\\x.docx", "file:///C:/sows/x.docx"),
])
def test_artifact_uri(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


# --- GitHub annotations -------------------------------------------------------------------


def test_github_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b"


def test_github_text_file_annotation_has_a_line(result) -> None:
    lines = render_github(result).splitlines()
    assert lines[0] == ("::warning file=docs/draft sow.md,line=12,title=AQ402 quality.vague::"
                        "unmeasurable term 'promptly' with no number")


def test_github_docx_annotation_names_the_paragraph_and_has_no_line(result) -> None:
    line = next(x for x in render_github(result).splitlines() if "title=AQ204" in x)
    assert line.startswith("::error file=docs/sow.docx,title=AQ204 ")
    assert ",line=" not in line
    message = line.split("::", 2)[2]
    assert message.startswith("§C.5.1.2 Reporting window: deadline relaxed: 72 hours → 30 days "
                              "[IR-01; OMB M-24-18 §4(d)]%0AText: \"The Contractor should")
    assert "%0AExpected: The Contractor shall report incidents within 72 hours." in message
    assert "\n" not in line and "\r" not in line


def test_github_maps_severity_escapes_and_skips_suppressed(result) -> None:
    lines = render_github(result).splitlines()
    assert len(lines) == len(result.findings)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    notice = next(x for x in lines if x.startswith("::notice "))
    assert notice.endswith("::p. 3: passive requirement names no party, e.g. a: b, c 100%25%0A"
                           'Text: "Data will be deleted."')
    assert not any("line=20" in x for x in lines)  # the suppressed finding
    assert render_github(make_result()) == ""


def test_github_escapes_file_properties() -> None:
    finding = make_finding("odd,name:1.md", line=2, block=0, source="line:2", evidence="x")
    assert render_github(make_result(finding)).startswith("::warning file=odd%2Cname%3A1.md,line=2,")


# --- JUnit XML ---------------------------------------------------------------------------


def parse_junit(text: str) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    return root


def test_junit_counts_match_the_elements(result) -> None:
    root = parse_junit(render_junit(result, ReportOptions(fail_on="warning")))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [MD, DOCX, PDF]
    for suite in suites:
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in suites) == 4


def test_junit_failure_carries_message_and_place(result) -> None:
    root = parse_junit(render_junit(result))
    docx_suite = next(s for s in root.findall("testsuite") if s.get("name") == DOCX)
    case = next(c for c in docx_suite.findall("testcase") if c.get("name").startswith("AQ204 "))
    assert case.get("classname") == DOCX
    failure = case.find("failure")
    assert failure.get("type") == "error" and failure.get("message") == DOCX_WEAKENED.message
    assert failure.text.startswith("§C.5.1.2 Reporting window: AQ204 error: deadline relaxed")
    assert "[IR-01; OMB M-24-18 §4(d)]" in failure.text
    missing = next(c for c in docx_suite.findall("testcase") if c.get("name").startswith("AQ102 "))
    assert missing.find("failure").text.startswith("whole document: AQ102 error: required obligation")


def test_junit_threshold_decides_failures_and_keeps_the_rest_in_system_out(result) -> None:
    def failures(fail_on: str) -> int:
        return int(parse_junit(render_junit(result, ReportOptions(fail_on=fail_on))).get("failures"))

    assert (failures("error"), failures("warning"), failures("info"), failures("never")) == (3, 4, 5, 0)
    root = parse_junit(render_junit(result))
    md_suite = next(s for s in root.findall("testsuite") if s.get("name") == MD)
    vague = next(c for c in md_suite.findall("testcase") if c.get("name").startswith("AQ402 "))
    assert vague.find("failure") is None
    assert vague.find("system-out").text.startswith("C.5 Requirements, line 12: AQ402 warning:")
    passive = next(c for c in md_suite.findall("testcase") if c.get("name").startswith("AQ401 "))
    assert passive.find("system-out").text.endswith("(suppressed: agreed with CO)")


def test_junit_escapes_markup_and_drops_characters_xml_cannot_hold() -> None:
    finding = make_finding(MD, message='term <"fast"> & \x0bsoon\x00', line=1, block=0, source="line:1",
                           evidence="x", severity="error")
    root = parse_junit(render_junit(make_result(finding)))
    failure = root.find(".//failure")
    assert failure.get("message") == 'term <"fast"> & soon'
    assert 'term <"fast"> & soon' in failure.text


def test_junit_only_lists_the_rules_that_ran() -> None:
    quality = [rule for rule in RULES if rule.code.startswith("AQ4")]
    stray = make_finding(MD, "AQ499", line=1, block=0, source="line:1", evidence="x")
    root = parse_junit(render_junit(make_result(stray, rules=rule_infos(quality))))
    names = [c.get("name").split()[0] for c in root.find("testsuite").findall("testcase")]
    assert names == sorted([rule.code for rule in quality] + ["AQ499"])


def test_junit_is_deterministic(result) -> None:
    assert render_junit(result) == render_junit(result)


# --- the commented .docx ----------------------------------------------------------------


def build_docx(path: Path) -> None:
    """A small SOW with the awkward cases: empty paragraph, run-less paragraph, table cell, text box."""
    document = docx.Document()
    document.add_heading("Statement of Work", 0)
    document.add_paragraph()
    document.add_heading("C.5 Requirements", 1)
    document.add_paragraph("The Contractor shall report incidents promptly.")
    linked = document.add_paragraph()
    linked._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t>Reports are due promptly.</w:t></w:r>'
                               "</w:hyperlink>"))
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Deliver the plan in a timely manner."
    anchor = document.add_paragraph("Anchor paragraph for the box.")
    anchor._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:200pt;'
        'height:40pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed text shall be handled robustly.</w:t>'
        "</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"))
    document.add_paragraph("Closing paragraph.")
    document.save(str(path))


@pytest.fixture
def sow_docx(tmp_path: Path) -> Path:
    path = tmp_path / "sow.docx"
    build_docx(path)
    return path


def finding_on(block: Block, path: str, code: str = "AQ402", severity: str = "warning",
               message: str = "vague term", **extra) -> Finding:
    return make_finding(path, code, severity, message, block=block.index, source=block.source,
                        section=block.section_path, evidence=block.text, **extra)


def commented_paragraphs(data: bytes, tmp_path: Path) -> dict[int, tuple[str, str]]:
    """``comment id → (text of the commented body paragraph, comment text)``."""
    copy = tmp_path / "reviewed.docx"
    copy.write_bytes(data)
    document = docx.Document(str(copy))
    comments = {c.comment_id: c for c in document.comments}
    out = {}
    for start in document.element.body.iter(qn("w:commentRangeStart")):
        paragraph = start.getparent()
        assert paragraph.tag == qn("w:p")
        comment_id = int(start.get(qn("w:id")))
        assert paragraph.find(f".//{qn('w:commentReference')}[@{qn('w:id')}='{comment_id}']") is not None
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t"))
                       if not any(a.tag == qn("w:txbxContent") for a in t.iterancestors()))
        out[comment_id] = (text, comments[comment_id].text)
    assert set(out) == set(comments)
    return out


def test_docx_comments_land_on_the_offending_paragraphs(sow_docx: Path, tmp_path: Path) -> None:
    blocks = {b.text: b for b in read_document(sow_docx).blocks}
    path = str(sow_docx)
    plain = finding_on(blocks["The Contractor shall report incidents promptly."], path, clause_id="IR-01",
                       authority="OMB M-24-18", expected="within 72 hours of discovery")
    plain_too = finding_on(blocks["The Contractor shall report incidents promptly."], path, "AQ401",
                           message="passive requirement")
    runless = finding_on(blocks["Reports are due promptly."], path)
    cell = finding_on(blocks["Deliver the plan in a timely manner."], path, "AQ403", "error", "placeholder")
    boxed = finding_on(blocks["Boxed text shall be handled robustly."], path)
    missing = make_finding(path, "AQ102", "error", "required obligation DR-02.1 is missing", clause_id="DR-02")
    result = make_result(plain, plain_too, runless, cell, boxed, missing)

    comments = commented_paragraphs(annotate(sow_docx, result), tmp_path)
    by_paragraph = {paragraph: text for paragraph, text in comments.values()}
    assert len(comments) == len(by_paragraph) == 5  # summary + 4 paragraphs (two findings share one)
    summary = by_paragraph["Statement of Work"]
    assert summary.startswith("acqspec check of sow.docx: 2 error(s), 4 warning(s), 0 info.")
    assert "AQ102 error: required obligation DR-02.1 is missing\nClause: DR-02" in summary
    shared = by_paragraph["The Contractor shall report incidents promptly."]
    assert shared == (f"AQ401 warning: passive requirement\nFix: {fix_hint('AQ401')}\n\n"  # document order, then code
                      "AQ402 warning: vague term\nClause: IR-01 (OMB M-24-18)\n"
                      f"Expected: within 72 hours of discovery\nFix: {fix_hint('AQ402')}")
    assert by_paragraph["Reports are due promptly."].startswith("AQ402 warning")
    assert by_paragraph["Deliver the plan in a timely manner."].startswith("AQ403 error: placeholder")
    assert by_paragraph["Anchor paragraph for the box."].startswith("AQ402 warning")  # text box → its anchor


def test_docx_notes_headers_and_stale_paragraphs_go_to_the_summary(tmp_path: Path) -> None:
    source = tmp_path / "reader sow.docx"
    shutil.copy(READER_SOW, source)
    blocks = read_document(source).blocks
    footnote = next(b for b in blocks if b.source.startswith("footnote"))
    header = next(b for b in blocks if b.source.startswith("header"))
    stale = make_finding(str(source), block=99, source="p:9999", evidence="gone")
    result = make_result(finding_on(footnote, str(source)), finding_on(header, str(source), "AQ403", "error"), stale)
    comments = commented_paragraphs(annotate(source, result), tmp_path)
    assert len(comments) == 1
    paragraph, summary = comments[min(comments)]
    assert paragraph == "Statement of Work"
    assert "footnote 1: AQ402 warning: vague term" in summary  # Word shows no paragraph numbers
    assert "header 1: AQ403 error" in summary
    assert "¶100 (paragraph not found in this file): AQ402" in summary


def test_docx_copy_leaves_the_source_alone_and_is_deterministic(sow_docx: Path, tmp_path: Path) -> None:
    before = hashlib.sha256(sow_docx.read_bytes()).hexdigest()
    block = next(b for b in read_document(sow_docx).blocks if "promptly" in b.text)
    result = make_result(finding_on(block, str(sow_docx)))
    first, second = annotate(sow_docx, result), annotate(sow_docx, result)
    assert first == second
    assert hashlib.sha256(sow_docx.read_bytes()).hexdigest() == before
    copy = tmp_path / "copy.docx"
    copy.write_bytes(first)
    comments = list(docx.Document(str(copy)).comments)
    assert [(c.author, c.initials, c.timestamp) for c in comments] == [("acqspec", "AQ", None)] * 2


def test_docx_copy_reads_the_same_as_the_original(sow_docx: Path, tmp_path: Path) -> None:
    blocks = read_document(sow_docx).blocks
    result = make_result(*(finding_on(b, str(sow_docx)) for b in blocks))
    copy = tmp_path / "copy.docx"
    copy.write_bytes(annotate(sow_docx, result))
    assert [(b.source, b.text) for b in read_document(copy).blocks] == [(b.source, b.text) for b in blocks]


def test_docx_matches_findings_by_path_argument(sow_docx: Path, tmp_path: Path) -> None:
    block = read_document(sow_docx).blocks[3]
    result = make_result(finding_on(block, "checked/elsewhere/sow.docx"))
    assert len(commented_paragraphs(annotate(sow_docx, result), tmp_path)) == 1  # summary only
    assert len(commented_paragraphs(annotate(sow_docx, result, "checked/elsewhere/sow.docx"),
                                    tmp_path)) == 2


def test_docx_refuses_a_file_that_is_not_a_word_package(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"%PDF-1.7 not a zip")
    with pytest.raises(ReadError):
        annotate(fake, make_result())


def test_fix_advice_is_the_fix_paragraph_of_the_rule_documentation() -> None:
    for rule in RULES:
        hint = rule.info().fix
        assert hint and "\n" not in hint and f"Fix: {hint}" in " ".join(rule.__doc__.split())


def test_docx_comment_fix_advice_comes_from_the_result_not_the_registry(sow_docx: Path, tmp_path: Path) -> None:
    block = read_document(sow_docx).blocks[3]
    info = get_rule("AQ402").info().model_copy(update={"fix": "Advice carried by this result."})
    result = make_result(finding_on(block, str(sow_docx)), rules=(info,))
    texts = [text for _, text in commented_paragraphs(annotate(sow_docx, result), tmp_path).values()]
    assert any("Fix: Advice carried by this result." in text for text in texts)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_copy_opens_in_libreoffice_with_its_comments(sow_docx: Path, tmp_path: Path) -> None:
    blocks = read_document(sow_docx).blocks
    result = make_result(*(finding_on(b, str(sow_docx)) for b in blocks if "promptly" in b.text or "box" in b.text))
    reviewed = tmp_path / "in" / "sow.docx"
    reviewed.parent.mkdir()
    reviewed.write_bytes(annotate(sow_docx, result))
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(reviewed)],
                   check=True, capture_output=True, timeout=180)
    expected = [c.text for c in docx.Document(str(reviewed)).comments]
    assert [c.text for c in docx.Document(str(out / "sow.docx")).comments] == expected
    assert len(expected) == 4  # summary + 3 paragraphs


# --- end to end: the engine's own result ----------------------------------------------------


def test_all_reporters_on_a_real_check(tmp_path: Path, bundled_library: Path, sarif_validator) -> None:
    from acqspec.pipeline import check_paths
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.pipeline import blank_pipeline

    markdown = tmp_path / "sow.md"
    markdown.write_text("# C.5 Requirements\n\nThe Contractor shall report incidents promptly.\n\n"
                        "Data will be deleted after 30 days.\n\nDeliver the plan within [TBD] days.\n",
                        encoding="utf-8")
    word = tmp_path / "sow.docx"
    document = docx.Document()
    document.add_heading("C.5 Requirements", 1)
    document.add_paragraph("The Contractor shall report incidents promptly.")
    document.add_paragraph()
    document.add_paragraph("Deliver the plan within [TBD] days.")
    document.save(str(word))

    result = check_paths([markdown, word], load_catalog([bundled_library]), nlp=blank_pipeline())
    word_findings = [f for f in result.findings if f.path == str(word)]
    assert any(f.path == str(markdown) for f in result.findings) and word_findings

    log = json.loads(render_sarif(result))
    assert not list(sarif_validator.iter_errors(log))
    for item, finding in zip(log["runs"][0]["results"], result.findings):
        region = item["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == (finding.location.line or 1)

    assert len(render_github(result).splitlines()) == len(result.findings)
    root = parse_junit(render_junit(result, ReportOptions(fail_on="info")))
    assert int(root.get("failures")) == len({(f.path, f.code) for f in result.findings})

    comments = commented_paragraphs(annotate(word, result), tmp_path)
    commented = {paragraph for paragraph, _ in comments.values()}
    for finding in word_findings:
        assert finding.evidence in commented
