"""AQ4xx: requirements that cannot be enforced as written.

The quality rules read every sentence of a document, so on real solicitations
they meet far more text that is *not* a requirement of the contract than text
that is: instructions to offerors, the Government's description of its own
evaluation, definitions, FAR clauses reprinted word for word, forms for the
offeror to fill in.  What they skip, and why, is decided here in one place
(:class:`_Context`), so the three rules agree on it:

* a **binding** requirement is a sentence whose modal is *shall* or *must*
  (or *agrees to* / *is required to*); "will", "should" and "may" in a
  Government document describe what happens rather than oblige anybody;
* a **reprinted regulation** is text under a heading that cites a FAR, DFARS,
  GSAR or HSAR clause or provision ("52.217-9 Option to Extend the Term of
  the Contract"): nobody drafting the document can reword it;
* **offeror instructions and the Government's process** are sentences in a
  section about submission, proposals, quotations, evaluation or award, or
  whose subject is a quotation, proposal, question, price, invoice or the
  evaluation itself: who acts is plain from what the thing is.

Each rule's docstring lists what else it leaves out (AQ401: deeming, hand-over
of deliverables, recipients, work product, QASP standards; AQ402: terms of
art, purpose clauses, nearby deadlines; AQ403: list numerals, form blanks).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from acqspec.check.base import CheckContext, Rule
from acqspec.check.findings import Finding
from acqspec.models import Statement

# --------------------------------------------------------------------------- shared reading of the document

_BINDING_MODAL = re.compile(r"^(?:shall|must)(?:\s+not)?$|^agrees?\s+to$|^(?:is|are)\s+required\s+to$",
                            re.IGNORECASE)
_REGULATION_HEADING = re.compile(
    r"^\W*(?:(?:FAR|DFARS|GSAR|HSAR|DOSAR|AIDAR)\b\W*)?(?:clause\s+|provision\s+)?5?52\.\d{3}-\d+", re.IGNORECASE)
_PROCESS_HEADING = re.compile(
    r"\b(?:instructions?|submissions?|submittals?|proposals?|quot(?:e|es|ations?)|offers?|offerors?|quoters?|"
    r"evaluation|evaluat\w+\s+(?:criteria|factors|process)|basis\s+(?:for|of)\s+award|award|questions?|"
    r"inquiries|solicitation|RFQ|RFP|oral\s+(?:presentation|interview)s?|price\s+(?:volume|quote)|pricing|"
    r"invoic\w*|payments?|billing|definitions?|acronyms|glossary|representations?|certifications?)\b",
    re.IGNORECASE)
# The subject of the sentence (the words before its modal) is one of the offeror's
# submissions, an invoice, or the Government's evaluation: who acts goes without saying.
_PROCESS_SUBJECT = re.compile(
    r"\b(?:quot(?:e|es|ations?)|proposals?|offers?|submissions?|responses?|questions?|comments?|inquir(?:y|ies)|"
    r"resumes?|r[ée]sum[ée]s?|pages?|volumes?|prices?|pricing|labor\s+(?:rates?|categor(?:y|ies))|"
    r"skill\s+levels?|discounts?|invoices?|payments?|evaluations?|award|representations?|certifications?|"
    r"columns?|workbooks?|worksheets?|spreadsheets?|templates?|forms?|tabs?|"
    r"references?|past\s+performance|examples?|writing\s+samples?|case\s+stud(?:y|ies)|cover\s+letters?|"
    r"letters?\s+of\s+intent|oral\s+(?:presentations?|interviews?)|offeror'?s?|quoter'?s?|proposed)\b",
    re.IGNORECASE)

# A performance standard in a QASP or performance-requirements matrix is the contractor's by
# definition: that is what the plan surveils.
_PERFORMANCE_HEADING = re.compile(
    r"\b(?:performance\s+(?:requirements?|standards?|matrix|objectives?|thresholds?)|surveillance|"
    r"quality\s+assurance|acceptable\s+quality|QASP|service\s+levels?)\b", re.IGNORECASE)

# The contractor's own work product: whoever makes it stores, documents and escrows it
# ("Code must be stored in a version-controlled repository", "All functions must be documented").
_WORK_PRODUCT_SUBJECT = re.compile(
    r"\b(?:code|source\s+code|code\s+base|codebase|software|functions?|modules?|prototypes?|pull\s+requests?|"
    r"commits?|documentation|deliverables?)\b", re.IGNORECASE)


def _regulation_blocks(ctx: CheckContext) -> frozenset[int]:
    """Blocks under a heading that cites a regulation clause (the clause reprinted word for word)."""
    return frozenset(block.index for block in ctx.document.blocks
                     if any(_REGULATION_HEADING.search(heading) for heading in block.section_path))


@dataclass(frozen=True)
class _Context:
    """What the quality rules need to know about the document beyond one sentence."""

    regulation: frozenset[int] = frozenset()
    """Blocks of reprinted regulation clauses."""
    by_block: dict[int, list[Statement]] = field(default_factory=dict)
    """The statements of each block, in order."""

    @classmethod
    def of(cls, ctx: CheckContext) -> _Context:
        by_block: dict[int, list[Statement]] = {}
        for statement in ctx.statements:
            by_block.setdefault(statement.block, []).append(statement)
        return cls(_regulation_blocks(ctx), by_block)

    def binding(self, statement: Statement) -> bool:
        return bool(statement.modal) and bool(_BINDING_MODAL.match(" ".join(statement.modal.split())))

    def reprinted_regulation(self, statement: Statement) -> bool:
        return statement.block in self.regulation

    def process_section(self, statement: Statement) -> bool:
        """The sentence's own section (its innermost heading) is about submissions, evaluation, award,
        invoicing or definitions.  Outer headings do not count: a whole RFQ is titled "Request for Quotation"."""
        return bool(statement.section_path) and bool(_PROCESS_HEADING.search(statement.section_path[-1]))

    def performance_standard(self, statement: Statement) -> bool:
        """The sentence is a standard of a QASP or performance-requirements matrix (the contractor's)."""
        return any(_PERFORMANCE_HEADING.search(heading) for heading in statement.section_path)

    def process_subject(self, statement: Statement, modal_at: int) -> bool:
        return bool(_PROCESS_SUBJECT.search(statement.text[:modal_at]))

    def just_before(self, statement: Statement, count: int = 2) -> list[Statement]:
        """The ``count`` sentences before this one in its paragraph."""
        return [s for s in self.by_block.get(statement.block, ()) if s.start < statement.start][-count:]


# --------------------------------------------------------------------------- AQ401

_PASSIVE = re.compile(
    r"\b(?P<modal>shall|must)\s+(?:not\s+)?(?:\w+ly\s+|also\s+|only\s+|then\s+)?be\s+(?:\w+ly\s+)?"
    r"(?P<verb>[a-z]+)\b", re.IGNORECASE)
_IRREGULAR = frozenset("""
kept sent built met spent left lost held made done set put read run paid laid shown known drawn given taken written
chosen seen driven broken spoken stolen frozen hidden forgotten sold told bought brought sought taught caught found
bound struck stuck hung dealt meant won shut cut hit let cast spread upheld withheld undertaken overseen rewritten
begun withdrawn forbidden proven backed rerun reset
""".split())
_NOT_PARTICIPLE = frozenset("open even often sudden golden wooden ten seven eleven token citizen".split())
# Participles that state what something *is* (deeming, status, scope) or how a deliverable
# is handed over: "shall be considered SBU", "shall be based on", "shall be submitted via
# GitHub".  The party matters only for acts either party could be expected to perform.
_NOT_AN_ACT = frozenset("""
considered deemed construed interpreted treated regarded viewed classified categorized categorised designated
defined termed called named known based governed subjected entitled allowed permitted authorized authorised
obligated required expected intended limited restricted bound incorporated included excluded located situated
centered centred focused comprised composed contained reflected counted accomplished determined measured
met followed satisfied observed adhered complied honored honoured obeyed negotiated agreed coordinated discussed
delineated itemized itemised qualified experienced placed developed designed built coded integrated architected
engineered
submitted delivered provided furnished sent uploaded entered emailed posted filed attached labeled labelled
marked formatted written presented addressed directed routed received made paid billed invoiced reimbursed
priced quoted awarded issued answered numbered titled signed dated accompanied supported reviewed accepted
established shown listed described identified specified stated noted set held applied charged credited
""".split())
# "shall be reported to the COR", "shall be returned to Government control": the recipient
# names one party, so the act is the other's.
_RECIPIENT = re.compile(
    r"^\s*(?:\w+\s+){0,6}?(?:to|with)\s+(?:the\s+|a\s+|an\s+)?(?:government|agency|department|contracting\s+officer|"
    r"co|cor|acor|contractor|vendor|offeror|quoter|provider|customer|product\s+(?:owner|lead|manager)|isso|issm)\b",
    re.IGNORECASE)
# "the Contractor shall …; every change shall be logged": the sentence or its paragraph names who acts.
_NAMED_ACTOR = re.compile(r"\b(?:contractor|government|agency|system|service|solution|vendor|provider|offeror|cor|"
                          r"contracting\s+officer)(?:'s|’s)?\s+(?:\w+\s+){0,3}?(?:shall|must)\b", re.IGNORECASE)
_AGENT = re.compile(r"^[^.;]*?\bby\s+(?:the\s+|a\s+|an\s+|its\s+|each\s+|any\s+)?(?!(?:end|close|date|time|deadline|"
                    r"completion|expiration|means|way|e-?mail|mail|phone|use|using|no|not|then|\d)\b)\w+", re.IGNORECASE)


def _participle(verb: str) -> bool:
    verb = verb.lower()
    if verb in _NOT_PARTICIPLE:
        return False
    return verb in _IRREGULAR or verb.endswith(("ed", "en", "wn"))


class NoBoundParty(Rule):
    """A binding passive requirement names nobody who must carry it out.

    Why: "Prompts shall be deleted after 30 days" binds no one; when it is not
    done, neither the contractor nor the Government is in breach.  Obligations
    the checker compares against the library need a bound party.  The rule
    fires only where the missing party matters: a *shall* or *must* duty to do
    something either party could be expected to do (delete, retain, test,
    encrypt, conduct, mitigate…).  It stays silent on descriptions ("will be
    posted"), deeming and status ("shall be considered SBU", "shall be based
    on"), how a deliverable is handed over ("shall be submitted via GitHub"),
    a recipient that names the other party ("shall be reported to the COR"),
    the contractor's own work product ("code must be stored in a repository"),
    a sentence or paragraph that already names the party, instructions to
    offerors and the Government's evaluation, definitions, QASP performance
    standards, and FAR clauses reprinted under their own heading.

    Example: "Prompts and outputs shall be deleted within 30 days."

    Fix: name the party: "The Contractor shall delete prompts and outputs
    within 30 days."
    """

    code = "AQ401"
    name = "quality.no-bound-party"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        context = _Context.of(ctx)
        for statement in ctx.statements:
            if statement.modality not in ("obligation", "prohibition") or statement.party != "none" \
                    or statement.inherited_from is not None or not context.binding(statement):
                continue
            match = next((m for m in _PASSIVE.finditer(statement.text) if _participle(m.group("verb"))), None)
            if match is None or match.group("verb").lower() in _NOT_AN_ACT:
                continue
            rest = statement.text[match.end():]
            if _AGENT.match(rest) or _RECIPIENT.match(rest):
                continue
            if context.reprinted_regulation(statement) or context.process_section(statement) \
                    or context.performance_standard(statement) or context.process_subject(statement, match.start()) \
                    or _WORK_PRODUCT_SUBJECT.search(statement.text[:match.start()]):
                continue
            if _NAMED_ACTOR.search(statement.text[:match.start()]) or any(
                    s.modality != "none" and (s.party in ("contractor", "government") or _NAMED_ACTOR.search(s.text))
                    for s in context.just_before(statement)):
                continue
            yield self.finding(ctx, statement,
                               f"passive requirement ('{match.group(0)}') names no party responsible for it")


# --------------------------------------------------------------------------- AQ402


@dataclass(frozen=True)
class _Vague:
    pattern: re.Pattern[str]
    kind: str
    """time | quality | amount | standard: decides what the message asks for."""


def _terms(kind: str, *alternatives: str) -> _Vague:
    return _Vague(re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE), kind)


