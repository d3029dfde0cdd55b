"""False-positive check on real federal solicitations (not AI buys).

Runs three passes over the real RFQs/PWSs/SOWs/QASPs in
``../shared/data/federal-solicitations/documents.jsonl``:

* the conflicting rules (AQ3xx, no baseline; the patterns and the shipped terms classifier, as
  ``acqspec check`` runs them);
* the weakened rules (AQ2xx), against the least AI-specific sample profile, so
  every AQ2xx finding on these documents is a stress test of the matcher;
* the quality rules (AQ4xx, no baseline), as ``acqspec check`` runs them on a
  document checked without a profile.

With ``--satisfied-sample N`` it also prints N random coverage entries that the
profile pass found *satisfied* (with the sentence embeddings, as ``acqspec
check --profile`` runs), for a person to judge whether the sentence really
meets the obligation.

It reports findings per 10,000 words per rule and per family (the target of
issue 14: AQ4xx at most 8 per 10k words), and prints two seeded random samples
for a person to judge: one of the AQ2xx/AQ3xx findings (``--sample``) and one of
the AQ4xx findings (``--quality-sample``).

    python bench/eval_solicitations.py [--data PATH] [--sample 50] [--quality-sample 50]
                                       [--satisfied-sample 50] [--seed 7] [--json]

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


def _rate(counts: collections.Counter, words: int, prefix: str = "") -> float:
    return round(sum(n for c, n in counts.items() if c.startswith(prefix)) * 10000 / words, 2)


def _show(findings, number: int, seed: int, title: str) -> list:
    """A seeded random sample of ``findings`` (in their sorted order first, so the sample is reproducible)."""
    ordered = sorted(findings, key=lambda f: (f.path, *f.sort_key()))
    sample = random.Random(seed).sample(ordered, min(number, len(ordered)))
    print(f"\n{title}: random sample of {len(sample)} of {len(ordered)} findings (seed {seed}) for judging:")
    for n, f in enumerate(sample, 1):
        print(f"{n}. {f.code} {f.severity} {f.path}:{f.location.line} — {f.message[:200]}\n"
              f"    {(f.evidence or '')[:400]}")
    return sample


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sample", type=int, default=50, help="AQ2xx/AQ3xx findings to sample")
    parser.add_argument("--quality-sample", type=int, default=50, help="AQ4xx findings to sample")
    parser.add_argument("--satisfied-sample", type=int, default=0, help="'satisfied' coverage entries to sample")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"skipped: {args.data} not found (the shared evaluation data is not on this machine)")
        return 0

    from acqspec.check.engine import check_document
    from acqspec.check.registry import selected_rules
    from acqspec.io.readers.text import parse_text
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.extract import extract_statements
    from acqspec.nlp.embeddings import load_embedder
    from acqspec.nlp.pipeline import load_classifier
    from acqspec.nlp.terms import load_terms_model
    from acqspec.pipeline import baseline_from_profile
    from acqspec.resources import default_library_dir

    catalog = load_catalog((default_library_dir(),))
    nlp = load_classifier()
    embedder = load_embedder()
    terms = load_terms_model()  # the conflict rules report by the classifier too, as `acqspec check` does
    baseline = baseline_from_profile(PROFILE, catalog)
    conflicting = [r() for r in selected_rules(("AQ3",))]
    weakened = [r() for r in selected_rules(("AQ2",))]
    quality = [r() for r in selected_rules(("AQ4",))]
    started = time.perf_counter()
    words = 0
    findings, quality_findings, satisfied = [], [], []
    per_document: dict[str, collections.Counter] = {}
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        document = parse_text(row["text"], row["id"], markdown=True)
        words += document.word_count
        statements = extract_statements(document, nlp)
        findings += check_document(document, statements, catalog, conflicting, terms=terms).findings
        against_profile = check_document(document, statements, catalog, weakened, baseline=baseline,
                                         embedder=embedder)
        findings += against_profile.findings
        satisfied += [c for c in against_profile.coverage if c.status == "satisfied"]
        mine = check_document(document, statements, catalog, quality).findings
        quality_findings += mine
        per_document[row["id"]] = collections.Counter(f.code for f in mine)
    elapsed = time.perf_counter() - started
    per_rule = collections.Counter(f.code for f in findings + quality_findings)
    per_severity = collections.Counter(f"{f.code} {f.severity}" for f in quality_findings)
    report = {
        "documents": len(rows), "words": words, "seconds": round(elapsed, 1),
        "findings": len(findings) + len(quality_findings),
        "per_10k_words": {code: round(n * 10000 / words, 2) for code, n in sorted(per_rule.items())},
        "weakened_per_10k_words": _rate(per_rule, words, "AQ2"),
        "conflicting_per_10k_words": _rate(per_rule, words, "AQ3"),
        "quality_per_10k_words": _rate(per_rule, words, "AQ4"),
        "quality_by_severity": dict(sorted(per_severity.items())),
        "quality_per_document": {name: sum(c.values()) for name, c in per_document.items()},
    }
    if args.json:
        def rows_of(sample):
            return [{"code": f.code, "severity": f.severity, "document": f.path, "line": f.location.line,
                     "message": f.message, "evidence": f.evidence} for f in sample]

        ordered = sorted(findings, key=lambda f: (f.path, *f.sort_key()))
        ordered_quality = sorted(quality_findings, key=lambda f: (f.path, *f.sort_key()))
        report["sample"] = rows_of(random.Random(args.seed).sample(ordered, min(args.sample, len(ordered))))
        report["quality_sample"] = rows_of(random.Random(args.seed).sample(
            ordered_quality, min(args.quality_sample, len(ordered_quality))))
        print(json.dumps(report, indent=2))
        return 0
    for key, value in report.items():
        if key != "quality_per_document":
            print(f"{key}: {value}")
    _show(findings, args.sample, args.seed, "AQ2xx/AQ3xx")
    _show(quality_findings, args.quality_sample, args.seed, "AQ4xx")
    if args.satisfied_sample:
        ordered = sorted(satisfied, key=lambda c: (c.path, c.obligation_id))
        sample = random.Random(args.seed).sample(ordered, min(args.satisfied_sample, len(ordered)))
        print(f"\nsatisfied coverage: random sample of {len(sample)} of {len(ordered)} entries (seed {args.seed}) "
              "for judging:")
        for n, c in enumerate(sample, 1):
            print(f"{n}. {c.obligation_id} [score {c.score}] {c.path}:{c.location.line if c.location else ''}\n"
                  f"    required: {c.requirement[:220]}\n    evidence: {(c.evidence or '')[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
