"""Match the baseline's required obligations against a document's statements.

Other people's wording rarely copies the library, so a requirement is matched
on several signals at once:

* its concept groups (synonyms the clause author listed: "report / notify",
  "incident / malfunction") found in the sentence, at word boundaries;
* rapidfuzz ``token_set_ratio`` of the sentence against the expected wording;
* for a SOW baseline, which has no concepts, the share of the requirement's
  content words the sentence repeats (crudely stemmed).

For a SOW baseline (no concepts) a sentence must also be about what the
requirement is about: the head of the requirement's object ("all Government
data") must be evidenced by the sentence's words or, with the shipped
embedding model, by a sentence object that means about the same thing ("the
Contractor shall return all identification badges" does not answer "return
all Government data"); the embedding model also finds candidates whose
wording differs from the SOW's.  A library obligation's concept groups say
what evidences it.

Some sentences cannot be the duty whatever their words (docs/clause-files.md,
step 2): the Government's own act for a contractor's duty, a permission for a
prohibition, a duty that only shares a prohibition's words, and a sentence
that names the duty's act without doing it ("screen reported
vulnerabilities"); a neighbouring sentence may complete a duty's concepts,
never its act.

Among the sentences that match, one the contradiction judges reject
(:class:`Judge` with ``contradicts``: a proposal that forbids what the SOW
requires or takes the ownership the SOW gives the Government) makes the
requirement *contradicted*; otherwise one that satisfies the requirement with
no weakening wins; otherwise the best-scoring one is reported with what got
weaker: modality, hedges, bound party, or a looser number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol
from functools import lru_cache

from acqspec.check.baseline import Baseline, RequiredObligation
from acqspec.check import voice
from acqspec.check.concepts import concept_hits, term_spans
from acqspec.models import Statement
from acqspec.nlp.reading import classify_party, names_the_government, read_sentence

_WORD = re.compile(r"[a-z][a-z0-9'-]+")
# Words that say nothing about *what* is required: matching on them pairs unrelated sentences.
_GENERIC = frozenset("""
a an the and or of to in on for by with from at as is are be been being this that these those such any all
each every its their his her our your it they we you shall must will would should may might can could not no
contractor contractors offeror offerors vendor government agency dhs cor contracting officer provide provides
provided providing ensure ensures ensured including include includes within under per other than also into
upon after before during when where which who whom whose there here than then than more most less least
""".split())
_WILL = re.compile(r"\bwill\b", re.IGNORECASE)
_CONCEPT_WEIGHT = 0.7
_MATCH_SCORE = 70.0
_WORDING_MIN_OVERLAP = 0.5
_WORDING_MIN_RATIO = 60.0
_SATISFIED_MARGIN = 15.0
_OBJECT_SIMILARITY = 0.35
"""Cosine of two object phrases above which they are about the same thing (static embeddings:
'all Government data' ~ 'customer data and any copies' 0.47, ~ 'all identification badges' 0.17)."""
_LIBRARY_OBJECT_SIMILARITY = 0.25
"""The same for a library obligation, whose concepts already vouch for the sentence: only a plainly
different object vetoes it."""
_CORROBORATING_SIMILARITY = 0.7
"""Cosine to a library obligation's wording at which a sentence carrying all its concepts means the same.

A trade-off measured on outside text: on the ContractNLI NDAs (bench/eval_contractnli.py, held-out
third) accuracy is 0.647 without this path, 0.723 at 0.7 and 0.740 at 0.6; on the 54 non-AI federal
solicitations (bench/eval_solicitations.py) the false "satisfied" entries are 18, 31 and 42."""
_PARTIAL_SHARE = 0.6
_PARTIAL_SIMILARITY = 0.8
"""A sentence with two of three concept groups counts as carrying them all when it is on the clause's
topic, does the statement's verb and its embedding cosine to the statement is at least 0.8
("demographic bias test results shall be delivered by the Contractor every two years" for TE-05.1:
weakened, not missing).  Measured: paraphrase dev accuracy 0.466 -> 0.474; held-out, ContractNLI,
samples and the 54 solicitations unchanged; at a share of 0.5 the solicitations' false "satisfied"
entries grow from 5 to 18."""
_SEMANTIC_CANDIDATE = 0.72
"""Cosine of a sentence to a SOW requirement above which it is a candidate even with other words."""

Status = str  # satisfied | weakened | missing | contradicted


@dataclass(frozen=True)
class Shortfall:
    """One way the matched sentence is weaker than the requirement, and the rule that says so."""

    code: str
    what: str


@dataclass(frozen=True)
class RequirementMatch:
    """The outcome for one requirement in one document."""

    requirement: RequiredObligation
    status: Status
    statement: Statement | None = None
    score: float | None = None
    shortfalls: tuple[Shortfall, ...] = ()
    accepted_by: Statement | None = None
    """A proposal sentence accepting the requirement's section (SOW baseline only)."""
    contradiction: Shortfall | None = None
    """Why ``statement`` contradicts the requirement (status ``contradicted``)."""


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    for suffix in ("ing", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_stems(text: str) -> frozenset[str]:
    """Stemmed words of ``text`` that carry meaning (no party names, modals or glue words)."""
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if w not in _GENERIC and len(w) > 2)


