"""``acqspec profile init`` interactively and unattended: forgiving dates, re-asked answers, defaults that
follow earlier answers, skipped questions, and one source for the question texts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import click
import pytest

from acqspec import vocab
from acqspec.cli import cli
from acqspec.generate.profile import (
    DEFAULT_HOSTING,
    QUESTIONS,
    RiskAnswers,
    load_profile,
    parse_date,
    questions_table,
)

README = Path(__file__).resolve().parents[2] / "README.md"

# The general answers of a face-capture buy, in question order (see QUESTIONS).
GENERAL = [
    "Border face capture",          # title
    "",                             # agency (default)
    "CBP",                          # component
    "70B0-123",                     # solicitation number
    "2026-03-02",                   # issue date
    "custom_development",           # acquisition type
    "Matches travelers' faces.",    # description
    "government_cloud",             # hosting
    "n",                            # trains on Government data
    "2026-07-01",                   # start
    "60",                           # months
]


def _run(runner, tmp_path: Path, lines: list[str], *args: str):
    out = tmp_path / "p.yaml"
    result = runner.invoke(cli, ["profile", "init", "-o", str(out), *args], input="\n".join(lines) + "\n")
    return result, out


def test_interactive_questionnaire(runner, tmp_path: Path) -> None:
    risk = ["y",                    # rights-impacting
            "n", "n",               # safety, generative AI (so enterprise_genai and llm are not asked)
            "y", "y",               # biometrics, face recognition
            "y", "y", "n", "y", "n"]  # pii, law enforcement, benefits, public-facing, national security
    result, out = _run(runner, tmp_path, GENERAL + risk)
    assert result.exit_code == 0, result.output + result.stderr
    profile = load_profile(out).profile
    assert profile.title == "Border face capture" and profile.agency == "Department of Homeland Security"
    assert profile.risk.face_recognition and profile.risk.biometrics and profile.risk.rights_impacting
    assert profile.risk.public_facing and profile.risk.law_enforcement and not profile.risk.national_security
    assert not profile.risk.generative_ai and not profile.risk.llm and not profile.risk.enterprise_genai
    assert profile.period_of_performance.months == 60
    assert "could the AI's output serve as a principal basis" in result.stderr  # help text shown
    assert "large language model" not in result.stderr  # skipped after generative AI = no


@pytest.mark.parametrize(("text", "date"), [
    ("2026-03-15", dt.date(2026, 3, 15)), ("03/15/2026", dt.date(2026, 3, 15)),
    ("3/5/2026", dt.date(2026, 3, 5)), (" 2026-3-5 ", dt.date(2026, 3, 5)),
])
def test_dates_in_iso_and_us_form(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


@pytest.mark.parametrize(("text", "reason"), [
    ("13/15/2026", "not a calendar date"), ("2026-02-30", "not a calendar date"),
    ("03/15/26", "four digits"), ("next week", "YYYY-MM-DD or MM/DD/YYYY"), ("15.03.2026", "not a date"),
])
def test_bad_dates_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


def test_us_dates_in_the_questionnaire_and_as_flags(runner, tmp_path: Path) -> None:
    lines = GENERAL[:4] + ["03/15/2026"] + GENERAL[5:9] + ["7/1/2026", "12"] + [""] * 12
    result, out = _run(runner, tmp_path, lines)
    assert result.exit_code == 0, result.stderr
    profile = load_profile(out).profile
    assert profile.issue_date == dt.date(2026, 3, 15)
    assert profile.period_of_performance.start == dt.date(2026, 7, 1)
    assert "Sunday 15 March 2026" in result.stderr  # the date as understood, read back
    result = runner.invoke(cli, ["profile", "init", "-o", str(out), "--force", "--no-input", "--title", "T",
                                 "--component", "C", "--description", "D", "--issue-date", "03/15/2026"])
    assert result.exit_code == 0, result.stderr
    assert load_profile(out).profile.issue_date == dt.date(2026, 3, 15)


def test_a_bad_answer_asks_that_question_again(runner, tmp_path: Path) -> None:
    lines = (GENERAL[:4]
             + ["15/03/2026", "03/15/2026"]            # issue date: day and month swapped, then right
             + ["software", "saas"]                    # acquisition type: not a choice, then right
             + ["   ", "Answers callers."]             # description: blank, then an answer
             + [""]                                    # hosting: the default that follows saas
             + ["maybe", "n"]                          # trains on Government data
             + ["2026-01-01", ""]                      # start before the issue date, then the default
             + ["0", "abc", "24"]                      # months
             + [""] * 12)
    result, out = _run(runner, tmp_path, lines)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "Error:" in line]
    assert len(errors) == 7, errors
    assert "not a calendar date" in errors[0] and "is not one of" in errors[1]
    assert "an answer is needed" in errors[2] and "before the solicitation is issued" in errors[4]
    assert "outside 1 to 240" in errors[5] and "not a whole number of months" in errors[6]
    profile = load_profile(out).profile
    assert profile.title == "Border face capture" and profile.component == "CBP"  # earlier answers kept
    assert profile.issue_date == dt.date(2026, 3, 15) and profile.acquisition_type == "saas"
    assert profile.description == "Answers callers." and profile.period_of_performance.months == 24


def test_choices_forgive_case_spaces_numbers_and_prefixes(runner, tmp_path: Path) -> None:
    lines = GENERAL[:5] + ["Commercial Product"] + GENERAL[6:7] + ["5"] + GENERAL[8:] + [""] * 12
    result, out = _run(runner, tmp_path, lines)
    assert result.exit_code == 0, result.stderr
    profile = load_profile(out).profile
    assert profile.acquisition_type == "commercial_product" and profile.hosting == "hybrid"


@pytest.mark.parametrize(("kind", "hosting"), [
    ("saas", "vendor_saas"), ("commercial_product", "contractor_cloud"), ("custom_development", "government_cloud"),
])
def test_defaults_follow_earlier_answers(runner, tmp_path: Path, kind: str, hosting: str) -> None:
    lines = GENERAL[:5] + [kind] + GENERAL[6:7] + ["", "", "", ""] + [""] * 12
    result, out = _run(runner, tmp_path, lines)
    assert result.exit_code == 0, result.stderr
    profile = load_profile(out).profile
    assert profile.hosting == hosting
    assert f"[{hosting}]" in result.stderr
    assert profile.period_of_performance.start == dt.date(2026, 3, 2) + dt.timedelta(days=90)


def test_default_hosting_is_contractor_hosted_for_commercial_types() -> None:
    for kind, hosting in DEFAULT_HOSTING.items():
        assert vocab.ACQUISITION_TYPES[kind].commercial and vocab.HOSTING[hosting].contractor_hosted


def test_risk_defaults_follow_earlier_answers(runner, tmp_path: Path) -> None:
    # biometrics = yes makes pii default to yes; benefits decisions make public-facing default to yes
    risk = ["n", "n", "n", "y", "n", "", "n", "y", "", "n"]
    result, out = _run(runner, tmp_path, GENERAL + risk)
    assert result.exit_code == 0, result.stderr
    r = load_profile(out).profile.risk
    assert r.biometrics and r.pii and r.benefits_decisions and r.public_facing and not r.face_recognition


def test_questions_that_cannot_apply_are_skipped(runner, tmp_path: Path) -> None:
    risk = ["n", "n", "y", "n", "y", "n", "n", "n", "n", "n", "n"]  # generative: yes, llm asked; biometrics: no
    result, out = _run(runner, tmp_path, GENERAL + risk)
    assert result.exit_code == 0, result.stderr
    assert "large language model" in result.stderr and "face recognition" not in result.stderr
    r = load_profile(out).profile.risk
    assert r.generative_ai and r.llm and not r.enterprise_genai and not r.biometrics and not r.face_recognition


def test_a_flag_answers_its_question_and_what_it_implies(runner, tmp_path: Path) -> None:
    # --llm implies generative AI, which is then not asked; --no-biometrics skips face recognition
    risk = ["n", "n", "n", "n", "n", "n", "n"]  # rights, safety, enterprise, pii, law, benefits, public...
    result, out = _run(runner, tmp_path, GENERAL + risk + ["n"], "--llm", "--no-biometrics")
    assert result.exit_code == 0, result.stderr
    assert "generative AI (text" not in result.stderr and "face recognition" not in result.stderr
    r = load_profile(out).profile.risk
    assert r.llm and r.generative_ai and not r.biometrics


def test_contradicting_flags_are_a_usage_error(runner, tmp_path: Path) -> None:
    result, _ = _run(runner, tmp_path, [], "--no-input", "--title", "T", "--component", "C", "--description", "D",
                     "--face-recognition", "--no-biometrics")
    assert result.exit_code == 2 and "face_recognition is a biometric use" in result.stderr
    result, _ = _run(runner, tmp_path, [], "--no-input", "--title", "T", "--component", "C", "--description", "D",
                     "--issue-date", "2026-05-01", "--start", "04/01/2026")
    assert result.exit_code == 2 and "before the solicitation is issued" in result.stderr


def test_skips_follow_the_implications_of_the_profile_model() -> None:
    order = [q.name for q in QUESTIONS]
    for premises, implied, _ in RiskAnswers.IMPLICATIONS:
        assert all(order.index(implied) < order.index(p) for p in premises)  # asked first, so premises skip
        for p in premises:
            assert RiskAnswers.forced(p, {implied: False}) is False
            assert RiskAnswers.forced(implied, {p: True}) is True
            assert RiskAnswers.forced(p, {implied: True}) is None


def test_unattended_with_flags(runner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    args = ["profile", "init", "-o", str(out), "--no-input", "--title", "Chat assistant", "--component", "TSA",
            "--issue-date", "2026-02-01", "--acquisition-type", "saas", "--description", "Answers staff questions.",
            "--hosting", "vendor_saas", "--start", "2026-03-01", "--months", "12", "--llm", "--pii"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    profile = load_profile(out).profile
    assert profile.risk.llm and profile.risk.generative_ai and profile.risk.pii
    assert not profile.risk.biometrics
    again = runner.invoke(cli, args)
    assert again.exit_code == 2 and "file exists" in again.stderr
    assert runner.invoke(cli, args + ["--force"]).exit_code == 0


def test_unattended_defaults_follow_the_flags(runner, tmp_path: Path) -> None:
    result, out = _run(runner, tmp_path, [], "--no-input", "--title", "T", "--component", "C", "--description",
                       "D", "--acquisition-type", "saas", "--issue-date", "2026-04-01")
    assert result.exit_code == 0, result.stderr
    profile = load_profile(out).profile
    assert profile.hosting == "vendor_saas" and profile.period_of_performance.start == dt.date(2026, 6, 30)


def test_unattended_missing_required_answer(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["profile", "init", "-o", str(tmp_path / "p.yaml"), "--no-input"])
    assert result.exit_code == 2 and "--title is required" in result.stderr


def test_generated_profile_feeds_the_generator(runner, tmp_path: Path) -> None:
    lines = GENERAL[:5] + ["saas", "Answers callers' questions about disaster aid.", "", "", "", ""] + [""] * 12
    result, out = _run(runner, tmp_path, lines, "--generative-ai", "--llm", "--public-facing")
    assert result.exit_code == 0, result.stderr
    load_profile(out)
    result = runner.invoke(cli, ["generate", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    docx = tmp_path / "sow.docx"
    result = runner.invoke(cli, ["generate", str(out), "-o", str(docx)])
    assert result.exit_code == 0 and docx.stat().st_size > 0, result.output


def test_one_source_for_the_question_texts() -> None:
    command = cli.commands["profile"].commands["init"]
    with click.Context(command) as ctx:
        params = {p.name: p for p in command.get_params(ctx)}
    for q in QUESTIONS:
        assert params[q.name].help == q.full_help()
        assert q.full_help().startswith(q.help)
    for name, field in RiskAnswers.model_fields.items():
        assert next(q for q in QUESTIONS if q.name == name).prompt == field.description
    assert {q.name for q in QUESTIONS} >= set(RiskAnswers.model_fields)


def test_readme_lists_the_questions_as_the_code_asks_them() -> None:
    section = re.search(r"<!-- generated: questions -->\n(.*?)<!-- end: questions -->", README.read_text(), re.DOTALL)
    assert section, "README has no '<!-- generated: questions -->' section"
    assert section.group(1) == questions_table()
