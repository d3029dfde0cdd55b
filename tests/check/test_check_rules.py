"""Per-rule pass/fail cases with expected locations (tests/fixtures/rules/<CODE>.yaml), and the check command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from acqspec.check.baseline import from_clause_ids, from_statements
from acqspec.check.engine import check_document, combine
from acqspec.check.registry import RULES, get_rule, selected_rules
from acqspec.io.safe_yaml import load_yaml_file
from acqspec.library.loader import load_catalog
from acqspec.models import Block, Document
from acqspec.nlp.extract import extract_statements
from acqspec.nlp.pipeline import load_pipeline
from acqspec.pipeline import load_waivers

CASES = Path(__file__).parents[1] / "fixtures" / "rules"


@pytest.fixture(scope="module")
def catalog(bundled_library):
    return load_catalog([bundled_library])


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _document(text: str, path: str = "case.md") -> Document:
    """Paragraphs separated by blank lines become blocks, each with the line it starts on.

    A paragraph that starts with ``#`` is a heading of that level ("## Evaluation"): the
    blocks after it carry it in their section path, as the Markdown reader gives them.
    """
    blocks, line, headings = [], 1, []
    for index, paragraph in enumerate(text.split("\n\n")):
        stripped = paragraph.strip()
        level = len(stripped) - len(stripped.lstrip("#"))
        if level:
            title = stripped[level:].strip()
            blocks.append(Block(index=index, kind="heading", text=title, level=level,
                                section_path=tuple(h for _, h in headings), source=f"line:{line}", line=line))
            headings = [(lvl, h) for lvl, h in headings if lvl < level] + [(level, title)]
        else:
            blocks.append(Block(index=index, kind="paragraph", text=stripped, section_path=tuple(h for _, h in headings),
                                source=f"line:{line}", line=line))
        line += paragraph.count("\n") + 2
    return Document(path=path, format="md", blocks=tuple(blocks))


def _baseline(spec, catalog, nlp):
    if not spec:
        return None
    if "clauses" in spec:
        return from_clause_ids(spec["clauses"], catalog)
    return from_statements(extract_statements(_document(spec["sow"], "sow.md"), nlp), "sow.md")


def _run(code: str, text: str, catalog, nlp, baseline=None, *, also=(), waivers=None, tmp_path=None,
         as_of=None, classifier=None):
    """Findings of rule ``code`` (run beside the rules ``also`` names) on ``text`` read as case.md.

    ``classifier``: None for the rules alone, or the ``--min-confidence`` to run the shipped terms
    model with (``true``: its own threshold)."""
    document = _document(text)
    rules = [get_rule(c)() for c in (code, *also)]
    terms = None
    if classifier is not None:
        from acqspec.nlp.terms import load_terms_model

        terms = load_terms_model()
        if terms is None:
            pytest.skip("no shipped terms model (nlp_models/terms)")
    outcome = check_document(document, extract_statements(document, nlp), catalog, rules,
                             baseline=_baseline(baseline, catalog, nlp), path="case.md", terms=terms,
                             min_confidence=None if classifier in (None, True) else float(classifier))
    loaded = None
    if waivers is not None:
        waiver_file = tmp_path / "waivers.yaml"
        waiver_file.write_text(waivers, encoding="utf-8")
        loaded = load_waivers(waiver_file)
    result = combine([outcome], rules, paths=["case.md"], waivers=loaded, today=as_of)
    return [f for f in result.findings if f.code == code], document


def _place(finding, document) -> object:
    """Where a finding is, in the cases' terms: "document", a waiver-file line, or block + sentence."""
    location = finding.location
    if location.block is None:
        return {"waiver line": location.line} if location.line is not None else "document"
    block = document.blocks[location.block].text
    return (location.block, block[location.start:location.end] if location.start is not None else block)


def _expected(at, document) -> list:
    if at == "document":
        return ["document"]
    places = []
    for item in at:
        if "waiver_line" in item:
            places.append({"waiver line": item["waiver_line"]})
            continue
        block = document.blocks[item["block"]].text
        sentence = item.get("sentence", block)
        assert sentence in block, f"case error: {sentence!r} is not in block {item['block']}"
        places.append((item["block"], sentence))
    return places


