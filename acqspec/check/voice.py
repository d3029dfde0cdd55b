"""Who is speaking: the buyer (a solicitation) or the vendor (a proposal, terms, a privacy page).

A vendor commits as often by describing its practice ("We do not use Government prompts to
train our models", "Prompts are deleted from our systems after 14 days") as with "will" or
"shall"; a solicitation's plain sentences describe the Government's current state and process,
and its "we" is the agency; a formal contract's recite and define.  Coverage (and AQ301, more
narrowly) counts a plain sentence as the vendor's word only in a document that binds no party
by its role, and only when the sentence speaks for the vendor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from acqspec.models import Statement
from acqspec.nlp.reading import classify_party

# A role a solicitation or a formal contract binds: "The Contractor shall", "Offerors must", "the
# Receiving Party shall", "Licensee will".
_ROLE_BOUND = re.compile(r"(?:the\s+|all\s+|each\s+|an?\s+|any\s+|every\s+|either\s+|neither\s+|successful\s+|"
                         r"prospective\s+|receiving\s+|disclosing\s+)*"
                         r"(?:contractors?|offerors?|vendors?|quoters?|bidders?|awardees?|respondents?|part(?:y|ies)|"
                         r"recipients?|licensees?|licensors?|lessees?|lessors?|tenants?|landlords?|employees?|"
                         r"employers?|consultants?|suppliers?|providers?|purchasers?|buyers?|sellers?|"
                         r"contractor's\s+\w+)\s*", re.IGNORECASE)
# The Government's side by name or office: "referred to the CO", "the Contracting Officer may".
_GOVERNMENT_SIDE = re.compile(r"\b(?:Government|Contracting\s+Officer|CO|COR|COTR|[Tt]he\s+[Aa]gency)(?:'s)?\b")
# The buyer as a sentence's subject ("You may terminate …", "Customer may cancel …").
_BUYER = re.compile(r"(?:the\s+)?(?:you|customers?|licensees?|clients?|buyers?|purchasers?|users?|end\s+users?|"
                    r"government|agency|subscribers?)", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|ours)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
# "Provider's matching service never …", "Acme places no restriction …"
_OWN_SUBJECT = re.compile(r"\s*(?:[Tt]he\s+)?(?:(?P<role>provider|licensor|supplier|processor)\b|"
                          r"(?!(?:Your|You|The|This|These|Those|Each|Every|All|Any|No|Some|Such|It|Its|They|Their|"
                          r"If|When|Where)\b)"
                          r"(?P<name>[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)?)"
                          r"(?:'s\s+[a-z]|\s+(?:(?:never|also|only|always|\w+ly)\s+)?[a-z]+s\b))")
_DEFINITION = re.compile(r"[^.;:]{0,80}?\b(?:means|shall\s+mean|refers\s+to|is\s+defined\s+as|includes)\b",
                         re.IGNORECASE)
_SHORT_NAME = re.compile(r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2}")
_POSSESSIVE_NAME = re.compile(r"\b(?!(?:It|Its)\b)([A-Z][\w&-]+)'s\s+[a-z]")
# Negation of the described practice; "no later than" / "no more than" bound it instead.
_NEGATION = re.compile(r"\b(?:not|never|no(?!\s+(?:later|more|less|fewer|longer)\s+than)|none|nothing|nor|without|"
                       r"prohibit\w*|forbid\w*|preclud\w*|bars|barred)\b|n't\b", re.IGNORECASE)


def binds_parties_by_role(statements: Sequence[Statement]) -> bool:
    """The document imposes duties on parties named by their role ("the Contractor shall", "the
    Receiving Party shall"): it is a solicitation or a formal contract, whose plain sentences
    describe, define or recite; they are nobody's commitment."""
    return any(s.modality in ("obligation", "prohibition") and s.party_text
               and _ROLE_BOUND.fullmatch(s.party_text.strip()) for s in statements)


def names_the_government(text: str) -> bool:
    """The sentence names the Government or one of its offices ("Any changes … shall be referred to
    the CO"): Government procurement text, whatever the document's voice."""
    return _GOVERNMENT_SIDE.search(text) is not None


def speaks_for_the_vendor(text: str, to_the_customer: bool = False) -> bool:
    """The plain sentence says what the vendor (or its service) does: first person ("we", "our
    systems"), the vendor's role ("Provider's service") or a name that is not the Government's, as
    the subject or as an owner ("… and Acme's models are never trained on it"); with
    ``to_the_customer`` also second person ("your prompts are deleted after 30 days"), which
    coverage accepts but conflict patterns do not ("at your own risk" is no practice of the
    vendor's).  A definition ("Documentation means … as updated from time to time") describes
    no practice."""
    if _DEFINITION.match(text):
        return False
    if _FIRST_PERSON.search(text) or to_the_customer and _SECOND_PERSON.search(text):
        return True
    subject = _OWN_SUBJECT.match(text)
    if subject is not None and (subject.group("role") is not None
                                or classify_party(subject.group("name")) != "government"):
        return True
    return any(classify_party(name) != "government" for name in _POSSESSIVE_NAME.findall(text))


def names_the_vendor(subject: str) -> bool:
    """A sentence's subject is the vendor: "we", or a short name that is not the Government's
    ("Mistral", "Mistral AI", "Acme Corp."), in a document that binds nobody by role (see
    :func:`binds_parties_by_role`); "Whoever, being an officer …" is nobody's name."""
    subject = subject.strip()
    if re.fullmatch(r"we|us", subject, re.IGNORECASE):
        return True
    return _SHORT_NAME.fullmatch(subject) is not None and classify_party(subject) != "government"


def names_the_buyer(subject: str) -> bool:
    """A sentence's subject is the buyer: "you", "Customer", "Licensee", "the Government" (the
    reading also maps "We grant you" to the grantee, whose subject "We" stays the vendor)."""
    return _BUYER.fullmatch(subject.strip()) is not None


def negated(text: str) -> bool:
    """The described practice is denied ("we do not sell", "never leaves", "no … binds")."""
    return _NEGATION.search(text) is not None