_VAGUE_TERMS = (
    _terms("time", r"in\s+a\s+timely\s+(?:manner|fashion)", r"timely", r"promptly",
           r"as\s+soon\s+as\s+(?:possible|practicable|feasible)", r"without\s+(?:undue|unreasonable)\s+delay",
           r"within\s+a\s+reasonable\s+(?:time|period)", r"reasonable\s+(?:time|period)", r"periodically",
           r"regularly", r"from\s+time\s+to\s+time"),
    _terms("quality", r"high(?:ly)?\s+(?:accura\w+|quality|reliab\w+|availab\w+|performance|performing)",
           r"user[- ]friendly", r"state[- ]of[- ]the[- ]art", r"robust", r"seamless(?:ly)?", r"optimal(?:ly)?",
           r"minimal"),
    _terms("amount", r"sufficient(?:ly)?", r"adequate(?:ly)?"),
    _terms("standard", r"industry[- ]standards?", r"(?:industry\s+)?best\s+practices?"),
)
# Legal terms of art and fixed phrases: the words are not a performance measure here.
_TERM_OF_ART = re.compile(
    r"\b(?:timely\s+(?:request|requested|filed|filing|submitted|submission|received|receipt|protest|claim|appeal|"
    r"payment|notice\s+of)|promptly\s+assigned|prompt\s+payment|adequate\s+(?:price\s+)?competition|"
    r"adequate\s+(?:security|consideration|assurances?)|sufficient\s+funds|regularly\s+scheduled|"
    r"minimal\s+(?:viable|risk)|minimum\s+viable|best\s+value|reasonable\s+time\s+(?:after|before)\s+(?:receipt|"
    r"award)|adequately\s+safeguard\w*)\b"
    # not a measure at all: negated ("are not sufficient"), comparative ("more regularly"), or a
    # qualification of people ("knowledge of industry standards")
    r"|\b(?:not|never)\s+(?:\w+\s+)?(?:sufficient|adequate|timely)\w*|\b(?:more|less)\s+(?:regularly|promptly|"
    r"periodically)|\b(?:knowledge|experience|familiarity|expertise|understanding)\s+(?:of|with|in)\s+"
    r"(?:\w+\s+){0,3}?(?:industry|best)\b[\w\s-]*?(?:standards?|practices?)", re.IGNORECASE)
