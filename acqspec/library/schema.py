"""Pydantic models of a clause file and of the authority registry.

These models *are* the file format: ``acqspec library schema`` exports them
as JSON Schema, and every key unknown to them is an error (``extra="forbid"``).
Cross-field checks that need a file location (placeholders used vs declared,
units, obligation id prefixes) live in :mod:`acqspec.library.validation` so they
can point at the offending line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from acqspec import vocab
from acqspec.library import template
from acqspec.models import StrictModel

CLAUSE_ID_PATTERN = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"
AUTHORITY_ID_PATTERN = r"^[A-Z][A-Z0-9]*([-.][A-Z0-9]+)*$"
PARAM_NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
CONCEPT_NAME_PATTERN = r"^[a-z][a-z0-9_]*$"

RESEARCH_NOTE = re.compile(
    r"unverified|unconfirmed|secondary (?:source|summar)|text (?:is )?(?:not )?(?:unavailable|available)|"
    r"cited by topic|as cited by|heading paraphrased|paraphrased heading|section (?:letter|number) (?:from|unknown)",
    re.IGNORECASE)
"""Wording of the library's research notes ("heading; section letter unverified").  They belong in a
citation's ``unverified`` field, never in its ``section``, which generated documents print."""

ClauseId = Annotated[str, StringConstraints(pattern=CLAUSE_ID_PATTERN)]
AuthorityId = Annotated[str, StringConstraints(pattern=AUTHORITY_ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Topic = Literal[tuple(vocab.TOPICS)]  # type: ignore[valid-type]
Fact = Literal[tuple(vocab.FACTS)]  # type: ignore[valid-type]
Party = Literal[vocab.PARTIES]  # type: ignore[valid-type]
Modality = Literal[vocab.MODALITIES]  # type: ignore[valid-type]
Unit = Literal[tuple(vocab.UNITS)]  # type: ignore[valid-type]
Verification = Literal[vocab.VERIFICATION_METHODS]  # type: ignore[valid-type]


# --------------------------------------------------------------------------- authorities


class Authority(StrictModel):
    """One instrument in the authority registry (a directive, memo, order, regulation...)."""

    id: AuthorityId = Field(description="Stable registry id, e.g. DHS-DIR-139-08 or OMB-M-24-18.")
    short: Text = Field(description="How the authority is cited in documents, e.g. 'OMB M-24-18'.")
    title: Text
    issuer: Text
    kind: Literal[vocab.AUTHORITY_KINDS]  # type: ignore[valid-type]
    issued: dt.date = Field(description="Date the instrument was signed or issued.")
    effective: dt.date | None = Field(
        default=None,
        description="Date from which it governs solicitations, when later than 'issued'.")
    status: Literal[vocab.AUTHORITY_STATUSES]  # type: ignore[valid-type]
    superseded_by: AuthorityId | None = Field(
        default=None, description="Registry id of the instrument that replaced or revoked this one.")
    status_date: dt.date | None = Field(
        default=None, description="Date this instrument stopped being in force.")
    text_available: bool = Field(
        default=True,
        description="False when the primary text was not available to the library's authors.")
    url: str | None = None
    notes: str | None = None

    @model_validator(mode="after")
    def _status_is_consistent(self) -> "Authority":
        if self.status == "in_force":
            if self.superseded_by or self.status_date:
                raise ValueError("an in-force authority cannot have superseded_by or status_date")
        elif self.status_date is None:
            raise ValueError(f"status '{self.status}' needs status_date (when it stopped being in force)")
        if self.status == "superseded" and not self.superseded_by:
            raise ValueError("status 'superseded' needs superseded_by")
        return self

    def cite(self, *sections: str) -> str:
        """How a document cites ``sections`` of this authority (see :func:`format_cite`)."""
        return format_cite(self.short, *sections)

    @property
    def in_force_from(self) -> dt.date:
        """First date this authority governs."""
        return self.effective or self.issued

    def in_force_on(self, day: dt.date) -> bool:
        """Whether this authority governed on ``day`` according to the registry."""
        if day < self.in_force_from:
            return False
        return self.status_date is None or day < self.status_date


def format_cite(short: str, *sections: str) -> str:
    """How a document cites ``sections`` of the authority called ``short``.

    'FAR 52.212-4(c)', '31 U.S.C. 1341(a)(1)', '41 U.S.C. 6305' (not '41 U.S.C. 6305 §6305'),
    'DHS Directive 139-08 §V.A.6, §IV.E', 'OMB M-25-22, "Protect Privacy"': a section that
    repeats the number the short name ends with is not printed twice, a paragraph pinpoint
    follows the number directly, a heading or topic follows a comma, and several sections of
    one authority are separated by commas.
    """
    number = short.rsplit(" ", 1)[-1]
    parts: list[str] = []
    for section in sections:
        section = _commas(" ".join(section.split()))
        bare = section[1:].lstrip() if section.startswith("§") else ""
        if bare.startswith(number) and not bare[len(number):][:1].isalnum():
            section = bare[len(number):] if not parts else bare
        parts.append(section)
    first, rest = parts[0] if parts else "", [p for p in parts[1:] if p]
    if not first:
        head = short
    elif re.match(r"\([a-z0-9]{1,5}\)", first):
        head = short + first
    elif _is_pinpoint(first):
        head = f"{short} {first}"
    else:
        head = f"{short}, {first}"
    return ", ".join([head, *rest])


def _commas(section: str) -> str:
    """'(b); (d)' → '(b), (d)': semicolons outside parentheses become commas."""
    out, depth = [], 0
    for char in section:
        depth += (char == "(") - (char == ")")
        out.append("," if char == ";" and depth == 0 else char)
    return "".join(out)


def _is_pinpoint(section: str) -> bool:
    """'§V.A.8', 'App. A.1.4', 'MEASURE 2.5', 'GV-6.1-004', '(b)(1)(i)'; not a heading or a topic."""
    return bool(re.match(r"[§(]|App\.|[A-Z]{2,}[ .-]?\d|\d|[A-Z]{1,3}\.\d", section))


class AuthorityRegistry(StrictModel):
    """The ``authorities.yaml`` file of a library folder."""

    authorities: tuple[Authority, ...]


# --------------------------------------------------------------------------- clause parts


class Parameter(StrictModel):
    """A typed value the clause text refers to as ``{{ name }}``."""

    name: Annotated[str, StringConstraints(pattern=PARAM_NAME_PATTERN)]
    type: Literal["integer", "number", "string", "choice", "boolean", "date"]
    description: Text = Field(description="Plain-language question or explanation shown to whoever fills it.")
    filled_by: Literal["government", "offeror"]
    unit: Unit | None = None
    default: int | float | str | bool | dt.date | None = None
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] | None = None

    @model_validator(mode="after")
    def _constraints_fit_type(self) -> "Parameter":
        numeric = self.type in ("integer", "number")
        if (self.min is not None or self.max is not None) and not numeric:
            raise ValueError("min/max apply only to integer and number parameters")
        if self.unit is not None and not numeric:
            raise ValueError("unit applies only to integer and number parameters")
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice parameter needs choices")
        if self.type != "choice" and self.choices is not None:
            raise ValueError("choices apply only to choice parameters")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")
        if self.default is None:
            if self.filled_by == "government":
                raise ValueError("a Government-filled parameter needs a default")
        else:
            self.check_value(self.default, what="default")
        return self

    def check_value(self, value: Any, *, what: str = "value") -> Any:
        """Return ``value`` if it fits this parameter's type and range, else raise ValueError."""
        kinds = {
            "integer": (int,), "number": (int, float), "string": (str,), "choice": (str,),
            "boolean": (bool,), "date": (dt.date,),
        }[self.type]
        if isinstance(value, bool) and self.type != "boolean" or not isinstance(value, kinds):
            raise ValueError(f"{what} {value!r} is not of type {self.type}")
        if self.min is not None and value < self.min:
            raise ValueError(f"{what} {value!r} is below the minimum {self.min:g}")
        if self.max is not None and value > self.max:
            raise ValueError(f"{what} {value!r} is above the maximum {self.max:g}")
        if self.choices is not None and value not in self.choices:
            raise ValueError(f"{what} {value!r} is not one of {', '.join(self.choices)}")
        return value


class Applicability(StrictModel):
    """Conditions over the acquisition profile's facts.  Empty means 'every AI acquisition'."""

    all_of: tuple[Fact, ...] = Field(default=(), alias="all", description="Every one of these facts holds.")
    any_of: tuple[Fact, ...] = Field(default=(), alias="any", description="At least one of these facts holds.")
    none_of: tuple[Fact, ...] = Field(default=(), alias="none", description="None of these facts holds.")

    def evaluate(self, facts: dict[str, bool]) -> tuple[bool, list[str]]:
        """Return (applies, reasons): reasons name the facts that decided it."""
        reasons: list[str] = []
        for fact in self.all_of:
            if not facts.get(fact, False):
                return False, [f"not: {vocab.FACTS[fact]}"]
            reasons.append(vocab.FACTS[fact])
        if self.any_of:
            held = [f for f in self.any_of if facts.get(f, False)]
            if not held:
                return False, ["none of: " + "; ".join(vocab.FACTS[f] for f in self.any_of)]
            reasons.extend(vocab.FACTS[f] for f in held)
        for fact in self.none_of:
            if facts.get(fact, False):
                return False, [f"excluded because {vocab.FACTS[fact]}"]
        if not reasons:
            reasons.append("applies to every AI acquisition" if not self.none_of else
                           "applies unless: " + "; ".join(vocab.FACTS[f] for f in self.none_of))
        return True, reasons

    @property
    def is_unconditional(self) -> bool:
        """True when the clause applies to every acquisition."""
        return not (self.all_of or self.any_of or self.none_of)


class Condition(Applicability):
    """When a conditional passage appears: all / any / none over the profile facts, as in applicability."""


class ConditionalText(StrictModel):
    """A passage of the clause text that appears only when its condition holds for the profile.

    The clause text marks where it goes with ``{{ name }}``, like a parameter; when the condition
    does not hold the passage is left out and the spacing around it closes up.
    """

    name: Annotated[str, StringConstraints(pattern=PARAM_NAME_PATTERN)] = Field(
        description="Name used as {{ name }} in the clause text; distinct from every parameter name.")
    when: Condition = Field(description="Profile facts that decide whether the passage appears "
                                        "(all / any / none, as in applicability); must not be empty.")
    text: Text = Field(description="The passage as written into a SOW; may use the clause's {{ parameters }}, "
                                   "not other conditional passages.")

    @model_validator(mode="after")
    def _has_condition(self) -> "ConditionalText":
        if self.when.is_unconditional:
            raise ValueError("'when' is empty: a passage that always appears belongs in the text")
        return self

    def holds(self, facts: Mapping[str, bool]) -> bool:
        """Whether the passage appears for a profile with these ``facts``."""
        return self.when.evaluate(dict(facts))[0]


class Citation(StrictModel):
    """A pinpoint reference into the authority registry."""

    authority: AuthorityId
    section: Text = Field(description="Pinpoint as documents print it, e.g. '§V.A.8', '§4(c)(iii)(E)', '(b)(1)(i)', "
                                      "or a heading ('\"Protect Privacy\"') when the section number is not known.")
    note: str | None = Field(default=None, description="What the cited text says, for reviewers of the library.")
    unverified: Text | None = Field(
        default=None,
        description="What about this citation is uncertain (e.g. 'heading from a secondary source; section letter "
                    "unverified'). For the library maintainer: 'acqspec generate' reports it on stderr and in its "
                    "JSON output, and never prints it in a generated document.")

    @model_validator(mode="after")
    def _section_is_clean(self) -> "Citation":
        note = RESEARCH_NOTE.search(self.section)
        if note:
            raise ValueError(f"section carries a research note ({note.group(0)!r}): generated documents print the "
                             "section, so move the note to 'unverified'")
        return self


class NumericLimit(StrictModel):
    """A number the obligation binds, e.g. 'within 72 hours' or 'at least quarterly'."""

    measure: Literal["deadline", "interval", "retention", "count", "threshold"] = Field(
        description="deadline: time to act; interval: time between recurring actions; "
                    "retention: how long something is kept; count/threshold: other quantities.")
    bound: Literal[vocab.BOUNDS] = Field(  # type: ignore[valid-type]
        description="max: the document's number must not be larger (looser deadline); "
                    "min: it must not be smaller.")
    value: float | Annotated[str, StringConstraints(pattern=r"^\{\{\s*[a-z][a-z0-9_]*\s*\}\}$")] = Field(
        description="A number, or a parameter placeholder such as '{{ report_hours }}'.")
    unit: Unit

    @property
    def parameter_name(self) -> str | None:
        """The parameter named by a ``{{ name }}`` value, or None for a plain number."""
        return template.placeholders(self.value)[0] if isinstance(self.value, str) else None


ConceptName = Annotated[str, StringConstraints(pattern=CONCEPT_NAME_PATTERN)]
Terms = Annotated[tuple[Text, ...], Field(min_length=1)]


class Obligation(StrictModel):
    """One thing the clause binds a party to; what the checker looks for in documents."""

    id: Text = Field(description="'<CLAUSE-ID>.<n>', unique in the library.")
    party: Party
    modality: Modality
    statement: Text = Field(description="Canonical one-sentence statement of the obligation.")
    concepts: dict[ConceptName, Terms] = Field(
        min_length=1,
        description="Key concepts, each with synonyms/phrasings that identify it in other people's wording.")
    limit: NumericLimit | None = None


class Conflict(StrictModel):
    """A statement that contradicts the clause, for the checker to flag in proposals."""

    id: Text = Field(description="'<CLAUSE-ID>.X<n>', unique in the library.")
    statement: Text = Field(description="Example of contradicting wording, in plain language.")
    party: Party | None = Field(default=None, description="Party the contradicting statement empowers.")
    concepts: dict[ConceptName, Terms] = Field(
        min_length=1, description="Concepts that must all be present for the conflict to fire.")
    reason: Text = Field(description="Why this contradicts the clause, for the finding's message.")
    unless: Terms | None = Field(default=None, description=(
        "Exceptions that take the conflict back: it does not fire on a sentence whose paragraph carries "
        "one of these terms (a bar on disclosure to any third party 'except to its advisers')."))
    yields: bool = Field(default=False, description=(
        "A general rule the document may qualify elsewhere: with a baseline, the conflict fires only "
        "where no sentence meets the clause's obligations."))


class Deliverable(StrictModel):
    """A document or artefact the contractor delivers under the clause."""

    name: Text
    frequency: Text = Field(description="e.g. 'quarterly', 'once, 30 days after award', 'per incident'.")
    format: Text = Field(description="e.g. 'machine-readable JSON and PDF'.")
    description: str | None = None


class Effective(StrictModel):
    """When the clause may be selected; ``end`` is exclusive."""

    start: dt.date
    end: dt.date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> "Effective":
        if self.end is not None and self.end <= self.start:
            raise ValueError("end must be after start")
        return self

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls within the effective period."""
        return self.start <= day and (self.end is None or day < self.end)


# --------------------------------------------------------------------------- the clause


class Clause(StrictModel):
    """One clause file: ``clause_library/<topic>/<ID>.yaml``."""

    id: ClauseId = Field(description="Must equal the file name without '.yaml'.")
    title: Text
    version: int = Field(ge=1, description="Raise on every change; an overlay must use a higher version.")
    status: Literal[vocab.CLAUSE_STATUSES]  # type: ignore[valid-type]
    topic: Topic = Field(description="Must equal the name of the folder the file is in.")
    purpose: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)] = Field(
        description="One plain-language line: why the clause exists.")
    effective: Effective
    text: Text = Field(description="Requirement text as written into a SOW; parameters and conditional passages "
                                   "as {{ name }}.")
    parameters: tuple[Parameter, ...] = ()
    conditional_text: tuple[ConditionalText, ...] = Field(
        default=(), description="Passages of the text that appear only when their condition holds for the profile.")
    applicability: Applicability = Applicability()
    authorities: tuple[Citation, ...] = Field(min_length=1)
    obligations: tuple[Obligation, ...] = Field(min_length=1)
    conflicts: tuple[Conflict, ...] = ()
    deliverables: tuple[Deliverable, ...] = ()
    verification: tuple[Verification, ...] = Field(min_length=1)
    notes: str | None = None
    supersedes: tuple[ClauseId, ...] = ()
    superseded_by: ClauseId | None = None

    def parameter(self, name: str) -> Parameter | None:
        """Return the declared parameter called ``name``, if any."""
        return next((p for p in self.parameters if p.name == name), None)

    def passage(self, name: str) -> ConditionalText | None:
        """Return the conditional passage called ``name``, if any."""
        return next((c for c in self.conditional_text if c.name == name), None)

    def text_for(self, facts: Mapping[str, bool] | None = None,
                 mark: Callable[[ConditionalText], str] | None = None) -> str:
        """The text with conditional passages resolved; parameters stay ``{{ name }}``.

        ``facts`` of a profile keep the passages whose condition holds and drop the others;
        ``None`` keeps every passage.  ``mark(passage)``, if given, replaces each kept passage's
        text (e.g. to show its condition in a catalog).
        """
        chosen: dict[str, str | None] = {}
        for passage in self.conditional_text:
            if facts is not None and not passage.holds(facts):
                chosen[passage.name] = None
            else:
                chosen[passage.name] = mark(passage) if mark is not None else passage.text
        return template.resolve_passages(self.text, chosen)


def clause_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a clause file, for editors and CI."""
    schema = Clause.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://acqspec.invalid/schema/clause.json"
    return schema
