"""Build and evaluate the terms classifier (:mod:`acqspec.nlp.terms`); needs scikit-learn (``build-models`` extra).

Data: GSA's labelled EULA clauses (path given on the command line; their text
has no licence and is never written anywhere — only hashed weights are),
acqspec's own written sentences (``nlp_models/data/terms.jsonl``) and,
optionally, CLAUDETTE's tagged terms-of-service sentences (CC BY 4.0), which
train the category model and a second binary head of their own.

The binary model: logistic regression with balanced classes on hashed word
1–2-gram and char 3–5-gram features plus one column, the library's rule match
(AQ301/AQ302 pattern on the text).  Its logit is calibrated by Platt scaling
fitted on out-of-fold logits (grouped 5-fold cross-fitting), and the
threshold is the one that maximises cross-fitted F1.  Near-duplicate clauses
(cosine ≥ 0.8 on the character features) share a group and never straddle
folds; an independent 20% (groups chosen by a hash of their text) is kept
aside by :func:`evaluate_gsa` and used for nothing but the final figure.

The terms-of-service head: the same kind of model on CLAUDETTE's sentences
alone (C = 16, features folded to the category model's table), Platt-scaled
on out-of-fold logits with whole documents per fold.  A sentence's
probability is the larger of the two heads'.  Measured (grouped CV, README):
one model fitted on GSA's clauses and CLAUDETTE's sentences together scores
worse on CLAUDETTE than CLAUDETTE alone and pushes acqspec's AI-specific
sentences below the threshold; two heads keep each domain's model and lose
nothing on GSA.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from acqspec.errors import AcqspecError

BITS = 18
CATEGORY_BITS = 15
SEED = 20260
C = 4.0
OWN_WEIGHT = 8.0
# The terms-of-service head's regularisation (CV on CLAUDETTE, whole documents per fold: C 1 → 0.62,
# 4 → 0.64, 16 → 0.65 best F1; 2**15 buckets lose 0.006 against 2**18).
TOS_C = 16.0
FOLDS = 5
DUPLICATE_COSINE = 0.8
# The shipped default: above the cross-fitted best-F1 threshold (0.35), for precision on Government
# documents; every rule match still reports (its probability is at least the rules' precision, 0.68).
DEFAULT_THRESHOLD = 0.6
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)

CATEGORIES: tuple[dict, ...] = (
    {"id": "contracting-parties", "title": "an individual or a group named as contracting party", "clause_id": "CT-05",
     "rule": "AQ302", "source": "GSA EULA matrix item 1",
     "cues": ()},
    {"id": "click-wrap", "title": "acceptance by clicking, installing or using", "clause_id": "CT-05",
     "rule": "AQ302", "source": "GSA EULA matrix item 2",
     "cues": ("click", "install", "by using", "by accessing", "use of", "accept", "agree", "bound by",
              "continued use")},
    {"id": "customer-indemnity", "title": "Government indemnifies or defends the vendor", "clause_id": "CT-01",
     "rule": "AQ302", "source": "GSA EULA matrix item 3",
     "cues": ("indemnif", "hold harmless", "defend")},
    {"id": "defence-control", "title": "vendor controls the defence or settlement", "clause_id": "CT-01",
     "rule": "AQ302", "source": "GSA EULA matrix item 4",
     "cues": ("defen", "settle", "control")},
    {"id": "auto-renewal", "title": "automatic renewal", "clause_id": "CT-02", "rule": "AQ302",
     "source": "GSA EULA matrix item 5",
     "cues": ("renew", "automatic")},
    {"id": "future-fees", "title": "unspecified future fees, price changes or penalties", "clause_id": "CT-03",
     "rule": "AQ302", "source": "GSA EULA matrix item 6",
     "cues": ("fee", "price", "pricing", "charge", "rate", "cost", "penalt", "interest", "invoice", "pay", "overage")},
    {"id": "taxes", "title": "taxes charged to the Government", "clause_id": "CT-03", "rule": "AQ302",
     "source": "GSA EULA matrix item 7",
     "cues": ("tax",)},
    {"id": "third-party-terms", "title": "third-party terms bind the Government", "clause_id": "CT-05",
     "rule": "AQ302", "source": "GSA EULA matrix item 8",
     "cues": ("third part", "third-party", "licens", "terms of", "terms and conditions", "policies", "policy")},
    {"id": "governing-law", "title": "State or foreign law, courts or arbitration", "clause_id": "CT-04",
     "rule": "AQ302", "source": "GSA EULA matrix item 9",
     "cues": ("law", "jurisdiction", "court", "venue", "arbitra", "governed", "dispute", "forum")},
    {"id": "equitable-remedies", "title": "equitable remedies or injunctions against the Government",
     "clause_id": "CT-04", "rule": "AQ302", "source": "GSA EULA matrix item 10",
     "cues": ("injunct", "equitable", "specific performance", "irreparable")},
    {"id": "unilateral-termination", "title": "unilateral termination or suspension by the vendor",
     "clause_id": "CT-06", "rule": "AQ302", "source": "GSA EULA matrix item 11",
     "cues": ("terminat", "suspen", "disabl", "cancel", "discontinu", "revok", "deactivat", "block", "remov", "delet",
              "ceas", "end your", "clos")},
    {"id": "unilateral-modification", "title": "unilateral change of the terms", "clause_id": "CT-05",
     "rule": "AQ302", "source": "GSA EULA matrix item 12",
     "cues": ("modif", "change", "amend", "update", "revis")},
    {"id": "assignment", "title": "assignment by the vendor", "clause_id": "CT-06", "rule": "AQ302",
     "source": "GSA EULA matrix item 13",
     "cues": ("assign", "transfer")},
    {"id": "derivative-works", "title": "vendor ownership of derivative works", "clause_id": "DR-03",
     "rule": "AQ301", "source": "GSA EULA matrix item 14",
     "cues": ("derivative", "improvement", "modification", "own", "title", "propert")},
    {"id": "training-on-government-data", "title": "training on Government data", "clause_id": "DR-01",
     "rule": "AQ301", "source": "OMB M-25-22; M-24-18 §4(c)(iii)(E)",
     "cues": ("train", "learn", "improv", "fine-tun", "develop", "machine learning", "model")},
    {"id": "vendor-ownership", "title": "vendor ownership of models, outputs or fine-tuned weights",
     "clause_id": "DR-04", "rule": "AQ301", "source": "OMB M-25-22",
     "cues": ("own", "propert", "title", "right", "proprietary", "licen", "exclusive")},
    {"id": "testing-gag", "title": "bar on disclosing tests or benchmarks", "clause_id": "TE-03", "rule": "AQ301",
     "source": "OMB M-25-21",
     "cues": ("benchmark", "test", "publish", "disclos", "evaluat", "result", "compar")},
    {"id": "sole-basis-decision", "title": "AI output as the sole basis of a decision", "clause_id": "PU-01",
     "rule": "AQ301", "source": "DHS Directive 139-08 §V.A.9",
     "cues": ("sole", "solely", "automat", "decision", "deny", "denial", "eligib", "determin")},
    {"id": "surveillance", "title": "large-scale monitoring or surveillance", "clause_id": "PU-04", "rule": "AQ301",
     "source": "DHS Directive 139-08 §V.A.9",
     "cues": ("surveil", "monitor", "track", "collect", "facial", "face", "watchlist", "biometric", "locat")},
    {"id": "prohibited-use", "title": "a use DHS Directive 139-08 prohibits", "clause_id": "PU-02", "rule": "AQ301",
     "source": "DHS Directive 139-08 §V.A.9",
     "cues": ("protected", "race", "religio", "sex", "ethnic", "emotion", "predict", "profil", "speech", "political", "national origin", "disabilit")},
)
"""GSA's 14 unacceptable-term types and the AI policy conflicts, each with the clause that covers it.

