"""The library's conflicting terms, prepared once per catalog for the conflict rules (AQ301, AQ302).

A conflict is written as an example sentence ("the vendor may use Customer
Content to train its models"); its modality (a grant, a duty, a bar) decides
which sentences it can match, so each example is read once here instead of
once per document inside a rule.

Some clauses apply only to a subject: a biometric clause (BI-05: applicability
``any: [biometrics, face_recognition]``) to a system that processes biometric
data.  Its conflicting terms ("the vendor may use logs and usage data to train
its models") also read true of a chatbot's licence, where they are another
clause's business.  Each pattern therefore carries the *subjects* its clause's
applicability requires (:data:`SUBJECT_TERMS` lists the facts that name a
subject, and the words that show a text is about it), and a conflict rule
reports it only where the document is about that subject
(:class:`SubjectEvidence`) or the baseline selected the clause.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from acqspec.library.loader import Catalog
from acqspec.library.schema import Clause, Conflict
from acqspec.models import Document, Statement
from acqspec.nlp.reading import read_sentence

SUBJECT_TERMS: Mapping[str, tuple[str, ...]] = {
    "biometrics": ("biometric", "biometrics", "fingerprint", "fingerprints", "iris scan", "iris image", "facial",
                   "face recognition", "face matching", "face capture", "face image", "face template",
                   "face comparison", "face verification", "face identification", "face search", "voiceprint",
                   "palm print", "latent print", "DNA profile", "gait recognition", "probe image", "retina scan"),
    "face_recognition": ("face recognition", "facial recognition", "facial", "face matching", "face capture",
                         "face image", "face template", "face comparison", "face verification",
                         "face identification", "face search", "probe image", "photo matching", "one-to-many"),
    "law_enforcement": ("law enforcement", "police", "policing", "criminal", "arrest", "suspect", "prosecution",
                        "prosecutor", "warrant", "detention", "detainee", "immigration enforcement",
                        "border enforcement", "parole", "probation", "watchlist", "investigative lead"),
    "generative_ai": ("generative AI", "generative artificial intelligence", "GenAI", "gen AI",
                      "large language model", "LLM", "chatbot", "chat bot", "prompts", "user prompt", "system prompt",
                      "prompt injection", "AI-generated",
                      "generated content", "generated text", "generated image", "synthetic content",
                      "synthetic media", "foundation model", "text generation", "image generation", "GPT"),
    "llm": ("large language model", "LLM", "language model", "chatbot", "chat bot", "prompts", "foundation model",
            "GPT", "generative AI"),
    "enterprise_genai": ("generative AI", "generative artificial intelligence", "GenAI", "large language model",
                         "LLM", "chatbot", "foundation model"),
    "pii": ("personally identifiable information", "PII", "personal information", "personal data",
            "Social Security number", "SSN", "date of birth", "Privacy Act", "protected health information",
            "PHI", "biometric", "face image"),
    "benefits_decisions": ("benefit", "benefits", "eligibility", "entitlement", "applicant", "adjudication",
                           "adjudicator", "claimant"),
    "national_security": ("national security system", "intelligence community", "classified information",
                          "national security"),
}
"""Profile facts that name a *subject* a document can be about, with the words that show it is.

