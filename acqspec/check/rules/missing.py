"""AQ1xx: required obligations the document does not contain."""

from __future__ import annotations

import re
from collections.abc import Iterable

from acqspec.check.base import CheckContext, Rule
from acqspec.check.coverage import RequirementMatch
from acqspec.check.findings import Finding, shortened
from acqspec.vocab import TOPICS


def _clause_matches(ctx: CheckContext) -> dict[str, list[RequirementMatch]]:
    """Requirement matches grouped by clause (empty without a library baseline)."""
    groups: dict[str, list[RequirementMatch]] = {}
    if ctx.baseline is not None and ctx.baseline.kind != "against":
        for match in ctx.matches:
            groups.setdefault(match.requirement.clause_id or match.requirement.id, []).append(match)
    return groups


class MissingClause(Rule):
    """A required clause is absent: none of its obligations is in the document.

    Why: the baseline (the clauses the generator selects for the acquisition
    profile, or the clauses named with --clauses) is what policy requires this
    buy to say.  A SOW without, say, the incident-reporting clause cannot be
    enforced on incidents, however good the rest is.  When the document lacks
    a whole area — every required clause of a topic such as Testing and
    Evaluation is absent — the rule reports the topic once, listing its
    clauses, instead of one finding per clause: a document that is not about
    AI at all gets one finding per topic, not one per clause.  The JSON and
    SARIF coverage still give every clause's and obligation's status.

    Example: checking a draft SOW with --profile uscis-genai-case-assistant.yaml
    when nothing in it requires the contractor to report AI incidents reports
    IR-01 as missing; a SOW with no testing requirement at all reports the
    topic "Testing and Evaluation" once, with the list of its clauses.

    Fix: add the clause (``acqspec library show ID`` prints its text and
    parameters), or exclude it in the profile with a written justification; for
    a missing topic, add a section on it, or correct the profile if the topic
    does not apply to this buy.
    """

    code = "AQ101"
    name = "missing.clause"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        groups = _clause_matches(ctx)
        absent = {clause_id for clause_id, matches in groups.items() if all(m.status == "missing" for m in matches)}
        by_topic: dict[str, list[str]] = {}
        for clause_id, matches in groups.items():
            by_topic.setdefault(matches[0].requirement.topic or "", []).append(clause_id)
        for topic, clause_ids in by_topic.items():
            missing = [c for c in clause_ids if c in absent]
            if topic and len(clause_ids) >= 2 and len(missing) == len(clause_ids):
                yield self._topic_finding(ctx, topic, [groups[c] for c in clause_ids])
                continue
            for clause_id in missing:
                matches = groups[clause_id]
                first = matches[0].requirement
                yield self.finding(ctx, None, f"required clause {clause_id} ({first.clause_title}) is missing: "
                                              f"none of its {len(matches)} obligation(s) is present, e.g. "
                                              f"'{shortened(first.text)}'",
                                   clause_id=clause_id, authority=first.authority, expected=first.text)

    def _topic_finding(self, ctx: CheckContext, topic: str, clauses: list[list[RequirementMatch]]) -> Finding:
        heading = TOPICS[topic].heading if topic in TOPICS else topic
        ids = ", ".join(matches[0].requirement.clause_id or "" for matches in clauses)
        obligations = sum(len(matches) for matches in clauses)
        return self.finding(ctx, None, f"required topic '{heading}' is missing: none of its {len(clauses)} "
                                       f"clauses ({ids}, {obligations} obligations) is present",
                            expected=clauses[0][0].requirement.text)


class MissingObligation(Rule):
    """A required clause is only partly present: one of its obligations is missing.

    Why: clauses bundle obligations that only work together — reporting an
    incident without a root-cause analysis, testing without handing over the
    results.  A SOW that paraphrases half a clause loses the other half.

    Example: the SOW requires incident reports within 72 hours (IR-01.1) but
    never asks for the root-cause analysis (IR-01.2).

    Fix: add the missing obligation in the clause's wording (the finding quotes
    it), or suppress the finding with the reason it does not apply.
    """

    code = "AQ102"
    name = "missing.obligation"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for clause_id, matches in _clause_matches(ctx).items():
            if all(m.status == "missing" for m in matches):
                continue
            for match in matches:
                if match.status == "missing":
                    req = match.requirement
                    yield self.finding(ctx, None, f"clause {clause_id} is only partly present: obligation "
                                                  f"{req.id} is missing: '{shortened(req.text)}'",
                                       clause_id=clause_id, obligation_id=req.id, authority=req.authority,
                                       expected=req.text)


class UnaddressedRequirement(Rule):
    """A requirement of the SOW that the proposal neither addresses nor accepts.

    Why: with --against SOW, every contractor obligation of the SOW must be
    answered — restated as a commitment, or accepted by a compliance statement
    ("Northwind complies with Section 3.2", "accepts all requirements of the
    SOW").  Silence lets the offeror argue later that the price did not cover it.

    Example: the SOW requires monthly bias-testing reports; the proposal's
    technical approach never mentions bias testing or the section.

    Fix: ask the offeror (in discussions or a clarification) to confirm the
    requirement, or record why it is not needed.
    """

    code = "AQ103"
    name = "proposal.unaddressed"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        if ctx.baseline is None or ctx.baseline.kind != "against":
            return
        for match in ctx.matches:
            if match.status == "missing":
                req = match.requirement
                yield self.finding(ctx, None, f"SOW requirement at {req.source} is not addressed: "
                                              f"'{shortened(req.text)}'",
                                   obligation_id=req.id, expected=req.text)


_EXCEPTION = re.compile(
    r"\btak(?:e|es|ing)\s+(?:\w+\s+)?exceptions?\b|\bexceptions?\s+(?:is|are)\s+taken\b|"
    r"\bassum(?:es|ed|ing|ption)\b|\bpropos(?:e|es)\s+(?:to\s+)?deviat\w*|\bdeviations?\s+from\b|"
    r"\b(?:is|are|will\s+be)\s+(?:unable|not\s+able)\s+to\s+(?:comply|meet)\b|\bdoes\s+not\s+comply\b|"
    r"\bin\s+lieu\s+of\b|\bpropos(?:e|es)\s+an\s+alternative\b|\bconditioned\s+(?:up)?on\b",
    re.IGNORECASE)
_NO_EXCEPTION = re.compile(r"\b(?:no|without|takes\s+no|not\s+tak\w+\s+any)\s+exceptions?\b|"
                           r"\bno\s+assumptions\b", re.IGNORECASE)


class ProposalException(Rule):
    """The proposal takes an exception, states an assumption or proposes a deviation.

    Why: exceptions and assumptions change what the Government would be buying;
    an assumption that "the Government will provide labelled test data" shifts
    work and risk, and an accepted proposal can become part of the contract.
    Each one needs an evaluator's decision.

    Example: "Northwind takes exception to the 72-hour incident reporting
    window and proposes 10 business days."

    Fix: raise it in discussions; accept it in writing, negotiate it away, or
    evaluate it as a weakness or deficiency.
    """

    code = "AQ104"
    name = "proposal.exception"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        if ctx.baseline is None or ctx.baseline.kind != "against":
            return
        for statement in ctx.statements:
            if _NO_EXCEPTION.search(statement.text) or statement.text.rstrip().endswith(":"):
                continue
            match = _EXCEPTION.search(statement.text)
            if match:
                yield self.finding(ctx, statement, f"the offeror takes an exception or assumption "
                                                   f"('{match.group(0)}'): needs an evaluator's decision")