``cues``: word beginnings one of which a sentence must contain for the classifier alone (no pattern
matched) to report it in this category: the category comes from an argmax over every category and
names one even for a sentence about something else ("Your fine-tuned models are for your use alone
… never shared" read as unilateral termination).  Empty: no gate."""

# CLAUDETTE's unfair-clause tags as categories (limitation of liability has no GSA type and is left out).
CLAUDETTE_TAGS = {"a": "governing-law", "j": "governing-law", "law": "governing-law", "ch": "unilateral-modification",
                  "ter": "unilateral-termination", "cr": "unilateral-termination", "use": "click-wrap"}


def own_data_path() -> Path:
    """acqspec's own written training sentences."""
    from acqspec.resources import models_dir

    return models_dir() / "data" / "terms.jsonl"


def _read_jsonl(path: Path, fields: Sequence[str]) -> list[dict]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as exc:
        raise AcqspecError(f"cannot read training data: {exc.strerror}", path=path) from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or any(f not in row for f in fields):
                raise KeyError(", ".join(f for f in fields if not isinstance(row, dict) or f not in row))
        except (json.JSONDecodeError, KeyError) as exc:
            raise AcqspecError(f"bad training row (needs {', '.join(fields)}): {exc}", path=path,
                               line=number) from None
        rows.append(row)
    return rows


def load_gsa(path: Path) -> list[dict]:
    """GSA's labelled clauses: ``text`` and ``label`` (1 = unacceptable)."""
    return [{"text": str(r["text"]), "label": int(r["label"])} for r in _read_jsonl(path, ("text", "label"))]


def load_own(path: Path | None = None) -> list[dict]:
    """acqspec's written sentences, each with a ``label`` and a ``category`` (``none`` for acceptable ones)."""
    path = path or own_data_path()
    known = {c["id"] for c in CATEGORIES} | {"none"}
    rows = _read_jsonl(path, ("text", "label", "category"))
    for number, row in enumerate(rows, 1):
        if row["category"] not in known:
            raise AcqspecError(f"unknown category {row['category']!r}", path=path, line=number)
    return rows


def load_claudette(path: Path) -> list[dict]:
    """Every CLAUDETTE sentence: ``text``, ``doc``, ``label`` (1 = potentially or clearly unfair in a
    category the Government cannot accept) and that ``category`` (``none`` otherwise)."""
    rows = []
    for row in _read_jsonl(path, ("text", "tags", "doc")):
        category = "none"
        for tag in row["tags"]:
            base = str(tag).rstrip("123")
            if str(tag)[-1:] in "23" and base in CLAUDETTE_TAGS:
                category = CLAUDETTE_TAGS[base]
                break
        rows.append({"text": str(row["text"]), "doc": str(row["doc"]), "label": int(category != "none"),
                     "category": category})
    return rows


def claudette_held_out(doc: str) -> bool:
    """The independent fifth of CLAUDETTE: whole documents, chosen by a hash of the name."""
    return zlib.crc32(doc.encode("utf-8")) % 5 == 0


def _doc_folds(docs: Sequence[str]) -> list[int]:
    """A fold per sentence, whole documents per fold (the sorted names dealt round the folds)."""
    order = {d: i % FOLDS for i, d in enumerate(sorted(set(docs)))}
    return [order[d] for d in docs]


def _folded(x, bits: int = CATEGORY_BITS):
    """``x``'s hashed features folded onto a ``2**bits`` table (as inference folds them)."""
    from scipy.sparse import csr_matrix

    # copies: sum_duplicates works in place, and would rewrite ``x``'s values through a shared array
    folded = csr_matrix((x.data.copy(), x.indices & ((1 << bits) - 1), x.indptr.copy()),
                        shape=(x.shape[0], 1 << bits))
    folded.sum_duplicates()
    return folded


def _fit_terms_of_service(rows: Sequence[dict]):
    """The terms-of-service head fitted on CLAUDETTE ``rows``: the model, the Platt scaling of its
    out-of-fold logits (whole documents per fold) and those logits."""
    import numpy as np

    x = _folded(matrix([r["text"] for r in rows]))
    y = np.array([r["label"] for r in rows])
    fold_of = _doc_folds([r["doc"] for r in rows])
    logits = out_of_fold_logits(x, y, fold_of, c=TOS_C)
    return _fit(x, y, c=TOS_C), platt(logits, y), logits


def rule_flags(texts: Sequence[str]) -> list[bool]:
    """Whether the library's conflict patterns (AQ301/AQ302, rules alone) flag each text."""
    from acqspec.errors import ReadError
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.pipeline import load_pipeline
    from acqspec.pipeline import check_text
    from acqspec.resources import default_library_dir

    catalog = load_catalog((default_library_dir(),))
    nlp = load_pipeline()
    flags = []
    for text in texts:
        try:
            flags.append(bool(check_text(text, catalog, select=("AQ301", "AQ302"), nlp=nlp)))
        except ReadError:
            flags.append(False)
    return flags


def matrix(texts: Sequence[str], bits: int = BITS, seed: int = SEED):
    """A sparse CSR matrix of hashed features, one row per text."""
    import numpy as np
    from scipy.sparse import csr_matrix

    from acqspec.nlp.terms import featurise

    indptr, indices, values = [0], [], []
    for text in texts:
        f = featurise(text, bits=bits, seed=seed)
        indices.append(f.indices)
        values.append(f.values)
        indptr.append(indptr[-1] + len(f.indices))
    return csr_matrix((np.concatenate(values) if values else [], np.concatenate(indices) if indices else [],
                       indptr), shape=(len(texts), 1 << bits), dtype=np.float32)


def groups(texts: Sequence[str]) -> list[int]:
    """A group id per text: near-duplicates (char-feature cosine ≥ DUPLICATE_COSINE) share one."""
    import numpy as np

    x = matrix(texts)
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for start in range(0, len(texts), 500):
        sims = (x[start:start + 500] @ x.T).toarray()
        rows, cols = np.nonzero(sims >= DUPLICATE_COSINE)
        for r, c in zip(rows.tolist(), cols.tolist()):
            a, b = find(start + r), find(c)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(len(texts))]


