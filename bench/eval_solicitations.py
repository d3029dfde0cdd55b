"""False-positive check on real federal solicitations (not AI buys).

Runs the conflicting rules (AQ3xx, no baseline) and the weakened rules (AQ2xx,
against the least AI-specific sample profile, so every AQ2xx finding on these
documents is a stress test of the matcher) over the real RFQs/PWSs/SOWs in
``../shared/data/federal-solicitations/documents.jsonl``, reports findings per
10,000 words per rule, and prints a seeded random sample for a person to judge.

    python bench/eval_solicitations.py [--data PATH] [--sample 50] [--seed 7] [--json]

The documents are read from the shared folder and never copied into the project.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "federal-solicitations" / "documents.jsonl"
PROFILE = ROOT / "samples" / "profiles" / "mgmt-document-routing.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"skipped: {args.data} not found (the shared evaluation data is not on this machine)")
        return 0

    from acqspec.check.engine import check_document
    from acqspec.check.registry import selected_rules
    from acqspec.nlp.extract import extract_statements
    from acqspec.pipeline import baseline_from_profile
    from acqspec.io.readers.text import parse_text
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.pipeline import load_pipeline
    from acqspec.resources import default_library_dir

    catalog = load_catalog((default_library_dir(),))
    nlp = load_pipeline()
    baseline = baseline_from_profile(PROFILE, catalog)
    conflicting = [r() for r in selected_rules(("AQ3",))]
    weakened = [r() for r in selected_rules(("AQ2",))]
    started = time.perf_counter()
    words = 0
    findings = []
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        document = parse_text(row["text"], row["id"], markdown=True)
        words += document.word_count
        statements = extract_statements(document, nlp)
        findings += check_document(document, statements, catalog, conflicting).findings
        findings += check_document(document, statements, catalog, weakened, baseline=baseline).findings
    elapsed = time.perf_counter() - started
    per_rule = collections.Counter(f.code for f in findings)
    report = {
        "documents": len(rows), "words": words, "seconds": round(elapsed, 1),
        "findings": len(findings),
        "per_10k_words": {code: round(n * 10000 / words, 2) for code, n in sorted(per_rule.items())},
        "weakened_per_10k_words": round(sum(n for c, n in per_rule.items() if c.startswith("AQ2")) * 10000 / words, 2),
        "conflicting_per_10k_words": round(sum(n for c, n in per_rule.items() if c.startswith("AQ3")) * 10000 / words,
                                           2),
    }
    sample = random.Random(args.seed).sample(findings, min(args.sample, len(findings)))
    if args.json:
        report["sample"] = [{"code": f.code, "document": f.path, "line": f.location.line, "message": f.message,
                             "evidence": f.evidence} for f in sample]
        print(json.dumps(report, indent=2))
        return 0
    for key, value in report.items():
        print(f"{key}: {value}")
    print(f"\nrandom sample of {len(sample)} findings (seed {args.seed}) for judging:")
    for number, f in enumerate(sample, 1):
        print(f"{number}. {f.code} {f.path}:{f.location.line} — {f.message[:160]}\n    {(f.evidence or '')[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