def _cases():
    for path in sorted(CASES.glob("AQ*.yaml")):
        data = load_yaml_file(path).data
        shared = {key: data.get(key) for key in ("baseline", "also", "as_of")}
        for i, case in enumerate(data["fail"]):
            yield pytest.param(data["rule"], case, True, shared, id=f"{data['rule']}-fail-{i}")
        for i, case in enumerate(data["pass"]):
            yield pytest.param(data["rule"], case if isinstance(case, dict) else {"text": case}, False, shared,
                               id=f"{data['rule']}-pass-{i}")


@pytest.mark.parametrize("code, case, should_fail, shared", list(_cases()))
def test_rule_case(code, case, should_fail, shared, catalog, nlp, tmp_path) -> None:
    """Each case states the text, and for a failing one where every finding must be.

    ``at`` is ``document`` (a finding about the whole document, such as a missing
    clause) or a list of ``{block, sentence}`` (the 0-based block and the exact
    sentence the finding's character span must cover) or ``{waiver_line}``.
    Optional: ``clause`` (one finding is on it), ``count`` (how many findings),
    ``severity`` (every finding's), ``not_clauses`` (no finding is on them), ``classifier``
    (run with the shipped terms model: ``true`` at its threshold, or a ``--min-confidence``),
    ``confidence`` (every finding carries a classifier probability), ``message`` (every finding's message
    contains it).
    """
    setting = {key: case.get(key, value) for key, value in shared.items()}
    as_of = setting["as_of"]
    findings, document = _run(code, case["text"], catalog, nlp, setting["baseline"], also=setting["also"] or (),
                              waivers=case.get("waivers"), tmp_path=tmp_path,
                              as_of=date.fromisoformat(str(as_of)) if as_of else None,
                              classifier=case.get("classifier"))
    if not should_fail:
        assert findings == [], [f.message for f in findings]
        return
    assert findings, f"{code} did not fire on: {case['text']}"
    places = [_place(f, document) for f in findings]
    assert sorted(set(map(repr, places))) == sorted(map(repr, _expected(case["at"], document))), places
    if case.get("clause"):
        assert case["clause"] in {f.clause_id for f in findings}
    if "count" in case:  # one finding per sentence and clause, per topic, per document...
        assert len(findings) == case["count"], [f.message for f in findings]
    if case.get("severity"):
        assert {f.severity for f in findings} == {case["severity"]}, [(f.severity, f.message) for f in findings]
    if case.get("confidence"):
        assert all(f.confidence is not None and 0 <= f.confidence <= 1 for f in findings), findings
    if case.get("message"):
        assert all(case["message"] in f.message for f in findings), [f.message for f in findings]
    for clause in case.get("not_clauses", ()):
        assert clause not in {f.clause_id for f in findings}, [f.message for f in findings]


def test_every_rule_has_cases_and_documentation() -> None:
    for rule in RULES:
        assert (CASES / f"{rule.code}.yaml").is_file(), rule.code
        info = rule.info()
        assert info.summary and info.why and info.example and info.fix


def test_a_case_that_names_the_wrong_sentence_fails(catalog, nlp) -> None:
    """The location check is real: the right rule on the wrong sentence is a failure."""
    text = "The Contractor shall deliver a model card.\n\nThe Contractor shall report incidents in a timely manner."
    findings, document = _run("AQ402", text, catalog, nlp)
    assert [_place(f, document) for f in findings] != _expected([{"block": 0}], document)
    assert [_place(f, document) for f in findings] == _expected(
        [{"block": 1, "sentence": "The Contractor shall report incidents in a timely manner."}], document)