# A purpose clause states why, not what is owed: "... to allow the Government sufficient
# time to respond", "... to enable timely problem resolution".
_PURPOSE = re.compile(r"\b(?:in\s+order\s+to|so\s+as\s+to|so\s+that|to\s+(?:allow|enable|ensure|facilitate|"
                      r"permit|support|help|promote|assist|provide\s+for))(?![\w-])", re.IGNORECASE)
# "sufficient to reproduce the results", "adequate for the Government to verify": the
# sufficiency is defined by a test.
_DEFINED_SUFFICIENCY = re.compile(r"^(?:\s+\w+){0,4}?\s+(?:to|for)\b", re.IGNORECASE)
_DEADLINE = re.compile(r"\b(?:no|not)\s+later\s+than\b|\bwithin\s+(?:\d|one|two|three|four|five|six|seven|"
                       r"eight|nine|ten|twelve|twenty|thirty|sixty|ninety)\b|\bby\s+\d", re.IGNORECASE)
_NAMED_STANDARD = re.compile(r"\b(?:NIST|ISO|IEC|IEEE|FedRAMP|FIPS|OMB|CIS|OWASP|WCAG|Section\s+508|"
                             r"guidelines?|benchmarks?|SP\s+800)\b")
_TIME_KINDS = frozenset({"deadline", "interval", "duration", "retention"})
_ASK = {"time": "state a deadline or interval (e.g. 'within 24 hours')",
        "quality": "state a metric and threshold",
        "amount": "state the level, number or test it must meet",
        "standard": "name the standard or practice"}


