"""Evaluation: does coverage judge other people's wording of a library obligation right?

Reads ``nlp_models/data/paraphrases.jsonl`` (written for acqspec: a library
obligation, a sentence in vendor / proposal / SOW / terms style, and a label:
satisfies, weakens, contradicts or unrelated).  Each sentence is checked as a
one-paragraph document against a baseline of its obligation's clause, with the
shipped NLP pipeline and the whole default engine, and the coverage status of
that obligation is mapped to a label:

* ``satisfied`` → satisfies, ``weakened`` → weakens,
* ``contradicted`` (a conflict finding on the clause) → contradicts,
* ``missing`` → unrelated.

Obligations (the ``group`` field) are split by a stable hash into a *dev* part
(about 70%), which engine changes may be tuned on, and a *held-out* part that
must only be measured; both are reported, held-out first.  Also prints the
confusion matrix and, with ``--errors N``, the first N wrong pairs of the dev
part.

Usage:
    python bench/eval_paraphrases.py [--data PATH] [--json] [--errors N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "nlp_models" / "data" / "paraphrases.jsonl"
LABELS = ("satisfies", "weakens", "contradicts", "unrelated")
STATUS_LABEL = {"satisfied": "satisfies", "weakened": "weakens", "contradicted": "contradicts",
                "missing": "unrelated"}
HELD_OUT_SHARE = 0.3


def part_of(group: str) -> str:
    """``held-out`` for about 30% of the obligations (stable across runs and machines), else ``dev``."""
    bucket = int(hashlib.sha256(group.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "held-out" if bucket < HELD_OUT_SHARE else "dev"


def load_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def judge(rows: list[dict]) -> list[str]:
    """The engine's label for every row."""
    from acqspec.check.baseline import Baseline, clause_requirements
    from acqspec.check.engine import check_document
    from acqspec.check.registry import RULES
    from acqspec.io.readers.text import parse_text
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.extract import extract_statements
    from acqspec.nlp.pipeline import load_pipeline
    from acqspec.resources import default_library_dir

    from acqspec.nlp.embeddings import load_embedder
    from acqspec.nlp.terms import load_terms_model

    catalog = load_catalog((default_library_dir(),))
    nlp = load_pipeline()
    embedder = load_embedder()
    terms = load_terms_model()  # the conflict rules report by the classifier too, as `acqspec check` does
    rules = [rule() for rule in RULES]
    by_obligation = {o.id: clause for clause in catalog.clauses() for o in clause.obligations}
    predicted = []
    for row in rows:
        clause = by_obligation.get(row["obligation"])
        if clause is None:
            raise SystemExit(f"{row['obligation']}: no such obligation in the library")
        requirements = clause_requirements(catalog, clause, {p.name: p.default for p in clause.parameters})
        baseline = Baseline("clauses", f"clauses {clause.id}", tuple(requirements), {clause.id: clause.title})
        document = parse_text(row["sentence"], "<pair>", markdown=False)
        outcome = check_document(document, extract_statements(document, nlp), catalog, rules, baseline=baseline,
                                 embedder=embedder, terms=terms)
        status = next(c.status for c in outcome.coverage if c.obligation_id == row["obligation"])
        predicted.append(STATUS_LABEL[status])
    return predicted


def scores(gold: list[str], predicted: list[str]) -> dict:
    confusion = Counter(zip(gold, predicted))
    per_label = {}
    for label in LABELS:
        tp = confusion[(label, label)]
        fp = sum(n for (g, p), n in confusion.items() if p == label and g != label)
        fn = sum(n for (g, p), n in confusion.items() if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        per_label[label] = {"p": round(precision, 3), "r": round(recall, 3),
                            "f1": round(2 * precision * recall / (precision + recall), 3) if tp else 0.0,
                            "n": sum(1 for g in gold if g == label)}
    return {"n": len(gold), "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / max(1, len(gold)), 3),
            "macro_f1": round(sum(v["f1"] for v in per_label.values()) / len(LABELS), 3),
            "labels": per_label,
            "confusion": {g: {p: confusion[(g, p)] for p in LABELS} for g in LABELS}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", type=int, default=0, help="print the first N wrong dev pairs")
    args = parser.parse_args(argv)
    rows = load_rows(args.data)
    started = time.perf_counter()
    predicted = judge(rows)
    elapsed = time.perf_counter() - started
    report = {"data": str(args.data), "pairs": len(rows), "seconds": round(elapsed, 1)}
    for part in ("held-out", "dev"):
        chosen = [i for i, row in enumerate(rows) if part_of(row["group"]) == part]
        report[part] = scores([rows[i]["label"] for i in chosen], [predicted[i] for i in chosen])
        report[part]["obligations"] = len({rows[i]["group"] for i in chosen})
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{len(rows)} pairs in {elapsed:.1f} s")
        for part in ("held-out", "dev"):
            r = report[part]
            print(f"\n{part}: {r['n']} pairs over {r['obligations']} obligations: accuracy {r['accuracy']:.3f}, "
                  f"macro-F1 {r['macro_f1']:.3f}")
            corner = "gold / predicted"
            print(f"  {corner:<18}" + "".join(f"{p:>12}" for p in LABELS) + f"{'R':>7}{'P':>7}")
            for g in LABELS:
                row = r["confusion"][g]
                print(f"  {g:<18}" + "".join(f"{row[p]:>12}" for p in LABELS)
                      + f"{r['labels'][g]['r']:>7.2f}{r['labels'][g]['p']:>7.2f}")
    if args.errors:
        shown = 0
        for row, guess in zip(rows, predicted):
            if part_of(row["group"]) == "dev" and guess != row["label"] and shown < args.errors:
                shown += 1
                print(f"\n[{row['obligation']}] gold {row['label']}, engine {guess} ({row.get('note', '')})\n"
                      f"  requirement: {row['requirement']}\n  sentence:    {row['sentence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