def test_select_and_ignore_by_prefix_and_name() -> None:
    codes = [r.code for r in RULES]
    assert [r.code for r in selected_rules(("AQ4",))] == [c for c in codes if c.startswith("AQ4")]
    assert [r.code for r in selected_rules((), ("AQ1", "AQ2", "AQ4", "AQ9", "conflict.policy"))] == [
        c for c in codes if c.startswith("AQ3") and c != "AQ301"]
    assert get_rule("quality.vague").code == "AQ402" and get_rule("aq999") is None
    assert codes == sorted(codes) and len(set(codes)) == len(codes)


def test_check_command_text_json_and_exit_codes(runner, tmp_path: Path) -> None:
    from acqspec.cli import cli

    doc = tmp_path / "terms.md"
    doc.write_text("# Terms\n\nWe may use Customer Content to train and improve our models.\n\n"
                   "The Contractor shall report incidents in a timely manner.\n")
    before = doc.read_bytes()
    result = runner.invoke(cli, ["check", str(doc)])
    assert result.exit_code == 1
    assert f"{doc}:3: AQ301 error conflicts with DR-01" in result.stdout
    assert f"{doc}:5: AQ402 warning" in result.stdout
    data = json.loads(runner.invoke(cli, ["check", str(doc), "--format", "json"]).stdout)
    first = data["findings"][0]
    assert first["clause_id"] == "DR-01" and first["location"]["line"] == 3 and first["evidence"].startswith("We may")
    assert runner.invoke(cli, ["check", str(doc), "--ignore", "AQ3"]).exit_code == 0
    assert runner.invoke(cli, ["check", str(doc), "--ignore", "AQ3", "--fail-on", "warning"]).exit_code == 1
    missing = runner.invoke(cli, ["check", str(tmp_path / "nope.docx")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    assert doc.read_bytes() == before


def test_rules_command(runner) -> None:
    from acqspec.cli import cli

    listing = runner.invoke(cli, ["rules"]).stdout
    assert all(rule.code in listing for rule in RULES)
    explained = runner.invoke(cli, ["rules", "AQ301"])
    assert "Why:" in explained.stdout and "Fix:" in explained.stdout
    assert runner.invoke(cli, ["rules", "AQ999"]).exit_code == 2


def test_internal_conflicts_cite_the_other_statement_by_place_not_path(catalog, nlp) -> None:
    """AQ303/AQ304 name the earlier statement by the document's own place (heading, line), not by the file path."""
    text = ("# Incidents\n\nThe Contractor shall report serious AI incidents to the COR within 24 hours.\n\n"
            "The Contractor shall report serious AI incidents to the COR within 5 business days.")
    findings, _ = _run("AQ304", text, catalog, nlp)
    assert len(findings) == 1
    message = findings[0].message
    assert "case.md" not in message and "at Incidents, line 3 " in message, message


def test_weakening_messages_read_as_sentences(catalog, nlp) -> None:
    """Each AQ2xx message says how the sentence falls short in its own words ("hedged version of
    TR-02.1", not "hedged than TR-02.1")."""
    wording = {"AQ201": "weaker modal verb than ", "AQ202": "hedged version of ",
               "AQ203": "binds a different party than ", "AQ204": "looser number than "}
    for code, start in wording.items():
        data = load_yaml_file(CASES / f"{code}.yaml").data
        case = data["fail"][0]
        findings, _ = _run(code, case["text"], catalog, nlp, case.get("baseline", data.get("baseline")))
        assert findings and all(f.message.startswith(start) for f in findings), [f.message for f in findings]


def test_a_commercial_term_conflict_marks_the_clause_contradicted(catalog, nlp) -> None:
    """AQ302, like AQ301, makes the coverage of the clause it conflicts with ``contradicted``."""
    text = "This subscription will automatically renew for successive one-year terms unless either party gives notice."
    document = _document(text)
    outcome = check_document(document, extract_statements(document, nlp), catalog, [get_rule("AQ302")()],
                             baseline=_baseline({"clauses": ["CT-02"]}, catalog, nlp), path="case.md")
    assert [f.clause_id for f in outcome.findings] == ["CT-02"]
    statuses = {item.status for item in outcome.coverage if item.clause_id == "CT-02"}
    assert statuses == {"contradicted"}, statuses
