"""Selection → :class:`SpecDocument`, the specification as plain data.

Everything the Word, Markdown and JSON writers show is decided here: section
numbers, requirement ids, filled parameters, deliverables, traceability and
the selection rationale.  The writers only lay it out.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from acqspec import __version__, vocab
from acqspec.generate.profile import AcquisitionProfile, RiskAnswers
from acqspec.generate.select import Selection
from acqspec.library import template
from acqspec.library.views import fill_in_marker

SegmentKind = Literal["text", "value", "fill_in"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Segment(_Frozen):
    """A piece of requirement text; fill-ins are shown so nobody misses them."""

    text: str
    kind: SegmentKind


class SpecCitation(_Frozen):
    """An authority citation and how it stands on the issue date."""

    authority: str
    cite: str
    standing: Literal["current", "legacy", "not_yet_effective"]
    explanation: str


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
    """A row of the traceability matrix."""

    requirement_id: str
    number: str
    clause: str
    authorities: tuple[str, ...]
    verification: str


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
    profile_answers: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    deliverables: tuple[SpecDeliverable, ...]
    trace: tuple[TraceRow, ...]
    decisions: tuple[Decision, ...]
    warnings: tuple[str, ...]

    def requirements(self) -> list[SpecRequirement]:
        """Every requirement in document order."""
        return [r for s in self.sections for r in s.requirements]


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


def assemble(profile: AcquisitionProfile, selection: Selection) -> SpecDocument:
    """Number the selected clauses by topic and build every table."""
    options = profile.document
    by_topic: dict[str, list] = {}
    for item in selection.selected:
        by_topic.setdefault(item.clause.topic, []).append(item)
    sections, all_deliverables, trace = [], [], []
    for topic_index, topic in enumerate([t for t in vocab.TOPICS if t in by_topic], start=1):
        number = f"{options.section}.{topic_index}"
        requirements = []
        for req_index, item in enumerate(by_topic[topic], start=1):
            clause = item.clause
            req_id = f"{options.requirement_prefix}-{clause.id}"
            paragraphs = tuple(
                tuple(Segment(text=t, kind=k) for t, k in template.render_segments(
                    " ".join(paragraph.split()), item.values, lambda name: fill_in_marker(clause, name)))
                for paragraph in split_paragraphs(clause.text))
            deliverables = tuple(SpecDeliverable(name=d.name, frequency=template.render(
                d.frequency, item.values, lambda name: fill_in_marker(clause, name)), format=d.format,
                requirement_id=req_id) for d in clause.deliverables)
            citations = tuple(SpecCitation(authority=c.authority_id, cite=c.cite, standing=c.standing,
                                       explanation=c.explanation) for c in item.citations)
            requirement = SpecRequirement(
                id=req_id, number=f"{number}.{req_index}", clause_id=clause.id, clause_version=clause.version,
                title=clause.title, paragraphs=paragraphs, obligations=tuple(o.id for o in clause.obligations),
                deliverables=deliverables, verification=clause.verification, citations=citations,
                selected_because=item.reasons,
                parameters={k: (template.format_value(v) if v is not None else None)
                            for k, v in sorted(item.values.items())},
                overridden_parameters=item.overridden,
                fill_ins=sum(s.kind == "fill_in" for p in paragraphs for s in p))
            requirements.append(requirement)
            all_deliverables.extend(deliverables)
            trace.append(TraceRow(
                requirement_id=req_id, number=requirement.number, clause=f"{clause.id} v{clause.version}",
                authorities=tuple(c.cite + ("" if c.standing == "current" else f" ({c.explanation})")
                                  for c in citations),
                verification=", ".join(v.capitalize() for v in clause.verification)))
        sections.append(Section(number=number, topic=topic, heading=vocab.TOPICS[topic].heading,
                                requirements=tuple(requirements)))
    decisions = [Decision(clause_id=s.clause.id, title=s.clause.title, decision="included",
                          reason="; ".join(s.reasons)) for s in selection.selected]
    decisions += [Decision(clause_id=r.clause_id, title=r.title, decision="excluded", reason=r.reason)
                  for r in selection.rejected]
    topic_rank = {t: i for i, t in enumerate(vocab.TOPICS)}
    order = {s.clause.id: (topic_rank[s.clause.topic], i) for i, s in enumerate(selection.selected)}
    order.update({r.clause_id: (topic_rank[r.topic], 10_000 + i) for i, r in enumerate(selection.rejected)})
    decisions.sort(key=lambda d: (d.decision != "included", order[d.clause_id]))
    return SpecDocument(
        title=profile.title, heading=options.heading, section=options.section, agency=profile.agency,
        component=profile.component, solicitation_number=profile.solicitation_number,
        issue_date=profile.issue_date.isoformat(), generator=f"acqspec {__version__}",
        profile_answers=_answers(profile), sections=tuple(sections), deliverables=tuple(all_deliverables),
        trace=tuple(trace), decisions=tuple(decisions), warnings=tuple(selection.warnings))