def held_out_mask(texts: Sequence[str], group_ids: Sequence[int]) -> list[bool]:
    """The independent 20%: whole groups, chosen by a hash of the group's first text."""
    first: dict[int, str] = {}
    for text, g in zip(texts, group_ids):
        first.setdefault(g, text)
    return [zlib.crc32(" ".join(first[g].lower().split()).encode("utf-8")) % 5 == 0 for g in group_ids]


def _floored(p, flags, rule_precision: float):
    """``p`` with a pattern match's probability at least the patterns' precision (the shipped combination)."""
    import numpy as np

    return np.where(flags, np.maximum(p, rule_precision), p)


def _with_rule(x, flags):
    import numpy as np
    from scipy.sparse import csr_matrix, hstack

    return hstack([x, csr_matrix(np.asarray(flags, dtype=np.float32).reshape(-1, 1))], format="csr")


def _fit(x, y, weights=None, c: float | None = None):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c or C, class_weight="balanced", solver="liblinear", max_iter=2000, random_state=0)
    return model.fit(x, y, sample_weight=weights)


def _folds(group_ids: Sequence[int], folds: int = FOLDS) -> list[int]:
    """A fold per row, whole groups per fold (by a hash of the group id: deterministic)."""
    return [zlib.crc32(str(g).encode()) % folds for g in group_ids]


