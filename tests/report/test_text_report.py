"""The text report: concise lines of at most 160 characters grouped by file, counts per code, the full
shape, colours only when asked; and the command line's colour decision (terminal, NO_COLOR, FORCE_COLOR)."""

from __future__ import annotations

from pathlib import Path

import pytest

from acqspec.check.findings import CheckResult, Finding, FindingLocation, UncheckedFile
from acqspec.check.registry import rule_infos
from acqspec.report import ReportOptions
from acqspec.report.text import render_text

LONG = "solicitations/70SBUR26R00000045 technical volume/proposal.pdf"


def finding(path: str, code: str = "AQ204", severity: str = "error", message: str = "looser number", *,
            block: int | None = 5, line: int | None = None, page: int | None = None, label: str | None = None,
            title: str | None = None, evidence: str | None = "The Contractor should report incidents within "
                                                             "30 days of discovery to the COR.", **extra) -> Finding:
    return Finding(code=code, name="test.rule", severity=severity, message=message, path=path, evidence=evidence,
                   location=FindingLocation(block=block, line=line, page=page, section_label=label,
                                            section_title=title, source=f"p:{block}" if block is not None else None,
                                            start=0 if block is not None else None), **extra)


WEAKENED = finding("sow.docx", message="looser number than IR-01.1 (Incident reporting within a set window, "
                   "root-cause analysis and cooperation): 72 hours → 30 days", label="C.5.10.1",
                   title="Incident reporting within a set window and root-cause analysis (CBP-IR-01)",
                   clause_id="IR-01", obligation_id="IR-01.1", authority="DHS Directive 139-08 §V.B.4",
                   expected="The contractor must report serious AI incidents within 72 hours.",
                   diff="72 hours → 30 days", score=84.0)
MISSING = finding("sow.docx", "AQ101", message="required clause PL-04 (No restriction on sharing prices with other "
                  "agencies) is missing", block=None, evidence=None, clause_id="PL-04", authority="OMB M-25-22")
MARKDOWN = finding("draft.md", "AQ402", "warning", "unmeasurable term 'in a timely manner' with no number",
                   block=3, line=17)
PDF = finding(LONG, "AQ301", message="conflicts with DR-01 (No training on Government data without consent): "
              "Government inputs and outputs may not train or improve the vendor's models without explicit "
              "agency consent. [matched \"may use\", \"Customer Data\", \"train\"]", page=20, label="C.7",
              title="Customer Data", clause_id="DR-01", authority="OMB M-25-22",
              evidence="Northwind may use Customer Data, including face images, to train and improve its models.")


def result(*findings: Finding, **extra) -> CheckResult:
    paths = tuple(dict.fromkeys(f.path for f in findings))
    return CheckResult(paths=paths, findings=tuple(sorted(findings, key=Finding.sort_key)), words=2345,
                       rules=rule_infos(), **extra)


def test_concise_lines_fit_in_160_characters_and_name_the_section_page_and_sentence() -> None:
    text = render_text(result(WEAKENED, MISSING, MARKDOWN, PDF))
    lines = text.splitlines()
    assert all(len(line) <= 160 for line in lines), [len(line) for line in lines]
    weakened = next(line for line in lines if " AQ204 " in line)
    assert weakened.startswith("sow.docx:§C.5.10.1 Incident report… (CBP-IR-01): AQ204 error ")  # id kept
    assert "72 hours → 30 days" in weakened and weakened.endswith('"')  # the change, then a quote
    pdf = next(line for line in lines if " AQ301 " in line)
    # a long path: the section keeps its number (not its heading) so the message and a quote still fit
    assert pdf.startswith(f"{LONG}:§C.7, p. 20: AQ301 error conflicts with DR-01: Government inputs")
    assert pdf.endswith('"…use Customer Data,…"')  # the quote skips the opening every requirement shares
    assert "draft.md:17: AQ402 warning unmeasurable term 'in a timely manner' with no number" in lines
    assert "sow.docx: AQ101 error required clause PL-04 is missing" in lines  # whole document: no place


def test_text_file_lines_shared_by_several_sentences_quote_each_one() -> None:
    """A Markdown paragraph is often one long line: two findings there would read the same without a quote."""
    arbitration = MARKDOWN.model_copy(update={"evidence": "Claims go to binding arbitration."})
    venue = MARKDOWN.model_copy(update={"evidence": "Venue lies in San Francisco."})
    alone = MARKDOWN.model_copy(update={"location": MARKDOWN.location.model_copy(update={"line": 30})})
    lines = [line for line in render_text(result(arbitration, venue, alone)).splitlines() if line.startswith("draft.md")]
    assert [line.split(": AQ402")[0] for line in lines] == ["draft.md:17", "draft.md:17", "draft.md:30"]
    assert lines[0].endswith('"Claims go to binding arbitration."'), lines
    assert lines[1].endswith('"Venue lies in San Francisco."'), lines
    assert not lines[2].endswith('"')  # alone on its line: the line is enough
    same = render_text(result(MARKDOWN, MARKDOWN.model_copy(update={"code": "AQ401"}))).splitlines()
    assert not any(line.endswith('"') for line in same if line.startswith("draft.md"))  # one sentence, two rules


