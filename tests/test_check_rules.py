"""Per-rule pass/fail cases (tests/fixtures/rules/<CODE>.yaml) and the check command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from acqspec.check.baseline import from_clause_ids, from_statements
from acqspec.check.engine import check_document
from acqspec.check.registry import RULES, get_rule, selected_rules
from acqspec.io.safe_yaml import load_yaml_file
from acqspec.library.loader import load_catalog
from acqspec.models import Block, Document
from acqspec.nlp.extract import extract_statements
from acqspec.nlp.pipeline import load_pipeline

CASES = Path(__file__).parent / "fixtures" / "rules"


@pytest.fixture(scope="module")
def catalog(bundled_library):
    return load_catalog([bundled_library])


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _document(text: str, path: str = "case.md") -> Document:
    """Paragraphs separated by blank lines become blocks, each with the line it starts on."""
    blocks, line = [], 1
    for index, paragraph in enumerate(text.split("\n\n")):
        blocks.append(Block(index=index, kind="paragraph", text=paragraph.strip(), source=f"line:{line}", line=line))
        line += paragraph.count("\n") + 2
    return Document(path=path, format="md", blocks=tuple(blocks))


def _baseline(spec, catalog, nlp):
    if not spec:
        return None
    if "clauses" in spec:
        return from_clause_ids(spec["clauses"], catalog)
    return from_statements(extract_statements(_document(spec["sow"], "sow.md"), nlp), "sow.md")


def _run(code: str, text: str, catalog, nlp, baseline=None):
    document = _document(text)
    return check_document(document, extract_statements(document, nlp), catalog, [get_rule(code)()],
                          baseline=_baseline(baseline, catalog, nlp), path="case.md").findings


def _cases():
    for path in sorted(CASES.glob("AQ*.yaml")):
        data = load_yaml_file(path).data
        baseline = data.get("baseline")
        for i, case in enumerate(data["fail"]):
            yield pytest.param(data["rule"], case["text"], case.get("clause"), True, case.get("baseline", baseline),
                               id=f"{data['rule']}-fail-{i}")
        for i, text in enumerate(data["pass"]):
            yield pytest.param(data["rule"], text, None, False, baseline, id=f"{data['rule']}-pass-{i}")


@pytest.mark.parametrize("code, text, clause, should_fail, baseline", list(_cases()))
def test_rule_case(code, text, clause, should_fail, baseline, catalog, nlp) -> None:
    findings = _run(code, text, catalog, nlp, baseline)
    if should_fail:
        assert findings, f"{code} did not fire on: {text}"
        assert all(f.code == code for f in findings)
        # Located findings point at a real block; missing obligations are document-level.
        assert all((f.location.line is None) == (code in DOCUMENT_LEVEL) for f in findings)
        if clause:
            assert clause in {f.clause_id for f in findings}
    else:
        assert findings == [], [f.message for f in findings]


DOCUMENT_LEVEL = {"AQ101", "AQ102", "AQ103"}


def test_every_rule_has_cases_and_documentation() -> None:
    for rule in RULES:
        # AQ9xx findings come from suppression bookkeeping; tests/test_suppress.py covers them.
        if not rule.code.startswith("AQ9"):
            assert (CASES / f"{rule.code}.yaml").is_file(), rule.code
        assert rule.summary() and "Fix:" in rule.__doc__


def test_select_and_ignore_by_prefix_and_name() -> None:
    assert [r.code for r in selected_rules(("AQ4",))] == ["AQ401", "AQ402", "AQ403"]
    assert [r.code for r in selected_rules((), ("AQ1", "AQ2", "AQ4", "AQ9", "conflict.policy"))] == [
        "AQ302", "AQ303", "AQ304"]
    assert get_rule("quality.vague").code == "AQ402" and get_rule("aq999") is None


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
