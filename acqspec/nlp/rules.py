"""Rule-based reading of one sentence: modal, polarity, bound party, hedges, conditions.

Contract language is formulaic enough that explicit patterns beat a small
statistical model on *how strongly* and *who*: "shall" vs "should" vs "will
endeavor", "shall not" vs "nothing shall prevent", "the Contractor" vs
"the Government".  The trained text classifier (see :mod:`acqspec.nlp.pipeline`)
handles what patterns cannot: the topic, and whether a bare "will" states an
obligation or merely describes the future.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Modality = Literal["obligation", "prohibition", "permission", "none"]
Strength = Literal["strong", "weak", "none"]
Party = Literal["contractor", "government", "third_party", "none"]

# Party vocabularies.  Vendor terms of service say "we" for the vendor and
# "you"/"Customer" for the buyer, who is the Government in our documents.
_CONTRACTOR = ("contractor", "contractors", "offeror", "offerors", "vendor", "vendors", "provider", "service provider",
               "supplier", "licensor", "seller", "quoter", "awardee", "prime contractor", "we", "us", "our team",
               "our company", "the company")
_GOVERNMENT = ("government", "agency", "the department", "department", "dhs", "contracting officer", "co", "cor",
               "contracting officer's representative", "contracting officer’s representative", "ordering activity",
               "customer", "licensee", "you", "buyer", "component", "program office", "program manager",
               "the client", "client")
_THIRD = ("subcontractor", "subcontractors", "third party", "third parties", "third-party", "user", "users",
          "end user", "end users", "the public", "assessor", "auditor", "evaluator", "independent evaluator",
          "sub-processor", "subprocessor", "affiliates", "partners")

_MODALS: list[tuple[str, Modality, Strength]] = [
    # order matters: longer, negated and hedged forms first
    (r"\b(?:shall|must|will|may|can|should)\s+(?:not|never)\b|\bcannot\b|\bcan't\b|\bwon't\b|\bshan't\b|\bmustn't\b",
     "prohibition", "strong"),
    (r"\bis\s+(?:not\s+)?prohibited\s+from\b|\bare\s+prohibited\s+from\b|\bis\s+not\s+(?:permitted|allowed|authori[sz]ed)\s+to\b"
     r"|\bare\s+not\s+(?:permitted|allowed|authori[sz]ed)\s+to\b|\bin\s+no\s+event\s+(?:shall|will|may)\b"
     r"|\bunder\s+no\s+circumstances?\s+(?:shall|will|may)\b|\bno\s+\w+(?:\s+\w+)?\s+(?:shall|may|will)\b",
     "prohibition", "strong"),
    (r"\b(?:will|shall)\s+(?:use\s+)?(?:commercially\s+)?(?:reasonable|best|good[- ]faith)\s+efforts\b"
     r"|\b(?:will|shall)\s+(?:endeavou?r|strive|seek|aim|try|attempt)\b|\bendeavou?rs?\s+to\b"
     r"|\bshould\b|\bis\s+encouraged\s+to\b|\bare\s+encouraged\s+to\b|\baims?\s+to\b|\bintends?\s+to\b"
     r"|\bwill\s+make\s+(?:every|reasonable)\s+effort\b|\bought\s+to\b",
     "obligation", "weak"),
    (r"\bshall\b|\bmust\b|\b(?:is|are)\s+(?:required|obligated|obliged)\s+to\b|\bagrees?\s+to\b|\bundertakes?\s+to\b"
     r"|\b(?:is|are)\s+responsible\s+for\b|\bhas\s+to\b|\bhave\s+to\b|\bwill\b",
     "obligation", "strong"),
    (r"\bmay\b|\bis\s+(?:permitted|allowed|authori[sz]ed|entitled)\s+to\b|\bare\s+(?:permitted|allowed|authori[sz]ed|entitled)\s+to\b"
     r"|\breserves?\s+the\s+right\b|\bhas\s+the\s+right\b|\bhave\s+the\s+right\b|\bcan\b"
     r"|\bgrants?\b.*\b(?:licen[cs]e|right)\b",
     "permission", "none"),
]
_MODAL_RES = [(re.compile(p, re.IGNORECASE), m, s) for p, m, s in _MODALS]

_HEDGES = re.compile(
    r"\b(?:to\s+the\s+(?:maximum\s+)?extent\s+(?:practicable|feasible|possible|reasonable|permitted|required)"
    r"|unless\s+otherwise\s+(?:agreed|directed|specified|approved|provided)|except\s+(?:as|where|that|for|to)\b"
    r"|where\s+(?:appropriate|practicable|feasible|possible|applicable)|as\s+(?:appropriate|practicable|feasible|"
    r"reasonably\s+(?:necessary|practicable|possible)|necessary|needed)|if\s+(?:commercially\s+)?(?:feasible|practicable|"
    r"possible|available)|subject\s+to\b|at\s+(?:its|our|the\s+\w+'s|the\s+\w+’s)\s+(?:sole\s+)?discretion"
    r"|in\s+its\s+(?:sole\s+)?discretion|where\s+required\s+by\s+law|to\s+the\s+extent\s+required\s+by\s+law"
    r"|(?:commercially\s+)?reasonable\s+efforts|best\s+efforts|good[- ]faith\s+efforts|if\s+requested"
    r"|upon\s+request|when\s+requested|where\s+possible|whenever\s+possible|generally)\b",
    re.IGNORECASE)
_CONDITION = re.compile(
    r"\b(?:if|when|whenever|where|unless|upon|in\s+the\s+event\s+(?:that|of)|provided\s+that|prior\s+to|before|after|"
    r"once|until)\b[^,;.]*", re.IGNORECASE)
_DEFINITION = re.compile(r"^\s*[\"“'‘][^\"”']{1,80}[\"”'’]\s+(?:means|shall\s+mean|refers\s+to|includes|is\s+defined)\b"
                         r"|^\s*[A-Z][\w\s-]{0,60}\s+means\b", re.IGNORECASE)
_DEFINED_TERM = re.compile(r"\(\s*(?:the\s+|hereinafter\s+)?[\"“']([A-Z][\w\s&.-]{0,40})[\"”']\s*\)")


@dataclass(frozen=True)
class SentenceReading:
    """What the rules see in one sentence."""

    modality: Modality
    strength: Strength
    modal: str | None
    modal_start: int | None
    negated: bool
    party: Party
    party_text: str | None
    hedges: tuple[str, ...]
    conditions: tuple[str, ...]
    action: str | None
    object: str | None
    is_definition: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


def defined_parties(text: str) -> dict[str, Party]:
    """Defined terms that name a party, e.g. 'Acme Corp. (the "Vendor")' or '("DHS")'."""
    terms: dict[str, Party] = {}
    for match in _DEFINED_TERM.finditer(text):
        term = match.group(1).strip()
        before = text[max(0, match.start() - 80):match.start()].lower()
        party = classify_party(term) if classify_party(term) != "none" else classify_party(before)
        if party != "none":
            terms[term.lower()] = party
    return terms


def classify_party(phrase: str, aliases: dict[str, Party] | None = None) -> Party:
    """Which party a noun phrase names (the *last* party word wins: 'the Government's contractor')."""
    lowered = phrase.lower().strip()
    best: tuple[int, Party] | None = None
    vocab: list[tuple[str, Party]] = [(w, "contractor") for w in _CONTRACTOR] + \
        [(w, "government") for w in _GOVERNMENT] + [(w, "third_party") for w in _THIRD] + \
        [(w, p) for w, p in (aliases or {}).items()]
    for word, party in vocab:
        for match in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered):
            # "subcontractor" beats "contractor" at the same end; later mentions beat earlier
            key = (match.end(), len(word))
            if best is None or key > (best[0], 0):
                best = (match.end(), party) if best is None or key[0] >= best[0] else best
    return best[1] if best else "none"


