"""CLAUDETTE's unfair terms-of-service sentences: does the terms classifier flag them?

CLAUDETTE (Galassi et al. 2024, CC BY 4.0) tags sentences of 26 consumer terms of service with unfair-clause
categories; suffix 2 or 3 marks a potentially or clearly unfair clause.  A sentence counts as positive when
it carries such a tag in a category that maps onto a term the Government cannot accept (arbitration,
jurisdiction, choice of law, unilateral change, unilateral termination, content removal, contract by
using; ``acqspec.terms_training.CLAUDETTE_TAGS`` — limitation of liability has no GSA type and counts as
negative).  Grouped by document: four fifths of the documents (by a hash of the name) are cross-validated
5-fold with whole documents per fold, the rest are scored once by a model fitted on the four fifths.

Rows: the library's patterns alone; the EULA head alone (fitted on GSA's clauses and acqspec's own
sentences, Platt-calibrated, floored by the patterns: it never sees CLAUDETTE); the terms-of-service head
alone (fitted per fold on CLAUDETTE's other documents); the shipped two heads (the larger probability);
the TF-IDF+LR baseline trained on CLAUDETTE's other documents only.  Needs scikit-learn
(``pip install '.[build-models]'``).

Usage::

    python bench/eval_claudette.py [--data …/sentences.jsonl] [--gsa …/clauses-dev.jsonl] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_DATA = SHARED / "claudette-tos" / "sentences.jsonl"
DEFAULT_GSA = SHARED / "gsa-eula" / "clauses-dev.jsonl"


def _row(name: str, s: dict) -> str:
    return (f"  {name:<44} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
            f"acc {s['accuracy']:.3f}  Brier {s['brier']:.3f}  (threshold {s['threshold']})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="CLAUDETTE sentences (JSON lines)")
    parser.add_argument("--gsa", type=Path, default=DEFAULT_GSA, help="GSA's labelled EULA clauses")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    for path in (args.data, args.gsa):
        if not path.is_file():
            print(f"skipped: data not found at {path}", file=sys.stderr)
            return 0
    from acqspec.terms_training import DEFAULT_THRESHOLD, evaluate_claudette

    start = time.perf_counter()
    r = evaluate_claudette(args.data, args.gsa, log=lambda line: print(line, file=sys.stderr, flush=True))
    r["seconds"] = round(time.perf_counter() - start, 1)
    if args.json:
        print(json.dumps(r, indent=2))
        return 0
    print(f"CLAUDETTE: {r['n']} sentences; CV on {r['dev']} of {len(r['documents_dev'])} documents "
          f"({r['positives_dev']} unfair in mapped categories), held out {r['held_out']} of "
          f"{len(r['documents_held_out'])} ({', '.join(r['documents_held_out'])}; {r['positives_held_out']} unfair)")
    print("grouped 5-fold CV by document:")
    print(_row("patterns alone (AQ301/AQ302)", r["rules"]))
    print(_row("TF-IDF+LR on CLAUDETTE only (same folds)", r["baseline_tfidf_lr"]))
    for name, v in r["cv"].items():
        print(_row(f"{name} (best F1)", v["best"]))
        print(_row(f"{name} (default {DEFAULT_THRESHOLD})", v["at_default"]))
    print("precision/recall of the shipped two heads, CV:")
    for s in r["cv"]["shipped"]["curve"]:
        print(_row(f"threshold {s['threshold']}", s))
    h = r["held_out_scores"]
    print("held-out documents (fitted on the CV part, never tuned on):")
    print(_row("patterns alone", h["rules"]))
    print(_row("TF-IDF+LR baseline", h["baseline_tfidf_lr"]))
    print(_row("shipped at its CV threshold", h["shipped_at_cv_threshold"]))
    print(_row(f"shipped at the default {DEFAULT_THRESHOLD}", h["shipped_at_default"]))
    print(f"runtime {r['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
