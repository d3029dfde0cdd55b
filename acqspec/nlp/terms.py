"""The commercial-term / policy-conflict classifier shipped in ``nlp_models/terms`` (numpy only).

A sentence of a licence, terms of service or proposal is turned into hashed
features — word 1–2-grams and character 3–5-grams, each hashed with a fixed
seed into ``2**bits`` signed buckets, sublinear counts, each block L2-normed —
so the shipped model is a weight vector, not a vocabulary: no n-gram of the
text it was fitted on is written anywhere.  A logistic model gives a logit,
one extra weight adds the library's rule match (the AQ301/AQ302 patterns) as
a feature, and a Platt scaling fitted by cross-fitting turns the logit into a
calibrated probability.  A second, multinomial model over the same features
folded to ``2**category_bits`` buckets names the term's category (GSA's
unacceptable-term types and the AI policy conflicts), which the model file
maps to a library clause and a rule code.

A second binary head, fitted on consumer terms of service (CLAUDETTE's
unfair sentences in the categories the Government cannot accept), reads the
same features folded to ``2**category_bits``; a sentence's probability is the
larger of the two heads' (GSA's 2020 EULA clauses and today's "we / you"
terms of service are written differently, and one model fitted on both fits
neither: :mod:`acqspec.terms_training`).

Building the model needs scikit-learn (``acqspec model build-terms``, see
:mod:`acqspec.terms_training`); using it needs numpy alone.  Loaded lazily,
once per process; without the model files :func:`load_terms_model` returns
None and the checker reports rule matches alone.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TERMS_NAME = "terms"
MODEL_FILE = "model.json"
WEIGHTS_FILE = "weights.npy"
CATEGORY_FILE = "categories.npy"
TERMS_OF_SERVICE_FILE = "terms_of_service.npy"

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SPACES = re.compile(r"\s+")
_MASK64 = (1 << 64) - 1
_FNV_PRIME = 0x100000001B3
_MAX_CHARS = 2000
_FEATURE_CACHE = 4096
# Words that carry no term on their own: never shown alone as evidence.
_FUNCTION_WORDS = frozenset(["a", "an", "and", "any", "are", "as", "at", "be", "by", "for", "from", "has", "have", "if", "in", "is", "it", "its", "of", "on", "or", "our", "shall", "that", "the", "their", "this", "to", "under", "upon", "we", "will", "with", "you", "your", "all", "may", "such", "these", "those", "which", "who"])  # a sentence longer than this is a run-on extraction; its head carries the term


def default_terms_path() -> Path:
    """Where the shipped classifier lives."""
    from acqspec.resources import models_dir

    return models_dir() / TERMS_NAME


@dataclass(frozen=True)
class Features:
    """One text's hashed features: bucket indices, signed values, and the word n-grams behind them."""

    indices: object
    """int64 array of bucket indices (sorted, unique)."""
    values: object
    """float32 array, one value per index."""
    words: tuple[tuple[str, int, float], ...]
    """Each word 1–2-gram of the text with its bucket and signed value (for evidence)."""


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text.lower()).strip()[:_MAX_CHARS]


def _mix(values):
    """splitmix64's finaliser over a uint64 array (wrapping arithmetic, no warnings for arrays)."""
    import numpy as np

    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * np.uint64(0xBF58476D1CE4E5B9)
        values = values ^ (values >> np.uint64(27))
        values = values * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def _char_hashes(text: str, seed: int):
    """64-bit hashes of every character 3-, 4- and 5-gram of `` text ``."""
    import numpy as np

    data = np.frombuffer(f" {text} ".encode(), dtype=np.uint8).astype(np.uint64)
    parts = []
    with np.errstate(over="ignore"):
        for n in (3, 4, 5):
            count = len(data) - n + 1
            if count <= 0:
                continue
            h = np.full(count, (seed * 0x9E3779B97F4A7C15 + n) & _MASK64, dtype=np.uint64)
            for k in range(n):
                h = (h ^ data[k:k + count]) * np.uint64(_FNV_PRIME)
            parts.append(h)
    return _mix(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)


