"""The clause and authority models enforce the file format."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from acqspec.library.schema import Applicability, Authority, Parameter
from acqspec.library import template


def test_parameter_types_and_ranges() -> None:
    p = Parameter(name="hours", type="integer", description="d", filled_by="government", default=72, min=1, max=72)
    assert p.check_value(24) == 24
    with pytest.raises(ValueError, match="above the maximum"):
        p.check_value(100)
    with pytest.raises(ValueError, match="not of type integer"):
        p.check_value(True)
    with pytest.raises(ValidationError, match="needs a default"):
        Parameter(name="x", type="string", description="d", filled_by="government")
    with pytest.raises(ValidationError, match="needs choices"):
        Parameter(name="x", type="choice", description="d", filled_by="offeror")
    with pytest.raises(ValidationError, match="unit applies only"):
        Parameter(name="x", type="string", description="d", filled_by="offeror", unit="days")
    offeror = Parameter(name="x", type="string", description="d", filled_by="offeror")
    assert offeror.default is None


def test_applicability_explains_itself() -> None:
    always = Applicability()
    assert always.evaluate({}) == (True, ["applies to every AI acquisition"])
    app = Applicability.model_validate({"all": ["generative_ai"], "any": ["pii", "public_facing"], "none": ["national_security"]})
    ok, reasons = app.evaluate({"generative_ai": True, "pii": True})
    assert ok and "the AI processes personally identifiable information" in reasons
    ok, reasons = app.evaluate({"generative_ai": True, "pii": True, "national_security": True})
    assert not ok and "National Security System" in reasons[0]
    ok, reasons = app.evaluate({"pii": True})
    assert not ok and reasons[0].startswith("not:")
    with pytest.raises(ValidationError):
        Applicability.model_validate({"all": ["not_a_fact"]})


def test_authority_status_rules() -> None:
    base = dict(id="OMB-M-24-18", short="M-24-18", title="t", issuer="OMB", kind="omb_memorandum",
                issued=dt.date(2024, 9, 24))
    with pytest.raises(ValidationError, match="needs status_date"):
        Authority(**base, status="superseded", superseded_by="OMB-M-25-22")
    with pytest.raises(ValidationError, match="needs superseded_by"):
        Authority(**base, status="superseded", status_date=dt.date(2025, 4, 3))
    with pytest.raises(ValidationError, match="cannot have superseded_by"):
        Authority(**base, status="in_force", superseded_by="OMB-M-25-22")
    a = Authority(**base, status="superseded", superseded_by="OMB-M-25-22", status_date=dt.date(2025, 4, 3))
    assert a.in_force_on(dt.date(2025, 1, 1)) and not a.in_force_on(dt.date(2025, 4, 3))
    assert not a.in_force_on(dt.date(2024, 1, 1))


def test_template_has_only_placeholders() -> None:
    assert template.placeholders("within {{ a }} and {{b}} or {{ a }}") == ["a", "b"]
    assert template.template_errors("{{ a }} {{ a | e }} {% if x %}")
    assert not template.template_errors("{{ a }} and a plain {brace}")
    rendered = template.render("{{ a }} / {{ b }}", {"a": 2.50, "b": None}, lambda n: f"[{n}]")
    assert rendered == "2.5 / [b]"
