"""AQ9xx: bookkeeping of suppressions (inline markers and waiver files).

These rules do not read documents; :mod:`acqspec.check.suppress` reports them
while it applies suppressions, so they can be selected, ignored and
re-severitied like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from acqspec.check.base import CheckContext, Rule
from acqspec.check.findings import Finding


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

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        return ()


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

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        return ()
