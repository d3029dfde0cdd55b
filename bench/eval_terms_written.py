"""Evaluation: does AQ302 find unacceptable commercial terms in wording nobody trained on?

Reads ``nlp_models/data/terms_of_service.jsonl``: 240 sentences written for acqspec in the styles of
consumer apps, SaaS products, AI chat services, marketplaces and games — 150 terms the Government
cannot accept (governing law and forum, arbitration, unilateral change, unilateral termination or
content removal, acceptance by use) and 90 near misses (the customer's own rights, the vendor's
protective duties, neutral sentences using the same words).  No model and no library vocabulary was
fitted on them.  Each sentence is checked as a one-paragraph document with AQ302, as ``acqspec check``
runs it (patterns and the shipped terms classifier; ``--patterns-only``: patterns alone).

The sentences are split by a hash of their id into a *dev* part (about 2/3), which library or model
changes may be tuned on, and a *held-out* part that must only be measured; both are reported.

Usage::

    python bench/eval_terms_written.py [--patterns-only] [--misses N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "nlp_models" / "data" / "terms_of_service.jsonl"


def part_of(sentence_id: str) -> str:
    """``held-out`` for about a third of the sentences (by a hash of the id), ``dev`` for the rest."""
    return "held-out" if zlib.crc32(sentence_id.encode("utf-8")) % 3 == 0 else "dev"


def score(rows: list[dict], flagged: list[bool]) -> dict:
    tp = sum(f and r["label"] for r, f in zip(rows, flagged))
    fp = sum(f and not r["label"] for r, f in zip(rows, flagged))
    fn = sum(not f and r["label"] for r, f in zip(rows, flagged))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    by_category = Counter()
    found = Counter()
    for r, f in zip(rows, flagged):
        if r["label"]:
            by_category[r["category"]] += 1
            found[r["category"]] += int(f)
    return {"n": len(rows), "unacceptable": tp + fn, "flagged": tp + fp, "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3),
            "recall_by_category": {c: f"{found[c]}/{n}" for c, n in sorted(by_category.items())}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns-only", action="store_true", help="without the shipped terms classifier")
    parser.add_argument("--misses", type=int, default=0, metavar="N",
                        help="print the first N wrong sentences of the dev part")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()

    from acqspec.library.loader import load_catalog
    from acqspec.nlp.pipeline import load_pipeline
    from acqspec.nlp.terms import load_terms_model
    from acqspec.pipeline import check_text
    from acqspec.resources import default_library_dir

    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    catalog = load_catalog((default_library_dir(),))
    nlp = load_pipeline()
    terms = None if args.patterns_only else load_terms_model()
    flagged = [bool(check_text(r["text"], catalog, select=("AQ302",), nlp=nlp, terms=terms)) for r in rows]
    result = {}
    for part in ("held-out", "dev"):
        keep = [i for i, r in enumerate(rows) if part_of(r["id"]) == part]
        result[part] = score([rows[i] for i in keep], [flagged[i] for i in keep])
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    label = "patterns alone" if args.patterns_only else "patterns + terms classifier"
    for part, s in result.items():
        print(f"{part}: {s['n']} sentences ({s['unacceptable']} unacceptable), {label}: flagged {s['flagged']}, "
              f"precision {s['precision']:.3f}, recall {s['recall']:.3f}, F1 {s['f1']:.3f}")
        print(f"  recall by category: {', '.join(f'{c} {v}' for c, v in s['recall_by_category'].items())}")
    shown = 0
    for r, f in zip(rows, flagged):
        if shown < args.misses and part_of(r["id"]) == "dev" and f != bool(r["label"]):
            shown += 1
            print(f"{'false alarm' if f else 'missed'} [{r['category']}] {r['text']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
