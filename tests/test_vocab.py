"""The controlled vocabularies come from acqspec/vocabulary.toml, and every user of them agrees with it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import typing
from pathlib import Path

import click
import pytest

import acqspec
from acqspec import vocab
from acqspec.cli import cli
from acqspec.generate.profile import AcquisitionProfile, RiskAnswers
from acqspec.library.schema import Clause, clause_json_schema

PACKAGE = Path(acqspec.__file__).resolve().parent  # the acqspec under test (a checkout or an installed wheel)


def _init_option(name: str) -> click.Option:
    command = cli.commands["profile"].commands["init"]
    with click.Context(command) as ctx:
        return next(p for p in command.get_params(ctx) if p.name == name)


def _profile_enum(field: str) -> list[str]:
    return AcquisitionProfile.model_json_schema()["properties"][field]["enum"]


def _clause_enum(definition: str, field: str) -> list[str]:
    schema = clause_json_schema()
    return schema["$defs"][definition]["properties"][field]["items"]["enum"]


def test_the_data_file_sits_in_the_package_and_is_read() -> None:
    assert vocab.VOCABULARY_FILE == PACKAGE / "vocabulary.toml"
    assert vocab.VOCABULARY_FILE.is_file()
    assert list(vocab.TOPICS)[:2] == ["testing-evaluation", "risk-management"]


def test_acquisition_types_are_the_data_files_everywhere() -> None:
    expected = list(vocab.ACQUISITION_TYPES)
    # the profile model (and so its validation and JSON Schema)
    assert list(typing.get_args(AcquisitionProfile.model_fields["acquisition_type"].annotation)) == expected
    assert _profile_enum("acquisition_type") == expected
    # the clause schema: every acquisition type is a profile fact a clause's applicability may test
    facts = _clause_enum("Applicability", "all")
    assert facts == list(vocab.FACTS)
    assert [f for f in facts if f in vocab.ACQUISITION_TYPES] == expected
    # the questionnaire: its choices, and its help lists each value with its description
    option = _init_option("acquisition_type")
    assert list(option.type.choices) == expected
    for ident, entry in vocab.ACQUISITION_TYPES.items():
        assert f"{ident} ({entry.description})" in option.help


def test_hosting_values_are_the_data_files_everywhere() -> None:
    expected = list(vocab.HOSTING)
    assert list(typing.get_args(AcquisitionProfile.model_fields["hosting"].annotation)) == expected
    assert _profile_enum("hosting") == expected
    option = _init_option("hosting")
    assert list(option.type.choices) == expected
    assert all(entry.description in option.help for entry in vocab.HOSTING.values())


def test_library_schema_command_lists_the_allowed_values(runner) -> None:
    result = runner.invoke(cli, ["library", "schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["topic"]["enum"] == list(vocab.TOPICS)
    assert schema["$defs"]["NumericLimit"]["properties"]["unit"]["enum"] == list(vocab.UNITS)
    assert _clause_enum("Applicability", "none") == list(vocab.FACTS)
    assert typing.get_args(Clause.model_fields["status"].annotation) == vocab.CLAUSE_STATUSES


def _profile(**changes) -> AcquisitionProfile:
    data = {"title": "T", "component": "C", "issue_date": dt.date(2026, 1, 5), "acquisition_type": "saas",
            "description": "D", "hosting": "vendor_saas",
            "risk": {"rights_impacting": False, "safety_impacting": False, "generative_ai": False,
                     "biometrics": False, "pii": False},
            "period_of_performance": {"start": dt.date(2026, 2, 1), "months": 12}}
    return AcquisitionProfile.model_validate({**data, **changes})


@pytest.mark.parametrize("kind", list(vocab.ACQUISITION_TYPES))
def test_profile_facts_are_exactly_the_vocabularys(kind: str) -> None:
    facts = _profile(acquisition_type=kind).facts()
    assert set(facts) == set(vocab.FACTS)
    assert [k for k in vocab.ACQUISITION_TYPES if facts[k]] == [kind]
    assert facts["commercial"] is vocab.ACQUISITION_TYPES[kind].commercial


@pytest.mark.parametrize("hosting", list(vocab.HOSTING))
def test_contractor_hosted_comes_from_the_hosting_entry(hosting: str) -> None:
    assert _profile(hosting=hosting).facts()["contractor_hosted"] is vocab.HOSTING[hosting].contractor_hosted


def test_units_keep_their_conversion_factors() -> None:
    assert vocab.UNITS["hours"] == ("duration", 1.0)
    assert vocab.UNITS["minutes"].factor == 1 / 60
    assert vocab.UNITS["business_days"].factor == 24.0 * 7 / 5
    assert vocab.UNITS["months"].factor == 24.0 * 30.4375
    assert vocab.UNITS["years"].factor == 24.0 * 365.25
    assert {u.group for u in vocab.UNITS.values()} == {"duration", "ratio", "count"}


def test_malformed_entries_are_refused() -> None:
    with pytest.raises(vocab.VocabularyError, match="needs exactly"):
        vocab._entries({"hosting": [{"id": "x", "description": "d"}]}, "hosting", vocab.Hosting)
    with pytest.raises(vocab.VocabularyError, match="id of its own"):
        vocab._entries({"topics": [{"id": "a", "heading": "A", "scope": "s"}] * 2}, "topics", vocab.Topic)
    with pytest.raises(vocab.VocabularyError, match="needs exactly"):
        vocab._entry("units", {"group": "duration", "factor": True}, vocab.Unit, {"group", "factor"})


def test_vocab_is_a_base_layer_module() -> None:
    code = ("import sys, acqspec.vocab; "
            "print(sorted(m for m in sys.modules if m.startswith('acqspec') or m in ('pydantic', 'yaml')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PACKAGE.parent)
    assert out.stdout.strip() == "['acqspec', 'acqspec.vocab']"


def test_cli_start_up_does_not_import_the_profile_model() -> None:
    code = "import sys, acqspec.cli; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PACKAGE.parent)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- risk answers (profile init)


def test_risk_flags_are_the_models_fields_with_their_descriptions() -> None:
    command = cli.commands["profile"].commands["init"]
    with click.Context(command) as ctx:
        params = {p.name: p for p in command.get_params(ctx)}
    for name, field in RiskAnswers.model_fields.items():
        assert params[name].help == field.description
        assert params[name].opts == [f"--{name.replace('_', '-')}"]
    assert _init_option("trains_on_government_data").help


def test_completed_applies_the_domain_rules() -> None:
    answers = dict.fromkeys(RiskAnswers.model_fields, False)
    assert RiskAnswers.completed(answers) == answers
    done = RiskAnswers.completed({**answers, "face_recognition": True, "llm": True})
    assert done["biometrics"] and done["generative_ai"] and not done["enterprise_genai"]
    RiskAnswers.model_validate(done)  # consistent


@pytest.mark.parametrize(("answer", "message"), [
    ("face_recognition", "face_recognition is a biometric use: set biometrics: true as well"),
    ("enterprise_genai", "enterprise_genai and llm are generative AI: set generative_ai: true as well"),
    ("llm", "enterprise_genai and llm are generative AI: set generative_ai: true as well"),
])
def test_the_model_refuses_what_the_rules_forbid(answer: str, message: str) -> None:
    answers = {**dict.fromkeys(RiskAnswers.model_fields, False), answer: True}
    with pytest.raises(ValueError, match=message):
        RiskAnswers.model_validate(answers)


def test_profile_init_completes_the_answers(runner, tmp_path: Path) -> None:
    out = tmp_path / "p.yaml"
    result = runner.invoke(cli, ["profile", "init", "-o", str(out), "--no-input", "--title", "T", "--component", "C",
                                 "--description", "D", "--issue-date", "2026-01-01", "--start", "2026-01-01",
                                 "--face-recognition", "--enterprise-genai"])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "biometrics: true" in text and "generative_ai: true" in text and "llm: false" in text
