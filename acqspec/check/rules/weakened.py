"""AQ2xx: a required obligation is present but weaker than the baseline.

Each rule owns its predicate, :meth:`falls_short`: coverage matching asks every
weakening rule whether the best-matching sentence falls short of the
requirement, so a sentence is "weakened" rather than "satisfied" exactly when
one of these rules says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from acqspec.check.base import CheckContext, Rule
from acqspec.check.baseline import Limit, RequiredObligation
from acqspec.check.findings import Finding
from acqspec.models import QuantityModel, Statement

_STRONG_MODAL = re.compile(r"\b(?:shall|must|(?:is|are)\s+required\s+to|agrees?\s+to)\b", re.IGNORECASE)
_GOVERNMENT_WORDS = re.compile(r"\b(?:government|agency|department|dhs|cor|contracting\s+officer|"
                               r"program\s+office|component)\b", re.IGNORECASE)
_CONTRACTOR_WORDS = re.compile(r"\b(?:contractor|offeror|vendor|provider|licensor|supplier|we)\b", re.IGNORECASE)
_TIME_KINDS = frozenset({"deadline", "interval", "retention", "duration"})


def _bound_to(requirement: RequiredObligation, statement: Statement) -> bool:
    """Whether the sentence speaks to the requirement's party: names it, or is a
    passive duty ("reports should be delivered").  "Rates may be adjusted" or
    "incidents may occur" are about something else, not a softened duty.  A plain
    sentence reaches the judges only as a match coverage accepted (a vendor's stated
    practice, "we retain prompts for up to 90 days", or a declarative term), so it is
    judged too."""
    if statement.party == requirement.party:
        return True
    return statement.party == "none" and statement.modality in ("obligation", "prohibition", "none")


class _Weakened(Rule, abstract=True):
    """Report every matched requirement whose sentence this rule finds weaker."""

    message = ""
    """The finding's message, from ``{target}`` (the requirement) and ``{shortfall}`` (what got weaker)."""

    @classmethod
    def falls_short(cls, requirement: RequiredObligation, statement: Statement) -> str | None:
        """What got weaker in ``statement`` against ``requirement``, or None."""
        raise NotImplementedError

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for match in ctx.matches:
            mine = [w for w in match.shortfalls if w.code == self.code]
            if not mine or match.statement is None:
                continue
            req = match.requirement
            target = req.clause_id and f"{req.id} ({req.clause_title})" or f"the SOW requirement at {req.source}"
            diff = "; ".join(w.what for w in match.shortfalls)
            yield self.finding(ctx, match.statement, self.message.format(target=target, shortfall=mine[0].what),
                               clause_id=req.clause_id, obligation_id=req.id, authority=req.authority,
                               expected=req.text + (f" [limit: {req.limit.display}]" if req.limit else ""),
                               diff=diff, score=match.score)


class WeakenedModality(_Weakened):
    """A required obligation is stated with a weaker modal verb.

    Why: "shall" and "must" bind; "should", "may", "will endeavor" or "will
    make reasonable efforts" do not.  A requirement copied with a softer verb
    is no longer enforceable.

    Example: "The Contractor should report AI incidents to the COR within 72
    hours." against IR-01.1 (must report within 72 hours).

    Fix: restore "shall" (or "shall not" for a prohibition).
    """

    code = "AQ201"
    name = "weakened.modality"
    severity = "error"
    message = "weaker modal verb than {target}: {shortfall}"

    @classmethod
    def falls_short(cls, requirement: RequiredObligation, statement: Statement) -> str | None:
        wanted = requirement.modality
        # A sentence with a "shall" in it binds someone even if its first modal is a
        # softer one in a side clause ("…, which the Government may start, the Contractor shall…").
        if not _bound_to(requirement, statement) or wanted not in ("obligation", "prohibition") \
                or statement.modality == "none" or _STRONG_MODAL.search(statement.text):
            return None
        negative = "shall not" if wanted == "prohibition" else "shall"
        modal = statement.modal or statement.modality
        if statement.modality == "permission":
            # Permitting what must be forbidden is a contradiction (AQ301), not a softer verb.
            return None if wanted == "prohibition" else f"'{negative}' → '{modal}' (now optional)"
        return f"'{negative}' → '{modal}' (not binding)" if statement.strength == "weak" else None


