"""AQ9xx: bookkeeping of suppressions (inline markers and waiver files).

These rules read the :class:`~acqspec.check.suppress.Ledger` that applying
suppressions leaves, not the document, so they can be selected, ignored and
re-severitied like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from acqspec.check.base import Rule
from acqspec.check.findings import Finding, FindingLocation
from acqspec.check.suppress import Ledger


class UnusedSuppression(Rule):
    """A suppression marker or waiver that no longer matches any finding.

    Why: a stale "acqspec: ignore" or waiver hides nothing today but will
    silently hide a new problem of the same kind tomorrow; removing it keeps
    every accepted risk visible and deliberate.

    Example: "acqspec: ignore AQ402 -- metric in Attachment 3" on a paragraph
    that no longer contains a vague term.

    Fix: delete the marker or the waiver entry.
    """

    code = "AQ901"
    name = "suppression.unused"
    severity = "warning"

    def review(self, ledger: Ledger) -> Iterable[Finding]:
        for location in ledger.malformed:
            yield self.finding(ledger.path, None, "malformed suppression marker: write "
                               "'acqspec: ignore AQ123 -- reason' (a reason is required)", location=location)
        for marker in ledger.unused_markers:
            yield self.finding(ledger.path, None, f"suppression marker for {', '.join(marker.codes + marker.clauses)}"
                               " matches no finding", location=marker.location, evidence=marker.text)
        for waiver, line in ledger.unused_waivers:
            yield self.finding(ledger.path, None, f"waiver for {waiver.code} on {waiver.path} matches no finding",
                               location=FindingLocation(line=line, source=f"line:{line}"))


class ExpiredWaiver(Rule):
    """A waiver has passed its expiry date, so its findings count again.

    Why: waivers record a decision by a named approver for a period; once it
    ends, the accepted risk must be re-decided, not silently carried over.

    Example: a waiver for AQ302 on the vendor licence with ``expires: 2026-06-30``
    checked on 2026-07-01.

    Fix: renew the waiver with a new approval and date, or resolve the finding.
    """

    code = "AQ902"
    name = "suppression.expired"
    severity = "warning"

    def review(self, ledger: Ledger) -> Iterable[Finding]:
        for waiver, line in ledger.expired_waivers:
            yield self.finding(ledger.path, None, f"waiver for {waiver.code} on {waiver.path} expired on "
                               f"{waiver.expires.isoformat()} (approved by {waiver.approver}); "
                               "its findings count again", location=FindingLocation(line=line, source=f"line:{line}"))