class Judge(Protocol):
    """One way a matched sentence can fall short of a requirement: a weakening rule's predicate."""

    code: str

    def falls_short(self, requirement: RequiredObligation, statement: Statement) -> str | None:
        """What got weaker (``'shall' → 'should'``), or None."""


class ContradictionJudge(Protocol):
    """One way a sentence on the requirement's subject can contradict it: a conflict rule's predicate."""

    code: str

    def contradicts(self, requirement: RequiredObligation, statement: Statement) -> str | None:
        """Why the sentence contradicts the requirement, or None."""


class Embedder(Protocol):
    """Unit sentence vectors (:class:`acqspec.nlp.embeddings.Embedder`)."""

    def encode(self, texts: Sequence[str]): ...


_OBJECT_END = re.compile(r"\b(?:within|at|to|by|for|after|before|during|on|in|into|no\s+later|longer|unless|if|when|"
                         r"where|from|under|with|using|so|that|which|than|upon|throughout|per)\b", re.IGNORECASE)
_ANAPHORIC = re.compile(r"\b(?:such|these|those|the\s+same)\b|^(?:\w+\s+)?(?:it|them|this|that)$", re.IGNORECASE)
_LEADING_VERB = re.compile(r"^(?:and|or)\s+\w+\s+", re.IGNORECASE)


@lru_cache(maxsize=8192)
def object_head(text: str) -> str:
    """The head of the sentence's object: "all Government data and derived products" in "… must return
    and destroy all Government data and derived products within 30 days"."""
    obj = _LEADING_VERB.sub("", read_sentence(text).object or "")
    return _OBJECT_END.split(obj, 1)[0].strip(" ,;:.")


def shortfalls(requirement: RequiredObligation, statement: Statement,
               judges: Sequence[Judge]) -> tuple[Shortfall, ...]:
    """How ``statement`` falls short of ``requirement`` by each judge (empty when it satisfies it)."""
    found = []
    for judge in judges:
        what = judge.falls_short(requirement, statement)
        if what is not None:
            found.append(Shortfall(judge.code, what))
    return tuple(found)


