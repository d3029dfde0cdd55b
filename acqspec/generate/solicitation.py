"""Sections L and M and the QASP from the same clause selection as the SOW.

The SOW (:class:`~acqspec.generate.assemble.SpecDocument`) numbers the selected clauses as
requirements (``AIR-TE-04``).  This module derives, from the same selection and the data
already in the clause files, the three other documents a solicitation needs for those
requirements, each entry traced to the requirement ids it serves:

* **Section L** (FAR 15.204-5(b)): what the offeror submits to show it meets the selected
  requirements.  Nothing is invented: an instruction comes from a clause's deliverables
  (those due with the proposal are submitted; the others are described, with a sample or
  draft), its offeror-filled parameters (the values the offeror proposes), its contractor
  obligations (the technical approach), its prohibitions and contract terms (representations
  and exceptions) and its topic (data-rights assertions for the data-rights and portability
  topics).  A clause that gives the offeror nothing to submit gets no instruction.
* **Section M** (FAR 15.304, 15.101): evaluation factors and subfactors grouped from the
  selected topics, past performance and price, with the basis for award and the relative
  importance of non-price factors to price as parameters.
* **QASP** (FAR 46.401(a), 37.604): for each requirement whose obligations carry a numeric
  limit (a number or a parameter), the performance standard, the acceptable quality level,
  the surveillance method (from the clause's verification methods) and frequency (from the
  clause's deliverables), and the remedy.

Government-chosen numbers (page limits, number of past-performance references, the AQL) are
:class:`SolicitationOptions` with defaults, set on the command line; the prose never has a
figure of its own.  :meth:`SolicitationSet.trace_graph` is the trace policy citation → SOW
requirement → L instruction → M factor → QASP standard.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from acqspec import vocab
from acqspec.generate.assemble import SpecDocument, SpecRequirement, assemble
from acqspec.generate.select import SelectedClause, Selection
from acqspec.generate.ucf import ucf_letter
from acqspec.library import template
from acqspec.library.schema import Clause, NumericLimit
from acqspec.library.views import fill_in_marker

DocumentKind = Literal["sow", "section-l", "section-m", "qasp"]
DOCUMENT_KINDS: tuple[str, ...] = ("sow", "section-l", "section-m", "qasp")

VOLUME_KEYS = ("technical", "past_performance", "price", "administrative")
VOLUME_TITLES = {"technical": "Technical", "past_performance": "Past Performance", "price": "Price",
                 "administrative": "Administrative, Representations and Assertions"}
DEFAULT_PAGE_LIMITS: dict[str, int | None] = {"technical": 30, "past_performance": 10, "price": None,
                                              "administrative": None}

# Section M groups topics into factors and subfactors.  Topics not selected drop out; a factor
# with no selected topic is not evaluated.
FACTOR_GROUPS: tuple[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    ("Technical Approach", (
        ("Testing and evaluation", ("testing-evaluation", "generative-ai", "biometrics")),
        ("Performance standards and monitoring", ("performance",)),
        ("Transparency and documentation", ("transparency", "environmental")),
        ("Human oversight, notice and prohibited uses",
         ("human-oversight", "notice-appeal", "prohibited-uses", "personnel-training")),
    )),
    ("Risk Management", (
        ("Risk identification and mitigation", ("risk-management",)),
        ("Incident reporting and response", ("incident-reporting",)),
    )),
    ("Data Rights, Data Management and Portability", (
        ("Data rights", ("data-rights",)),
        ("Data management, privacy and security", ("data-management",)),
        ("Portability and transition", ("portability",)),
        ("Commercial terms", ("commercial-terms",)),
    )),
)

SURVEILLANCE_METHODS = {"inspection": "Inspection", "analysis": "Analysis", "test": "Test",
                        "demonstration": "Demonstration"}
SURVEILLANCE_DEFINITIONS = {
    "inspection": "the COR examines each deliverable, record or notice against the standard when it is due.",
    "analysis": "the COR reviews the data, logs and reports the Contractor delivers, and Government measurements, "
                "to determine whether the standard was met over the period.",
    "test": "the Government, or a tester acting for it, runs the system or its outputs against the standard.",
    "demonstration": "the Contractor shows the capability operating while the COR observes.",
}

FAR_L = "FAR 15.204-5(b)"
FAR_M = ("FAR 15.304", "FAR 15.305(a)")
FAR_QASP = ("FAR 46.401(a)", "FAR 37.604")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class SolicitationOptions(_Frozen):
    """The Government's choices for Sections L and M and the QASP (``acqspec generate`` options)."""

    basis_for_award: Literal["tradeoff", "lpta"] = Field(
        default="tradeoff", description="Best-value tradeoff (FAR 15.101-1) or lowest price technically acceptable "
                                        "(FAR 15.101-2).")
    non_price_importance: Literal["significantly_more", "approximately_equal", "significantly_less"] = Field(
        default="significantly_more", description="All non-price factors combined, relative to price (FAR 15.304(e)); "
                                                  "tradeoff only.")
    page_limits: dict[str, int | None] = Field(default_factory=lambda: dict(DEFAULT_PAGE_LIMITS),
                                               description="Pages per proposal volume; None means no limit.")
    past_performance_references: int = Field(default=3, ge=1, description="Contracts an offeror may cite.")
    aql_percent: int = Field(default=100, ge=1, le=100,
                             description="Share of occurrences or measurements that must meet each QASP standard.")


