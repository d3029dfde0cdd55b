"""The catalogue of checker rules, discovered from the rule classes.

Every module of :mod:`acqspec.check.rules` is imported once; each non-abstract
:class:`~acqspec.check.base.Rule` subclass registers itself when its class is
defined.  Adding a rule is adding a class there — nothing here changes.
"""

from __future__ import annotations

import importlib
import pkgutil

from acqspec.check import rules as _rules_package
from acqspec.check.base import _REGISTERED, Rule
from acqspec.check.findings import RuleInfo


def _discover() -> tuple[type[Rule], ...]:
    for module in pkgutil.iter_modules(_rules_package.__path__):
        importlib.import_module(f"{_rules_package.__name__}.{module.name}")
    found = sorted(set(_REGISTERED), key=lambda rule: rule.code)
    for first, second in zip(found, found[1:]):
        if first.code == second.code or first.name == second.name:
            raise TypeError(f"rules {first.__name__} and {second.__name__} share a code or name")
    return tuple(found)


RULES: tuple[type[Rule], ...] = _discover()
"""Every rule, in code order."""

WEAKENING_RULES = tuple(rule for rule in RULES if hasattr(rule, "falls_short"))
"""The rules whose predicates decide whether a matched sentence is weakened (all of them, always:
coverage does not change with ``--select``)."""


CONTRADICTION_RULES = tuple(rule for rule in RULES if hasattr(rule, "contradicts"))
"""The rules whose predicates decide whether a sentence contradicts a requirement (always all of them)."""


def get_rule(code_or_name: str) -> type[Rule] | None:
    """The rule with this code (AQ301) or name (conflict.policy), case-insensitive."""
    wanted = code_or_name.lower()
    return next((r for r in RULES if r.code.lower() == wanted or r.name == wanted), None)


def rule_infos(rules=RULES) -> tuple[RuleInfo, ...]:
    """The metadata of ``rules`` (default: all), for reporters and documentation."""
    return tuple(rule.info() for rule in rules)


def rule_selectors(values: tuple[str, ...] | list[str], option: str | None = "--select") -> tuple[str, ...]:
    """``("AQ1,AQ303", "conflict.policy")`` → ``("AQ1", "AQ303", "conflict.policy")``, each matching a rule.

    A selector that matches no rule is a :class:`ValueError`: a typo in
    ``--select`` would otherwise silently run nothing and pass.
    """
    selectors = tuple(part.strip() for value in values for part in value.split(",") if part.strip())
    for selector in selectors:
        if not any(_matches(rule, (selector,)) for rule in RULES):
            named = f"{option} {selector!r}" if option else repr(selector)
            raise ValueError(f"{named} matches no rule (codes {RULES[0].code}-{RULES[-1].code}; see 'acqspec rules')")
    return selectors


def _matches(rule: type[Rule], prefixes: tuple[str, ...]) -> bool:
    return any(rule.code.upper().startswith(p.upper()) or rule.name == p.lower() for p in prefixes)


def selected_rules(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[type[Rule]]:
    """Rules whose code starts with a ``select`` prefix (all if none) and no ``ignore`` prefix."""
    return [r for r in RULES if (not select or _matches(r, select)) and not _matches(r, ignore)]