class _Index:
    """Content-stem → statements, so each requirement scores only plausible sentences."""

    def __init__(self, statements: Sequence[Statement], paragraphs: Sequence[str],
                 paragraph_blocks: frozenset[int] = frozenset(), embedder: Embedder | None = None):
        self.paragraphs = paragraphs
        self.statements = [s for s in statements if not _bare_lead_in(s.text)
                           and (s.modality != "none" or s.block in paragraph_blocks)]
        self._contexts = _contexts(statements, paragraphs)
        self.stems = [content_stems(s.text) for s in self.statements]
        self.lowered = [s.text.lower() for s in self.statements]
        self.by_stem: dict[str, list[int]] = {}
        for i, stems in enumerate(self.stems):
            for stem in stems:
                self.by_stem.setdefault(stem, []).append(i)
        self.embedder = embedder
        self._vectors = None
        self._heads: dict[int, str] = {}
        self._text_vectors: dict[str, object] = {}
        self._head_vectors = None

    def context(self, statement: Statement) -> str:
        """The text that may complete the sentence's concepts: the sentences either side of it in
        its paragraph and, for a list item, the lead-in it continues ("The Receiving Party
        undertakes as follows:")."""
        return self._contexts.get(id(statement), "")

    def similarity(self, requirement: RequiredObligation, i: int) -> float | None:
        """Cosine of statement i to the requirement's wording (None without an embedding model)."""
        vectors = self.vectors()
        if vectors is None:
            return None
        return float(vectors[i] @ self._vector(requirement.text))

    def vectors(self):
        """Unit vectors of the statements, computed on first use (only a baseline needs them)."""
        if self._vectors is None and self.embedder is not None:
            self._vectors = self.embedder.encode([s.text for s in self.statements])
        return self._vectors

    def head(self, i: int) -> str:
        if i not in self._heads:
            self._heads[i] = object_head(self.statements[i].text)
        return self._heads[i]

    def about_the_same_thing(self, requirement: RequiredObligation, i: int) -> bool:
        """The sentence evidences the head of the requirement's object (see the module docstring).

        A library obligation's concept groups are its author's say on what evidences it, so
        for one the check only vetoes objects plainly unrelated to its statement's (below
        ``_LIBRARY_OBJECT_SIMILARITY``: "return all identification badges" against "return all
        Government data"), and needs the embedding model.
        """
        threshold = _OBJECT_SIMILARITY
        if requirement.concepts:
            if self.embedder is None or _ANAPHORIC.search(self.head(i)):
                return True  # "submit any such matter": the object is named in the sentence before
            threshold = _LIBRARY_OBJECT_SIMILARITY
        head = object_head(requirement.text)
        head_stems = content_stems(head)
        if not head_stems or head_stems & self.stems[i]:
            return True
        if _names_a_party(head):
            return True  # "notify the Disclosing Party" / "notify the Owner": who is told is the party reading's
        if self.embedder is None:
            return False
        return float(self._vector(head) @ self._head_vector(i)) >= threshold

    def _vector(self, text: str):
        if text not in self._text_vectors:
            self._text_vectors[text] = self.embedder.encode([text])[0]
        return self._text_vectors[text]

    def _head_vector(self, i: int):
        """The vector of statement i's object head (all statements' heads encoded in one batch)."""
        if self._head_vectors is None:
            texts = [self.head(k) or s.text for k, s in enumerate(self.statements)]
            self._head_vectors = self.embedder.encode(texts)
        return self._head_vectors[i]

    def similar(self, requirement: RequiredObligation) -> set[int]:
        """Statements whose meaning is close to the requirement's (none without an embedding model)."""
        vectors = self.vectors()
        if vectors is None or not len(vectors):
            return set()
        scores = vectors @ self.embedder.encode([requirement.text])[0]
        return {int(i) for i in (scores >= _SEMANTIC_CANDIDATE).nonzero()[0]}

    def candidates(self, stems: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for stem in stems:
            found.update(self.by_stem.get(stem, ()))
        return found


def _ratio(requirement_text: str, lowered: str) -> float:
    """rapidfuzz's token-set ratio on words alone: "written," and "written" are the same token."""
    from rapidfuzz import fuzz, utils  # only a baseline is scored: a plain check need not load it (start-up time)

    return fuzz.token_set_ratio(requirement_text, lowered, processor=utils.default_process)


_LEAD_IN_END = re.compile(r"(?:\b(?:shall|must|will|agrees?\s+to|undertakes?\s+to|as\s+follows|the\s+following|following|"
                          r"below|to|that|includes?|including)|[\u2014\u2013-])\s*:\s*$", re.IGNORECASE)


def _bare_lead_in(text: str) -> bool:
    """A sentence that only introduces a list ("The Contractor shall:", "… undertakes as follows:");
    one that ends in ":" but states its duty ("The Contractor shall deliver these reports to the
    COR within 30 days:") is read like any other."""
    return text.rstrip().endswith(":") and (_LEAD_IN_END.search(text.rstrip()) is not None
                                            or len(_WORD.findall(text.lower())) <= 4)


def _contexts(statements: Sequence[Statement], paragraphs: Sequence[str]) -> dict[int, str]:
    """id(statement) → its neighbouring sentences in the same block, plus the lead-in it inherits from."""
    contexts: dict[int, str] = {}
    for n, statement in enumerate(statements):
        parts = []
        if statement.inherited_from is not None and statement.inherited_from < len(paragraphs):
            parts.append(paragraphs[statement.inherited_from])
        for k in (n - 1, n + 1):
            if 0 <= k < len(statements) and statements[k].block == statement.block:
                parts.append(statements[k].text)
        contexts[id(statement)] = " ".join(parts).lower()
    return contexts


_RESTRICTIVE = re.compile(r"\b(?:only|solely|exclusively|except|unless|strictly|confiden\w*|secret|until|prior\s+to|"
                         r"before|no\s+later\s+than|within|at\s+most|no\s+more\s+than|limited\s+to|delet\w*|"
                         r"destr\w*|purg\w*|eras\w*|return\w*|refrain|prohibit\w*|forbid\w*|restrict\w*|avoid\w*|"
                         r"bar|bars|barred|not|no|never|neither|nor|without)\b", re.IGNORECASE)


_IF = re.compile(r"\s*(?:if|in\s+the\s+event|in\s+case|should)\b", re.IGNORECASE)


def _polarity_fits(requirement: RequiredObligation, statement: Statement) -> bool:
    """Whether the sentence can *meet* the requirement (it may still contradict it: see the judges)."""
    # For a SOW baseline: a prohibition of the required act does not address the
    # requirement (it may contradict it; the conflict rules say so), and vice versa.
    # Library obligations are matched on concepts instead, because the same duty
    # is often written either way ("shall not keep longer than 30 days" /
    # "shall delete within 30 days").
    if requirement.concepts:
        # ... but only a sentence that restricts or negates meets a prohibition: "use it solely
        # for the Purpose", "delete within 30 days", "neither claim … nor use" do;
        # "the Contractor agrees to indemnify the Government" (for "must not require the
        # Government to indemnify") and "GSA may choose to terminate the order" do not.
        if requirement.modality == "prohibition" and statement.modality != "prohibition":
            # the restriction must be the duty's, not its condition's ("If the results are not
            # acceptable, access shall be terminated")
            main = statement.text
            for condition in statement.conditions:
                if _IF.match(condition):  # "before deploying" or "only after approval" does restrict
                    main = main.replace(condition, " ")
            # (a plain sentence reaches here only as a vendor's practice: see _vendor_practice)
            return statement.modality in ("obligation", "none") and _RESTRICTIVE.search(main) is not None
        # A permission that binds nobody is a possibility, not a softened duty ("incidents which
        # can be reported", "rates may be adjusted").
        return not (requirement.modality == "obligation" and statement.modality == "permission"
                    and statement.party == "none")
    if requirement.modality == "prohibition":
        return statement.modality == "prohibition"
    return statement.modality in ("obligation", "permission")


def _binds_the_other_side(requirement: RequiredObligation, statement: Statement) -> bool:
    """The sentence's subject names the Government where the requirement binds the contractor ("the CO/COR
    will review the reported vulnerabilities" against "the contractor must notify the Government
    of vulnerabilities"), unless the requirement is itself worded from the Government's side
    ("Government operators must be able to override any AI output")."""
    return (requirement.party == "contractor" and statement.party == "government"
            and names_the_government(statement.party_text or "")
            and _reading_party(requirement.text) != "government")


@lru_cache(maxsize=4096)
def _names_a_party(phrase: str) -> bool:
    """The phrase is a party and nothing more ("the Disclosing Party", "the COR"; not "any tax it
    believes the Government owes" or "the Disclosing Party's employees")."""
    words = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE).split()
    return 1 <= len(words) <= 2 and classify_party(phrase) != "none"


