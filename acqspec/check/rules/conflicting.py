"""AQ3xx: wording that contradicts a clause of the library."""

from __future__ import annotations

import re
from collections.abc import Iterable

from acqspec.check import voice
from acqspec.check.base import CheckContext, Rule
from acqspec.check.baseline import RequiredObligation
from acqspec.check.concepts import concept_spans
from acqspec.check.coverage import act_group
from acqspec.check.findings import Finding, shortened
from acqspec.check.patterns import (
    ConflictPattern,
    SubjectEvidence,
    citation,
    required_subjects,
)
from acqspec.models import Statement
from acqspec.nlp.reading import classify_party, read_sentence

# A sentence with a negation ("shall not use ... to train", "without penalty")
# restates the clause's protection rather than contradicting it.
_NEGATION = re.compile(r"\b(?:not|never|no|without|nor|neither|cannot|prohibit\w*|forbid\w*|rather\s+than|instead\s+of)\b|n't\b",
                       re.IGNORECASE)
# Boilerplate that contains a negation word but negates nothing in the term:
# "including but not limited to", "with or without notice", "without regard to
# conflict-of-laws rules", "except as prohibited by law", "no later than".
_BENIGN_NEGATION = re.compile(
    r"\b(?:including,?\s+(?:but\s+)?(?:not\s+limited\s+to|without\s+limitation)|(?:but|and)\s+not\s+limited\s+to"
    r"|without\s+limit(?:ation|ing)?|with\s+or\s+without|whether\s+or\s+not"
    r"|without\s+(?:regard|reference|giving\s+effect)\s+to|without\s+prejudice|(?:no|not)\s+later\s+than"
    r"|(?:no|not)\s+(?:less|more|fewer|sooner)\s+than"
    r"|(?:except|unless)\s+(?:to\s+the\s+extent\s+|as\s+|where\s+)?(?:otherwise\s+)?(?:prohibited|not\s+permitted|restricted)\s+(?:by|under)"
    r"|to\s+the\s+(?:maximum\s+)?extent\s+not\s+prohibited"
    r"|(?:but|and)\s+(?:is|are|will\s+be|shall\s+be)\s+not\s+(?:required|obligated|obliged)\s+to"
    r"|no\s+adequate\s+remedy|not\s+be\s+an\s+adequate\s+remedy"
    r"|without\s+(?:the\s+)?(?:necessity|need|requirement)\s+(?:of|to)|without\s+(?:posting|proof)"
    r"|(?:if|should)\s+you\s+(?:do\s+not|don't)\s+(?:want|wish|like)\b)", re.IGNORECASE)  # see _DECLINING
# In licence text (AQ302) a negation counts only this many words before a matched term.
_NEGATION_WINDOW = 6
# Outside licences a negation also counts right before a term ("without penalty").
_ADJACENT_WORDS = 2
_LEADING_CONDITION = re.compile(r"\s*(?:if|where|when|whenever|in\s+the\s+event|unless|should)\b", re.IGNORECASE)
_GOVERNMENT_NAMED = re.compile(r"\b(?:government|agency|department|dhs)\b", re.IGNORECASE)
_VENDOR_NAMED = re.compile(r"\b(?:contractor|vendor|provider|licensor|supplier|company|offeror|we)\b", re.IGNORECASE)
# "If you do not want us to use your Content to train our models, you can opt out": the customer
# declining presupposes the practice; it is neither a negation nor a hypothetical case.
_DECLINING = re.compile(r"\s*(?:if|should)\s+you\s+(?:do\s+not|don't)\s+(?:want|wish|like)\b", re.IGNORECASE)
_EXCLUSION = re.compile(r"\b(?:exclud\w*|other\s+than)\b", re.IGNORECASE)


def _masked(text: str, spans) -> str:
    """``text`` with negation boilerplate and the matched terms themselves ("without your consent") blanked."""
    chars = list(_BENIGN_NEGATION.sub(lambda m: " " * len(m.group(0)), text))
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _negated_near(text: str, spans) -> bool:
    """A negation (boilerplate aside) within _NEGATION_WINDOW words before a matched term."""
    masked = _masked(text, spans)
    for start, _ in spans:
        before = " ".join(masked[:start].split()[-_NEGATION_WINDOW:])
        if _NEGATION.search(before) or _EXCLUSION.search(before):
            return True
    return False