def read_sentence(sentence: str, aliases: dict[str, Party] | None = None) -> SentenceReading:
    """Apply the modal, party, hedge and condition rules to one sentence."""
    hedges = tuple(dict.fromkeys(m.group(0).lower() for m in _HEDGES.finditer(sentence)))
    conditions = tuple(m.group(0).strip() for m in _CONDITION.finditer(sentence)
                       if len(m.group(0).split()) > 1)[:3]
    if _DEFINITION.search(sentence):
        return SentenceReading("none", "none", None, None, False, "none", None, hedges, conditions, None, None, True)
    found: tuple[re.Match[str], Modality, Strength] | None = None
    for regex, modality, strength in _MODAL_RES:  # in priority order
        match = regex.search(sentence)
        if match:
            found = (match, modality, strength)
            break
    if found is None:
        return SentenceReading("none", "none", None, None, False, "none", None, hedges, conditions, None, None)
    match, modality, strength = found
    modal = " ".join(match.group(0).lower().split())
    # "Nothing in this contract shall prevent/restrict ..." protects, it does not prohibit.
    if modality == "prohibition" and re.match(r"\s*nothing\b", sentence, re.IGNORECASE):
        modality, strength = "obligation", "strong"
    subject = sentence[:match.start()]
    subject = re.sub(r"^\s*(?:\(?[0-9a-zA-Z]{1,4}[.)]\s*)+", "", subject)  # leading list labels
    clause_start = max(subject.rfind(","), subject.rfind(";"))
    local_subject = subject[clause_start + 1:] if clause_start >= 0 and len(subject[clause_start + 1:].split()) >= 1 \
        else subject
    party = classify_party(local_subject, aliases)
    if party == "none":
        party = classify_party(subject, aliases)
    party_text = local_subject.strip() or None
    if party == "none":
        # "In no event shall the Contractor ..." (inverted) or "... be deleted by the Contractor" (passive agent).
        after = sentence[match.end():]
        inverted = re.match(r"\s*((?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)", after)
        agent = re.search(r"\bby\s+((?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)", after)
        for candidate in (inverted, agent):
            if candidate and classify_party(candidate.group(1), aliases) != "none":
                party, party_text = classify_party(candidate.group(1), aliases), candidate.group(1)
                break
    if modality == "permission" and re.search(r"\bgrants?\b", modal):
        # "You grant us a licence": the permitted party is the grantee.
        grantee = re.search(r"\bgrants?\s+(.{1,40}?)\s+(?:a|an|the)\b", modal)
        party = classify_party(grantee.group(1), aliases) if grantee else party
        rest = sentence[match.start():]
        rest = rest[re.search(r"(?:licen[cs]e|right)s?\b", rest, re.IGNORECASE).end():]
    else:
        rest = sentence[match.end():]
    rest = re.sub(r"^\s*(?:to\s+)?(?:be\s+)?(?:not\s+)?(?:to\s+)?", "", rest.strip())
    words = rest.split()
    action = words[0].strip(",;:.").lower() if words else None
    obj = " ".join(words[1:14]).strip(",;:. ") or None
    return SentenceReading(modality, strength, modal, match.start(), modality == "prohibition", party,
                           party_text, hedges, conditions, action, obj)