@lru_cache(maxsize=4096)
def _reading_party(text: str) -> str:
    return read_sentence(text).party


def _concept_share(requirement: RequiredObligation, text: str, cased: str | None = None) -> float:
    """The share of the requirement's concept groups that ``text`` carries; the group of the
    requirement's own verb counts only where the sentence does that act (see :func:`_does_act`).
    ``cased``: ``text`` in its own case, if ``text`` is lowered (an "Incident Report" is a name)."""
    assert requirement.concepts is not None
    act = act_group(requirement)
    hit = sum(1 for name, terms in requirement.concepts.items()
              if (concept_hits(text, {name: terms}) is not None if name != act else _does_act(terms, text, cased)))
    return hit / len(requirement.concepts)


@lru_cache(maxsize=4096)
def _act_group_of(text: str, groups: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    action = read_sentence(text).action
    if not action:
        return None
    for name, terms in groups:
        if any(_stem(action.lower()) == _stem(term.lower()) for term in terms):
            return name
    return None


def _concept_groups(requirement: RequiredObligation) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The requirement's concept groups in a hashable form (the cached helpers' key)."""
    assert requirement.concepts is not None
    return tuple((name, tuple(terms)) for name, terms in requirement.concepts.items())


def act_group(requirement: RequiredObligation) -> str | None:
    """The concept group holding the requirement's own verb ("notify" in "must notify the
    Government of vulnerabilities"), if any."""
    if not requirement.concepts:
        return None
    return _act_group_of(requirement.text, _concept_groups(requirement))


_FOLLOWED_BY_NOUN = re.compile(r"\s+(?!(?:to|by|within|in|on|at|of|for|with|as|and|or|the|a|an|no|not|that|"
                               r"immediately|promptly|without|under|upon|after|before|through|via|using|from)\b)[a-z]",
                               re.IGNORECASE)