class LItem(_Frozen):
    """One thing to submit under an instruction, with the requirement it evidences."""

    text: str
    requirement_ids: tuple[str, ...]


class LInstruction(_Frozen):
    """A Section L instruction."""

    id: str
    number: str
    volume: str
    title: str
    text: str
    items: tuple[LItem, ...]
    requirement_ids: tuple[str, ...]
    authorities: tuple[str, ...] = ()


class Volume(_Frozen):
    """A proposal volume."""

    key: str
    number: str
    title: str
    page_limit: int | None
    instruction_ids: tuple[str, ...]


class MFactor(_Frozen):
    """A Section M evaluation factor or subfactor."""

    id: str
    number: str
    title: str
    text: str
    requirement_ids: tuple[str, ...]
    instruction_ids: tuple[str, ...]
    subfactors: tuple[MFactor, ...] = ()
    authorities: tuple[str, ...] = ()


class QStandard(_Frozen):
    """A row of the QASP's performance requirements summary."""

    id: str
    requirement_id: str
    obligation_id: str
    requirement_title: str
    standard: str
    aql: str
    method: str
    frequency: str
    remedy: str
    methods: tuple[str, ...] = ()
    """The clause's verification methods the surveillance method is made from."""


class SolicitationSet(_Frozen):
    """The SOW and the three documents derived from its selection."""

    spec: SpecDocument
    options: SolicitationOptions
    l_section: str
    m_section: str
    volumes: tuple[Volume, ...]
    instructions: tuple[LInstruction, ...]
    factors: tuple[MFactor, ...]
    standards: tuple[QStandard, ...]
    remedy_text: tuple[str, ...]
    commercial: bool

    def all_factors(self) -> list[MFactor]:
        """Factors and subfactors, depth first."""
        return [f for factor in self.factors for f in (factor, *factor.subfactors)]

    def trace_graph(self) -> dict:
        """Nodes and edges: policy citation → SOW requirement → L instruction → M factor → QASP standard."""
        nodes: list[dict] = []
        edges: list[dict] = []
        seen: set[str] = set()

        def node(node_id: str, kind: str, label: str) -> None:
            if node_id not in seen:
                seen.add(node_id)
                nodes.append({"id": node_id, "kind": kind, "label": label})

        for requirement in self.spec.requirements():
            for cite in requirement.authority_cites:
                node(f"policy:{cite}", "policy", cite)
            node(requirement.id, "requirement", f"{requirement.number} {requirement.title}")
            edges += [{"from": f"policy:{cite}", "to": requirement.id, "relation": "authorizes"}
                      for cite in requirement.authority_cites]
        for instruction in self.instructions:
            node(instruction.id, "instruction", f"{instruction.number} {instruction.title}")
            edges += [{"from": rid, "to": instruction.id, "relation": "evidenced_by"}
                      for rid in instruction.requirement_ids]
        for factor in self.all_factors():
            node(factor.id, "factor", f"{factor.number} {factor.title}")
            edges += [{"from": iid, "to": factor.id, "relation": "evaluated_under"} for iid in factor.instruction_ids]
            edges += [{"from": rid, "to": factor.id, "relation": "evaluated_under"} for rid in factor.requirement_ids]
        for standard in self.standards:
            node(standard.id, "standard", standard.standard)
            edges.append({"from": standard.requirement_id, "to": standard.id, "relation": "surveilled_by"})
        return {"nodes": nodes, "edges": edges}


