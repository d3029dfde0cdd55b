"""Selection → :class:`SpecDocument`, the specification as plain data.

Everything the Word, Markdown and JSON writers show is decided here: section
numbers, requirement ids, filled parameters, deliverables, traceability and
the selection rationale.  The writers only lay it out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from acqspec import __version__, vocab
from acqspec.generate.profile import AcquisitionProfile, RiskAnswers
from acqspec.generate.select import CitationStatus, Selection
from acqspec.library import template
from acqspec.library.schema import format_cite
from acqspec.library.views import fill_in_marker

SegmentKind = Literal["text", "value", "fill_in"]

DELIVERABLE_COLUMNS = ("Deliverable", "Frequency", "Format", "Requirement")
MATRIX_COLUMNS = ("Requirement", "Section", "Clause", "Principal authority in force on the issue date",
                  "Verification")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Segment(_Frozen):
    """A piece of requirement text; fill-ins are shown so nobody misses them."""

    text: str
    kind: SegmentKind


class SpecCitation(_Frozen):
    """An authority citation and how it stands on the issue date.

    ``cite`` is what documents print (authority and pinpoint); ``unverified`` is the library's
    research note on it, for the library maintainer (stderr and JSON), never printed in a document.
    """

    authority: str
    cite: str
    standing: Literal["current", "legacy", "not_yet_effective"]
    explanation: str
    unverified: str | None = None


class SpecDeliverable(_Frozen):
    """A row of the deliverables table."""

    name: str
    frequency: str
    format: str
    requirement_id: str


class SpecRequirement(_Frozen):
    """One numbered requirement, made from one clause."""

    id: str
    number: str
    clause_id: str
    clause_version: int
    title: str
    paragraphs: tuple[tuple[Segment, ...], ...]
    obligations: tuple[str, ...]
    deliverables: tuple[SpecDeliverable, ...]
    verification: tuple[str, ...]
    citations: tuple[SpecCitation, ...]
    selected_because: tuple[str, ...]
    parameters: dict[str, str | None]
    overridden_parameters: tuple[str, ...]
    fill_ins: int
    conditional_text: dict[str, bool] = {}
    """Each conditional passage of the clause and whether this profile keeps it."""
    authority_cites: tuple[str, ...] = ()
    """What a document prints as the requirement's authority: its current citations, one entry per
    authority; when none is in force on the issue date, every citation with its standing."""

    @property
    def text(self) -> str:
        """The requirement as plain text."""
        return "\n\n".join("".join(s.text for s in paragraph) for paragraph in self.paragraphs)


class Section(_Frozen):
    """A topic section, e.g. C.5.1 Testing and Evaluation."""

    number: str
    topic: str
    heading: str
    requirements: tuple[SpecRequirement, ...]


class TraceRow(_Frozen):
    """A row of the traceability matrix: one current citation (the clause's principal authority).

    Citations of superseded or not-yet-effective authorities are ``origins``; documents collapse
    them into the notes under the matrix (:attr:`SpecDocument.trace_notes`) instead of repeating
    them on every row.
    """

    requirement_id: str
    number: str
    clause: str
    authority: str
    """The one citation the matrix shows: the clause's first authority in force on the issue date."""
    authorities: tuple[str, ...]
    """Every citation in force, one entry per authority (the requirement's Authority line)."""
    verification: str
    origins: tuple[str, ...] = ()


class LibraryNote(_Frozen):
    """A citation the library marks as not fully verified, for the library maintainer."""

    cite: str
    unverified: str
    clause_ids: tuple[str, ...]

    def message(self) -> str:
        """The line ``acqspec generate`` prints on stderr."""
        return f"unverified citation in {', '.join(self.clause_ids)}: {self.cite} ({self.unverified}; not printed)"


class Decision(_Frozen):
    """Why a clause is in or out (rationale appendix)."""

    clause_id: str
    title: str
    decision: Literal["included", "excluded"]
    reason: str


class SpecDocument(_Frozen):
    """The assembled specification."""

    title: str
    heading: str
    section: str
    agency: str
    component: str
    solicitation_number: str | None
    issue_date: str
    generator: str
    library_version: str = ""
    profile_answers: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    deliverables: tuple[SpecDeliverable, ...]
    trace: tuple[TraceRow, ...]
    trace_notes: tuple[str, ...] = ()
    """One note per superseded or not-yet-effective authority the matrix rows leave out."""
    decisions: tuple[Decision, ...]
    library_notes: tuple[LibraryNote, ...] = ()
    warnings: tuple[str, ...]
    """Everything ``acqspec generate`` reports on stderr: profile warnings, then one line on library notes."""

    def requirements(self) -> list[SpecRequirement]:
        """Every requirement in document order."""
        return [r for s in self.sections for r in s.requirements]


def grouped_cites(citations: Sequence[CitationStatus]) -> list[str]:
    """Clean citations, the sections of one authority merged in first-cited order:
    'DHS Directive 139-08 §V.A.6, §IV.E'."""
    by_authority: dict[str, list[CitationStatus]] = {}
    for citation in citations:
        by_authority.setdefault(citation.authority_id, []).append(citation)
    return [format_cite(items[0].short, *(c.section for c in items)) for items in by_authority.values()]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a clause text.

    Clause texts are YAML folded scalars (``>-``), where a blank line in the
    file becomes a single newline; a literal scalar (``|``) keeps blank lines.
    Either way a blank line in the file separates paragraphs.
    """
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [" ".join(p.split()) for p in parts if p.strip()]


def _answers(profile: AcquisitionProfile) -> tuple[tuple[str, str], ...]:
    def yes(value: bool) -> str:
        return "Yes" if value else "No"

    rows = [
        ("Title", profile.title), ("Agency", profile.agency), ("Component", profile.component),
        ("Solicitation number", profile.solicitation_number or "(not yet assigned)"),
        ("Issue date", profile.issue_date.isoformat()),
        ("Acquisition type", profile.acquisition_type.replace("_", " ")),
        ("Description of the AI use", profile.description),
        ("Hosting", profile.hosting.replace("_", " ")),
        ("Contractor trains on Government data", yes(profile.trains_on_government_data)),
        ("Period of performance", f"{profile.period_of_performance.months} months from "
                                  f"{profile.period_of_performance.start.isoformat()}"),
    ]
    for name, field in RiskAnswers.model_fields.items():
        rows.append((field.description or name, yes(getattr(profile.risk, name))))
    for source in profile.data_sources:
        flags = ", ".join(x for x in ("contains PII" if source.contains_pii else "",
                                      "Government-owned" if source.government_owned else "not Government-owned") if x)
        rows.append((f"Data source: {source.name}", f"{source.description} ({flags})"))
    return tuple(rows)


def _authority_cites(citations: Sequence[CitationStatus]) -> tuple[str, ...]:
    current = [c for c in citations if c.standing == "current"]
    if current:
        return tuple(grouped_cites(current))
    # Nothing in force on the issue date: print every citation with its standing.
    cites = []
    for standing in ("not_yet_effective", "legacy"):
        items = [c for c in citations if c.standing == standing]
        for cite, item in zip(grouped_cites(items), _first_per_authority(items)):
            tag = item.explanation.split(";")[0]
            cites.append(f"{cite} ({'origin; ' if standing == 'legacy' else ''}{tag})")
    return tuple(cites)


def _first_per_authority(citations: Sequence[CitationStatus]) -> list[CitationStatus]:
    seen: dict[str, CitationStatus] = {}
    for citation in citations:
        seen.setdefault(citation.authority_id, citation)
    return list(seen.values())


def _trace_notes(selection: Selection, ids: dict[str, str]) -> tuple[str, ...]:
    """One note per authority that is not in force on the issue date, naming the requirements that cite it."""
    cited: dict[str, tuple[CitationStatus, list[str]]] = {}
    for item in selection.selected:
        for citation in _first_per_authority([c for c in item.citations if c.standing != "current"]):
            entry = cited.setdefault(citation.authority_id, (citation, []))
            entry[1].append(ids[item.clause.id])
    notes = []
    for citation, requirement_ids in cited.values():
        if citation.standing == "legacy":
            status = citation.explanation.removesuffix("; cited as the origin of the requirement")
            notes.append(f"{citation.short} ({status}) is the origin of {_ids(requirement_ids)}; "
                         "the matrix shows the authority in force.")
        else:
            notes.append(f"{citation.short} ({citation.explanation}) is also cited by {_ids(requirement_ids)}.")
    return tuple(notes)


def _ids(requirement_ids: list[str]) -> str:
    return requirement_ids[0] if len(requirement_ids) == 1 else ", ".join(requirement_ids[:-1]) + \
        f" and {requirement_ids[-1]}"


def _notes_summary(notes: tuple[LibraryNote, ...]) -> tuple[str, ...]:
    """One stderr line for the library's unverified citations: a contracting officer needs to know they
    exist, the library maintainer the list (in --format json as ``library_notes``)."""
    if not notes:
        return ()
    clauses = sorted({clause for note in notes for clause in note.clause_ids})
    shown = ", ".join(clauses[:6]) + (f" and {len(clauses) - 6} more" if len(clauses) > 6 else "")
    return (f"{len(notes)} citation(s) the library marks unverified ({shown}) are printed without the "
            "research note; --format json lists them under library_notes",)


def _library_notes(selection: Selection) -> tuple[LibraryNote, ...]:
    """The library's research notes on the selected clauses' citations, one per distinct citation."""
    notes: dict[tuple[str, str], list[str]] = {}
    for item in selection.selected:
        for citation in item.citations:
            if citation.unverified:
                clauses = notes.setdefault((citation.cite, citation.unverified), [])
                if item.clause.id not in clauses:
                    clauses.append(item.clause.id)
    return tuple(LibraryNote(cite=cite, unverified=unverified, clause_ids=tuple(clauses))
                 for (cite, unverified), clauses in notes.items())


def assemble(profile: AcquisitionProfile, selection: Selection) -> SpecDocument:
    """Number the selected clauses by topic and build every table."""
    options = profile.document
    facts = profile.facts()
    by_topic: dict[str, list] = {}
    for item in selection.selected:
        by_topic.setdefault(item.clause.topic, []).append(item)
    ids = {item.clause.id: f"{options.requirement_prefix}-{item.clause.id}" for item in selection.selected}
    sections, all_deliverables, trace = [], [], []
    passage_reasons: dict[str, list[str]] = {}
    for topic_index, topic in enumerate([t for t in vocab.TOPICS if t in by_topic], start=1):
        number = f"{options.section}.{topic_index}"
        requirements = []
        for req_index, item in enumerate(by_topic[topic], start=1):
            clause = item.clause
            req_id = ids[clause.id]

            def fill_in(name: str, clause=clause) -> str:
                return fill_in_marker(clause, name)

            kept = {c.name: c.holds(facts) for c in clause.conditional_text}
            for passage in clause.conditional_text:
                _, why = passage.when.evaluate(facts)
                passage_reasons.setdefault(clause.id, []).append(
                    f"conditional text {passage.name!r} {'kept' if kept[passage.name] else 'left out'}: "
                    + "; ".join(why))
            paragraphs = tuple(
                tuple(Segment(text=t, kind=k) for t, k in template.render_segments(paragraph, item.values, fill_in))
                for paragraph in split_paragraphs(clause.text_for(facts)))
            deliverables = tuple(SpecDeliverable(name=d.name, frequency=template.render(
                d.frequency, item.values, fill_in), format=d.format, requirement_id=req_id)
                for d in clause.deliverables)
            citations = tuple(SpecCitation(authority=c.authority_id, cite=c.cite, standing=c.standing,
                                           explanation=c.explanation, unverified=c.unverified)
                              for c in item.citations)
            requirement = SpecRequirement(
                id=req_id, number=f"{number}.{req_index}", clause_id=clause.id, clause_version=clause.version,
                title=clause.title, paragraphs=paragraphs, obligations=tuple(o.id for o in clause.obligations),
                deliverables=deliverables, verification=clause.verification, citations=citations,
                selected_because=item.reasons,
                parameters={k: (template.format_value(v) if v is not None else None)
                            for k, v in sorted(item.values.items())},
                overridden_parameters=item.overridden,
                fill_ins=sum(s.kind == "fill_in" for p in paragraphs for s in p),
                conditional_text=kept, authority_cites=_authority_cites(item.citations))
            requirements.append(requirement)
            all_deliverables.extend(deliverables)
            trace.append(TraceRow(
                requirement_id=req_id, number=requirement.number, clause=f"{clause.id} v{clause.version}",
                authority=requirement.authority_cites[0], authorities=requirement.authority_cites,
                origins=tuple(grouped_cites([c for c in item.citations if c.standing != "current"])),
                verification=", ".join(v.capitalize() for v in clause.verification)))
        sections.append(Section(number=number, topic=topic, heading=vocab.TOPICS[topic].heading,
                                requirements=tuple(requirements)))
    decisions = [Decision(clause_id=s.clause.id, title=s.clause.title, decision="included",
                          reason="; ".join([*s.reasons, *passage_reasons.get(s.clause.id, [])]))
                 for s in selection.selected]
    decisions += [Decision(clause_id=r.clause_id, title=r.title, decision="excluded", reason=r.reason)
                  for r in selection.rejected]
    topic_rank = {t: i for i, t in enumerate(vocab.TOPICS)}
    order = {s.clause.id: (topic_rank[s.clause.topic], i) for i, s in enumerate(selection.selected)}
    order.update({r.clause_id: (topic_rank[r.topic], 10_000 + i) for i, r in enumerate(selection.rejected)})
    decisions.sort(key=lambda d: (d.decision != "included", order[d.clause_id]))
    library_notes = _library_notes(selection)
    return SpecDocument(
        title=profile.title, heading=options.heading, section=options.section, agency=profile.agency,
        component=profile.component, solicitation_number=profile.solicitation_number,
        issue_date=profile.issue_date.isoformat(), generator=f"acqspec {__version__}",
        library_version=selection.library_version,
        profile_answers=_answers(profile), sections=tuple(sections), deliverables=tuple(all_deliverables),
        trace=tuple(trace), trace_notes=_trace_notes(selection, ids), decisions=tuple(decisions),
        library_notes=library_notes,
        warnings=(*selection.warnings, *_notes_summary(library_notes)))