def _vague_term(statement: Statement) -> tuple[re.Match[str], str] | None:
    text = statement.text
    masked = _TERM_OF_ART.sub(lambda m: " " * len(m.group(0)), text)
    purpose = _PURPOSE.search(masked)
    for vague in _VAGUE_TERMS:
        for match in vague.pattern.finditer(masked):
            if purpose is not None and purpose.start() < match.start():
                continue
            if vague.kind == "amount" and _DEFINED_SUFFICIENCY.match(masked[match.end():]):
                continue
            if vague.kind == "standard" and _NAMED_STANDARD.search(text):
                continue
            if vague.kind == "time" and _DEADLINE.search(text):
                continue
            return match, vague.kind
    return None


class VagueRequirement(Rule):
    """A binding requirement uses an unmeasurable term and gives no number.

    Why: "high accuracy", "timely" or "promptly" cannot be tested or accepted;
    performance and incident terms need a metric, threshold or deadline.  The
    rule reads *shall*/*must* duties only, and a curated list of terms: it
    skips legal terms of art ("timely request", "timely filed", "promptly
    assigned", "adequate competition", "prompt payment"), a term in a purpose
    clause ("to allow the Government sufficient time"), sufficiency defined by
    a test ("sufficient to reproduce the results"), a time term when the
    sentence or its paragraph states a deadline, "best practices" next to a
    named standard, and FAR clauses reprinted under their own heading.

    Example: "The Contractor shall report incidents in a timely manner."

    Fix: state the measure: "within 72 hours of discovery", "at least 95%
    precision on the Government test set".
    """

    code = "AQ402"
    name = "quality.vague"
    severity = "warning"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        context = _Context.of(ctx)
        for statement in ctx.statements:
            if statement.modality != "obligation" or statement.quantities or not context.binding(statement) \
                    or context.reprinted_regulation(statement) or context.process_section(statement):
                continue
            found = _vague_term(statement)
            if found is None:
                continue
            match, kind = found
            modal_at = statement.text.lower().find((statement.modal or "").lower())
            if modal_at > 0 and context.process_subject(statement, modal_at):
                continue
            if kind == "time" and any(q.kind in _TIME_KINDS for s in context.by_block.get(statement.block, ())
                                      for q in s.quantities):
                continue
            yield self.finding(ctx, statement, f"unmeasurable term '{match.group(0)}' with no number; {_ASK[kind]}")