def _block(hashes, bits: int):
    """Signed sublinear counts of ``hashes`` in ``2**bits`` buckets, L2-normed: (indices, values)."""
    import numpy as np

    if len(hashes) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    buckets = (hashes & np.uint64((1 << bits) - 1)).astype(np.int64)
    signs = np.where((hashes >> np.uint64(63)) == 1, -1.0, 1.0)
    index, inverse = np.unique(buckets, return_inverse=True)
    # the sign belongs to the n-gram: colliding n-grams of opposite sign cancel, as in HashingVectorizer
    signed = np.bincount(inverse.ravel(), weights=signs, minlength=len(index))
    values = np.sign(signed) * (1.0 + np.log(np.maximum(np.abs(signed), 1.0)))
    values[signed == 0] = 0.0
    norm = float(np.sqrt((values ** 2).sum()))
    if norm > 0:
        values = values / norm
    return index, values.astype(np.float32)


def featurise(text: str, *, bits: int, seed: int, words: bool = True) -> Features:
    """The hashed features of ``text`` (deterministic: same text, seed and bits, same features).

    ``words=False`` leaves out the word n-grams behind the features (only evidence needs them)."""
    import numpy as np

    normal = _normalise(text)
    tokens = _WORD.findall(normal)
    grams = tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]
    word_hashes = _mix(np.array([zlib.crc32(g.encode("utf-8"), seed) | (len(g) << 32) for g in grams],
                                dtype=np.uint64)) if grams else np.zeros(0, dtype=np.uint64)
    w_index, w_values = _block(word_hashes, bits)
    c_index, c_values = _block(_char_hashes(normal, seed), bits)
    # word and character blocks weigh the same: each is unit length, the sum scaled back to unit length
    scale = 1.0 / math.sqrt(2.0) if len(w_index) and len(c_index) else 1.0
    indices = np.concatenate([w_index, c_index])
    values = np.concatenate([w_values, c_values]) * scale
    merged, inverse = np.unique(indices, return_inverse=True)
    summed = np.bincount(inverse.ravel(), weights=values, minlength=len(merged)).astype(np.float32)
    if not words:
        return Features(merged, summed, ())
    word_values = dict(zip(w_index.tolist(), (w_values * scale).tolist()))
    buckets = (word_hashes & np.uint64((1 << bits) - 1)).astype(np.int64).tolist() if grams else []
    signs = ((word_hashes >> np.uint64(63)) == 1).tolist() if grams else []
    words = tuple((gram, bucket, -abs(word_values[bucket]) if negative else abs(word_values[bucket]))
                  for gram, bucket, negative in zip(grams, buckets, signs))
    return Features(merged, summed, words)


@dataclass(frozen=True)
class TermCategory:
    """One kind of unacceptable term and the library clause that covers it."""

    id: str
    title: str
    clause_id: str
    rule: str
    """The rule that reports it: AQ302 for commercial terms, AQ301 for AI policy conflicts."""
    source: str
    """Where the kind comes from (``GSA EULA matrix item 5``, ``DHS Directive 139-08 §V.A.9``)."""
    cues: tuple[str, ...] = ()
    """Word beginnings ("terminat", "suspen") a sentence must contain to be reported in this category
    on the classifier's word alone; empty: no such gate."""

    def cued(self, text: str) -> bool:
        """Whether ``text`` has one of the category's cue words (always, for a category without cues)."""
        if not self.cues:
            return True
        return re.search(r"\b(?:" + "|".join(re.escape(c) for c in self.cues) + ")", text, re.IGNORECASE) is not None


@dataclass(frozen=True)
class TermScore:
    """The classifier's reading of one sentence."""

    probability: float
    """Calibrated probability that the sentence is a term the Government cannot accept."""
    category: TermCategory | None
    evidence: tuple[str, ...]
    """The sentence's word n-grams that pushed the score up most, strongest first."""
    head: str = "eula"
    """The head that gave the probability: ``eula`` (GSA's clauses) or ``terms-of-service``."""


