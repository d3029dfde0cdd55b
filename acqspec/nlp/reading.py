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
from functools import lru_cache
from typing import Literal

Modality = Literal["obligation", "prohibition", "permission", "none"]
Strength = Literal["strong", "weak", "none"]
Party = Literal["contractor", "government", "third_party", "none"]

# Party vocabularies.  The checker's frame has two sides: the *contractor*
# side supplies what is contracted for (services, goods, software, premises,
# labour, or care of the other side's information) and the *government* side
# buys it, pays for it or owns the data.  Vendor terms of service say "we" for
# the vendor and "you"/"Customer" for the buyer, who is the Government in our
# documents.  Other people's contracts map onto the same frame (see
# nlp_models/data/README.md, "Parties in non-Government contracts"):
#   licensor, landlord/lessor, supplier, consultant, service provider,
#   the (singular) Employee/Executive, receiving party/recipient -> contractor;
#   licensee, tenant/lessee, customer, client, employer, disclosing party -> government;
#   guarantors, subtenants, sublicensees, assignees -> third party.
# A bare plural "employees" is the issuing organisation's own staff, which in a
# Government policy is the Government; "Contractor employees", "the Landlord's
# agents" take the party of the word that qualifies them (see _STAFF).
# Federal agencies and offices a solicitation names as the buyer ("GSA may cancel the order").
_AGENCIES = ("gsa", "tts", "fas", "dol", "dos", "dod", "doj", "dot", "hhs", "usda", "epa", "nasa", "sba", "opm", "omb",
             "irs", "ssa", "fema", "cbp", "uscis", "tsa", "cisa", "fbi", "uscg", "nist", "hud", "cms", "nih", "cdc",
             "fda", "faa")
_CONTRACTOR = ("contractor", "contractors", "offeror", "offerors", "vendor", "vendors", "provider", "service provider",
               "supplier", "licensor", "seller", "quoter", "quoters", "awardee", "bidder", "bidders", "processor",
               "data processor", "our", "prime contractor", "we", "us", "our team",
               "our company", "the company", "service providers", "suppliers", "licensors", "landlord", "landlords",
               "lessor", "lessors", "consultant", "consultants", "the employee", "employee", "executive",
               "the executive", "receiving party", "recipient", "the recipient", "the receiving party")
_GOVERNMENT = ("government", "agency", "the department", "department", "dhs", "contracting officer", "co", "cor",
               "contracting officer's representative", "contracting officer’s representative", "ordering activity",
               "customer", "licensee", "you", "buyer", "component", "components", "program office", "controller",
               "data controller", "employees", "officer", "officers", "supervisor", "supervisors",
               "operator", "operators", "analyst", "analysts", "specialist", "specialists", "decision-maker",
               "decision-makers", "field office", "field offices", "contracting officers", "chief ai officer",
               "incident response team", "agency staff", "government personnel", "federal employees", "program manager",
               "the client", "client", "customers", "licensees", "tenant", "tenants", "lessee", "lessees",
               "employer", "the employer", "disclosing party", "the disclosing party", "discloser", "purchaser",
               "agency employee", "agency employees", "government employee", "government employees",
               "co/cor", "cor/co", "ordering agency", "the gsa") + _AGENCIES
_THIRD = ("subcontractor", "subcontractors", "third party", "third parties", "third-party", "user", "users",
          "end user", "end users", "the public", "assessor", "auditor", "evaluator", "independent evaluator",
          "teaming partner", "applicant", "applicants", "sub-processors", "developers", "anyone", "taxpayers",
          "survivors", "individuals", "members of the public", "organizations", "partner organizations",
          "readers", "beneficiaries", "requesters", "data subjects", "people", "adjudicators", "reviewers",
          "interpreters", "claimant", "claimants", "traveler", "travelers",
          "sub-processor", "subprocessor", "affiliates", "partners", "guarantor", "guarantors", "subtenant",
          "subtenants", "sublessee", "sublicensee", "sublicensees", "assignee", "assignees", "carrier", "carriers")
# A party name right before one of these nouns names the owner ("Government data shall be deleted
# by the Contractor"), not the party the sentence binds.
_OWNED_AFTER = re.compile(r"['’]?s?\s+(?:data|inputs?|outputs?|information|content|records|property|files|"
                          r"materials|furnished|rights)\b")
# Staff nouns name the people of whichever party qualifies them ("Contractor employees",
# "the Landlord's agents"); alone they keep their own vocabulary entry, if any.
_STAFF = ("employees", "employee", "personnel", "staff", "agents", "representatives", "workers", "officers",
          "contractors")