# --------------------------------------------------------------------------- helpers


def _ids(ids: Sequence[str]) -> str:
    ids = list(ids)
    if len(ids) <= 2:
        return " and ".join(ids)
    return ", ".join(ids[:-1]) + f" and {ids[-1]}"


def _unique(values) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _proposal_deliverable(frequency: str) -> bool:
    """A deliverable the offeror hands in before award ('with the proposal', 'during source selection')."""
    return bool(re.search(r"\bwith the proposal\b|\bduring source selection\b", frequency, re.IGNORECASE))


def _sibling_section(spec_section: str, letter: str) -> str:
    """'L.5' for a SOW in 'C.5'; plain 'L' for a SOW numbered outside the UCF."""
    if ucf_letter(spec_section) is None or "." not in spec_section:
        return letter
    return letter + spec_section[spec_section.index("."):]


def unit_words(unit: str, value: str) -> str:
    """'business days', or 'day' for a value of 1; 'percent' stays."""
    words = unit.replace("_", " ")
    return words[:-1] if value == "1" and words.endswith("s") else words


def limit_phrase(limit: NumericLimit, value: str | None) -> str:
    """How a numeric limit reads as a standard: 'within 10 business days', 'at least every 6 months'."""
    if value is None:
        return ("at least the value the Contractor commits to in its proposal" if limit.bound == "min"
                else "no more than the value the Contractor commits to in its proposal")
    amount = f"{value} {unit_words(limit.unit, value)}"
    if limit.measure == "deadline":
        return f"within {amount}" if limit.bound == "max" else f"at least {amount} in advance"
    if limit.measure == "interval":
        return f"at least every {amount}" if limit.bound == "max" else f"no more often than every {amount}"
    if limit.measure == "retention":
        return f"kept no longer than {amount}" if limit.bound == "max" else f"kept for at least {amount}"
    return f"at least {amount}" if limit.bound == "min" else f"no more than {amount}"


# 'within the set number of days of', 'at the set interval', 'for the set number of days after',
# 'at least the committed minimum accuracy'
_SET_PHRASE = re.compile(
    r"\b(?P<pre>within |for |at least at |at least |at )?the (?:set|committed) (?:number of )?(?:business )?"
    r"(?P<what>minimum accuracy|interval|days|hours|minutes|months|years)\b(?P<post> of| after| for)?")


def standard_text(statement: str, limit: NumericLimit, value: str | None) -> str:
    """An obligation statement with its 'the set number of days' wording replaced by the actual standard."""
    text = re.sub(r"\bcontractor\b", "Contractor", statement.strip()).removesuffix(".")
    phrase = limit_phrase(limit, value)
    match = _SET_PHRASE.search(text)
    if match is None:
        return f"{text}: {phrase}."
    post = match.group("post") or ""
    if value is None:
        replacement = f"at least the {match.group('what')} committed in the Contractor's proposal"
    elif limit.measure == "retention":
        replacement = f"{match.group('pre') or ''}{value} {unit_words(limit.unit, value)}{post}"
    else:
        replacement = phrase + post
    return f"{text[:match.start()]}{replacement}{text[match.end():]}."


# --------------------------------------------------------------------------- Section L


def _offeror_parameters(clause: Clause) -> list[str]:
    return [p.description.rstrip(".") for p in clause.parameters if p.filled_by == "offeror"]


def _lower_first(text: str) -> str:
    """'test access plan' for 'Test access plan'; acronyms ('AI incident report') and 'Contractor ...' stay."""
    if text[:2] == text[:2].upper() or text.split(" ", 1)[0] in ("Contractor", "Government"):
        return text
    return text[:1].lower() + text[1:]