# an exception clause up to the hit, with no modal of a main clause in between ("Except as the law
# requires, neither party shall disclose ..." discloses in the main clause)
_EXCEPTION_BEFORE = re.compile(r"\b(?:unless|except|provided\s+that|in\s+the\s+event)\b"
                               r"(?:(?!\b(?:shall|must|will|may|agrees?)\b)[^;:])*$", re.IGNORECASE)
# "the reports", "an incident report": a noun of the act, not the act ("Provider reports incidents")
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|any|all|such|these|those|its|their|our|your|duplicate|invalid|vulnerability|"
                          r"incident|status|written)\s+$", re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"(?<=[\w,;] )[A-Z][a-z]+\s+$")  # a capitalised word mid-sentence, right before
_LIGHT_VERB = re.compile(r"\b(?:give|gives|giving|make|makes|making|keep|keeps|provide|provides|submit|submits|send|"
                         r"sends|issue|issues|file|files|maintain|maintains|serve|serves|deliver|delivers|furnish|"
                         r"furnishes)\b[^.;]*$", re.IGNORECASE)
_PROCESS_NOUN_AFTER = re.compile(r"\s+(?:procedures?|process(?:es)?|requirements?|obligations?|period|system|tool|"
                                 r"mechanism|channel|template|guidelines?|polic(?:y|ies)|format|plan)\b", re.IGNORECASE)
# "deliver updated cards": what a delivery verb hands over is the act done
_DELIVERED = re.compile(r"\b(?:deliver|provide|submit|furnish|publish|issue|maintain|keep|make)s?\s+"
                        r"(?:the\s+|an?\s+|all\s+|its\s+)?$", re.IGNORECASE)
_SOMEONE_ELSES_ACT = re.compile(r"(?:\bfor\s+(?!the\s+(?:contractor|vendor|offeror)\b)(?:\w+\s+){1,3}to|\bhow\s+to)"
                                r"\s+(?:\w+\s+(?:and|or)\s+)?$", re.IGNORECASE)


def _act_stems(requirement: RequiredObligation) -> frozenset[str]:
    """The stems of the requirement's own verb and of its act group's terms: what "the same act" is.
    A noun listed among its concepts is not an act ("result" for PU-01.2's outputs: a sentence
    whose verb is "result" does not present outputs)."""
    assert requirement.concepts is not None
    return _act_stems_of(requirement.text, _concept_groups(requirement))


@lru_cache(maxsize=4096)
def _act_stems_of(text: str, groups: tuple[tuple[str, tuple[str, ...]], ...]) -> frozenset[str]:
    action = read_sentence(text).action
    stems = {_stem(action.lower())} if action else set()
    act = _act_group_of(text, groups)
    for name, terms in groups:
        if name == act:
            stems.update(_stem(w) for term in terms for w in _WORD.findall(term.lower()) if w not in _GENERIC)
    return frozenset(stems)


def _act_in(requirement: RequiredObligation, text: str, cased: str | None = None) -> bool:
    """Whether ``text`` itself does the requirement's act (true when its concepts name no act)."""
    assert requirement.concepts is not None
    act = act_group(requirement)
    return act is None or _does_act(requirement.concepts[act], text, cased)


def _does_act(terms: Sequence[str], text: str, cased: str | None = None) -> bool:
    """The sentence does the act, not just names its result: "report incidents to the COR",
    "incidents must be reported within 72 hours" and "deliver updated cards" do; "screen
    reported vulnerabilities" does not."""
    for start, end in term_spans(text, terms):
        if text[start:end].lower().endswith(("ed", "en")) and _FOLLOWED_BY_NOUN.match(text, end) \
                and not _DELIVERED.search(text, max(0, start - 30), start):
            continue  # "reported vulnerabilities": the act's result, named
        if text[start:end].lower().endswith("ing") and _PROCESS_NOUN_AFTER.match(text, end):
            continue  # "the reporting procedures": the act names a process, it is not done
        named = (cased is not None and len(cased) == len(text) and cased[start].isupper()
                 and _TITLE_BEFORE.search(cased, max(0, start - 40), start)) \
            or _NOUN_BEFORE.search(text, max(0, start - 20), start)
        if named and not _LIGHT_VERB.search(text, max(0, start - 80), start):
            # "forward the vulnerability reports", "an Incident Response Test Report completed …"; but
            # "give written notice", "keep a record", "deliver an Incident Report" do the act
            continue
        if _SOMEONE_ELSES_ACT.search(text, max(0, start - 60), start):
            continue  # "a website for researchers to report vulnerabilities", "explain how to report them"
        if _EXCEPTION_BEFORE.search(text, max(0, start - 120), start):
            continue  # "no substitutions shall be made unless necessitated by termination of employment"
        return True
    return False