Facts about the acquisition (``commercial``, ``saas``, ``custom_development``) or
the AI's impact (``high_impact``, ``rights_impacting``) are not subjects: every
sentence a conflict of such a clause matches is already about what the clause
governs.  Matching is case-insensitive at word boundaries, plurals allowed
(:func:`acqspec.check.concepts.concept_spans`)."""

SUBJECT_MENTIONS = 3
"""A document that names a subject this many times is about it as a whole (a face-capture
proposal names faces throughout; a chatbot licence that once says "do not upload biometric
data" is not about biometrics)."""


@dataclass(frozen=True)
class ConflictPattern:
    """One conflicting term of one active clause."""

    clause: Clause
    conflict: Conflict
    kind: str
    """The example's modality: permission | obligation | prohibition | none."""
    authority: str
    """The clause's first citation, as findings show it (``OMB M-25-22 §3(b)``)."""
    subjects: tuple[tuple[str, ...], ...] = ()
    """The subjects the clause's applicability requires, as ``SUBJECT_TERMS`` facts: every group
    must be evidenced by one of its facts (``((biometrics, face_recognition),)`` for ``any: [biometrics,
    face_recognition]``).  Empty: the clause applies to any document."""
    bound: str = "none"
    """Who the example binds, as its reading gives it (``government`` for "the customer may not publish
    benchmark results", ``contractor`` for "the vendor will not disclose", ``none`` for a passive
    "training data will not be disclosed"); decides which prohibitions the example can match."""


def required_subjects(clause: Clause) -> tuple[tuple[str, ...], ...]:
    """What a document must be about for ``clause``'s conflicts to count, from its applicability.

    ``all: [a, b]`` requires each subject fact among a and b; ``any: [a, b]`` requires one of
    them, but only when every alternative is a subject (``any: [high_impact, law_enforcement]``
    can hold through ``high_impact``, which no wording shows, so it requires nothing).
    """
    applicability = clause.applicability
    groups = [(fact,) for fact in applicability.all_of if fact in SUBJECT_TERMS]
    if applicability.any_of and all(fact in SUBJECT_TERMS for fact in applicability.any_of):
        groups.append(tuple(applicability.any_of))
    return tuple(groups)


class TermCategory(Protocol):
    """A kind of unacceptable term as the classifier names it (see :class:`acqspec.nlp.terms.TermCategory`)."""

    id: str
    title: str
    clause_id: str
    rule: str
    source: str


class TermScore(Protocol):
    """The classifier's reading of one sentence: calibrated probability, category, evidence words."""

    probability: float
    category: TermCategory | None
    """None when the probability is below the threshold asked for."""
    evidence: tuple[str, ...]
    head: str
    """``eula`` or ``terms-of-service``: which of the classifier's models gave the probability."""


class TermsClassifier(Protocol):
    """What the conflict rules need of the terms classifier (:func:`acqspec.nlp.terms.load_terms_model`)."""

    threshold: float
    """The probability from which a sentence is reported (the cross-fitted best F1)."""

    def score(self, text: str, rule_match: bool = False, threshold: float = 0.0,
              terms_of_service: bool = True) -> TermScore:
        """The reading of ``text``; ``rule_match``: a library conflict pattern matches it; category and
        evidence only from ``threshold``; ``terms_of_service``: the terms-of-service head reads it too."""
        ...


_HEADING_CACHE = 1024


class SubjectEvidence:
    """Where a document is about each subject of :data:`SUBJECT_TERMS`.

    A sentence is about a subject when its own paragraph or one of the headings it sits
    under names it, or when the whole document names it at least :data:`SUBJECT_MENTIONS`
    times.
    """

    def __init__(self, document: Document):
        self._blocks: dict[str, frozenset[int]] = {}
        self._whole: dict[str, bool] = {}
        self._document = document

    def _scan(self, fact: str) -> None:
        pattern = _subject_regex(fact)
        blocks, mentions = set(), 0
        for block in self._document.blocks:
            found = len(pattern.findall(block.text))
            if found:
                blocks.add(block.index)
                mentions += found
        self._blocks[fact] = frozenset(blocks)
        self._whole[fact] = mentions >= SUBJECT_MENTIONS

    def about(self, fact: str, statement: Statement) -> bool:
        """Whether ``statement`` is in text about ``fact``'s subject."""
        if fact not in self._blocks:
            self._scan(fact)
        if self._whole[fact] or statement.block in self._blocks[fact]:
            return True
        return any(_heading_names(fact, heading) for heading in statement.section_path)

    def covers(self, subjects: Sequence[Sequence[str]], statement: Statement) -> bool:
        """Every group of ``subjects`` has a fact ``statement`` is about."""
        return all(any(self.about(fact, statement) for fact in group) for group in subjects)


@lru_cache(maxsize=len(SUBJECT_TERMS))
def _subject_regex(fact: str) -> re.Pattern[str]:
    parts = sorted({re.escape(t).replace(r"\ ", r"[\s-]+") for t in SUBJECT_TERMS[fact]}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?:s|es)?(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=_HEADING_CACHE)
def _heading_names(fact: str, heading: str) -> bool:
    return _subject_regex(fact).search(heading) is not None


def citation(catalog: Catalog, clause: Clause) -> str:
    """The clause's first authority citation as findings show it: short name and section."""
    cited = clause.authorities[0]
    authority = catalog.authority(cited.authority)
    return f"{authority.short} {cited.section}" if authority else cited.authority


_RECENT: list[tuple[Catalog, tuple[ConflictPattern, ...]]] = []
_RECENT_SIZE = 4


def conflict_patterns(catalog: Catalog) -> tuple[ConflictPattern, ...]:
    """Every conflicting term of the catalog's active clauses, in clause order (kept for recent catalogs:
    an evaluation checks thousands of short texts against one)."""
    for known, patterns in _RECENT:
        if known is catalog:
            return patterns
    patterns = []
    for clause in catalog.clauses(include_retired=False):
        for conflict in clause.conflicts:
            reading = read_sentence(conflict.statement)
            patterns.append(ConflictPattern(clause, conflict, reading.modality, citation(catalog, clause),
                                            required_subjects(clause), reading.party))
    patterns = tuple(patterns)
    _RECENT.insert(0, (catalog, patterns))
    del _RECENT[_RECENT_SIZE:]
    return patterns