# --------------------------------------------------------------------------- AQ403

# The Government's own placeholders: the term was never decided.
_GOVERNMENT_PLACEHOLDER = re.compile(
    r"\[\s*(?:TBD|TBA|TBC|insert[^\]]*|to\s+be\s+(?:determined|decided|confirmed|provided)[^\]]*|"
    r"(?:Government|Agency|Contracting\s+Officer|CO)\s+to\s+(?:specify|insert|provide)[^\]]*)\s*\]|"
    r"\bTBD\b|\bTBA\b|\bTBC\b", re.IGNORECASE)
# Left by acqspec's generator for the offeror (acqspec.library.views.fill_in_marker).
_OFFEROR_FILL_IN = re.compile(r"\[\s*(?:Offeror|Contractor|Vendor|Quoter)\s+to\s+(?:specify|insert|provide)"
                              r"[^\]]*\]", re.IGNORECASE)
_TEMPLATE_VARIABLE = re.compile(r"\{\{[^}]*\}\}|<<[^>]*>>|\{%[^%]*%\}")
_BLANK = re.compile(r"_{4,}")
# XX standing for a number: upper-case ("within XX hours", "$XX", "XX%"), or lower-case
# before a unit.  Roman numerals are not placeholders: a list label "(xx)", "xx." at the
# start of an item, or "Title XX".
_XX = re.compile(r"(?<![\w(])X{2,}(?![\w)])|\(X{2,}\)(?=\s+(?:days?|hours?|weeks?|months?|years?|percent|%))|"
                 r"(?<![\w(])x{2,}(?=\s*(?:%|percent|days?|hours?|minutes?|weeks?|months?|years?|business))")