def _concept_score(requirement: RequiredObligation, statement: Statement, lowered: str, paragraph: str,
                   requirement_stems: frozenset[str], similarity: Callable[[], float | None] = lambda: None,
                   vendor_voice: bool = False) -> float | None:
    """Score when the sentence carries the requirement's concepts; the rest of its
    paragraph may complete them (one duty is often spread over two sentences).

    Concepts alone over-match ("train staff to report incidents" has "report" and
    "incident"), so the sentence must also be about the clause's topic, act with
    one of the requirement's verbs, or read close to its wording; a sentence that
    carries every concept itself may instead mean what the requirement means
    (``similarity``, the embedding cosine, at least ``_CORROBORATING_SIMILARITY``),
    which overrules a topic classifier that filed it elsewhere.

    ``vendor_voice``: the document is the vendor's (see :mod:`acqspec.check.voice`), where a plain
    sentence speaking for the vendor is its word ("We do not use Government prompts to train").
    """
    share = _concept_share(requirement, lowered, statement.text)
    if statement.modality == "none" and (share < 1.0 or not (requirement.modality == "permission"
                                                              or requirement.declarative
                                                              or _vendor_practice(requirement, statement,
                                                                                  vendor_voice))):
        # A description counts only for a right ("the Government owns all outputs") or the
        # vendor's own practice, stated whole; titles and table labels name a duty without imposing it.
        return None
    if share < 0.5:
        return None
    if share < 1.0 and _concept_share(requirement, f"{lowered} {paragraph}") == 1.0 \
            and _act_in(requirement, lowered, statement.text):
        share = 0.9  # a neighbour may name what the act applies to ("such incidents"), never the act
    ratio = _ratio(requirement.text, lowered)
    on_topic = statement.topic == requirement.topic
    same_act = bool(statement.action) and _stem(statement.action.lower()) in _act_stems(requirement)
    corroborated = on_topic or same_act or ratio >= 80
    if not corroborated and share == 1.0:
        cosine = similarity()
        corroborated = cosine is not None and cosine >= _CORROBORATING_SIMILARITY
    if share < 0.9 and share >= _PARTIAL_SHARE and on_topic and same_act:
        cosine = similarity()
        if cosine is not None and cosine >= _PARTIAL_SIMILARITY:
            corroborated, share = True, 0.9
    if (share >= 0.9 and corroborated) or (ratio >= 80 and (on_topic or same_act)):
        return round(100 * (0.6 * share + 0.25 * ratio / 100 + 0.1 * on_topic + 0.05 * same_act), 1)
    return None


def _vendor_practice(requirement: RequiredObligation, statement: Statement, vendor_voice: bool) -> bool:
    """A vendor's plain sentence meets a duty it describes as done, and a prohibition it describes
    as not done or bounded ("we never sell", "deleted within 14 days": see :func:`_polarity_fits`);
    a denied duty ("we do not publish …", "without notifying customers") does not meet it."""
    if not vendor_voice or not voice.speaks_for_the_vendor(statement.text, to_the_customer=True):
        return False
    return requirement.modality == "prohibition" or not voice.negated(statement.text)


def _wording_score(requirement: RequiredObligation, wanted: frozenset[str], statement_stems: frozenset[str],
                   lowered: str) -> float | None:
    if not wanted:
        return None
    overlap = len(wanted & statement_stems) / len(wanted)
    if overlap < _WORDING_MIN_OVERLAP:
        return None
    ratio = _ratio(requirement.text, lowered)
    if ratio < _WORDING_MIN_RATIO:
        return None
    return 100 * 0.5 * overlap + 0.5 * ratio


def _concept_probe_stems(requirement: RequiredObligation) -> set[str]:
    assert requirement.concepts is not None
    return {_stem(w) for terms in requirement.concepts.values() for term in terms
            for w in _WORD.findall(term.lower()) if w not in _GENERIC}


_ACCEPT_ALL = re.compile(
    r"\b(?:compl(?:y|ies)|accept(?:s)?|will\s+(?:meet|satisfy))\s+(?:fully\s+)?(?:with\s+)?(?:all|each|every)\s+"
    r"(?:of\s+the\s+)?(?:requirements|terms|tasks)\b", re.IGNORECASE)
