"""AQ4xx: requirements that cannot be enforced as written."""

from __future__ import annotations

import re
from collections.abc import Iterable

from acqspec.check.base import CheckContext, Rule
from acqspec.check.findings import Finding

_PASSIVE = re.compile(r"\b(?:shall|must|will|should|may)\s+(?:not\s+)?be\s+(\w+(?:ed|en|wn|t))\b", re.IGNORECASE)
_VAGUE = re.compile(
    r"\b(?:high(?:ly)?\s+(?:accura\w+|quality|reliab\w+|availab\w+|performance)|timely|in\s+a\s+timely\s+manner|"
    r"as\s+soon\s+as\s+(?:possible|practicable)|promptly|user[- ]friendly|state[- ]of[- ]the[- ]art|"
    r"industry[- ]standard|best\s+practices?|robust|sufficient(?:ly)?|adequate(?:ly)?|periodically|regularly|"
    r"reasonable\s+(?:time|period)|minimal|optimal|seamless(?:ly)?)\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(
    r"\[\s*(?:TBD|TBA|TBC|insert[^\]]*|to\s+be\s+determined[^\]]*|(?:Offeror|Government|Contractor)\s+to\s+"
    r"specify[^\]]*)\s*\]|\bTBD\b|\bTBA\b|\bXX+\b|_{4,}|\{\{[^}]*\}\}|<<[^>]*>>", re.IGNORECASE)


class NoBoundParty(Rule):
    """A passive requirement names nobody who must carry it out.

    Why: "Data will be deleted after 30 days" binds no one; when it is not done,
    neither the contractor nor the Government is in breach.  Obligations the
    checker compares against the library need a bound party.

    Example: "Prompts and outputs shall be deleted within 30 days."

    Fix: name the party: "The Contractor shall delete prompts and outputs
    within 30 days."
    """

    code = "AQ401"
    name = "quality.no-bound-party"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for statement in ctx.statements:
            if statement.modality not in ("obligation", "prohibition") or statement.party != "none":
                continue
            if statement.inherited_from is not None:
                continue
            match = _PASSIVE.search(statement.text)
            if match and not re.search(r"\bby\s+(?:the|a|an)?\s*\w+", statement.text[match.end():]):
                yield self.finding(ctx, statement,
                                   f"passive requirement ('{match.group(0)}') names no party responsible for it")


class VagueRequirement(Rule):
    """A requirement uses an unmeasurable term and gives no number.

    Why: "high accuracy", "timely" or "promptly" cannot be tested or accepted;
    performance and incident terms need a metric, threshold or deadline.

    Example: "The Contractor shall report incidents in a timely manner."

    Fix: state the measure: "within 72 hours of discovery", "at least 95%
    precision on the Government test set".
    """

    code = "AQ402"
    name = "quality.vague"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for statement in ctx.statements:
            if statement.modality != "obligation" or statement.quantities:
                continue
            match = _VAGUE.search(statement.text)
            if match:
                yield self.finding(ctx, statement, f"unmeasurable term '{match.group(0)}' with no number; "
                                                   "state a metric, threshold or deadline")


class UnfilledPlaceholder(Rule):
    """The document still contains a placeholder or an unfilled parameter.

    Why: "[TBD]", "XX days" or "[Offeror to specify: ...]" left in a SOW or a
    proposal means the term was never agreed; generated specifications mark
    offeror fill-ins this way on purpose so they cannot be missed.

    Example: "The Contractor shall report incidents within XX hours."

    Fix: fill in the value, or delete the sentence if it does not apply.
    """

    code = "AQ403"
    name = "quality.placeholder"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for statement in ctx.statements:
            match = _PLACEHOLDER.search(statement.text)
            if match:
                yield self.finding(ctx, statement, f"unfilled placeholder '{match.group(0)[:60]}'")