_ROMAN_CONTEXT = re.compile(r"\b(?:title|part|chapter|article|section|subpart|volume|appendix|annex|exhibit|"
                            r"attachment|schedule|book|phase|amendment|table|figure)\s*$", re.IGNORECASE)
# A blank on a form that the offeror or a signatory completes: a labelled field ("TIN ____",
# "CAGE code: ____", "Name ____"), a signature line, a bracketed instruction to the offeror,
# a checkbox alternative, or any blank in a representations/certifications section.
_FORM_FIELD = re.compile(
    r"\b(?:name|signature|signed|date|title|company|firm|TIN|CAGE|UEI|DUNS|address|telephone|phone|e-?mail|"
    r"fax|offeror|quoter|bidder|vendor|representative|print|type|insert\s+name|enter|other|unknown|"
    r"web\s*sites?|number|code|legal\s+name|owner|employee)\b|\[\s*[_xX ]?\s*\]", re.IGNORECASE)
_FORM_SECTION = re.compile(r"\b(?:representations?|certifications?|signatures?|acknowledg\w+|non-?disclosure|"
                           r"NDA|offeror|quoter|form|template|worksheet)\b", re.IGNORECASE)


def _in_proposal(ctx: CheckContext) -> bool:
    """The document answers a SOW (checked with --against): the offeror's own fill-ins should be filled."""
    return ctx.baseline is not None and ctx.baseline.kind == "against"


def _xx_placeholder(text: str) -> re.Match[str] | None:
    for match in _XX.finditer(text):
        if _ROMAN_CONTEXT.search(text[:match.start()]):
            continue
        return match
    return None


_UNIT_AFTER = re.compile(r"^\s*(?:\)\s*)?(?:calendar\s+|business\s+|working\s+)?(?:days?|hours?|minutes?|weeks?|"
                         r"months?|years?|percent|%)\b", re.IGNORECASE)


def _form_blank(statement: Statement, match: re.Match[str]) -> bool:
    """A blank the offeror or a signatory fills in (a form field), rather than a term left undecided.

    A blank before a unit ("within ____ days") in a sentence outside a form is the
    Government's undecided term; a blank in a representations or signature section, an
    answer line at the end of a line ("Link to the demo ____"), or one next to a field
    label ("TIN", "Name", "[ ]") is a form field.
    """
    text = statement.text
    if _FORM_SECTION.search(" ".join(statement.section_path)):
        return True
    if _UNIT_AFTER.match(text[match.end():]):
        return False
    if not text[match.end():].strip(" .:;,-_)]\"'’”"):
        return True  # an answer or signature line
    return bool(_FORM_FIELD.search(text))