_ACCEPT_SECTION = re.compile(
    r"\b(?:compl(?:y|ies)|accept(?:s)?|will\s+(?:meet|satisfy|perform))\b[^.]*?\b(?:section|§|paragraph|"
    r"task|PWS|SOW)\s*((?:[A-Z]\.)?\d+(?:\.\d+)*)", re.IGNORECASE)
_EXCEPT = re.compile(r"\bexcept\b|\bexception", re.IGNORECASE)


def _accepted_sections(statements: Sequence[Statement]) -> tuple[Statement | None, dict[str, Statement]]:
    blanket: Statement | None = None
    sections: dict[str, Statement] = {}
    for statement in statements:
        if _EXCEPT.search(statement.text):
            continue
        if blanket is None and _ACCEPT_ALL.search(statement.text):
            blanket = statement
        for match in _ACCEPT_SECTION.finditer(statement.text):
            sections.setdefault(match.group(1), statement)
    return blanket, sections


def _section_acceptance(requirement: RequiredObligation, sections: dict[str, Statement]) -> Statement | None:
    for heading in requirement.section:
        number = re.match(r"\s*(?:section\s+|§\s*)?((?:[A-Z]\.)?\d+(?:\.\d+)*)", heading, re.IGNORECASE)
        if not number:
            continue
        parts = number.group(1).split(".")
        for depth in range(len(parts), 0, -1):
            accepted = sections.get(".".join(parts[:depth]))
            if accepted is not None:
                return accepted
    return None


def _completed_by_weakened(requirement: RequiredObligation, statement: Statement,
                           scored: list[tuple[float, Statement, tuple[Shortfall, ...]]]) -> bool:
    """``statement`` reaches the requirement only with concepts from its paragraph, and a weakened
    match in that paragraph carries them all: the duty is the weakened sentence's ("deliver a test
    plan ... and its frequency" does not satisfy "rerun the tests at least every 3 months")."""
    if requirement.concepts is None or _concept_share(requirement, statement.text.lower()) == 1.0:
        return False
    return any(weak and other.block == statement.block and other is not statement
               and _concept_share(requirement, other.text.lower()) == 1.0 for _, other, weak in scored)


