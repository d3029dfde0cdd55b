"""Who a sentence says owns something, or what rights it gives whom.

"The Government shall have unlimited rights in all data first produced …"
and "Fine-tuned model weights … remain the proprietary property of the
Offeror; the Government receives a limited license" share most of their words
and embed alike; what decides between them is the direction of ownership.
:func:`rights_claims` reads it with a few explained patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Owner = Literal["government", "contractor"]
Scope = Literal["owns", "unlimited", "limited"]

_GOVERNMENT = r"(?:the\s+)?(?:Government|Agency|Department|DHS|Customer)"
_CONTRACTOR = (r"(?:the\s+)?(?:Contractor|Offeror|Vendor|Provider|Licensor|Supplier|Company|Service\s+Provider|we|us"
               r"|[A-Z][a-z]+(?:\s+(?:Inc|Corp|LLC|Ltd)\.?)?)")
_PARTY = rf"(?P<party>{_GOVERNMENT}|{_CONTRACTOR})"

_PATTERNS: tuple[tuple[re.Pattern[str], Scope], ...] = (
    # "X shall have/has/receives unlimited rights in Y"
    (re.compile(rf"{_PARTY}\s+(?:shall|will|does|must)?\s*(?:have|has|receives?|obtains?|acquires?|is\s+granted|"
                rf"shall\s+receive|will\s+receive)\s+(?:only\s+)?(?:an?\s+)?(?P<scope>unlimited\s+rights?|"
                rf"limited\s+(?:rights?|licen[cs]e)|restricted\s+rights?|non-?exclusive\s+licen[cs]e|"
                rf"licen[cs]e|title|ownership|all\s+right,?\s+title,?\s+and\s+interest)\s+(?:in|to|of)?\s*"
                rf"(?P<object>[^.;]*)", re.IGNORECASE), "unlimited"),
    # "Y remain(s)/is/shall be the (sole/exclusive/proprietary) property of X"
    (re.compile(rf"(?P<object>\b[^.;]{{0,200}}?)\s+(?:shall\s+|will\s+)?(?:remains?|is|are|be|become|becomes)\s+(?:the\s+)?"
                rf"(?:sole\s+|exclusive\s+)?(?:and\s+exclusive\s+)?(?:proprietary\s+)?(?:property|owned\s+by)\s+"
                rf"(?:of\s+)?{_PARTY}", re.IGNORECASE), "owns"),
    # "X owns / retains (all right, title and interest in) Y"
    (re.compile(rf"{_PARTY}\s+(?:shall\s+|will\s+)?(?:owns?|retains?|keeps?|holds?)\s+(?:all\s+)?(?:right,?\s+"
                rf"title,?\s+and\s+interest\s+(?:in|to)\s+|ownership\s+of\s+|title\s+to\s+)?(?P<object>[^.;]*)",
                re.IGNORECASE), "owns"),
)


@dataclass(frozen=True)
class RightsClaim:
    """One claim: ``owner`` has ``scope`` over ``object`` ("the Offeror" owns "fine-tuned model weights")."""

    owner: Owner
    scope: Scope
    object: str
    text: str
    """The words the claim was read from."""


def _owner(party: str) -> Owner:
    return "government" if re.fullmatch(_GOVERNMENT, party.strip(), re.IGNORECASE) else "contractor"


_HINT = re.compile(r"\b(?:propert|own|retain|rights?\b|title|licen[cs]e|interest)", re.IGNORECASE)


@lru_cache(maxsize=8192)
def rights_claims(sentence: str) -> tuple[RightsClaim, ...]:
    """Every ownership or rights claim in the sentence, in reading order (cached: a SOW requirement is
    compared with many sentences)."""
    if not _HINT.search(sentence):  # the patterns below are costly; most sentences claim nothing
        return ()
    claims = []
    for pattern, default_scope in _PATTERNS:
        for match in pattern.finditer(sentence):
            scope: Scope = default_scope
            named = (match.groupdict().get("scope") or "").lower()
            if named and not named.startswith("unlimited"):
                scope = "limited" if re.match(r"limited|restricted|non-?exclusive|licen", named) else "owns"
            claims.append(RightsClaim(_owner(match.group("party")), scope, match.group("object").strip(" ,"),
                                      match.group(0)))
    return tuple(sorted(claims, key=lambda c: sentence.find(c.text)))


def takes_away(required: RightsClaim, offered: RightsClaim) -> bool:
    """Whether ``offered`` contradicts ``required`` about the same thing (the caller checks the object):
    the other party owns it, or the required owner gets only a limited right."""
    if required.scope == "limited":
        return False
    if offered.owner != required.owner and offered.scope in ("owns", "unlimited"):
        return True
    return offered.owner == required.owner and offered.scope == "limited"
