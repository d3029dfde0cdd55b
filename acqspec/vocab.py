"""Controlled vocabularies, read from ``acqspec/vocabulary.toml``.

Topics, profile facts, acquisition types, hosting values, units and the small
enumerations of the clause file format are data, written once in that file.
The clause schema (and its JSON Schema export), the acquisition profile, the
generator, the checker, the NLP layer and the command line all read them from
here, so adding a value to the file is the only change needed for all of them
to accept it.

A base-layer module: it imports only the standard library, so every layer
(``acqspec.nlp`` included) may import it.  The file is read once, at import;
a malformed file is a packaging bug and raises :class:`VocabularyError`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, NamedTuple, get_type_hints

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.toml")


class VocabularyError(Exception):
    """``acqspec/vocabulary.toml`` is missing a list or holds a malformed entry."""


class Topic(NamedTuple):
    """A clause topic: the heading of its section in documents, and what belongs there."""

    heading: str
    scope: str


class AcquisitionType(NamedTuple):
    """A value of a profile's ``acquisition_type``."""

    description: str
    commercial: bool


class Hosting(NamedTuple):
    """A value of a profile's ``hosting``."""

    description: str
    contractor_hosted: bool


class Unit(NamedTuple):
    """A unit of a numeric constraint: what it measures and its factor to the group's base unit."""

    group: str
    factor: float


def _read() -> dict[str, Any]:
    try:
        return tomllib.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise VocabularyError(f"{VOCABULARY_FILE}: {exc}") from exc


def _section(data: dict[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or not value:
        raise VocabularyError(f"{VOCABULARY_FILE}: [{key}] is missing or empty")
    return value


def _entry(key: str, entry: Any, model: type[NamedTuple], keys: set[str]) -> Any:
    """One entry, checked to have exactly ``keys`` and the model's field types."""
    fields = get_type_hints(model)
    if not isinstance(entry, dict) or set(entry) != keys or not all(
            isinstance(entry[name], (int, float) if kind is float else kind) and (
                kind is bool or not isinstance(entry[name], bool)) for name, kind in fields.items()):
        raise VocabularyError(f"{VOCABULARY_FILE}: [{key}] entry {entry!r} needs exactly "
                              + ", ".join(f"{name} ({kind.__name__})" for name, kind in fields.items()))
    return model(**{name: kind(entry[name]) for name, kind in fields.items()})


def _entries(data: dict[str, Any], key: str, model: type[NamedTuple]) -> dict[str, Any]:
    """An array of tables ``[[key]]``, each an ``id`` and the model's fields, in file order."""
    result: dict[str, Any] = {}
    for entry in _section(data, key, list):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(ident, str) or ident in result:
            raise VocabularyError(f"{VOCABULARY_FILE}: [[{key}]] entry {entry!r} needs an id of its own")
        result[ident] = _entry(key, entry, model, {"id", *model._fields})
    return result


def _names(data: dict[str, Any], key: str) -> tuple[str, ...]:
    names = _section(data, key, list)
    if not all(isinstance(n, str) for n in names) or len(set(names)) != len(names):
        raise VocabularyError(f"{VOCABULARY_FILE}: {key} must be distinct strings")
    return tuple(names)


_DATA = _read()

TOPICS: dict[str, Topic] = _entries(_DATA, "topics", Topic)
"""Topic id → (heading, scope), in the order of sections in generated specifications."""

FACTS: dict[str, str] = dict(_section(_DATA, "facts", dict))
"""Profile fact → how a selection explains it ("the AI is rights-impacting")."""

ACQUISITION_TYPES: dict[str, AcquisitionType] = _entries(_DATA, "acquisition_types", AcquisitionType)
"""Acquisition type id → (one-line description, whether it is commercial)."""

HOSTING: dict[str, Hosting] = _entries(_DATA, "hosting", Hosting)
"""Hosting id → (one-line description, whether the contractor hosts it)."""

UNITS: dict[str, Unit] = {name: _entry("units", spec, Unit, set(Unit._fields))
                          for name, spec in _section(_DATA, "units", dict).items()}
"""Unit → (group, factor to the group's base unit)."""

_FORMAT = _section(_DATA, "clause_format", dict)
PARTIES = _names(_FORMAT, "parties")
MODALITIES = _names(_FORMAT, "modalities")
VERIFICATION_METHODS = _names(_FORMAT, "verification_methods")
CLAUSE_STATUSES = _names(_FORMAT, "clause_statuses")
AUTHORITY_STATUSES = _names(_FORMAT, "authority_statuses")
AUTHORITY_KINDS = _names(_FORMAT, "authority_kinds")
BOUNDS = _names(_FORMAT, "bounds")
"""max: an upper bound (a number that may not grow); min: a lower bound (may not shrink)."""

if not all(isinstance(text, str) and text for text in FACTS.values()):
    raise VocabularyError(f"{VOCABULARY_FILE}: every [facts] value must be a non-empty explanation")
_missing = [kind for kind in ACQUISITION_TYPES if kind not in FACTS] + [
    fact for fact in ("high_impact", "commercial", "contractor_hosted") if fact not in FACTS]
if _missing:
    raise VocabularyError(f"{VOCABULARY_FILE}: [facts] lacks {', '.join(_missing)}")
del _DATA, _FORMAT, _missing


def described(values: dict[str, AcquisitionType | Hosting]) -> str:
    """``id (description); id (description)…``: the values of a choice with their meaning, for help texts."""
    return "; ".join(f"{ident} ({value.description})" for ident, value in values.items())