def _build_instructions(spec: SpecDocument, selection: Selection, l_section: str,
                        options: SolicitationOptions) -> tuple[list[LInstruction], list[Volume]]:
    requirement_of = {r.clause_id: r for r in spec.requirements()}
    items_by_topic: dict[str, list[LItem]] = {}
    proposal_items: dict[str, list[LItem]] = {"technical": [], "price": [], "administrative": []}
    values_items: list[LItem] = []
    representation_items: list[LItem] = []
    rights_ids: list[str] = []
    for item in selection.selected:
        clause = item.clause
        requirement = requirement_of[clause.id]
        rid = requirement.id
        contractor_must = [o for o in clause.obligations if o.party == "contractor" and o.modality == "must"]
        prohibitions = [o for o in clause.obligations if o.party == "contractor" and o.modality == "must_not"]
        upfront = [d for d in requirement.deliverables if _proposal_deliverable(d.frequency)]
        later = [d for d in requirement.deliverables if not _proposal_deliverable(d.frequency)]
        for deliverable in upfront:
            volume = ("price" if re.search(r"\bprice|pricing\b", deliverable.name, re.IGNORECASE)
                      else "administrative" if clause.topic == "commercial-terms" or
                      re.search(r"\blicen[cs]e\b", deliverable.name, re.IGNORECASE) else "technical")
            proposal_items[volume].append(LItem(text=f"{deliverable.name} ({deliverable.format}), as {rid} "
                                                     f"requires it with the proposal.", requirement_ids=(rid,)))
        for description in _offeror_parameters(clause):
            values_items.append(LItem(text=f"{description} ({rid}): the value the offeror commits to; it becomes "
                                           "the contract standard.", requirement_ids=(rid,)))
        if clause.topic != "commercial-terms" and (contractor_must or later):
            text = f"{requirement.title} ({rid})."
            if later:
                text += f" Sample or draft: {'; '.join(_lower_first(d.name) for d in later)}."
            items_by_topic.setdefault(clause.topic, []).append(LItem(text=text, requirement_ids=(rid,)))
        if prohibitions or clause.topic == "commercial-terms":
            representation_items.append(LItem(text=f"{requirement.title} ({rid}).", requirement_ids=(rid,)))
        if clause.topic in ("data-rights", "portability"):
            rights_ids.append(rid)

    instructions: list[LInstruction] = []
    volume_instructions: dict[str, list[str]] = {key: [] for key in VOLUME_KEYS}

    def add(volume: str, title: str, text: str, items: list[LItem], authorities: tuple[str, ...] = (),
            requirement_ids: Sequence[str] | None = None) -> None:
        ids = _unique(requirement_ids if requirement_ids is not None
                      else (rid for it in items for rid in it.requirement_ids))
        instruction = LInstruction(
            id=f"L-{len(instructions) + 1:02d}",
            number="",
            volume=volume, title=title, text=text, items=tuple(items), requirement_ids=ids,
            authorities=authorities)
        instructions.append(instruction)
        volume_instructions[volume].append(instruction.id)

    section_c = spec.section
    for topic in vocab.TOPICS:
        if topic in items_by_topic:
            add("technical", f"Technical approach: {vocab.TOPICS[topic].heading}",
                f"Describe how the proposed system and the offeror's processes will meet each requirement of "
                f"Section {section_c} below, and provide the sample or draft of each deliverable named.",
                items_by_topic[topic])
    if proposal_items["technical"]:
        add("technical", "Documents submitted with the proposal",
            "Submit the following documents, which the requirements call for with the proposal.",
            proposal_items["technical"])
    if values_items:
        add("technical", "Proposed performance values",
            "State the following values. A value the offeror proposes is incorporated into the contract as "
            "the standard the Government surveils.", values_items)

    all_ids = [r.id for r in spec.requirements()]
    limit = options.past_performance_references
    add("past_performance", "Past performance on artificial intelligence",
        f"Identify no more than {limit} current contracts or orders, with Federal, State or local government or "
        "commercial customers, under which the offeror delivered or operated AI systems of similar scope. For each, "
        "give the contract number, customer point of contact, period of performance, value, and a description of "
        f"the AI work relevant to the requirements of Section {section_c}, including any performance problems and "
        "the corrective actions taken.", [], authorities=("FAR 15.305(a)(2)",), requirement_ids=all_ids)

    price_items = list(proposal_items["price"])
    add("price", "Price",
        f"Price the requirements of Section {section_c} in the format the solicitation's price schedule prescribes, "
        "including every license, subscription, usage, model-update, support and transition charge the offeror "
        "will seek; a charge not priced in the proposal is not payable under the contract.",
        price_items, requirement_ids=_unique([*(rid for it in price_items for rid in it.requirement_ids), *all_ids]))

    if rights_ids:
        add("administrative", "Data-rights assertions",
            "List every item of data, software, model or model weights the offeror proposes to deliver with less "
            "than unlimited rights: the item, the rights category asserted, the basis for the assertion and the "
            "requirement it affects. Where no restriction is asserted, state that none is. Civilian agencies use "
            "the representation at FAR 52.227-15 (see FAR 27.404-2); Department of Defense solicitations use the "
            "assertions list of DFARS 252.227-7017.",
            [LItem(text=f"Requirements affected: {_ids(rights_ids)}.", requirement_ids=tuple(rights_ids))],
            authorities=("FAR 52.227-15", "FAR 27.404-2", "DFARS 252.227-7017"))
    if proposal_items["administrative"]:
        add("administrative", "Commercial terms submitted with the proposal",
            "Submit the following with the proposal; terms not submitted do not become part of the contract.",
            proposal_items["administrative"])
    if representation_items:
        add("administrative", "Representations and exceptions on the AI requirements",
            "Represent that the offeror, if awarded the contract, will comply with each of the following "
            "requirements, including their prohibitions, and that no license, service or other term the offeror "
            "proposes conflicts with them. Identify any exception, the term or practice concerned and the "
            "requirement it affects; an exception may make the proposal unacceptable.", representation_items)

    volumes = []
    for key in VOLUME_KEYS:
        if volume_instructions[key]:
            volumes.append(Volume(key=key, number=_ROMAN[len(volumes)], title=VOLUME_TITLES[key],
                                  page_limit=options.page_limits.get(key, DEFAULT_PAGE_LIMITS[key]),
                                  instruction_ids=tuple(volume_instructions[key])))
    # Number each instruction under its volume's heading: L.5.1 general, L.5.2 organization, then one per volume.
    position = {v.key: index for index, v in enumerate(volumes, start=3)}
    counted: dict[str, int] = {}
    numbered = []
    for instruction in instructions:
        counted[instruction.volume] = counted.get(instruction.volume, 0) + 1
        numbered.append(instruction.model_copy(update={
            "number": f"{l_section}.{position[instruction.volume]}.{counted[instruction.volume]}"}))
    return numbered, volumes