_MODALS: list[tuple[str, Modality, Strength]] = [
    # near misses that deny a duty bind nobody: "the Landlord has no obligation to repair",
    # "the Company is not required to", "shall not be obliged to"
    ((r"\b(?:(?:shall|will)\s+)?(?:have|has|is\s+under|are\s+under|be\s+under)\s+no\s+(?:obligation|duty)\b"
      r"|\b(?:(?:is|are)\s+not|(?:shall|will)\s+not\s+be)\s+(?:required|obligated|obliged|bound)\s+to\b"
      # "The contractor will not be responsible to perform the following:" (out of scope, not forbidden)
      r"|\b(?:(?:is|are)\s+not|(?:shall|will)\s+not\s+be)\s+responsible\s+(?:to|for)\b"
      # a disclaimer: "The Vendor does not warrant that ..."
      r"|\b(?:does|do)\s+not\s+(?:warrant|represent|guarantee)\b"),
     "none", "none"),
    # rights granted in "shall have unlimited rights" are permissions, not duties
    ((r"\b(?:shall|will)\s+(?:have|retain|receive)\s+(?:\w+\s+){0,2}(?:rights?|licen[cs]es?)\b"
     r"|\b(?:shall|will)\s+be\s+entitled\s+to\b"), "permission", "none"),
    # order matters: longer, negated and hedged forms first
    (r"\b(?:shall|must|will|may|can|should)\s+(?:not|never)\b|\bcannot\b|\bcan't\b|\bwon't\b|\bshan't\b|\bmustn't\b",
     "prohibition", "strong"),
    ((r"\b(?:agrees?|undertakes?|covenants?|commits?)\s+(?:(?:and\s+agrees?|and\s+undertakes?)\s+)?(?:that\s+(?:it|he|she|they)\s+"
     r"(?:shall|will)\s+)?not\b|\b(?:is|are)\s+not\s+to\b|\b(?:is|are)\s+(?:not\s+)?(?:prohibited|barred|precluded|forbidden)\s+(?:from|to)\b"
     r"|\b(?:is|are)\s+not\s+allowed\b|\bneither\b.{0,60}\bis\s+to\b|\bis\s+not\s+(?:permitted|allowed|authori[sz]ed)\s+to\b"
     r"|\bare\s+not\s+(?:permitted|allowed|authori[sz]ed)\s+to\b|\bin\s+no\s+event\s+(?:shall|will|may)\b"
     r"|\bunder\s+no\s+circumstances?\s+(?:shall|will|may)\b"
     r"|\bno\s+(?!later\b|less\b|more\b|fewer\b|sooner\b|longer\b)[^.;:]{0,100}?\s(?:shall|may|will)\b"
     r"|\bneither\s+(?:party|of\s+the\s+parties|the\s+\w+|\w+)\b[^.;:]{0,60}?\s(?:shall|may|will|must)\b"),
     "prohibition", "strong"),
    ((r"\b(?:will|shall)\s+(?:use\s+)?(?:commercially\s+)?(?:reasonable|best|good[- ]faith)\s+efforts\b"
     r"|\b(?:will|shall)\s+(?:endeavou?r|strive|seek|aim|try|attempt)\b|\bendeavou?rs?\s+to\b"
     r"|(?<=\bwe\s)(?:aim|strive|try|seek|attempt|hope)\s+to\b"
     r"|\bshould\b|\bis\s+encouraged\s+to\b|\bare\s+encouraged\s+to\b"
     r"|\bwill\s+make\s+(?:every|reasonable)\s+effort\b|\bought\s+to\b|\b(?:is|are)\s+invited\s+to\b"),
     "obligation", "weak"),
    ((r"\bshall\b|\bmust\b|\b(?:is|are)\s+(?:required|obligated|obliged)\s+to\b|\bagrees?\s+to\b|\bundertakes?\s+to\b"
     r"|\bcovenants?\s+(?:and\s+agrees?\s+)?(?:to|that)\b|\bagrees?\s+and\s+undertakes?\s+to\b"
     r"|\b(?:is|are)\s+responsible\s+for\b|\bhas\s+to\b|\bhave\s+to\b|\b(?:is|are)\s+to\b"
     r"|\b(?:is|are)\s+(?:due|payable)\b|\bcommits?\s+to\b|\bobliges\b|\bwarrants?\s+that\b"
     r"|\b(?:it\s+is|is)\s+(?:your|the\s+\w+'s|its)\s+responsibility\b|\bwill\b"),
     "obligation", "strong"),
    ((r"\bmay\b|\bis\s+(?:permitted|allowed|authori[sz]ed|entitled)\s+to\b|\bare\s+(?:permitted|allowed|authori[sz]ed|entitled)\s+to\b"
     r"|\b(?:reserves?|retains?)\s+the\s+(?:right|option)\b|\bhas\s+the\s+right\b|\bhave\s+the\s+right\b|\bcan\b"
     r"|\bgrants?\b.*\b(?:licen[cs]e|right)\b"),
     "permission", "none"),
]
_MODAL_RES = [(re.compile(p, re.IGNORECASE), m, s) for p, m, s in _MODALS]
# Sentences whose modal words do not bind anyone: construction, precedence,
# purpose and limitation-of-liability language.
_NOT_BINDING = re.compile(
    r"\bshall\s+(?:not\s+)?be\s+(?:construed|interpreted|deemed)\b"
    r"|\b(?:this|the)\s+(?:clause|agreement|contract|section|order|addendum|provision|plan|document)s?\s+"
    r"(?:shall|will)\s+(?:take\s+precedence|govern|prevail|control)\b"
    r"|\b(?:purpose|goal|objective|aim|intent)\s+(?:of\s+[^.]{1,60}?\s)?is\s+to\b"
    r"|\b(?:shall|will)\s+(?:not\s+)?(?:be\s+liable|have\s+(?:no|any)\s+liability)\b"
    r"|\bliability\b[^.]{0,80}\bshall\s+not\s+exceed\b", re.IGNORECASE)