class WeakenedHedge(_Weakened):
    """A required obligation gained a hedge or carve-out.

    Why: "to the extent practicable", "where commercially reasonable",
    "unless otherwise agreed" or "subject to the vendor's policies" let the
    obligated party decide whether the obligation applies.

    Example: "To the extent practicable, the Contractor shall provide model
    cards for each model version."

    Fix: delete the hedge; if an exception is really needed, state who decides
    it and on what criteria (e.g. "unless the COR approves in writing").
    """

    code = "AQ202"
    name = "weakened.hedge"
    severity = "warning"
    message = "hedged version of {target}: {shortfall}"

    @classmethod
    def falls_short(cls, requirement: RequiredObligation, statement: Statement) -> str | None:
        if not _bound_to(requirement, statement):
            return None
        hedges = [h for h in statement.hedges if h not in requirement.allowed_hedges]
        return "added " + "; ".join(f"'{h}'" for h in hedges) if hedges else None


class WeakenedParty(_Weakened):
    """A required obligation is placed on the wrong party.

    Why: policy puts testing, reporting and documentation on the contractor
    (who has the system and the data); a SOW in which "the Government will"
    do it moves cost and risk to the agency and leaves the contractor with
    nothing to deliver.

    Example: "The Government will conduct bias testing before deployment."
    against TE-02 (the contractor must test for bias).

    Fix: make the contractor the subject; keep the Government's part to review
    and acceptance.
    """

    code = "AQ203"
    name = "weakened.party"
    severity = "warning"
    message = "binds a different party than {target}: {shortfall}"

    @classmethod
    def falls_short(cls, requirement: RequiredObligation, statement: Statement) -> str | None:
        # Only when the required party has vanished from the sentence: "Where the
        # Contractor furnishes…, the Government's rights shall…" still binds the Contractor.
        party = _explicit_party(statement)
        required_words = _CONTRACTOR_WORDS if requirement.party == "contractor" else _GOVERNMENT_WORDS
        if requirement.modality == "obligation" and requirement.party in ("contractor", "government") and party \
                and party != requirement.party and statement.modality == "obligation" \
                and not required_words.search(statement.text):
            return f"party {requirement.party} → {party}"
        return None


class WeakenedNumber(_Weakened):
    """A required number got looser: a longer deadline, a rarer interval, a shorter retention.

    Why: the clause's parameter (72 hours to report an incident, quarterly
    monitoring reports) is what the profile or policy set; "30 days" or
    "annually" in its place is a weaker contract, whatever the wording.

    Example: "The Contractor shall report AI incidents within 30 days." against
    IR-01.1 with report_hours = 72.

    Fix: use the baseline's number (the finding shows it), or change the
    profile's parameter if the looser value is intended.
    """

    code = "AQ204"
    name = "weakened.number"
    severity = "error"
    message = "looser number than {target}: {shortfall}"

    @classmethod
    def falls_short(cls, requirement: RequiredObligation, statement: Statement) -> str | None:
        if requirement.limit is None or not _bound_to(requirement, statement):
            return None
        looser = _looser_quantity(requirement.limit, statement.quantities)
        return f"{requirement.limit.display} → {looser.display}" if looser is not None else None


def _explicit_party(statement: Statement) -> str | None:
    """The party the sentence names as its subject, when it names one outright
    ("the Government will…"), not when it was inferred from "the system"."""
    subject = statement.party_text or ""
    if statement.party == "government" and _GOVERNMENT_WORDS.search(subject):
        return "government"
    if statement.party == "contractor" and (_CONTRACTOR_WORDS.search(subject) or subject[:1].isupper()):
        return "contractor"
    return None


def _comparable(limit: Limit, quantity: QuantityModel) -> bool:
    # "every 12 months" (an interval) says nothing about "within 10 days" (a deadline),
    # but "delete within 30 days" is the same bound as "keep no longer than 30 days".
    if limit.measure in _TIME_KINDS:
        spans = {"deadline", "retention", "duration"}
        return quantity.kind == limit.measure or (quantity.kind in spans and limit.measure in spans)
    return quantity.kind == limit.measure


def _looser_quantity(limit: Limit, quantities: Sequence[QuantityModel]) -> QuantityModel | None:
    """The first comparable number in the sentence that is looser than the limit, if no comparable
    number meets it (a sentence that also states the required number is not weakened)."""
    comparable = [q for q in quantities if _comparable(limit, q)]
    tolerance = 1e-6 * max(1.0, limit.value)
    if limit.bound == "max":
        looser = [q for q in comparable if q.value > limit.value + tolerance]
    else:
        looser = [q for q in comparable if q.value < limit.value - tolerance]
    return looser[0] if looser and len(looser) == len(comparable) else None