_ROMAN = ("I", "II", "III", "IV", "V", "VI")


# --------------------------------------------------------------------------- Section M


def _build_factors(spec: SpecDocument, instructions: Sequence[LInstruction], m_section: str,
                   options: SolicitationOptions) -> list[MFactor]:
    ids_by_topic: dict[str, list[str]] = {}
    for section in spec.sections:
        ids_by_topic[section.topic] = [r.id for r in section.requirements]
    lpta = options.basis_for_award == "lpta"

    def linked(requirement_ids: Sequence[str], kinds: tuple[str, ...] = ("technical", "administrative")):
        wanted = set(requirement_ids)
        return tuple(i.id for i in instructions if i.volume in kinds and wanted & set(i.requirement_ids))

    factors: list[MFactor] = []
    section_c = spec.section
    for title, groups in FACTOR_GROUPS:
        subfactors = []
        number = f"{m_section}.3.{len(factors) + 1}"
        factor_id = f"M-{len(factors) + 1}"
        for sub_title, topics in groups:
            requirement_ids = [rid for topic in topics for rid in ids_by_topic.get(topic, [])]
            if not requirement_ids:
                continue
            headings = [_lower_first(vocab.TOPICS[t].heading) for t in topics if t in ids_by_topic]
            text = (f"The Government will evaluate the extent to which the offeror's approach to "
                    f"{_ids(headings)} shows that it will meet requirements {_ids(requirement_ids)} "
                    f"of Section {section_c}, and the risk of unsuccessful performance the approach presents.")
            if lpta:
                text = (f"Acceptable when the proposal shows that the offeror will meet requirements "
                        f"{_ids(requirement_ids)} of Section {section_c} and takes no exception to them.")
            subfactors.append(MFactor(id=f"{factor_id}.{len(subfactors) + 1}",
                                      number=f"{number}.{len(subfactors) + 1}", title=sub_title, text=text,
                                      requirement_ids=tuple(requirement_ids),
                                      instruction_ids=linked(requirement_ids)))
        if not subfactors:
            continue
        requirement_ids = _unique(rid for s in subfactors for rid in s.requirement_ids)
        if lpta:
            text = "Rated Acceptable only when every subfactor below is Acceptable."
        else:
            text = ("The subfactors below are evaluated together to rate this factor; a proposal that takes "
                    "exception to a requirement they cover, or leaves it unaddressed, may be rated as deficient.")
        factors.append(MFactor(id=factor_id, number=number, title=title, text=text,
                               requirement_ids=requirement_ids, instruction_ids=linked(requirement_ids),
                               subfactors=tuple(subfactors) if len(subfactors) > 1 else (),
                               authorities=("FAR 15.304(c)(2)",)))
    all_ids = tuple(r.id for r in spec.requirements())
    past = [i.id for i in instructions if i.volume == "past_performance"]
    price = [i.id for i in instructions if i.volume == "price"]
    pp_text = ("The Government will evaluate the currency, relevance and quality of the offeror's performance on the "
               f"contracts it identifies, judged against the requirements of Section {section_c}, using the "
               "information in the proposal and other sources such as past performance evaluations. An offeror "
               "without a record of relevant past performance, or whose record is not available, will not be "
               "evaluated favorably or unfavorably on past performance.")
    if lpta:
        pp_text += " Past performance is rated Acceptable or Unacceptable; an offeror without a record is Acceptable."
    factors.append(MFactor(id=f"M-{len(factors) + 1}", number=f"{m_section}.3.{len(factors) + 1}",
                           title="Past Performance on Artificial Intelligence", text=pp_text,
                           requirement_ids=all_ids, instruction_ids=tuple(past),
                           authorities=("FAR 15.304(c)(3)", "FAR 15.305(a)(2)")))
    price_text = ("The Government will evaluate the total price of the requirements of Section "
                  f"{section_c}, including every license, usage, model-update, support and transition charge, "
                  "for reasonableness, and for completeness against the price schedule.")
    factors.append(MFactor(id=f"M-{len(factors) + 1}", number=f"{m_section}.3.{len(factors) + 1}", title="Price",
                           text=price_text, requirement_ids=all_ids, instruction_ids=tuple(price),
                           authorities=("FAR 15.304(c)(1)", "FAR 15.305(a)(1)")))
    return factors