HEDGES = re.compile(
    r"\b(?:to\s+the\s+(?:maximum\s+)?extent\s+(?:practicable|feasible|possible|reasonable|permitted|required)"
    r"|unless\s+otherwise\s+(?:agreed|directed|specified|approved|provided)|except\s+(?:as|where|that|for|to)\b"
    r"|where\s+(?:commercially\s+|technically\s+)?(?:appropriate|practicable|feasible|possible|applicable|reasonable)"
    r"|(?:where|when|if|as)\s+(?:[\w'\u2019-]+\s+){1,3}(?:permits?|allows?)"
    r"|will\s+consider|(?:when|if|where)\s+(?:the\s+)?(?:\w+\s+){0,2}(?:requests?|asks?)(?!\s+(?:for\s+)?(?:that|to))"
    r"|to\s+the\s+extent\s+commercially\s+(?:practicable|feasible|reasonable)|as\s+(?:appropriate|practicable|feasible|"
    r"reasonably\s+(?:necessary|practicable|possible)|necessary|needed)|if\s+(?:commercially\s+)?(?:feasible|practicable|"
    r"possible|available)|subject\s+to\b|at\s+(?:its|our|the\s+\w+'s|the\s+\w+’s)\s+(?:sole\s+)?discretion"
    r"|in\s+its\s+(?:sole\s+)?discretion|where\s+required\s+by\s+law|to\s+the\s+extent\s+required\s+by\s+law"
    r"|(?:commercially\s+)?reasonable\s+efforts|best\s+efforts|good[- ]faith\s+efforts|if\s+requested"
    r"|upon\s+request|when\s+requested|where\s+possible|whenever\s+possible|generally)\b",
    re.IGNORECASE)
"""Hedges that weaken an obligation ("to the extent practicable", "subject to", "best efforts")."""
_HEDGES = HEDGES
_CONDITION = re.compile(
    r"\b(?:if|when|whenever|where|unless|upon|in\s+the\s+event\s+(?:that|of)|provided\s+that|prior\s+to|before|after|"
    r"once|until)\b"
    # ... up to a comma, semicolon or full stop, or a purpose clause: "after award so that the
    # Government can review it" is conditioned on award, not on the review.
    r"(?:(?!\s(?:so\s+that|in\s+order\s+to)\b)[^,;.])*", re.IGNORECASE)
# A purpose clause runs to the end of its sentence part; a "before ..." inside it is not a condition.
_PURPOSE = re.compile(r"\b(?:so\s+that|in\s+order\s+to)\b[^;.]*", re.IGNORECASE)
_DEFINITION = re.compile(r"^\s*[\"“'‘][^\"”']{1,80}[\"”'’]\s+(?:means|shall\s+mean|refers\s+to|includes|is\s+defined)\b"
                         r"|^\s*[A-Z][\w\s-]{0,60}\s+means\b", re.IGNORECASE)
_DEFINED_TERM = re.compile(r"\(\s*(?:the\s+|hereinafter\s+)?[\"“']([A-Z][\w\s&.-]{0,40})[\"”']\s*\)")