class TermsModel:
    """The shipped classifier: a probability, a category and evidence words per sentence."""

    def __init__(self, meta: dict, weights, category_weights, tos_weights=None) -> None:
        import numpy as np

        self.meta = meta
        self.bits = int(meta["bits"])
        self.category_bits = int(meta["category_bits"])
        self.seed = int(meta["seed"])
        self.intercept = float(meta["intercept"])
        self.rule_weight = float(meta["rule_weight"])
        self.platt = (float(meta["platt"][0]), float(meta["platt"][1]))
        self.threshold = float(meta["threshold"])
        self.rule_precision = float(meta.get("rule_precision", 0.0))
        self.combination = str(meta.get("combination", "feature"))
        self.weights = np.asarray(weights, dtype=np.float32)
        self.category_weights = np.asarray(category_weights, dtype=np.float32)
        self.category_intercepts = np.asarray(meta["category_intercepts"], dtype=np.float32)
        self.categories = tuple(TermCategory(**{**c, "cues": tuple(c.get("cues", ()))}) for c in meta["categories"])
        self._by_id = {c.id: c for c in self.categories}
        tos = meta.get("terms_of_service")
        self.tos_weights = None if tos is None or tos_weights is None else np.asarray(tos_weights, dtype=np.float32)
        self.tos_intercept = float(tos["intercept"]) if self.tos_weights is not None else 0.0
        self.tos_platt = (float(tos["platt"][0]), float(tos["platt"][1])) if self.tos_weights is not None else (0.0, 0.0)
        self._features: dict[str, Features] = {}

    def features(self, text: str) -> Features:
        """``text``'s hashed features, kept for the last few thousand texts (AQ301 and AQ302 read each
        sentence; a document repeats boilerplate)."""
        found = self._features.get(text)
        if found is None:
            if len(self._features) >= _FEATURE_CACHE:
                self._features.clear()
            found = self._features[text] = featurise(text, bits=self.bits, seed=self.seed, words=False)
        return found

    def category(self, category_id: str) -> TermCategory:
        """The category named ``category_id``."""
        return self._by_id[category_id]

    def logit(self, features: Features, rule_match: bool) -> float:
        """The uncalibrated score: weights · features + intercept (+ the rule weight on a rule match)."""
        score = float(self.weights[features.indices] @ features.values) + self.intercept
        return score + (self.rule_weight if rule_match else 0.0)

    def combined(self, features: Features, rule_match: bool, terms_of_service: bool = True) -> float:
        """The one signal: the calibrated probability, with a rule match as a feature (``feature``) or as a
        floor at the rules' measured precision (``max_rule``, the shipped combination); with
        ``terms_of_service``, the larger of it and the terms-of-service head's."""
        return self._deciding(features, rule_match, terms_of_service)[0]

    def _deciding(self, features: Features, rule_match: bool, terms_of_service: bool = True) -> tuple[float, str]:
        """The probability and the head that gave it."""
        if self.combination == "max_rule":
            p = self.calibrated(self.logit(features, False))
            p = max(p, self.rule_precision) if rule_match else p
        else:
            p = self.calibrated(self.logit(features, rule_match))
        tos = self.terms_of_service(features) if terms_of_service else None
        return (tos, "terms-of-service") if tos is not None and tos > p else (p, "eula")

    def terms_of_service(self, features: Features) -> float | None:
        """The terms-of-service head's calibrated probability (None for a model without that head)."""
        if self.tos_weights is None:
            return None
        folded = features.indices & ((1 << self.category_bits) - 1)
        logit = float(self.tos_weights[folded] @ features.values) + self.tos_intercept
        return _platt(self.tos_platt, logit)

    def calibrated(self, logit: float) -> float:
        """Platt scaling of a logit to a probability in [0, 1]."""
        return _platt(self.platt, logit)

    def category_of(self, features: Features, text: str | None = None):
        """The most likely category for ``features`` (the multinomial model's argmax); with ``text``,
        None when the text has none of that category's cue words (see ``TermCategory.cues``): the
        argmax names a category even for a sentence about something else."""
        import numpy as np

        folded = features.indices & ((1 << self.category_bits) - 1)
        scores = self.category_weights[:, folded] @ features.values + self.category_intercepts
        category = self.categories[int(np.argmax(scores))]
        return category if text is None or category.cued(text) else None

    def evidence(self, features: Features | str, limit: int = 3, head: str = "eula") -> tuple[str, ...]:
        """The word n-grams (of a text, or of features made with their words) with the largest positive
        contributions to ``head``'s score, strongest first."""
        if isinstance(features, str):
            features = featurise(features, bits=self.bits, seed=self.seed)
        tos = head == "terms-of-service" and self.tos_weights is not None
        weights, mask = (self.tos_weights, (1 << self.category_bits) - 1) if tos else (self.weights, -1)
        contributions: dict[str, float] = {}
        for gram, bucket, value in features.words:
            if all(word in _FUNCTION_WORDS or word.isdigit() for word in gram.split(" ")):
                continue
            contribution = float(weights[bucket & mask]) * value
            if contribution > 0 and contribution > contributions.get(gram, 0.0):
                contributions[gram] = contribution
        ranked = sorted(contributions.items(), key=lambda kv: (-kv[1], kv[0]))
        kept: list[str] = []
        for gram, _ in ranked:  # "renews automatically" makes "renews" and "automatically" redundant
            if any(gram in k.split(" ") or gram in k for k in kept) or any(k in gram.split(" ") for k in kept):
                continue
            kept.append(gram)
            if len(kept) == limit:
                break
        return tuple(kept)

    def score(self, text: str, rule_match: bool = False, threshold: float = 0.0,
              terms_of_service: bool = True) -> TermScore:
        """Probability, category and evidence for one sentence; below ``threshold`` the probability alone
        (category None: most sentences do not reach it, and they need no more work).  Without
        ``terms_of_service`` the EULA head alone (the checker's choice for a document that binds parties
        by their role: a solicitation's "changes … shall be referred to the CO" is no unilateral change)."""
        features = self.features(text)
        probability, head = self._deciding(features, rule_match, terms_of_service)
        if probability < threshold:
            return TermScore(probability, None, (), head)
        return TermScore(probability, self.category_of(features, text), self.evidence(text, head=head), head)

    def probabilities(self, texts: Sequence[str], rule_matches: Sequence[bool]) -> list[float]:
        """Calibrated probabilities for many texts (the evaluation's path)."""
        return [self.combined(featurise(t, bits=self.bits, seed=self.seed), r) for t, r in zip(texts, rule_matches)]


