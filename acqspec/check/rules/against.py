"""AQ305: a proposal that contradicts a requirement of the SOW it answers (``--against``)."""

from __future__ import annotations

from collections.abc import Iterable

from acqspec.check.base import CheckContext, Rule
from acqspec.check.baseline import RequiredObligation
from acqspec.check.coverage import content_stems
from acqspec.check.findings import Finding
from acqspec.models import Statement
from acqspec.nlp.ownership import rights_claims, takes_away

_SAME_OBJECT = 0.5
"""Share of the smaller object's content words the other must repeat to be "the same thing"."""
_SAME_ACT = 0.6
"""Share of the requirement's content words a refusal must repeat to be about the required act."""


def _same_object(a: str, b: str) -> bool:
    first, second = content_stems(a), content_stems(b)
    if not first or not second:
        return False
    return len(first & second) / min(len(first), len(second)) >= _SAME_OBJECT


def _ownership(requirement: RequiredObligation, statement: Statement) -> str | None:
    for required in rights_claims(requirement.text):
        for offered in rights_claims(statement.text):
            if _same_object(required.object, offered.object) and takes_away(required, offered):
                holder = "the Government" if required.owner == "government" else "the contractor"
                owner = "the Government" if offered.owner == "government" else "the offeror"
                what = "only a limited right" if offered.scope == "limited" else "ownership"
                rights = "ownership of" if required.scope == "owns" else "unlimited rights in"
                return f"the SOW gives {holder} {rights} '{required.object[:60]}'; " \
                       f"the proposal gives {owner} {what} ('{offered.text[:80]}')"
    return None


def _polarity(requirement: RequiredObligation, statement: Statement) -> str | None:
    if requirement.party != "contractor" or statement.party not in ("contractor", "none"):
        return None
    wanted = content_stems(requirement.text)
    if not wanted or len(wanted & content_stems(statement.text)) / len(wanted) < _SAME_ACT:
        return None
    if requirement.modality == "obligation" and statement.modality == "prohibition":
        return f"the SOW requires it; the proposal refuses it ('{statement.modal or 'not'}')"
    if requirement.modality == "prohibition" and statement.modality in ("obligation", "permission") \
            and not statement.negated:
        return f"the SOW forbids it; the proposal {'commits to' if statement.modality == 'obligation' else 'allows'} it"
    return None


class RequirementContradiction(Rule):
    """The proposal contradicts a requirement of the SOW it answers.

    Why: with --against SOW, a proposal sentence that refuses a required act,
    commits to a forbidden one or takes the ownership the SOW gives the
    Government is not a weaker answer but an exception in disguise; accepted,
    it becomes part of the contract.  The SOW requirement's coverage is then
    ``contradicted`` and this finding points at both places.

    Example: the SOW says "The Government shall have unlimited rights in all
    data first produced …, including fine-tuned model weights"; the proposal
    says "Fine-tuned model weights … remain the proprietary property of the
    Offeror; the Government receives a limited license."

    Fix: raise it in discussions and have the offeror withdraw the term, or
    record it as a deficiency; if the Government accepts it, amend the SOW.
    """

    code = "AQ305"
    name = "conflict.against-requirement"
    severity = "error"
    marks_contradicted = True

    @classmethod
    def contradicts(cls, requirement: RequiredObligation, statement: Statement) -> str | None:
        """Why ``statement`` contradicts a SOW requirement (library baselines have AQ301 instead)."""
        if requirement.clause_id is not None:
            return None
        return _ownership(requirement, statement) or (None if requirement.right else _polarity(requirement, statement))

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for match in ctx.contradicted_by(self.code):
            req = match.requirement
            yield self.finding(ctx, match.statement,
                               f"contradicts the SOW requirement at {req.source}: {match.contradiction.what}",
                               obligation_id=req.id, expected=req.text)
