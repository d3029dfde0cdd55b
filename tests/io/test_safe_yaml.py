"""The YAML loader refuses everything that could run code, explode or mislead."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, ConfigDict

from acqspec.errors import YamlError
from acqspec.io.safe_yaml import MAX_NODES, load_yaml_file, load_yaml_text


def test_plain_values_and_lines() -> None:
    doc = load_yaml_text("a: 1\nb:\n  - x\n  - 2025-01-15\nc: {d: true}\n")
    assert doc.data == {"a": 1, "b": ["x", dt.date(2025, 1, 15)], "c": {"d": True}}
    assert doc.lines[("b",)] == 2
    assert doc.lines[("b", 1)] == 4
    assert doc.line_for(("c", "d", "missing")) == 5


@pytest.mark.parametrize("text, message, line", [
    ("a: !!python/object/apply:os.system ['ls']\n", "tag", 1),
    ("a: !custom x\n", "tag", 1),
    ("a: &x [1]\nb: *x\n", "aliases", 2),
    ("a: 1\na: 2\n", "duplicate key 'a'", 2),
    ("<<: {a: 1}\n", "merge", 1),
    ("a: [1\n", "invalid YAML", 2),
    ("a: 1\n---\nb: 2\n", "more than one YAML document", 3),
    ('a: ok\ncomponent: "x\\0y"\n', "control character U+0000", 2),
    ("a: ok\nb: [x, \"\\x1b[31m\"]\n", "control character U+001B", 2),
])
def test_refused_constructs(text: str, message: str, line: int) -> None:
    with pytest.raises(YamlError) as info:
        load_yaml_text(text, path="f.yaml")
    assert message in str(info.value)
    assert str(info.value).startswith(f"f.yaml:{line}: ")


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)]
    with pytest.raises(YamlError, match="aliases"):
        load_yaml_text("\n".join(lines))


def test_node_count_is_bounded() -> None:
    text = "[" + ",".join(["1"] * (MAX_NODES + 1)) + "]"
    with pytest.raises(YamlError, match="YAML nodes"):
        load_yaml_text(text)


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(YamlError):
        load_yaml_text("[" * 200 + "]" * 200)


def test_binary_and_oversized_files(tmp_path) -> None:
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"a: 1\n\xff\xfe\x00")
    with pytest.raises(YamlError, match="UTF-8"):
        load_yaml_file(binary)
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 100)
    with pytest.raises(YamlError, match="limit"):
        load_yaml_file(big, max_bytes=50)
    with pytest.raises(YamlError, match="cannot read"):
        load_yaml_file(tmp_path / "missing.yaml")


def test_empty_document_is_none() -> None:
    assert load_yaml_text("# only a comment\n").data is None


# --- schema errors: located, typos named --------------------------------------------------


def _messages(model, text: str) -> list[tuple[int, str]]:
    from pydantic import ValidationError

    from acqspec.io.safe_yaml import validation_messages

    doc = load_yaml_text(text, path="f.yaml")
    with pytest.raises(ValidationError) as info:
        model.model_validate(doc.data)
    return validation_messages(info.value, doc)


class _TypoRisk(BaseModel):
    model_config = ConfigDict(extra="forbid")
    biometrics: bool
    pii: bool = False


class _TypoProfile(BaseModel):
    """Found from the error's title, as the real profile and clause models are."""

    model_config = ConfigDict(extra="forbid")
    title: str
    acquisition_type: str
    risk: _TypoRisk
    items: list[_TypoRisk] = []


def _models():
    return _TypoProfile


def test_a_misspelt_key_is_reported_at_its_own_line_with_the_key_it_was_meant_to_be() -> None:
    messages = _messages(_models(), "title: t\n\n\naquisition_type: saas\nrisk: {biometrics: true}\n")
    # the "required key is missing" that the typo causes is not reported beside it
    assert messages == [(4, "aquisition_type: unknown key — did you mean 'acquisition_type'?")]


def test_typos_in_nested_mappings_and_list_items_get_their_own_suggestions() -> None:
    text = "title: t\nacquisition_type: saas\nrisk:\n  biometrcs: true\nitems:\n  - biometrics: true\n    PII: true\n"
    assert _messages(_models(), text) == [
        (4, "risk.biometrcs: unknown key — did you mean 'biometrics'?"),
        (7, "items.0.PII: unknown key — did you mean 'pii'?"),
    ]


def test_an_unknown_key_without_a_close_match_has_no_suggestion_and_problems_come_in_line_order() -> None:
    messages = _messages(_models(), "colour: blue\ntitle: t\nrisk: {biometrics: true}\n")
    assert [line for line, _ in messages] == sorted(line for line, _ in messages)
    assert (1, "colour: unknown key") in messages
    assert any(message == "acquisition_type: required key is missing" for _, message in messages)


@pytest.mark.parametrize("key, allowed, expected", [
    ("aquisition_type", {"acquisition_type", "title"}, "acquisition_type"),
    ("fail_on", {"fail-on", "select"}, "fail-on"),
    ("Select", {"select", "ignore"}, "select"),
    ("colour", {"title", "component"}, None),
    ("x", set(), None),
])
def test_suggest_key(key: str, allowed: set[str], expected: str | None) -> None:
    from acqspec.io.safe_yaml import suggest_key

    assert suggest_key(key, allowed) == expected
