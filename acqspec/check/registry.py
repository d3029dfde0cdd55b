"""The explicit, ordered catalogue of checker rules."""

from __future__ import annotations

from acqspec.check.base import Rule
from acqspec.check.rules.conflicting import CommercialTermConflict, PolicyConflict
from acqspec.check.rules.internal import InternalPolarityConflict, InternalValueConflict
from acqspec.check.rules.missing import MissingClause, MissingObligation, ProposalException, UnaddressedRequirement
from acqspec.check.rules.suppression import ExpiredWaiver, UnusedSuppression
from acqspec.check.rules.quality import NoBoundParty, UnfilledPlaceholder, VagueRequirement
from acqspec.check.rules.weakened import WeakenedHedge, WeakenedModality, WeakenedNumber, WeakenedParty

RULES: tuple[type[Rule], ...] = (
    MissingClause, MissingObligation, UnaddressedRequirement, ProposalException,
    WeakenedModality, WeakenedHedge, WeakenedParty, WeakenedNumber,
    PolicyConflict, CommercialTermConflict, InternalPolarityConflict, InternalValueConflict,
    NoBoundParty, VagueRequirement, UnfilledPlaceholder,
    UnusedSuppression, ExpiredWaiver,
)


def get_rule(code_or_name: str) -> type[Rule] | None:
    """The rule with this code (AQ301) or name (conflict.policy), case-insensitive."""
    wanted = code_or_name.lower()
    return next((r for r in RULES if r.code.lower() == wanted or r.name == wanted), None)


def rule_selectors(values: tuple[str, ...] | list[str], option: str | None = "--select") -> tuple[str, ...]:
    """``("AQ1,AQ303", "conflict.policy")`` → ``("AQ1", "AQ303", "conflict.policy")``, each matching a rule.

    A selector that matches no rule is a :class:`ValueError`: a typo in
    ``--select`` would otherwise silently run nothing and pass.
    """
    selectors = tuple(part.strip() for value in values for part in value.split(",") if part.strip())
    for selector in selectors:
        if not any(_matches(rule, (selector,)) for rule in RULES):
            named = f"{option} {selector!r}" if option else repr(selector)
            raise ValueError(f"{named} matches no rule (codes AQ101-AQ902; see 'acqspec rules')")
    return selectors


def _matches(rule: type[Rule], prefixes: tuple[str, ...]) -> bool:
    return any(rule.code.upper().startswith(p.upper()) or rule.name == p.lower() for p in prefixes)


def selected_rules(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[type[Rule]]:
    """Rules whose code starts with a ``select`` prefix (all if none) and no ``ignore`` prefix."""
    return [r for r in RULES if (not select or _matches(r, select)) and not _matches(r, ignore)]