def _negated_before(text: str, spans) -> bool:
    """A negation (boilerplate aside) before the first matched term, or just before any of them.

    In a SOW the negation that matters scopes over the conduct ("the system shall
    never automatically deny ...") or its term ("without penalty"); one elsewhere
    describes a case ("homes the model classifies as no damage") and leaves the
    conduct standing.
    """
    masked = _masked(text, spans)
    first = min(start for start, _ in spans)
    if _NEGATION.search(masked[:first]) or _EXCLUSION.search(masked[:first]):
        return True
    return any(_NEGATION.search(" ".join(masked[:start].split()[-_ADJACENT_WORDS:])) for start, _ in spans)


# A sentence that opens with the vendor as its subject, in the present tense: "We use ...",
# "Then, we use ...", "Provider retains ...", "Our team reviews ...".
_VENDOR_SUBJECT = re.compile(r"\s*(?:(?:then|also|additionally|in\s+addition|for\s+example),?\s+)?"
                             r"(?:we|our\s+(?:team|company|systems?|models?|services?)|(?:the\s+)?(?:provider|vendor|"
                             r"licensor|contractor|offeror|company|processor))(?:\s+(?:also|may\s+also|\w+ly))?"
                             r"\s+(?!(?:shall|must|will|may|can|should|would|could|do|does|did|not|never|are|is|have|"
                             r"has|were|was)\b)[a-z]+s?\b", re.IGNORECASE)


# ... or a name doing so: "Acme uses ...", "Brightline retains ..."
_NAMED_SUBJECT = re.compile(r"\s*([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?)\s+(?:also\s+)?(?:uses|retains|collects|processes|"
                            r"shares|trains|analy[sz]es|reviews|stores|keeps|owns|licenses)\b")


# "we" is the vendor in its own terms: "... explains how we use your interactions to improve AI"
_WE_DO = re.compile(r"\bwe\s+(?:also\s+)?(?:use|process|retain|collect|analy[sz]e|share)\b", re.IGNORECASE)


def _vendor_describes(text: str) -> bool:
    """The vendor (not the Government) states what it does: the sentence opens with it, or says "we use"."""
    if _VENDOR_SUBJECT.match(text) or _WE_DO.search(text):
        return True
    named = _NAMED_SUBJECT.match(text)
    return named is not None and classify_party(named.group(1)) != "government"


_DATA_HANDLING = frozenset("use process retain collect analyze analyse share train store review".split())


def _vendor_will_handle_data(statement) -> bool:
    """"Mistral will use such Feedback … and the associated Input and Output to train its models":
    in the vendor's own document its "will" about handling data states its practice, as "we use" does."""
    return statement.modality == "obligation" and (statement.modal or "").lower() == "will" \
        and (statement.action or "").lower() in _DATA_HANDLING and voice.names_the_vendor(statement.party_text or "")


# A list item naming a purpose, its subject in the lead-in ("Mistral AI processes Customer Data
# for: * Training its artificial intelligence models …, unless Customer has opted out").
_PURPOSE_ITEM = re.compile(r"\s*(?:[*\u2022-]\s+)?[A-Z][a-z]+ing\s+(?:its|our|the|such|customer|your)\b")


def _hypothetical(statement, spans) -> bool:
    """A matched term is in a leading "If ..." clause: the sentence states what happens in
    that case, not the conduct the pattern describes."""
    if not _LEADING_CONDITION.match(statement.text) or not statement.modal or _DECLINING.match(statement.text):
        return False
    modal_at = statement.text.lower().find(f" {statement.modal.lower()} ")
    return modal_at > 0 and any(end <= modal_at for _, end in spans)