def ascii_folded(regex: re.Pattern[str]) -> re.Pattern[str]:
    """A faster twin of an IGNORECASE ``regex`` for lower-cased ASCII text.

    On an ASCII ``text``, ``ascii_folded(regex).finditer(text.lower())`` finds
    exactly the spans ``regex.finditer(text)`` finds (lower-casing ASCII keeps
    every offset), and ``re`` matches 2-3x faster without IGNORECASE.  Only
    the text of a match differs (lower case): read groups from the original
    by span.  A pattern that names an upper-case letter (``[A-Z]``), or a
    character that folds to ASCII, keeps IGNORECASE, which is just as exact on
    lower-cased text.
    """
    if not regex.flags & re.IGNORECASE:
        raise ValueError("ascii_folded() needs an IGNORECASE pattern")
    if re.search(r"\\[xuUN0-7]", regex.pattern):
        return regex  # a character given by its code might be a capital
    # Other escapes (\S, \W, \B, \.) and group names are case-neutral.
    source = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", regex.pattern)
    if re.search(r"[A-Z]", source) or any(not c.isascii() and any(x.isascii() for x in c.lower() + c.upper())
                                          for c in source):
        return regex
    return re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)


# Twins of the sentence patterns for lower-cased ASCII text (see ascii_folded).
_HEDGES_ASCII = ascii_folded(_HEDGES)
_CONDITION_ASCII = ascii_folded(_CONDITION)
_DEFINITION_ASCII = ascii_folded(_DEFINITION)
_NOT_BINDING_ASCII = ascii_folded(_NOT_BINDING)
_MODAL_PLAIN = [regex for regex, _, _ in _MODAL_RES]
_MODAL_ASCII = [ascii_folded(regex) for regex in _MODAL_PLAIN]


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


_QUOTED = re.compile(r"[\"“'‘]([A-Za-z][\w\s&.-]{0,40}?)[\"”'’]")
# '(the "Company")', '("Licensee" or "you")', 'hereinafter referred to as "Licensor"', 'hereinafter "Tenant"'
_DEFINITION_SITE = re.compile(
    r"\(\s*(?:each\s+a\s+|the\s+|hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?(?:the\s+)?)?"
    r"((?:[\"“'‘][A-Za-z][\w\s&.-]{0,40}?[\"”'’](?:\s*,\s*|\s+or\s+|\s+and\s+|\s*/\s*)?(?:the\s+)?){1,4})\s*\)"
    r"|\bhereinafter\s+(?:referred\s+to\s+as|called|designated\s+as|known\s+as)?\s*(?:the\s+)?"
    r"((?:[\"“'‘][A-Za-z][\w\s&.-]{0,40}?[\"”'’](?:\s+or\s+|\s*,\s*)?){1,3})", re.IGNORECASE)


def defined_parties(text: str) -> dict[str, Party]:
    """Defined terms that name a party: 'Acme Corp. (the "Vendor")', '("DHS")',
    'Blue Harbor LLC, hereinafter referred to as "Licensor"', '(the "Licensee" or "you")'.

    A term takes the role of the first term of its definition that has one
    ("Licensee" -> government, so "you" beside it is the government too), else
    the role named in the words just before it ("Acme, the supplier, (the
    "Company")").  A term whose role is still unclear ('XYZ Corp. (the
    "Company")') takes the other side of a two-party agreement when exactly one
    other party with a contractor or government role is defined: beside
    'Jane Roe (the "Employee")' the "Company" is the employer (government);
    beside '("Customer")' it is the vendor (contractor).  Generic terms
    ("Party", "Parties", "Agreement") are not parties.
    """
    terms: dict[str, Party] = {}
    unclear: list[str] = []
    previous_end = 0
    for match in _DEFINITION_SITE.finditer(text):
        # the words before a definition, back to the previous definition at most
        before, previous_end = text[max(previous_end, match.start() - 80):match.start()], match.end()
        quoted = [q.strip() for q in _QUOTED.findall(match.group(1) or match.group(2))]
        quoted = [q for q in quoted if q and q.lower() not in _NOT_PARTY_TERMS]
        if not quoted:
            continue
        roles = [classify_party(q) for q in quoted]
        party = next((r for r in roles if r != "none"), "none")
        if party == "none":
            party = classify_party(before)
        # a generic pronoun or role word beside a named term does not make the term a party by itself
        if party == "none":
            unclear += [q.lower() for q in quoted if q[0].isupper()]
            continue
        for q in quoted:
            terms[q.lower()] = party
    sides = {p for p in terms.values() if p in ("contractor", "government")}
    if len(sides) == 1 and unclear:
        other: Party = "government" if sides == {"contractor"} else "contractor"
        for term in dict.fromkeys(unclear):
            if term not in terms and not _GOVERNMENT_BODY.search(term.title()):
                terms[term] = other
    return terms