def _with_extra(x, y, weights, extra):
    """``x, y, weights`` followed by the rows every fold trains on (``extra`` = x, y, weights or None)."""
    import numpy as np
    from scipy.sparse import vstack

    if extra is None:
        return x, y, weights
    xe, ye, we = extra
    weights = np.ones(len(y)) if weights is None else weights
    return vstack([x, xe], format="csr"), np.concatenate([y, ye]), np.concatenate([weights, we])


def out_of_fold_logits(x, y, fold_of: Sequence[int], c: float | None = None, weights=None, extra=None):
    """Each row's logit from a model fitted on the other folds (and on ``extra``, never scored)."""
    import numpy as np

    logits = np.zeros(len(y))
    fold_of = np.asarray(fold_of)
    for fold in range(FOLDS):
        test = fold_of == fold
        model = _fit(*_with_extra(x[~test], y[~test], None if weights is None else weights[~test], extra), c=c)
        logits[test] = model.decision_function(x[test])
    return logits


def platt(logits, y) -> tuple[float, float]:
    """Platt scaling a, b (p = sigmoid(a·logit + b)) fitted on out-of-fold logits."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e6, solver="lbfgs").fit(np.asarray(logits).reshape(-1, 1), y)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def _calibrated_fit(x, y, fold_of, weights=None, extra=None):
    """The model fitted on all rows, the Platt scaling of its cross-fitted logits, and those logits."""
    logits = out_of_fold_logits(x, y, fold_of, weights=weights, extra=extra)
    a, b = platt(logits, y)
    return _fit(*_with_extra(x, y, weights, extra)), (a, b), logits


def _probabilities(model, scaling: tuple[float, float], x):
    a, b = scaling
    return _sigmoid(a * model.decision_function(x) + b)


def _sigmoid(z):
    import numpy as np

    return 1.0 / (1.0 + np.exp(-np.asarray(z)))


def scores(y, p, threshold: float) -> dict:
    """Precision, recall, F1 (unacceptable class) and accuracy at ``threshold``; Brier of ``p``."""
    import numpy as np

    y, p = np.asarray(y), np.asarray(p)
    pred = p >= threshold
    tp, fp, fn = int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum()), int((~pred & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"threshold": threshold, "precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(f1, 3), "accuracy": round(float((pred == (y == 1)).mean()), 3),
            "brier": round(float(((p - y) ** 2).mean()), 3)}


def best_threshold(y, p) -> float:
    """The threshold (0.05 steps) with the best F1."""
    candidates = [round(0.05 * k, 2) for k in range(2, 19)]
    return max(candidates, key=lambda t: (scores(y, p, t)["f1"], -abs(t - 0.5)))


def _calibrated_oof(x, y, fold_of, extra=None, weights=None):
    """Out-of-fold probabilities where each fold's Platt scaling comes from the other folds' logits."""
    import numpy as np

    logits = out_of_fold_logits(x, y, fold_of, weights=weights, extra=extra)
    fold_of = np.asarray(fold_of)
    p = np.zeros(len(y))
    for fold in range(FOLDS):
        test = fold_of == fold
        a, b = platt(logits[~test], y[~test])
        p[test] = _sigmoid(a * logits[test] + b)
    return p


def _tfidf_probabilities(train_texts: Sequence[str], y, test_texts: Sequence[str]):
    """The twenty-line reference: TF-IDF word 1-2 + char 3-5 grams, balanced LR (C = 4)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
    train = hstack([words.fit_transform(train_texts), chars.fit_transform(train_texts)]).tocsr()
    model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000).fit(train, y)
    return model.predict_proba(hstack([words.transform(test_texts), chars.transform(test_texts)]))[:, 1]