class _ClauseConflict(Rule, abstract=True):
    """Shared matching of a statement against the library's conflict patterns."""

    # In a licence, a plain statement ("This subscription renews automatically")
    # is itself the term; in a SOW or proposal it is usually description.
    declaratives_bind = False

    def wants(self, clause) -> bool:
        """Whether this rule reports conflicts with ``clause``."""
        raise NotImplementedError

    def _applies(self, kind: str, statement, negative: bool, pattern: ConflictPattern | None = None) -> bool:
        """Whether a conflict written as ``kind`` can match this sentence (see "How conflicts are
        matched" in the README).

        A conflict that forbids something matches sentences that forbid the same party: a bar
        on the Government ("the customer may not publish benchmark results") matches bars on
        the Government; a bar the vendor sets on itself or on a thing ("test results will not
        be disclosed", "the vendor shall not disclose the training data") matches bars on the
        vendor or passive ones.  Otherwise a sentence that forbids the conduct ("you may not
        use the service to ...") agrees with the clause; only permissions and commitments
        (and, in licences, plain statements) conflict, and a permission that names a party
        matches only when that is the party the conflict empowers (``conflicts[].party``).
        """
        bound = pattern.bound if pattern is not None else "government"
        if kind == "prohibition":
            if statement.modality != "prohibition":
                return False
            if bound == "government":
                return statement.party == "government"
            return statement.party != "government"
        if negative:
            return False
        empowers = pattern.conflict.party if pattern is not None else None
        if empowers == "government" and not self.declaratives_bind and statement.modality == "permission" \
                and _VENDOR_NAMED.search(statement.party_text or ""):
            return False  # a right the conflict gives the Government, granted here to the vendor
        if not self.declaratives_bind and statement.modality == "permission" \
                and _GOVERNMENT_NAMED.search(statement.party_text or ""):
            # "The Government may use any output ... to train other AI systems" is its own right
            # (unlike a licence's "you may opt out of training", where the vendor trains by default).
            return False
        if kind == "permission":
            return statement.modality == "permission" or (self.declaratives_bind and statement.modality == "none")
        allowed = ("permission", "obligation", "none") if self.declaratives_bind else ("permission", "obligation")
        return statement.modality in allowed

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        patterns = [p for p in ctx.conflict_patterns if self.wants(p.clause)]
        selected = _selected_clauses(ctx)
        subjects = SubjectEvidence(ctx.document)
        own_word = not voice.binds_parties_by_role(ctx.statements)
        met = {match.requirement.clause_id for match in ctx.matches if match.status in ("satisfied", "weakened")} \
            if ctx.baseline is not None and any(p.conflict.yields for p in patterns) else set()
        for statement in ctx.statements:
            # Outside licences a plain statement matches a pattern only when it is the vendor
            # describing its own practice ("We use your conversations to train our models"); the
            # classifier reads every plain statement ("fine-tuned weights are the exclusive property
            # of Provider" has no modal).
            described = statement.modality == "none" and not self.declaratives_bind
            if described and not (_vendor_describes(statement.text)
                                  or own_word and (voice.speaks_for_the_vendor(statement.text)
                                                   or _PURPOSE_ITEM.match(statement.text))):
                if ctx.terms is not None:
                    yield from self._scored(ctx, statement, {}, selected, subjects, own_word)
                continue
            # "Mistral will use … Input and Output to train": the vendor's practice, though it has "will"
            described = described or (own_word and not self.declaratives_bind and _vendor_will_handle_data(statement))
            # A negated modal ("shall not") is known from the reading; any other negation is
            # judged against the matched terms below, only for the rare pattern that matches.
            # In licence text (AQ302) it must be near a term, elsewhere before the first one.
            has_negation = bool(_NEGATION.search(statement.text) or _EXCLUSION.search(statement.text))
            negated = _negated_near if self.declaratives_bind else _negated_before
            # One finding per sentence and clause: the clause's matched conflicts, in library order.
            by_clause: dict[str, list[tuple[ConflictPattern, dict[str, tuple[int, int]]]]] = {}
            for pattern in patterns:
                if described:
                    if pattern.kind == "prohibition":
                        continue  # a practice described is conduct, not a bar
                elif not self._applies(pattern.kind, statement, statement.negated, pattern):
                    continue
                spans = concept_spans(statement.text, pattern.conflict.concepts)
                if spans is None or (pattern.kind != "prohibition" and has_negation
                                     and negated(statement.text, spans.values())):
                    continue
                if not self.declaratives_bind and _hypothetical(statement, spans.values()):
                    continue
                if pattern.conflict.unless and concept_spans(ctx.document.blocks[statement.block].text,
                                                             {"unless": pattern.conflict.unless}) is not None:
                    continue  # "… to any third party, except its professional advisers"
                if pattern.conflict.yields and pattern.clause.id in met:
                    continue  # a general bar the document qualifies where it meets the clause
                if pattern.subjects and pattern.clause.id not in selected \
                        and not subjects.covers(pattern.subjects, statement):
                    continue  # the clause's subject (biometrics, generative AI, ...) is not this text's
                by_clause.setdefault(pattern.clause.id, []).append((pattern, spans))
            if ctx.terms is None:
                for matched in by_clause.values():
                    yield self._finding(ctx, statement, matched)
            else:
                yield from self._scored(ctx, statement, by_clause, selected, subjects, own_word)

    def _scored(self, ctx: CheckContext, statement, by_clause, selected, subjects, own_word: bool) -> Iterable[Finding]:
        """Findings with the terms classifier: one signal, the calibrated probability with the rule match
        as one of its features, reported from the threshold; a sentence no pattern matches is reported
        under the clause of its predicted category when that category is this rule's.  The terms-of-
        service head, fitted on consumer terms, reads only a document in the vendor's own words (no party
        bound by its role) and there no sentence that names the Government's side."""
        threshold = ctx.terms.threshold if ctx.min_confidence is None else ctx.min_confidence  # type: ignore[union-attr]
        terms_of_service = own_word and not voice.names_the_government(statement.text)
        score = ctx.term_score(statement, bool(by_clause), threshold, terms_of_service=terms_of_service)
        if score.probability < threshold:
            return
        evidence = ", ".join(f'"{w}"' for w in score.evidence)
        scorer = "terms-of-service classifier" if score.head == "terms-of-service" else "classifier"
        for matched in by_clause.values():
            yield self._finding(ctx, statement, matched, confidence=score.probability, words=evidence, scorer=scorer)
        category = score.category
        if by_clause or category is None or category.rule != self.code:
            return  # no category: the sentence lacks the predicted category's cue words
        clause = ctx.catalog.get(category.clause_id)
        if clause is None or clause.status == "retired" or not self.wants_category(clause):
            return
        if statement.modality == "obligation" and statement.party == "contractor":
            return  # a duty the vendor takes on ("Provider shall defend Customer") protects the buyer
        if statement.modality == "permission" and voice.names_the_buyer(statement.party_text or ""):
            return  # a right the buyer has ("You may terminate …", "Customer may cancel …")
        kind = "prohibition" if category.id == "testing-gag" else "obligation"
        declarative = statement.modality == "none" and not statement.negated and kind != "prohibition"
        if not (declarative or self._applies(kind, statement, statement.negated)) or _hypothetical(statement, [(0, len(statement.text))]):
            return
        subjects_needed = required_subjects(clause)
        if subjects_needed and clause.id not in selected and not subjects.covers(subjects_needed, statement):
            return
        message = (f"conflicts with {clause.id} ({clause.title}): {category.title} ({category.source}); "
                   f"{scorer} probability {score.probability:.2f} [evidence {evidence or 'none'}]")
        yield self.finding(ctx, statement, message, clause_id=clause.id, obligation_id=f"{clause.id}.{category.id}",
                           authority=citation(ctx.catalog, clause), confidence=round(score.probability, 3),
                           expected=clause.obligations[0].statement if clause.obligations else None)

    def wants_category(self, clause) -> bool:
        """Whether a classifier finding may name ``clause`` (the rule's own topic rule)."""
        return self.wants(clause)

    def _finding(self, ctx: CheckContext, statement,
                 matched: list[tuple[ConflictPattern, dict[str, tuple[int, int]]]], *,
                 confidence: float | None = None, words: str = "", scorer: str = "classifier") -> Finding:
        pattern = matched[0][0]
        clause = pattern.clause
        spans = sorted({span for _, found in matched for span in found.values()}, key=lambda s: (s[0], -s[1]))
        kept = [span for n, span in enumerate(spans)
                if not any(a <= span[0] and span[1] <= b for a, b in spans[:n])]  # "may update" in "Provider may update"
        terms = ", ".join(dict.fromkeys(f'"{statement.text[a:b]}"' for a, b in kept))
        reasons = list(dict.fromkeys(p.conflict.reason for p, _ in matched))
        if len(reasons) == 1:
            why = f": {reasons[0]}"
        else:
            why = f" on {len(reasons)} counts: " + " ".join(f"({n}) {r}" for n, r in enumerate(reasons, 1))
        scored = "" if confidence is None else f"; {scorer} probability {confidence:.2f}" + \
            (f", evidence {words}" if words else "")
        return self.finding(ctx, statement, f"conflicts with {clause.id} ({clause.title}){why} [matched {terms}{scored}]",
                            clause_id=clause.id, obligation_id=pattern.conflict.id, authority=pattern.authority,
                            expected=clause.obligations[0].statement if clause.obligations else None,
                            confidence=None if confidence is None else round(confidence, 3))