def basis_for_award_text(options: SolicitationOptions, factors: Sequence[MFactor]) -> list[str]:
    """The basis-for-award paragraphs of Section M."""
    non_price = [f for f in factors if f.title != "Price"]
    names = _ids([f"{f.id.replace('M-', 'Factor ')} ({f.title})" for f in non_price])
    if options.basis_for_award == "lpta":
        return [
            ("The Government will award the contract to the responsible offeror whose proposal is the lowest "
             "evaluated price among the proposals rated technically acceptable (lowest price technically "
             "acceptable; FAR 15.101-2). Tradeoffs between price and non-price factors are not permitted, and no "
             "additional credit is given for exceeding acceptability."),
            (f"The non-price factors are {names}. Each is rated Acceptable or Unacceptable; a proposal is "
             "technically acceptable only when every non-price factor is Acceptable.")]
    importance = {"significantly_more": "significantly more important than",
                  "approximately_equal": "approximately equal to",
                  "significantly_less": "significantly less important than"}[options.non_price_importance]
    return [
        ("The Government will award the contract to the responsible offeror whose proposal represents the best "
         "value to the Government, considering price and the non-price factors (best-value tradeoff; FAR "
         "15.101-1). The Government may award to other than the lowest-priced offeror or the highest "
         "technically rated offeror when the perceived benefits of the higher-priced proposal merit the "
         "additional cost, and will document the tradeoff."),
        (f"The non-price factors are {names}, listed in descending order of importance; subfactors within a factor "
         f"are of equal importance. All non-price factors, when combined, are {importance} price (FAR 15.304(e))."),
    ]


