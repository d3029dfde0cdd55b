"""The bundled clause library is valid, complete and cites its authorities."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from acqspec.library.loader import load_library
from acqspec.vocab import TOPICS


@pytest.fixture(scope="module")
def catalog(bundled_library):
    return load_library([bundled_library])


def test_ships_inside_the_package(bundled_library) -> None:
    assert (bundled_library / "authorities.yaml").is_file()


def test_validates_without_errors_or_warnings(catalog) -> None:
    assert [str(p) for p in catalog.problems] == []


def test_at_least_sixty_approved_clauses_covering_every_topic(catalog) -> None:
    approved = [c for c in catalog.clauses() if c.status == "approved"]
    assert len(approved) >= 60
    assert {c.topic for c in approved} == set(TOPICS)
    for clause in approved:
        assert clause.authorities and clause.obligations


def test_every_prohibited_use_of_directive_section_v_a_9_is_covered(catalog) -> None:
    letters = set()
    for clause in catalog.clauses():
        for citation in clause.authorities:
            match = re.search(r"V\.A\.9\.?\(?([a-f])\)?", citation.section)
            if citation.authority == "DHS-DIR-139-08" and match:
                letters.add(match.group(1))
    assert letters == set("abcdef")


def test_directive_section_v_a_8_topics_are_all_cited(catalog) -> None:
    # §V.A.8: T&E, risk management, transparency, performance, data ownership and
    # management, environmental efficiency and sustainability.
    needed = {"testing-evaluation", "risk-management", "transparency", "performance", "data-rights",
              "data-management", "environmental"}
    cited = {c.topic for c in catalog.clauses()
             if any(a.authority == "DHS-DIR-139-08" and "V.A.8" in a.section for a in c.authorities)}
    assert needed <= cited


def test_every_clause_file_matches_the_exported_json_schema(catalog) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from acqspec.library.schema import clause_json_schema

    validator = jsonschema.Draft202012Validator(clause_json_schema())

    def plain(value):
        return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, dt.date) else v))

    for record in catalog.records.values():
        errors = list(validator.iter_errors(plain(record.doc.data)))
        assert not errors, (record.path, errors[0].message)


def test_citations_of_replaced_authorities_name_a_current_one(catalog) -> None:
    for clause in catalog.clauses(include_retired=False):
        statuses = {catalog.authority(c.authority).status for c in clause.authorities}
        assert "in_force" in statuses, clause.id