def _selected_clauses(ctx: CheckContext) -> frozenset[str]:
    """Clauses the baseline requires (a profile selected them, or --clauses named them): they apply
    to this document whatever its wording."""
    if ctx.baseline is None or ctx.baseline.kind == "against":
        return frozenset()
    return frozenset(r.clause_id for r in ctx.baseline.requirements if r.clause_id)


class PolicyConflict(_ClauseConflict):
    """The document permits or commits to something a library clause forbids.

    Why: every clause lists the wording that contradicts it — a vendor licence
    that lets the vendor train on Government data, a "sole basis" enforcement
    flow, vendor ownership of outputs the Government must own, a bar on
    disclosing test results.  Such a term in a proposal or a SOW undoes the
    clause even when the rest of the document has it.  A sentence gets one
    finding per clause, listing every conflicting term of the clause it
    matches.  A clause that applies only to a subject (biometrics, face
    recognition, law enforcement, generative AI, PII…) reports only where the
    text is about it — its paragraph or a heading above it names the subject,
    or the document does at least three times — or where the baseline
    selected the clause: a chatbot's training term is not a biometric-log
    conflict.  With the shipped terms classifier, a sentence is reported when
    its calibrated probability reaches ``--min-confidence`` (default 0.6), a
    pattern match setting a floor; a sentence no pattern matches is reported
    under the clause of its predicted AI-policy category, with the evidence
    words.

    Example: "We may use Customer Content to improve and train our models."
    contradicts DR-01 (no training on Government data without consent,
    OMB M-25-22; M-24-18 §4(c)(iii)(E)).

    Fix: strike the term or replace it with the clause's wording; if the term
    is acceptable for this buy, suppress the finding with a documented reason.
    """

    code = "AQ301"
    name = "conflict.policy"
    severity = "error"
    marks_contradicted = True

    def wants(self, clause) -> bool:
        return clause.topic != "commercial-terms"