def test_a_very_long_path_keeps_the_section_number_and_the_line_within_160() -> None:
    path = "archive/" + "x" * 80 + "/proposal.pdf"
    line = render_text(result(PDF.model_copy(update={"path": path}))).splitlines()[0]
    assert line.startswith(f"{path}:§C.7, p. 20: AQ301 error conflicts with") and len(line) <= 160


def test_concise_lines_leave_clause_titles_and_authorities_to_verbose() -> None:
    concise = render_text(result(WEAKENED, MISSING))
    assert "Incident reporting within a set window, root-cause" not in concise
    assert "DHS Directive 139-08" not in concise and "[PL-04" not in concise
    verbose = render_text(result(WEAKENED, MISSING), ReportOptions(verbose=True))
    assert "(Incident reporting within a set window, root-cause analysis and cooperation)" in verbose
    assert "[IR-01; DHS Directive 139-08 §V.B.4]" in verbose and "[PL-04; OMB M-25-22]" in verbose
    assert "Incident reporting within a set window and root-cause analysis (CBP-IR-01)" in verbose  # uncut


def test_findings_are_grouped_by_file_and_counted_per_code() -> None:
    lines = render_text(result(WEAKENED, MARKDOWN, MISSING, finding("draft.md", "AQ403", block=7, line=30,
                                                                    message="unfilled placeholder"))).splitlines()
    paths = [line.split(":", 1)[0] for line in lines[:5] if line]
    assert paths == ["draft.md", "draft.md", "sow.docx", "sow.docx"]
    assert lines[2] == ""  # files apart
    assert lines[-2] == "by code: AQ101 1, AQ204 1, AQ402 1, AQ403 1"
    assert lines[-1] == "2 documents checked, 2,345 words: 3 errors, 1 warning, 0 info"


def test_summary_counts_unreadable_skipped_and_suppressed_files() -> None:
    report = result(MARKDOWN, suppressed=(WEAKENED,),
                    unreadable=(UncheckedFile(path="bad.docx", reason="not a zip"),),
                    skipped=(UncheckedFile(path="old.doc", reason="unsupported file type .doc"),))
    lines = render_text(report).splitlines()
    assert "old.doc: skipped: unsupported file type .doc" in lines
    assert lines[-1].endswith("; 1 suppressed, 1 file could not be read, 1 file skipped")


def test_full_output_has_every_detail_of_each_finding() -> None:
    text = render_text(result(WEAKENED), ReportOptions(output_format="full"))
    assert text.splitlines()[0].startswith("sow.docx:§C.5.10.1 Incident reporting within a set window and "
                                           "root-cause analysis (CBP-IR-01): AQ204 error looser number than "
                                           "IR-01.1 (Incident reporting")
    for detail in ('text:       "The Contractor should report incidents within 30 days of discovery to the COR."',
                   "where:      ¶6", "clause:     IR-01 (DHS Directive 139-08 §V.B.4)",
                   "expected:   The contractor must report serious AI incidents within 72 hours.",
                   "change:     72 hours → 30 days", "score:      84", "fix:        "):
        assert f"    {detail}" in text


def test_colours_only_when_asked_and_the_text_is_the_same() -> None:
    import re

    plain = render_text(result(WEAKENED, MARKDOWN))
    assert "\x1b[" not in plain
    coloured = render_text(result(WEAKENED, MARKDOWN), ReportOptions(color=True))
    assert "\x1b[1;31mAQ204\x1b[0m" in coloured and "\x1b[33mAQ402\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


@pytest.mark.parametrize("env, colour", [
    ({}, False),                                  # the runner is not a terminal
    ({"FORCE_COLOR": "1"}, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),  # NO_COLOR wins
    ({"FORCE_COLOR": "0"}, False),
])
def test_the_command_line_colours_a_terminal_only(tmp_path: Path, env: dict, colour: bool) -> None:
    from click.testing import CliRunner

    from acqspec.cli import cli

    doc = tmp_path / "sow.md"
    doc.write_text("The Contractor shall report incidents in a timely manner.\n")
    base = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm"}
    out = CliRunner(env={**base, **env}).invoke(cli, ["check", str(doc), "--no-config", "--fail-on", "never"])
    assert out.exit_code == 0 and ("\x1b[" in out.stdout) == colour
    written = tmp_path / "report.txt"
    CliRunner(env={**base, **env}).invoke(cli, ["check", str(doc), "--no-config", "-o", str(written)])
    assert "\x1b[" not in written.read_text()  # never in a file


def test_output_format_is_for_the_text_report(runner, tmp_path: Path) -> None:
    from acqspec.cli import cli

    doc = tmp_path / "sow.md"
    doc.write_text("The Contractor shall deliver monthly reports within [TBD] days.\n")
    bad = runner.invoke(cli, ["check", str(doc), "--no-config", "--format", "json", "--output-format", "full"])
    assert bad.exit_code == 2 and len(bad.stderr.strip().splitlines()) == 1
    (tmp_path / ".acqspec.toml").write_text('output-format = "full"\n')
    full = runner.invoke(cli, ["check", str(doc), "--fail-on", "never"])
    concise = runner.invoke(cli, ["check", str(doc), "--fail-on", "never", "--output-format", "concise"])
    assert full.stdout != concise.stdout and "    fix:" in full.stdout and "    fix:" not in concise.stdout