_NOT_PARTY_TERMS = {"party", "parties", "agreement", "this agreement", "effective date", "services", "premises",
                    "software", "confidential information", "lease", "term", "purpose", "work", "deliverables",
                    "contract", "order", "terms", "policy", "site", "platform", "product", "products"}


# Words that make a capitalised name a Government body ("the Bureau", "Center staff").
_GOVERNMENT_BODY = re.compile(
    r"\b(?:Bureau|Center|Centre|Authority|Office|Administration|Service|Directorate|District|Division|Branch|"
    r"Command|Commission|Board|Program|Chief|Officer|Agency|Department|Secretary|Administrator|Ministry|Court|"
    r"Coast Guard|Patrol|Headquarters|Region|Council)\b")
_NAME = re.compile(r"\b([A-Z][a-zA-Z&-]+(?:\s+[A-Z][a-zA-Z&-]+)*)\b")
_NOT_NAMES = {"The", "A", "An", "Any", "Each", "All", "No", "Neither", "Nor", "If", "When", "Where", "In", "On",
              "Within", "Before", "After", "During", "Section", "Our", "Its", "This", "That", "These", "Such",
              "Upon", "Unless", "Except", "For", "To", "At", "By", "Over", "Under", "Until", "Once", "Every",
              "Data", "Results", "Reports", "Recordings", "Audio", "Photographs", "Tools", "Licence", "License"}


_KNOWN_PARTY_WORDS = set(_CONTRACTOR) | set(_GOVERNMENT) | set(_THIRD)


def proper_names(text: str) -> dict[str, Party]:
    """Names a document uses as parties, guessed from capitalisation.

    A word counts as a name when it appears capitalised in mid-sentence and
    never in lower case ("Altamira", "Ferrovia"), so sentence-initial common
    nouns ("Invoices shall...") are not mistaken for companies.  In a contract a
    company named as the subject of a duty is the vendor; a name containing a
    Government-body word ("the Bureau", "Records Center") is the Government.
    """
    lower = set(re.findall(r"\b[a-z][a-z-]+\b", text))
    names: dict[str, Party] = {}
    for match in re.finditer(r"(?<=[a-z,;] )([A-Z][a-zA-Z&-]{2,})", text):
        word = match.group(1)
        if word.lower() in lower or word in _NOT_NAMES or word.isupper() or word.lower() in _KNOWN_PARTY_WORDS:
            continue
        names[word.lower()] = "government" if _GOVERNMENT_BODY.fullmatch(word) else "contractor"
    return names


# The agent of the sentence's own passive verb only: in "the system shall enforce criteria, set by
# the Government, ..." the Government sets the criteria, it does not enforce them ("stated in an
# addendum signed by the CO": the CO signs the addendum, another verb's agent).
_PASSIVE_AGENT = re.compile(r"\s*(?:not\s+)?be\s+[\w'’-]+(?:\s+(?![\w'’-]+ed\b)[^\s,;]+)*?\s+by\s+"
                            r"((?:(?:the|a|an)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2})")
_INVERSION_OPENER = re.compile(r"(?:^|\b(?:in\s+no\s+event|at\s+no\s+time|under\s+no\s+circumstances?|"
                               r"in\s+no\s+case|nor|neither|only|not\s+only|nowhere|never)\s*)$", re.IGNORECASE)
_NOT_PARTY_APPOSITIVE = re.compile(r",\s*(?:and\s+)?not\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?\s*,", re.IGNORECASE)

_REPORTED = re.compile(
    r"\b(?:agrees?|acknowledges?|understands?|accepts?|confirms?|represents?|covenants?|certif(?:y|ies)|"
    r"recogni[sz]es?|consents?|warrants?|notes?)(?:\s+and\s+(?:agrees?|acknowledges?|accepts?|confirms?|"
    r"understands?|warrants?))?\s+that\b"
    r"|\b(?:policy|intent|requirement|understanding|expectation)\s+that\b", re.IGNORECASE)  # "It is DHS policy that"