class CommercialTermConflict(_ClauseConflict):
    """A licence or terms-of-service term the Government cannot accept.

    Why: commercial licences often carry terms that federal law makes
    unenforceable or unlawful for an agency — indemnifying the vendor (an
    open-ended liability, Anti-Deficiency Act), automatic renewal, governing
    law other than Federal, unilateral changes to the terms, click-wrap
    acceptance, unspecified future fees.  FAR 52.212-4 and 52.232-39 strike
    many of them, but a reviewer should ask for them to be removed.  A
    sentence gets one finding per clause, listing every reason it matches
    (a click-wrap term that also reserves the right to change the terms).
    With the shipped terms classifier, a sentence is reported when its
    calibrated probability reaches ``--min-confidence`` (default 0.6); one no
    pattern matches is reported under the clause of its predicted GSA
    category ("overage rates in effect at the time": CT-03).

    Example: "Customer shall indemnify and hold Provider harmless from any
    claim arising from Customer's use of the Service." contradicts CT-01.

    Fix: ask the vendor to delete the term or to accept the Government
    addendum; cite the clause's authority in the negotiation memo.
    """

    code = "AQ302"
    name = "conflict.commercial-term"
    severity = "error"
    marks_contradicted = True
    declaratives_bind = True

    def wants(self, clause) -> bool:
        return clause.topic == "commercial-terms"