def tfidf_baseline(texts: Sequence[str], y, fold_of) -> dict:
    """The baseline cross-validated on the same folds, threshold 0.5."""
    import numpy as np

    fold_of = np.asarray(fold_of)
    texts = np.asarray(texts, dtype=object)
    pred = np.zeros(len(y))
    for fold in range(FOLDS):
        test = fold_of == fold
        pred[test] = _tfidf_probabilities(list(texts[~test]), y[~test], list(texts[test]))
    return scores(y, pred, 0.5)


def evaluate_gsa(gsa_path: Path, log: Callable[[str], None] = lambda _: None, *,
                 claudette: Path | None = None) -> dict:
    """Grouped 5-fold CV on the dev part and one measurement on the independent 20%, with the baseline.

    With ``claudette``, the terms-of-service head fitted on its sentences (it never sees a GSA clause)
    joins the combination by the larger probability, as shipped."""
    import numpy as np

    rows = load_gsa(gsa_path)
    tos_rows = load_claudette(claudette) if claudette is not None else []
    texts = [r["text"] for r in rows]
    y_all = np.array([r["label"] for r in rows])
    log(f"{len(rows)} clauses; grouping near-duplicates")
    group_ids = groups(texts)
    held = np.array(held_out_mask(texts, group_ids))
    log(f"{len(set(group_ids))} groups; {int(held.sum())} clauses held out; rule flags")
    flags = np.array(rule_flags(texts))
    x_all = matrix(texts)
    dev = ~held
    x, y, f = x_all[dev], y_all[dev], flags[dev]
    fold_of = _folds([g for g, d in zip(group_ids, dev) if d])
    result: dict = {"n": len(rows), "dev": int(dev.sum()), "held_out": int(held.sum()),
                    "groups": len(set(group_ids)), "positives_dev": int(y.sum())}
    p_tos_all = None
    if tos_rows:
        log(f"{len(tos_rows)} CLAUDETTE sentences: the terms-of-service head")
        tos_model, tos_scaling, _ = _fit_terms_of_service(tos_rows)
        p_tos_all = _probabilities(tos_model, tos_scaling, _folded(x_all))
        result["claudette_sentences"] = len(tos_rows)
    log("cross-validating: rules alone, classifier alone, rule as feature, fixed combination")
    rule_precision = float(y[f].mean()) if f.any() else 0.0
    result["rules"] = scores(y, f.astype(float), 0.5)
    p_text = _calibrated_oof(x, y, fold_of)
    p_feature = _calibrated_oof(_with_rule(x, f), y, fold_of)
    p_fixed = _floored(p_text, f, rule_precision)
    variants = {"classifier": p_text, "rule_as_feature": p_feature, "fixed_max_rule": p_fixed}
    if p_tos_all is not None:
        variants["terms_of_service_head"] = p_tos_all[dev]
        variants["two_heads"] = np.maximum(p_fixed, p_tos_all[dev])
    result["cv"] = {}
    for name, p in variants.items():
        t = best_threshold(y, p)
        result["cv"][name] = {"best": scores(y, p, t), "at_0.5": scores(y, p, 0.5),
                              "curve": [scores(y, p, t) for t in THRESHOLDS]}
    # the shipped combination: the rules' precision as a floor keeps every rule match reportable and
    # explained; it scores as well as the rule as a feature (README, model card)
    chosen = "two_heads" if p_tos_all is not None else "fixed_max_rule"
    result["chosen"] = chosen
    result["rule_precision_dev"] = round(rule_precision, 3)
    threshold = result["cv"][chosen]["best"]["threshold"]
    log("TF-IDF + LR baseline on the same folds")
    result["baseline_tfidf_lr"] = tfidf_baseline([t for t, d in zip(texts, dev) if d], y, fold_of)
    # the independent 20%: fit on all of dev (calibration cross-fitted on dev), score once
    model, scaling, _ = _calibrated_fit(x, y, fold_of)
    p_held = _probabilities(model, scaling, x_all[held])
    p_held = _floored(p_held, flags[held], rule_precision)
    if p_tos_all is not None:
        p_held = np.maximum(p_held, p_tos_all[held])
    result["held_out_scores"] = {"at_cv_threshold": scores(y_all[held], p_held, threshold),
                                 "at_default": scores(y_all[held], p_held, DEFAULT_THRESHOLD),
                                 "rules": scores(y_all[held], flags[held].astype(float), 0.5),
                                 "curve": [scores(y_all[held], p_held, t) for t in THRESHOLDS]}
    return result