def _head(subject: str) -> str:
    # The head of a subject ends at its first preposition or relative clause:
    # "All Contractor employees with access to Agency systems" -> "All Contractor employees".
    return re.split(r"\s(?:with|of|for|to|in|on|at|from|under|that|who|which|whose|whom|nor|receiving|using|involving|"
                    r"including|concerning|regarding|affecting|relating)\s",
                    subject, maxsplit=1)[0]


def _vocabulary(aliases: dict[str, Party] | None) -> dict[str, Party]:
    vocab: dict[str, Party] = {w: "contractor" for w in _CONTRACTOR}
    vocab.update({w: "government" for w in _GOVERNMENT})
    vocab.update({w: "third_party" for w in _THIRD})
    for term, party in (aliases or {}).items():  # a document's defined terms override the defaults,
        vocab[term] = party                     # also in their "the X" form ("the Company")
        if not term.startswith("the "):
            vocab[f"the {term}"] = party
    return vocab


_BASE_VOCABULARY = tuple(_vocabulary(None).items())
# classify_party runs for most sentences of a document, always with the same
# aliases dict: keep its merged vocabulary (and a copy to notice changes).
_last_vocabulary: tuple[dict, dict, tuple[tuple[str, Party], ...]] | None = None


def _vocabulary_items(aliases: dict[str, Party] | None) -> tuple[tuple[str, Party], ...]:
    global _last_vocabulary
    if not aliases:
        return _BASE_VOCABULARY
    cached = _last_vocabulary
    if cached is not None and cached[0] is aliases and cached[1] == aliases:
        return cached[2]
    items = tuple(_vocabulary(aliases).items())
    _last_vocabulary = (aliases, dict(aliases), items)
    return items


