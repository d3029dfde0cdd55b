"""AQ2xx: a required obligation is present but weaker than the baseline."""

from __future__ import annotations

from collections.abc import Iterable

from acqspec.check.base import CheckContext, Rule
from acqspec.check.findings import Finding


class _Weakened(Rule, abstract=True):
    """Report every matched requirement with a weakening of this rule's code."""

    what = ""

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for match in ctx.matches:
            mine = [w for w in match.weakenings if w.code == self.code]
            if not mine or match.statement is None:
                continue
            req = match.requirement
            target = req.clause_id and f"{req.id} ({req.clause_title})" or f"the SOW requirement at {req.source}"
            diff = "; ".join(w.what for w in match.weakenings)
            yield self.finding(ctx, match.statement, f"{self.what} than {target}: {mine[0].what}",
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
    what = "weaker modal verb"


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
    what = "hedged"


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
    what = "different bound party"


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
    what = "looser number"