_EXCEPTED = re.compile(r"\b(?:except|excepting|unless|other\s+than|save\s+(?:as|for)|provided\s+that|but\s+only|"
                       r"apart\s+from|with\s+the\s+exception|until|before|prior\s+to|"
                       r"without\s+(?:\S+\s+){0,4}?(?:consent|approval|request|authori[sz]ation|permission))\b",
                       re.IGNORECASE)
_AUXILIARY_BEFORE = re.compile(r"\b(?:do|does|did|will|shall|is|are|was|were|can|may|must|would)\s+$", re.IGNORECASE)
_NEGATED_DUTY = re.compile(r"\b(?:not|never|no|prohibition|without)\b", re.IGNORECASE)
_REFUSED = re.compile(r"\b(?:not|never|no\s+longer|decline[sd]?\s+to|refuse[sd]?\s+to)\b|n['’]t\b", re.IGNORECASE)


class RefusedDuty(Rule):
    """The document refuses outright a duty a clause requires.

    Why: a clause's conflicting terms list the refusals its author foresaw;
    vendors refuse in their own words ("Acme treats AI incidents as internal
    matters and does not report them to customers", "we do not publish
    accuracy by demographic group").  A sentence on the contractor (or on nobody) that
    carries every concept of a required obligation and negates it, with no
    exception or condition ("except", "unless", "without prior consent",
    "until"), contradicts the obligation; so does one whose clause names at
    least half the concept groups and negates the obligation's act itself
    ("Acme will not provide training" for a training plan on six topics).  A bar on the buyer doing
    what the clause lets the Government do is refused the same way ("Customer shall not red-team
    the Service" against a duty to permit Government red-teaming; "Customer may not stop using the
    AI features" against the Government's right to stop).  It is reported only where no
    sentence of the document meets the obligation: a SOW that requires the
    duty in one place and scopes it out elsewhere is AQ303's business.

    Example: "Acme does not publish bias testing results by demographic
    group." against TE-05.1 (deliver algorithmic-discrimination test results
    by demographic group).

    Fix: strike the refusal and state the duty in the clause's wording, or
    record the exception the Government accepts.
    """

    code = "AQ306"
    name = "conflict.refused-duty"
    severity = "error"
    marks_contradicted = True
    yields_to_a_match = True

    @classmethod
    def contradicts(cls, requirement: RequiredObligation, statement: Statement) -> str | None:
        if requirement.clause_id is not None and requirement.concepts and statement.modality == "prohibition":
            barred = _barred_right(requirement, statement)
            if barred is not None:
                return barred
        if requirement.clause_id is None or requirement.modality != "obligation" or not requirement.concepts \
                or requirement.party != "contractor" or statement.party not in ("contractor", "none"):
            return None
        text = statement.text
        if not _REFUSED.search(text):
            return None  # most sentences negate nothing: the cheap test first
        if _EXCEPTED.search(text) or statement.conditions or _NEGATED_DUTY.search(requirement.text):
            return None  # a duty worded with a negation ("the prohibition on training survives") is not refused by one
        spans = concept_spans(text, requirement.concepts)
        refusal = None if spans is None else _refusal(text, spans.values())
        if refusal is None:
            # A refusal is short: it names the act and what it applies to, not every detail of the
            # duty ("Acme will not provide training" for a training plan covering six topics); the
            # negation must then be on the act itself.
            act = _refused_act(requirement, text)
            refusal = None if act is None else _refusal(text, [act])
        if refusal is None:
            return None
        return f"refuses what {requirement.id} requires ('{refusal}')"

    def check(self, ctx: CheckContext) -> Iterable[Finding]:
        for match in ctx.contradicted_by(self.code):
            req = match.requirement
            yield self.finding(ctx, match.statement, f"{match.contradiction.what}: '{shortened(req.text, 90)}'",
                               clause_id=req.clause_id, obligation_id=req.id, authority=req.authority,
                               expected=req.text)