@lru_cache(maxsize=4096)
def _mention(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


_GOVERNMENT_BY_NAME = re.compile(
    r"\b(?:government|agency|department|dhs|co/cor|cor/co|co|cor|contracting\s+officer|program\s+office|component|"
    r"ordering\s+activity|" + "|".join(_AGENCIES) + r")\b", re.IGNORECASE)


def names_the_government(phrase: str, aliases: dict[str, Party] | None = None) -> bool:
    """Whether the party ``phrase`` names is the Government by name ("GSA", "the CO/COR", "the
    Bureau"), not through a role a document may map either way ("you", "the Customer",
    "employees") nor as an owner ("Government data", "the Government's rights")."""
    mention = _party_mention(phrase, aliases)
    if mention is None:
        return _GOVERNMENT_BODY.search(_head(phrase)) is not None  # "The Court", "the Bureau"
    word = re.sub(r"^the\s+", "", mention[0])
    return mention[1] == "government" and bool(_GOVERNMENT_BY_NAME.fullmatch(word)
                                               or _GOVERNMENT_BODY.search(word.title()))


def classify_party(phrase: str, aliases: dict[str, Party] | None = None) -> Party:
    """Which party a noun phrase names.

    The last-ending, then longest, mention wins ("the Government's contractor" ->
    contractor, "subcontractor" beats "contractor"), except that a staff noun
    (employees, personnel, agents...) right after another party's name belongs to
    that party: "Contractor employees" -> contractor, "the Landlord's agents" ->
    contractor (the landlord supplies the premises), "Agency staff" -> government.
    Roles of non-Government contracts are mapped as in the vocabularies above:
    the side that supplies the performance (licensor, landlord, supplier,
    consultant, employee, receiving party) is the contractor; the side that buys
    it (licensee, tenant, customer, client, employer, disclosing party) is the
    government.  ``aliases`` (a document's defined terms) override these defaults.
    """
    mention = _party_mention(phrase, aliases)
    return "none" if mention is None else mention[1]


def _party_mention(phrase: str, aliases: dict[str, Party] | None = None) -> tuple[str, Party] | None:
    """The vocabulary word that decides :func:`classify_party` and its party (None: no party named)."""
    lowered = phrase.lower()
    mentions: list[tuple[int, int, int, str, Party]] = []
    for word, candidate in _vocabulary_items(aliases):
        if word not in lowered:
            continue  # cheap test first: most of the vocabulary is absent from a phrase
        mentions += [(m.end(), len(word), m.start(), word, candidate) for m in _mention(word).finditer(lowered)]
    if not mentions:
        return None
    # "Government data", "the Government's rights": the party owns the thing; it is not the one bound.
    owned = [m for m in mentions if _OWNED_AFTER.match(lowered, m[0])]
    if owned:
        mentions = [m for m in mentions if m not in owned]
        if not mentions:
            return None
    _, _, start, word, party = max(mentions)
    if word in _STAFF:
        # the qualifier: a mention ending just before the staff noun ("contractor employees", "landlord's agents")
        owners = [m for m in mentions if m[3] not in _STAFF and 0 <= start - m[0] <= 3
                  and re.fullmatch(r"(?:['’]s?)?\s*", lowered[m[0]:start])]
        if owners:
            word, party = max(owners)[3], max(owners)[4]
    return word, party


_RELATIVE_START = re.compile(r"\s*(?:which|who|whom|whose)\b", re.IGNORECASE)


# a subordinate clause the sentence opens with, up to its comma ("Except as may be required by law, ...")
_LEADING_SUBORDINATE = re.compile(r"\s*(?:(?:\(?[0-9a-z]{1,4}[.)]|[0-9]{1,3}(?:\.[0-9]{1,3})*\.?)\s+)?"
                                  r"(?:except|unless|if|to\s+the\s+extent|save\s+as|subject\s+to|where|when|"
                                  r"in\s+the\s+event)\b[^,;]*[,;]", re.IGNORECASE)


def _in_subordinate_clause(text: str, position: int) -> bool:
    """Whether ``position`` lies in a clause opened by ", which" or ", who", or in a leading
    subordinate clause ("Except as may be required by law, neither party shall disclose ...")."""
    comma = text.rfind(",", 0, position)
    if comma >= 0 and _RELATIVE_START.match(text, comma + 1) is not None:
        return True
    leading = _LEADING_SUBORDINATE.match(text)
    return leading is not None and position < leading.end()


# adverbs between the modal and its verb; "-ly" words that are not adverbs ("apply", "supply", "rely",
# "reply", "comply") are kept
_LEADING_ADVERBS = re.compile(r"^(?:,?\s*(?:(?!(?:ap|sup|re|com|al)ply\b|rely\b|reply\b|fly\b)[a-z]+ly|at\s+any\s+time|"
                              r"either|ever|or|and|in\s+any\s+(?:way|manner))\b,?\s*)+(?=[a-z])", re.IGNORECASE)


def read_sentence(sentence: str, aliases: dict[str, Party] | None = None) -> SentenceReading:
    """Apply the modal, party, hedge and condition rules to one sentence."""
    # Most sentences are ASCII: match their lower-cased text case-sensitively
    # (same spans, faster) and read any text that keeps its case by span.
    if sentence.isascii():
        text, hedge_re, condition_re, definition_re, not_binding_re, modal_res = (
            sentence.lower(), _HEDGES_ASCII, _CONDITION_ASCII, _DEFINITION_ASCII, _NOT_BINDING_ASCII, _MODAL_ASCII)
    else:
        text, hedge_re, condition_re, definition_re, not_binding_re, modal_res = (
            sentence, _HEDGES, _CONDITION, _DEFINITION, _NOT_BINDING, _MODAL_PLAIN)
    hedges = tuple(dict.fromkeys(m.group(0).lower() for m in hedge_re.finditer(text)))
    purposes = [m.span() for m in _PURPOSE.finditer(text)]
    conditions = tuple(sentence[m.start():m.end()].strip() for m in condition_re.finditer(text)
                       if len(m.group(0).split()) > 1 and not any(a <= m.start() < b for a, b in purposes))[:3]
    if definition_re.search(text):
        return SentenceReading("none", "none", None, None, False, "none", None, hedges, conditions, None, None, True)
    found: tuple[re.Pattern[str], Modality, Strength] | None = None
    if not not_binding_re.search(text) or re.match(r"\s*nothing\b", sentence, re.IGNORECASE) and \
            not re.search(r"\bconstrued\b", sentence, re.IGNORECASE):
        # The earliest modal expression governs the sentence ("X may ... and will ..."
        # is a permission); at the same position the earlier pattern in _MODALS wins.
        # A modal in a relative clause ("..., which the Government may start before the contract
        # ends, the Contractor shall ...") yields to one outside it.
        best_key = None
        for priority, ((regex, modality, strength), search) in enumerate(zip(_MODAL_RES, modal_res)):
            match = search.search(text)
            while match is not None:
                key = (_in_subordinate_clause(text, match.start()), match.start(), priority)
                if best_key is None or key < best_key:
                    best_key, found = key, (regex, modality, strength)
                if not key[0]:
                    break
                match = search.search(text, match.end())
    if found is None or found[1] == "none":  # no modal, or a denied duty ("has no obligation to")
        return SentenceReading("none", "none", None, None, False, "none", None, hedges, conditions, None, None)
    regex, modality, strength = found
    match = regex.search(sentence, best_key[1])  # the span found in ``text``, in the sentence's own case
    modal = " ".join(match.group(0).lower().split())
    # "Nothing in this contract shall prevent/restrict ..." protects, it does not prohibit.
    if modality == "prohibition" and re.match(r"\s*nothing\b", sentence, re.IGNORECASE):
        modality, strength = "obligation", "strong"
    subject = sentence[:match.start()]
    negated_subject = re.match(r"(?:no|neither)\s+", match.group(0), re.IGNORECASE)
    if negated_subject:  # "No Contractor employee shall", "Neither party shall": the subject is in the match
        subject += re.sub(r"\s+(?:shall|may|will|must)$", "", match.group(0)[negated_subject.end():], flags=re.IGNORECASE)
    # leading labels: "(a)", "3.2.1", "A.5", "IV.", "PWS 3.3", "Section 2." (not "GSA", an agency)
    subject = re.sub(r"^\s*(?:(?:PWS|SOW|Section|Sec\.|Article|Clause|Item)\s+)?"
                     r"(?:\(?[0-9A-Za-z]{1,4}\)|(?:[0-9]{1,3}|[A-Z]|[IVXL]{2,4})(?:\.[0-9]{1,3})*\.?)(?=\s)\s*",
                     "", subject)
    # "The Court, not the Contractor, will be responsible": the excluded party is not the subject.
    subject = _NOT_PARTY_APPOSITIVE.sub("", subject)
    clause_start = max(subject.rfind(","), subject.rfind(";"))
    local_subject = subject[clause_start + 1:] if clause_start >= 0 and len(subject[clause_start + 1:].split()) >= 1 \
        else subject
    # "The Tenant acknowledges that the Landlord may enter": the subject of the modal is the
    # subject of the that-clause, not of the reporting verb.
    reported = _REPORTED.split(local_subject)[-1]
    # ... unless that subject is a pronoun for the same party ("the Customer agrees that it is responsible")
    if reported.strip() and not re.fullmatch(r"\s*(?:it|he|she|they)\s*", reported, re.IGNORECASE):
        local_subject = reported
    party = classify_party(_head(local_subject), aliases)
    after = sentence[match.end():]
    agent = None
    if party == "none":
        agent = _PASSIVE_AGENT.match(after)
        if not (agent and classify_party(agent.group(1), aliases) != "none"):
            # a party named deeper in the subject, unless a passive agent names one: in "an incident
            # involving a DHS system must be reported by the contractor" DHS qualifies the incident
            party = classify_party(local_subject, aliases)
    party_text = local_subject.strip() or None
    if party == "none":
        # "In no event shall the Contractor ..." (inverted) or "... be deleted by the Contractor" (passive agent).
        # Inverted only after a negative or restrictive opener: in "The solution shall let agency
        # operators override" the agency is not the subject.
        inverted = re.match(r"\s*((?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)", after) \
            if _INVERSION_OPENER.search(subject) else None
        for candidate in (inverted, agent):
            if candidate and classify_party(candidate.group(1), aliases) != "none":
                party, party_text = classify_party(candidate.group(1), aliases), candidate.group(1)
                break
    if party == "none" and _GOVERNMENT_BODY.search(_head(local_subject)):
        party = "government"  # "the Bureau may ...", "Center staff will ..."
    if party == "none" and re.search(r"\bit\s+is\s+your\s+responsibility\b", sentence, re.IGNORECASE):
        party = "government"  # vendor terms address the customer as "you"
    if modality == "permission" and re.search(r"\bgrants?\b", modal):
        # "You grant us a licence": the permitted party is the grantee.
        grantee = re.search(r"\bgrants?\s+(.{1,40}?)\s+(?:a|an|the)\b", modal)
        party = classify_party(grantee.group(1), aliases) if grantee else party
        rest = sentence[match.start():]
        rest = rest[re.search(r"(?:licen[cs]e|right)s?\b", rest, re.IGNORECASE).end():]
    else:
        rest = sentence[match.end():]
    rest = re.sub(r"^\s*(?:to\s+)?(?:be\s+)?(?:not\s+)?(?:to\s+)?", "", rest.strip())
    rest = _LEADING_ADVERBS.sub("", rest)  # "will promptly notify", "shall not, directly or indirectly, solicit"
    words = rest.split()
    action = words[0].strip(",;:.").lower() if words else None
    obj = " ".join(words[1:14]).strip(",;:. ") or None
    return SentenceReading(modality, strength, modal, match.start(), modality == "prohibition", party,
                           party_text, hedges, conditions, action, obj)
