"""``acqspec profile init`` interactively and unattended."""

from __future__ import annotations

from pathlib import Path

from acqspec.cli import cli
from acqspec.generate.profile import load_profile


def test_interactive_questionnaire(runner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    answers = [
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
        # risk questions, in model order
        "y", "n", "n", "n", "n", "y", "y", "y", "y", "n", "y", "n",
    ]
    result = runner.invoke(cli, ["profile", "init", "-o", str(out)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    profile = load_profile(out).profile
    assert profile.title == "Border face capture" and profile.agency == "Department of Homeland Security"
    assert profile.risk.face_recognition and profile.risk.biometrics and profile.risk.rights_impacting
    assert not profile.risk.generative_ai
    assert profile.period_of_performance.months == 60
    assert "Could the AI's output serve as a principal basis" in result.stderr  # help text shown


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


def test_unattended_missing_required_answer(runner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["profile", "init", "-o", str(tmp_path / "p.yaml"), "--no-input"])
    assert result.exit_code == 2 and "--title is required" in result.stderr


def test_generated_profile_feeds_the_generator(runner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    runner.invoke(cli, ["profile", "init", "-o", str(out), "--no-input", "--title", "T", "--component", "C",
                        "--description", "D", "--issue-date", "2026-01-01", "--start", "2026-01-01"])
    result = runner.invoke(cli, ["generate", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