def evaluate_claudette(claudette_path: Path, gsa_path: Path,
                       log: Callable[[str], None] = lambda _: None) -> dict:
    """CLAUDETTE grouped by document: 5-fold CV on four fifths of the documents, one measurement on the
    rest.  Rows: the rules alone; the EULA head alone (GSA clauses and own sentences: never sees
    CLAUDETTE); the terms-of-service head alone (fitted on the other folds' documents); the shipped two
    heads (the larger probability); the TF-IDF+LR baseline on CLAUDETTE's other documents (same folds)."""
    import numpy as np

    rows = load_claudette(claudette_path)
    texts = [r["text"] for r in rows]
    y_all = np.array([r["label"] for r in rows])
    held = np.array([claudette_held_out(r["doc"]) for r in rows])
    dev = ~held
    log(f"{len(rows)} sentences of {len({r['doc'] for r in rows})} documents; rule flags")
    flags = np.array(rule_flags(texts))
    x_all = matrix(texts)
    gsa, own = load_gsa(gsa_path), load_own()
    other = [r["text"] for r in gsa] + [r["text"] for r in own]
    log(f"{len(gsa)} GSA clauses + {len(own)} own sentences fit the EULA head; rule flags")
    other_y = np.array([r["label"] for r in gsa] + [int(r["label"]) for r in own])
    other_flags = np.array(rule_flags(other))
    # the floor the shipped model uses: the patterns' precision on GSA and own sentences
    rule_precision = float(other_y[other_flags].mean()) if other_flags.any() else 0.0
    x, y, f = x_all[dev], y_all[dev], flags[dev]
    dev_rows = [r for r, d in zip(rows, dev) if d]
    fold_of = np.array(_doc_folds([r["doc"] for r in dev_rows]))
    docs_held = sorted({r["doc"] for r, d in zip(rows, dev) if not d})
    result: dict = {"n": len(rows), "dev": int(dev.sum()), "held_out": int(held.sum()),
                    "documents_dev": sorted({r["doc"] for r in dev_rows}), "documents_held_out": docs_held,
                    "positives_dev": int(y.sum()), "positives_held_out": int(y_all[held].sum()),
                    "categories": sorted(set(CLAUDETTE_TAGS)), "rules": scores(y, f.astype(float), 0.5)}

    log("the EULA head (fitted once: it never sees CLAUDETTE), the terms-of-service head per fold, the baseline")
    eula, eula_scaling, _ = _calibrated_fit(matrix(other), other_y, _folds(groups(other)),
                                            weights=np.array([1.0] * len(gsa) + [OWN_WEIGHT] * len(own)))

    def eula_p(rows_x, rows_flags):
        return _floored(_probabilities(eula, eula_scaling, rows_x), rows_flags, rule_precision)

    p_eula = eula_p(x, f)
    p_tos = np.zeros(len(y))
    for fold in range(FOLDS):  # each fold's head and its calibration come from the other folds' documents
        test = fold_of == fold
        model, scaling, _ = _fit_terms_of_service([r for r, t in zip(dev_rows, test) if not t])
        p_tos[test] = _probabilities(model, scaling, _folded(x[test]))
    variants = {"eula_head": p_eula, "terms_of_service_head": p_tos, "shipped": np.maximum(p_eula, p_tos)}
    result["cv"] = {}
    for name, p in variants.items():
        result["cv"][name] = {"best": scores(y, p, best_threshold(y, p)),
                              "at_default": scores(y, p, DEFAULT_THRESHOLD),
                              "curve": [scores(y, p, t) for t in THRESHOLDS]}
    result["baseline_tfidf_lr"] = tfidf_baseline([r["text"] for r in dev_rows], y, fold_of)
    log("the held-out documents: the terms-of-service head fitted on the CV part")
    model, scaling, _ = _fit_terms_of_service(dev_rows)
    p_held = np.maximum(eula_p(x_all[held], flags[held]), _probabilities(model, scaling, _folded(x_all[held])))
    threshold = result["cv"]["shipped"]["best"]["threshold"]
    result["held_out_scores"] = {"shipped_at_cv_threshold": scores(y_all[held], p_held, threshold),
                                 "shipped_at_default": scores(y_all[held], p_held, DEFAULT_THRESHOLD),
                                 "rules": scores(y_all[held], flags[held].astype(float), 0.5),
                                 "baseline_tfidf_lr": scores(y_all[held], _tfidf_probabilities(
                                     [r["text"] for r in dev_rows], y,
                                     [t for t, h in zip(texts, held) if h]), 0.5)}
    return result