class UnfilledPlaceholder(Rule):
    """The document still contains a placeholder or an unfilled parameter.

    Why: "[TBD]", "XX days" or "[Insert …]" left in a SOW or a proposal means
    the term was never agreed.  Not every blank is one.  Roman list numerals
    ("(xx)" after "(xix)", "Title XX") are not placeholders.  The
    "[Offeror to specify: …]" fill-ins acqspec's generator leaves on purpose
    are reported at info level, as offeror fill-ins.  Blanks on forms the
    offeror or a signatory completes (FAR representations, "TIN ____",
    signature lines) are not reported in a solicitation or SOW.  In a proposal
    checked with --against both become warnings: there the offeror should have
    filled them in.  Unrendered template variables ("{{ buy.name }}") are
    reported once per document, with their count.

    Example: "The Contractor shall report incidents within XX hours."

    Fix: fill in the value, or delete the sentence if it does not apply; an
    offeror fill-in is completed in the proposal.
    """

    code = "AQ403"
    name = "quality.placeholder"
    severity = "error"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        templates: list[tuple[Statement, str]] = []
        forms: list[tuple[Statement, str]] = []
        proposal = _in_proposal(ctx)
        for statement in ctx.statements:
            text = statement.text
            templates += [(statement, m.group(0)) for m in _TEMPLATE_VARIABLE.finditer(text)]
            match = _GOVERNMENT_PLACEHOLDER.search(text) or _xx_placeholder(text)
            if match is not None:
                yield self.finding(ctx, statement, f"unfilled placeholder '{_shown(match.group(0))}'")
                continue
            offeror = _OFFEROR_FILL_IN.search(text)
            if offeror is not None:
                yield self._offeror_fill_in(ctx, statement, offeror.group(0), proposal)
                continue
            blank = _BLANK.search(_TEMPLATE_VARIABLE.sub(" ", text))
            if blank is None:
                continue
            if _form_blank(statement, blank):
                forms.append((statement, _label_before(text, blank.start())))
            else:
                yield self.finding(ctx, statement, "unfilled blank '____'")
        if templates:
            names = list(dict.fromkeys(" ".join(t.split()) for _, t in templates))
            shown = ", ".join(_shown(n, 30) for n in names[:3]) + (", …" if len(names) > 3 else "")
            yield self.finding(ctx, templates[0][0],
                               f"unrendered template: {len(templates)} template variable(s), {len(names)} distinct "
                               f"({shown}); the first is here")
        if forms:
            yield from self._form_fields(ctx, forms, proposal)

    def _offeror_fill_in(self, ctx: CheckContext, statement: Statement, marker: str, proposal: bool) -> Finding:
        if proposal:
            return self.finding(ctx, statement, f"offeror fill-in left blank in the proposal: '{_shown(marker)}'",
                                severity="warning")
        return self.finding(ctx, statement, f"offeror fill-in, left for the offeror on purpose: '{_shown(marker)}'",
                            severity="info")

    def _form_fields(self, ctx: CheckContext, forms: Sequence[tuple[Statement, str]],
                     proposal: bool) -> Iterable[Finding]:
        """Form blanks are the offeror's to fill in: nothing to report in a solicitation or SOW, a
        warning each in a proposal (checked with --against), where the offeror should have filled them."""
        if not proposal:
            return
        for statement, label in forms:
            yield self.finding(ctx, statement, f"form field left blank in the proposal{_labelled(label)}",
                               severity="warning")


def _label_before(text: str, at: int) -> str:
    """The field label of a blank ("CAGE code" in "Immediate owner CAGE code: ____"): at most four
    words before a colon, or opening the line, just before the blank."""
    before = text[:at].rstrip(" _")
    pieces = re.split(r"[.;\[\]()]|_{2,}", before)
    segment = pieces[-1].strip(" :-,")
    if not before.endswith(":") and len(pieces) > 1 and pieces[-1].strip():
        return ""  # a blank inside running text ("except for paragraphs ____") has no label
    return segment if 0 < len(segment.split()) <= 4 else ""


def _labelled(label: str) -> str:
    return f" ('{label}')" if label else ""


def _shown(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