# --------------------------------------------------------------------------- QASP


def _frequency(clause: Clause, item: SelectedClause, limit: NumericLimit) -> str:
    name = limit.parameter_name

    def fill_in(param: str) -> str:
        return fill_in_marker(clause, param)

    for deliverable in clause.deliverables:
        if name is not None and name in template.placeholders(deliverable.frequency):
            rendered = template.render(deliverable.frequency, item.values, fill_in)
            return f"{rendered[:1].upper()}{rendered[1:]} ({deliverable.name})"
    if limit.measure == "interval" and name is not None and item.values.get(name) is not None:
        value = template.format_value(item.values[name])
        return f"At least every {value} {unit_words(limit.unit, value)}"
    if limit.measure in ("deadline", "retention", "interval"):
        return "Each occurrence"
    return "Each measurement"


def _build_standards(spec: SpecDocument, selection: Selection, options: SolicitationOptions,
                     commercial: bool) -> list[QStandard]:
    requirement_of = {r.clause_id: r for r in spec.requirements()}
    remedy = ("Corrective action; correction or re-performance at no increase in price" if commercial
              else "Corrective action; re-performance at no increase in price, or price reduction")
    standards = []
    for item in selection.selected:
        clause = item.clause
        requirement: SpecRequirement = requirement_of[clause.id]
        for obligation in clause.obligations:
            if obligation.limit is None or obligation.party != "contractor":
                continue
            limit = obligation.limit
            name = limit.parameter_name
            if name is None:
                value = template.format_value(limit.value)
            else:
                value = requirement.parameters.get(name)
                if value is None and name not in requirement.parameters and item.values.get(name) is not None:
                    value = template.format_value(item.values[name])
            measured = "measurements" if limit.measure in ("threshold", "count") else "occurrences"
            aql = f"{options.aql_percent}% of {measured}"
            method = "; ".join(SURVEILLANCE_METHODS[v] for v in clause.verification)
            standards.append(QStandard(
                id=f"QS-{len(standards) + 1:02d}", requirement_id=requirement.id, obligation_id=obligation.id,
                requirement_title=requirement.title, standard=standard_text(obligation.statement, limit, value),
                aql=aql, method=method, frequency=_frequency(clause, item, limit), remedy=remedy,
                methods=tuple(clause.verification)))
    return standards


def remedy_paragraphs(commercial: bool) -> tuple[str, ...]:
    """How the QASP's remedies work (the contract's inspection clause decides them)."""
    clause = ("FAR 52.212-4(a), Inspection/Acceptance, lets the Government require correction or re-performance of "
              "nonconforming services at no increase in contract price." if commercial else
              "FAR 52.246-4, Inspection of Services—Fixed-Price, lets the Government require re-performance at no "
              "increase in contract amount and, where defects cannot be corrected by re-performance, require "
              "action to ensure future conformance and reduce the price to reflect the reduced value of the "
              "services (for other contract types, the inspection clause of the contract applies).")
    return (
        ("When surveillance finds performance below the acceptable quality level, the COR records the finding and "
         "informs the Contractor, and the Contracting Officer may issue a corrective action request asking the "
         "Contractor for the cause, the correction and the steps that prevent a recurrence."),
        clause,
        ("Surveillance results are kept in the contract file and inform the Contractor's past performance "
         "evaluation (FAR 42.15). Only the Contracting Officer may change the contract or decide a remedy."),
    )


# --------------------------------------------------------------------------- shared by the writers


def document_heading(solicitation: SolicitationSet, kind: str) -> tuple[str, str]:
    """(the document's first heading, the right-hand running head) for section-l, section-m or qasp."""
    spec = solicitation.spec
    if kind == "section-l":
        return (f"{solicitation.l_section} Proposal Instructions for the {spec.heading}",
                f"Section {solicitation.l_section}")
    if kind == "section-m":
        return (f"{solicitation.m_section} Evaluation Factors for the {spec.heading}",
                f"Section {solicitation.m_section}")
    return (f"Surveillance of Section {spec.section}, {spec.heading}", "Quality Assurance Surveillance Plan")