def match_baseline(baseline: Baseline, statements: Sequence[Statement], paragraphs: Sequence[str] = (),
                   paragraph_blocks: frozenset[int] = frozenset(), judges: Sequence[Judge] = (),
                   contradiction_judges: Sequence[ContradictionJudge] = (), embedder: Embedder | None = None
                   ) -> list[RequirementMatch]:
    """One :class:`RequirementMatch` per requirement, in baseline order.

    ``paragraphs`` are the document's block texts (by block index), used to
    complete a sentence's concepts from its neighbours; ``paragraph_blocks``
    are the indexes of body paragraphs (not headings or table cells), the only
    place a plain statement of a right counts; ``judges`` say how a matched sentence
    can fall short (the weakening rules; without any, every match satisfies) and
    ``contradiction_judges`` how one can contradict it; ``embedder`` (optional)
    finds candidates by meaning and tells objects apart.
    """
    index = _Index(statements, paragraphs, paragraph_blocks, embedder)
    vendor_voice = not voice.binds_parties_by_role(statements)
    blanket, sections = _accepted_sections(statements) if baseline.kind == "against" else (None, {})
    candidates: list[tuple[RequiredObligation, list[tuple[float, Statement, tuple[Shortfall, ...]]]]] = []
    contradictions: list[tuple[RequiredObligation, Statement, Shortfall]] = []
    for requirement in baseline.requirements:
        if requirement.concepts:
            probe = _concept_probe_stems(requirement)
            wanted = frozenset(probe) | content_stems(requirement.text)
        else:
            wanted = content_stems(requirement.text)
            probe = set(wanted)
        scored: list[tuple[float, Statement, tuple[Shortfall, ...]]] = []
        found = index.candidates(probe)
        if not requirement.concepts:
            found |= index.similar(requirement)
        for i in sorted(found):
            statement = index.statements[i]
            # The judges check themselves that the sentence is on the requirement's act or object.
            contradiction = _contradiction(requirement, statement, contradiction_judges)
            if contradiction is not None:
                contradictions.append((requirement, statement, contradiction))
                continue
            if requirement.right:  # nothing to meet: a right is kept unless a sentence takes it away
                continue
            if not _polarity_fits(requirement, statement) or not index.about_the_same_thing(requirement, i):
                continue
            if requirement.concepts:
                score = _concept_score(requirement, statement, index.lowered[i], index.context(statement), wanted,
                                       lambda i=i: index.similarity(requirement, i), vendor_voice)
            else:
                # In a proposal "Northwind will…" is a commitment even where a SOW's "will" is description.
                if statement.modality == "none" and not (statement.party == "contractor"
                                                         and _WILL.search(statement.text)):
                    continue
                score = _wording_score(requirement, wanted, index.stems[i], index.lowered[i])
            if score is not None and score >= baseline.min_score:
                weak = shortfalls(requirement, statement, judges)
                if not weak and _binds_the_other_side(requirement, statement):
                    continue  # the Government's own act: it can show a duty moved (AQ203), never meet it
                scored.append((round(score, 1), statement, weak))
        candidates.append((requirement, scored))
    # A sentence chosen as satisfying a requirement of one clause is that clause's: it is not
    # also offered to another clause's requirement (a disparity-test cadence is not the
    # regression-test cadence), unless nothing else matches.  It belongs to the clause where
    # it scores best.
    claimed: dict[int, tuple[float, str]] = {}
    first_choices = []
    for requirement, scored in candidates:
        choice = _choose(requirement, scored)
        first_choices.append(choice)
        if choice is not None and not choice[2] and choice[0] > claimed.get(id(choice[1]), (-1.0, ""))[0]:
            claimed[id(choice[1])] = (choice[0], requirement.clause_id or "")
    # A judge that ``yields_to_a_match`` (a refused duty) contradicts only a requirement no sentence
    # meets: a SOW that requires a duty and scopes it out elsewhere is AQ303's, not a refusal.
    yielding = {judge.code for judge in contradiction_judges if getattr(judge, "yields_to_a_match", False)}
    met = {id(requirement) for (requirement, _), choice in zip(candidates, first_choices) if choice is not None}
    contradicted = {}
    for requirement, statement, why in contradictions:
        if why.code in yielding and id(requirement) in met:
            continue
        contradicted.setdefault(id(requirement), (statement, why))
    results: list[RequirementMatch] = []
    for (requirement, scored), choice in zip(candidates, first_choices):
        if id(requirement) in contradicted:
            statement, why = contradicted[id(requirement)]
            results.append(RequirementMatch(requirement, "contradicted", statement, contradiction=why))
            continue
        mine = requirement.clause_id or ""
        own = [item for item in scored if claimed.get(id(item[1]), (0.0, mine))[1] == mine]
        if own and len(own) < len(scored):  # otherwise the first choice stands
            choice = _choose(requirement, own)
        if requirement.right:
            results.append(RequirementMatch(requirement, "satisfied"))
            continue
        if choice is None:
            accepted = _section_acceptance(requirement, sections) or blanket
            results.append(RequirementMatch(requirement, "satisfied" if accepted else "missing",
                                            accepted_by=accepted))
            continue
        score, statement, weak = choice
        results.append(RequirementMatch(requirement, "weakened" if weak else "satisfied", statement, score, weak))
    return results


def _contradiction(requirement: RequiredObligation, statement: Statement,
                   judges: Sequence[ContradictionJudge]) -> Shortfall | None:
    for judge in judges:
        why = judge.contradicts(requirement, statement)
        if why is not None:
            return Shortfall(judge.code, why)
    return None


def _choose(requirement: RequiredObligation, scored: list[tuple[float, Statement, tuple[Shortfall, ...]]]
            ) -> tuple[float, Statement, tuple[Shortfall, ...]] | None:
    """The best match, but a sentence that satisfies the requirement outright and matches
    nearly as well wins over a weak restatement (a summary, a cross-reference)."""
    if not scored:
        return None
    scored = sorted(scored, key=lambda item: (-item[0], item[1].block, item[1].start))
    best = scored[0][0]
    # ... unless the weak best match does the requirement's own act ("define indicators and
    # thresholds") and the other only mentions its objects ("when an indicator crosses its
    # threshold, notify the COR").
    acts = content_stems(requirement.text) if scored[0][2] and _does(requirement, scored[0][1], None) else None
    satisfying = [item for item in scored if not item[2] and item[0] >= best - _SATISFIED_MARGIN
                  and not _completed_by_weakened(requirement, item[1], scored)
                  and (acts is None or _does(requirement, item[1], acts))]
    return satisfying[0] if satisfying else scored[0]


def _does(requirement: RequiredObligation, statement: Statement, acts: frozenset[str] | None) -> bool:
    """Whether the sentence's main verb is one of the requirement's words."""
    if acts is None:
        acts = content_stems(requirement.text)
    return bool(statement.action) and _stem(statement.action.lower()) in acts