_PERMITTING = frozenset("permit allow let enable".split())


def _barred_right(requirement: RequiredObligation, statement: Statement) -> str | None:
    """A bar on the buyer doing what the requirement lets the Government do: "Customer shall not
    conduct adversarial testing of the Service" against "the contractor must permit the Government
    to red-team the system", "Customer may not stop using the AI features during the term" against
    "the Government may stop using the AI functionality".  The bar must carry the act the Government
    may do (for a duty to permit, every other concept group: what is permitted) and at least half of
    the requirement's concept groups, with no exception ("without Provider's consent", "unless")."""
    if not voice.names_the_buyer(statement.party_text or "") or _EXCEPTED.search(statement.text):
        return None
    verb = (read_sentence(requirement.text).action or "").lower()
    act = act_group(requirement)
    groups = requirement.concepts
    found = {name for name, terms in groups.items() if concept_spans(statement.text, {name: terms}) is not None}
    if requirement.party == "contractor" and requirement.modality == "obligation" and verb in _PERMITTING:
        wanted = set(groups) - {act} if act is not None else set()
        enough = bool(wanted) and wanted <= found
    elif requirement.party == "government" and requirement.modality == "permission" and act is not None:
        enough = act in found and 2 * len(found) >= len(groups)
    else:
        return None
    if not enough:
        return None
    return f"bars the Government from what {requirement.id} lets it do ('{statement.modal or 'not'}')"


def _refused_act(requirement: RequiredObligation, text: str) -> tuple[int, int] | None:
    """The span of the requirement's act in ``text`` when the same clause of the text (between
    semicolons) names at least half of the requirement's concept groups, the act's among them;
    else None.  Without a group for the act, the statement's own verb stands for it ("must provide a
    training plan" / "will not provide training")."""
    act = act_group(requirement)
    verb = read_sentence(requirement.text).action if act is None else None
    if act is None and (not verb or len(verb) < 3):
        return None
    start = 0
    for part in re.split(r"([;:])", text):
        if part in (";", ":"):
            start += 1
            continue
        found = {name: span[name] for name, terms in requirement.concepts.items()
                 if (span := concept_spans(part, {name: terms})) is not None}
        if act is not None:
            hit = found.get(act)
            enough = hit is not None and len(found) >= 2 and 2 * len(found) >= len(requirement.concepts)
        else:
            done = re.search(rf"\b{re.escape(verb[:-1] if verb.endswith('e') else verb)}\w*", part, re.IGNORECASE)
            hit = done.span() if done else None
            enough = hit is not None and found and 2 * (len(found) + 1) >= len(requirement.concepts) + 1
        if enough:
            return start + hit[0], start + hit[1]
        start += len(part)
    return None


def _refusal(text: str, spans) -> str | None:
    """The refusing words ("does not report") when a negation (boilerplate aside) stands within
    _NEGATION_WINDOW words before a concept term and in its clause ("will not deliver hardware; it
    shall deliver bias results" refuses the hardware), else None."""
    masked = _masked(text, list(spans))
    for start, end in spans:
        clause = max(masked.rfind(";", 0, start), masked.rfind(":", 0, start)) + 1
        words = list(re.finditer(r"\S+", masked[clause:start]))
        window = clause + (words[-_NEGATION_WINDOW].start() if len(words) >= _NEGATION_WINDOW else 0)
        found = list(_REFUSED.finditer(masked, window, start))
        if found:
            begin = found[-1].start()
            helper = _AUXILIARY_BEFORE.search(text, 0, begin)
            return " ".join(text[helper.start() if helper else begin:end].split())
    return None