def read_terms_model(model_dir: Path) -> TermsModel:
    """The classifier in ``model_dir``; a bad or incomplete model is an error naming the file."""
    import numpy as np

    from acqspec.errors import AcqspecError

    meta_path = model_dir / MODEL_FILE
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AcqspecError(f"cannot read the terms model: {exc.strerror}", path=meta_path) from None
    except json.JSONDecodeError as exc:
        raise AcqspecError(f"not a terms model: {exc.msg}", path=meta_path, line=exc.lineno) from None
    required = ("bits", "category_bits", "seed", "intercept", "rule_weight", "platt", "threshold",
                "category_intercepts", "categories")
    missing = [key for key in required if not isinstance(meta, dict) or key not in meta]
    if missing:
        raise AcqspecError(f"not a terms model: no {', '.join(missing)}", path=meta_path)
    arrays = []
    for name, shape in ((WEIGHTS_FILE, (1 << int(meta["bits"]),)),
                        (CATEGORY_FILE, (len(meta["categories"]), 1 << int(meta["category_bits"])))):
        try:
            array = np.load(model_dir / name, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise AcqspecError(f"cannot read the terms model weights: {exc}", path=model_dir / name) from None
        if array.shape != shape:
            raise AcqspecError(f"terms model weights have shape {array.shape}, expected {shape}",
                               path=model_dir / name)
        arrays.append(array)
    if isinstance(meta.get("terms_of_service"), dict):
        path = model_dir / TERMS_OF_SERVICE_FILE
        try:
            array = np.load(path, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise AcqspecError(f"cannot read the terms model weights: {exc}", path=path) from None
        if array.shape != (1 << int(meta["category_bits"]),):
            raise AcqspecError(f"terms model weights have shape {array.shape}, expected "
                               f"{(1 << int(meta['category_bits']),)}", path=path)
        arrays.append(array)
    try:
        return TermsModel(meta, *arrays)
    except (TypeError, ValueError, KeyError) as exc:
        raise AcqspecError(f"not a terms model: {exc}", path=meta_path) from None


def _platt(scaling: tuple[float, float], logit: float) -> float:
    """sigmoid(a·logit + b), without overflow."""
    z = scaling[0] * logit + scaling[1]
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


@lru_cache(maxsize=4)
def load_terms_model(path: str | None = None) -> TermsModel | None:
    """The classifier at ``path`` (default: shipped), or None when the shipped one is absent."""
    model_dir = Path(path) if path else default_terms_path()
    if not (model_dir / MODEL_FILE).is_file():
        if path:
            from acqspec.errors import AcqspecError

            raise AcqspecError("not a terms model (no model.json)", path=model_dir)
        return None
    return read_terms_model(model_dir)