def evidences(solicitation: SolicitationSet, requirement_ids: Sequence[str], *, verb: str = "Evidences") -> str:
    """'Evidences AIR-TE-01 and AIR-TE-02.', or '... every requirement of Section C.5.' for all of them."""
    if set(requirement_ids) == {r.id for r in solicitation.spec.requirements()}:
        return f"{verb}: every requirement of Section {solicitation.spec.section}."
    return f"{verb}: {', '.join(requirement_ids)}."


def volume_rows(solicitation: SolicitationSet) -> list[tuple[str, str, str, str]]:
    """Section L's proposal organization table."""
    return [(v.number, v.title, ", ".join(v.instruction_ids),
             f"{v.page_limit} pages" if v.page_limit is not None else "No limit") for v in solicitation.volumes]


def requirement_instructions(solicitation: SolicitationSet) -> dict[str, list[str]]:
    """Requirement id → the instructions that evidence it, leaving out those that apply to every requirement."""
    every = {r.id for r in solicitation.spec.requirements()}
    result: dict[str, list[str]] = {r.id: [] for r in solicitation.spec.requirements()}
    for instruction in solicitation.instructions:
        if set(instruction.requirement_ids) == every:
            continue
        for rid in instruction.requirement_ids:
            result[rid].append(instruction.id)
    return result


def l_requirement_rows(solicitation: SolicitationSet) -> list[tuple[str, str, str]]:
    """Section L's closing table: each requirement and the instructions that evidence it."""
    by_requirement = requirement_instructions(solicitation)
    return [(r.id, r.title, ", ".join(by_requirement[r.id]) or "Past performance and price only")
            for r in solicitation.spec.requirements()]


def m_summary_rows(solicitation: SolicitationSet) -> list[tuple[str, str, str]]:
    """Section M's factor table: one row per factor and subfactor."""
    rows = []
    every = {r.id for r in solicitation.spec.requirements()}
    for index, factor in enumerate(solicitation.factors, start=1):
        covers = ("Every requirement" if set(factor.requirement_ids) == every
                  else ", ".join(factor.requirement_ids))
        rows.append((f"Factor {index}: {factor.title}", ", ".join(factor.instruction_ids),
                     covers if not factor.subfactors else "See subfactors"))
        for sub_index, subfactor in enumerate(factor.subfactors, start=1):
            rows.append((f"    {index}.{sub_index} {subfactor.title}", ", ".join(subfactor.instruction_ids),
                         ", ".join(subfactor.requirement_ids)))
    return rows


# --------------------------------------------------------------------------- entry points


def build_set(spec: SpecDocument, selection: Selection, commercial: bool,
              options: SolicitationOptions | None = None) -> SolicitationSet:
    """The three derived documents for an assembled SOW and the selection it came from."""
    options = options or SolicitationOptions()
    l_section = _sibling_section(spec.section, "L")
    m_section = _sibling_section(spec.section, "M")
    instructions, volumes = _build_instructions(spec, selection, l_section, options)
    factors = _build_factors(spec, instructions, m_section, options)
    standards = _build_standards(spec, selection, options, commercial)
    return SolicitationSet(spec=spec, options=options, l_section=l_section, m_section=m_section,
                           volumes=tuple(volumes), instructions=tuple(instructions), factors=tuple(factors),
                           standards=tuple(standards), remedy_text=remedy_paragraphs(commercial),
                           commercial=commercial)


def build_solicitation(profile_path: str | Path, libraries: Sequence[str | Path],
                       options: SolicitationOptions | None = None) -> SolicitationSet:
    """Profile file + library folders → :class:`SolicitationSet` (the SOW is ``.spec``)."""
    from acqspec.generate.profile import load_profile
    from acqspec.generate.select import select_clauses
    from acqspec.library.loader import load_catalog

    loaded = load_profile(profile_path)
    catalog = load_catalog(libraries)
    selection = select_clauses(loaded, catalog)
    spec = assemble(loaded.profile, selection)
    return build_set(spec, selection, loaded.profile.facts().get("commercial", False), options)
