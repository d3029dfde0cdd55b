"""The learned judge: does a sentence meet a library obligation, worded its own way?

Concept groups find a duty written with the library's words; other people write
"Components must test each AI system on evaluation data they assemble
themselves" for "the Government evaluates the system with its own test data".
When concepts find nothing, coverage asks this judge about the sentences
closest in meaning (embedding cosine): a multinomial logistic regression over
features a reviewer can read — cosine of the sentences and of their objects,
concept share, content-word overlap, wording ratio, topic, verb, the
sentence's modality, hedges and negation, and which weakening rules fire —
trained by ``acqspec model build-judge`` on the written-for-acqspec paraphrase
pairs (``nlp_models/data/paraphrases.jsonl``, dev part only) and shipped as
``nlp_models/judge/judge.json`` with its model card.

It only ever *adds* a match the concept path missed, and only a sentence it
finds more likely to satisfy the obligation than to be unrelated; a weakened
match still needs a weakening rule that says how, so every finding keeps its
explanation.  The features are computed by :func:`acqspec.check.coverage.pair_features`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

LABELS = ("satisfies", "weakens", "contradicts", "unrelated")

FEATURES = (
    "cosine", "object_cosine", "concept_share", "word_overlap", "wording_ratio", "same_topic", "same_verb",
    "strong_obligation", "weak_obligation", "permission", "prohibition", "no_modal", "hedged", "negated",
    "polarity_flip", "weaker_modal", "added_hedge", "other_party", "looser_number", "required_prohibition",
    "required_permission", "cosine_x_concepts", "cosine_x_overlap",
)


class PairModel(Protocol):
    """Probabilities of :data:`LABELS` for rows of :data:`FEATURES` (see :mod:`acqspec.nlp.pairjudge`)."""

    features: tuple[str, ...]

    def probabilities(self, rows: Sequence[Sequence[float]]): ...


def as_row(values: Mapping[str, float]) -> list[float]:
    return [values[name] for name in FEATURES]


def explain(values: Mapping[str, float], probabilities: Mapping[str, float]) -> str:
    """What the judge saw, for the coverage report: "judged by meaning: P(satisfies) 0.81, cosine 0.74, …"."""
    shown = ", ".join(f"{name.replace('_', ' ')} {values[name]:.2f}"
                      for name in ("cosine", "object_cosine", "concept_share", "word_overlap"))
    return f"judged by meaning: P(satisfies) {probabilities['satisfies']:.2f}, " \
           f"P(unrelated) {probabilities['unrelated']:.2f}; {shown}"