def build_terms(out: Path, gsa_path: Path, *, claudette: Path | None = None,
                log: Callable[[str], None] = lambda _: None) -> dict:
    """Fit the shipped model on all GSA clauses and acqspec's sentences (CLAUDETTE's unfair sentences train
    the category model); write ``out`` atomically."""
    import io

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from acqspec.io.atomic import check_target, write_atomic
    from acqspec.nlp.terms import CATEGORY_FILE, MODEL_FILE, TERMS_OF_SERVICE_FILE, WEIGHTS_FILE

    gsa = load_gsa(gsa_path)  # bad data fails before anything is created
    own = load_own()
    claudette_rows = load_claudette(claudette) if claudette is not None else []
    if out.exists() and not out.is_dir():
        raise AcqspecError("not a folder", path=out)
    out.mkdir(parents=True, exist_ok=True)
    check_target(out / MODEL_FILE)
    texts = [r["text"] for r in gsa] + [r["text"] for r in own]
    y = np.array([r["label"] for r in gsa] + [int(r["label"]) for r in own])
    log(f"{len(gsa)} GSA clauses + {len(own)} own sentences; rule flags")
    flags = np.array(rule_flags(texts))
    group_ids = groups(texts)
    fold_of = _folds(group_ids)
    x = matrix(texts)
    # acqspec's own sentences are few and teach the AI-specific terms GSA's 2020 clauses lack
    weights = np.array([1.0] * len(gsa) + [OWN_WEIGHT] * len(own))
    log("fitting: cross-fitted Platt scaling, then the full model")
    model, (a, b), logits = _calibrated_fit(x, y, fold_of, weights=weights)
    p = _sigmoid(a * logits + b)
    rule_precision = float(y[flags].mean()) if flags.any() else 0.0
    p = _floored(p, flags, rule_precision)
    weights = model.coef_[0].astype(np.float16)

    category_rows = [(r["text"], r["category"]) for r in own if r["category"] != "none"]
    category_rows += [(r["text"], r["category"]) for r in claudette_rows if r["category"] != "none"]
    ids = [c["id"] for c in CATEGORIES]
    cx = _folded(matrix([t for t, _ in category_rows], bits=BITS))
    cy = np.array([ids.index(c) for _, c in category_rows])
    category_model = LogisticRegression(C=10.0, max_iter=3000, random_state=0).fit(cx, cy)
    category_weights = np.zeros((len(ids), 1 << CATEGORY_BITS), dtype=np.float16)
    category_intercepts = np.full(len(ids), -1e4)
    for row, label in enumerate(category_model.classes_):
        category_weights[label] = category_model.coef_[row].astype(np.float16)
        category_intercepts[label] = category_model.intercept_[row]

    tos = None
    if claudette_rows:
        log(f"{len(claudette_rows)} CLAUDETTE sentences: the terms-of-service head")
        tos_model, tos_scaling, _ = _fit_terms_of_service(claudette_rows)
        tos = {"intercept": round(float(tos_model.intercept_[0]), 6), "C": TOS_C,
               "platt": [round(tos_scaling[0], 6), round(tos_scaling[1], 6)],
               "sentences": len(claudette_rows), "unfair": int(sum(r["label"] for r in claudette_rows)),
               "documents": len({r["doc"] for r in claudette_rows})}

    meta = {"format": 1, "bits": BITS, "category_bits": CATEGORY_BITS, "seed": SEED, "C": C,
            "intercept": round(float(model.intercept_[0]), 6), "rule_weight": 0.0,
            "combination": "max_rule", "rule_precision": round(rule_precision, 4),
            "platt": [round(a, 6), round(b, 6)], "threshold": DEFAULT_THRESHOLD,
            "cv_best_f1_threshold": best_threshold(y, p),
            "category_intercepts": [round(float(v), 6) for v in category_intercepts],
            "categories": list(CATEGORIES),
            **({"terms_of_service": tos} if tos else {}),
            "own_weight": OWN_WEIGHT, "training": {"gsa_clauses": len(gsa), "gsa_unacceptable": int(sum(r["label"] for r in gsa)),
                         "own_sentences": len(own), "category_sentences": len(category_rows),
                         "claudette": claudette is not None,
                         "cross_fitted_in_sample_brier": round(float(((p - y) ** 2).mean()), 4)}}

    def npy(array) -> bytes:
        buffer = io.BytesIO()
        np.save(buffer, array, allow_pickle=False)
        return buffer.getvalue()

    out.mkdir(parents=True, exist_ok=True)
    write_atomic(out / WEIGHTS_FILE, npy(weights))
    write_atomic(out / CATEGORY_FILE, npy(category_weights))
    if tos:
        write_atomic(out / TERMS_OF_SERVICE_FILE, npy(tos_model.coef_[0].astype(np.float16)))
    elif (out / TERMS_OF_SERVICE_FILE).exists():  # a rebuild without CLAUDETTE has no such head
        (out / TERMS_OF_SERVICE_FILE).unlink()
    write_atomic(out / MODEL_FILE, json.dumps(meta, indent=1, sort_keys=True) + "\n")
    log(f"wrote {out}")
    return meta

