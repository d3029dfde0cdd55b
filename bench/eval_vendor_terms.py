"""Evaluation: which generative-AI services' terms the data-rights conflicts flag.

Reads ``../shared/data/vendor-ai-terms/paragraphs.jsonl`` (terms of service,
commercial terms, developer terms, data-processing agreements and policies of
generative-AI services, one paragraph a row, from Open Terms Archive), checks
each paragraph as a one-paragraph Markdown document with the AQ3 rules and the
shipped NLP pipeline, and keeps the findings against the data-rights clauses:

* (a) training on customer data: DR-01 (no training on Government data
  without consent);
* (b) ownership of outputs and models: DR-02 (first-produced code, data and
  models), DR-03 (fine-tuned models and other derived products), DR-04
  (outputs);
* (c) other data rights: DR-05 (delivery) and DR-06 (secondary use, broad
  licences to customer content).

It prints, per service and per clause, how many paragraphs are flagged, and
lists the flagged paragraphs (id, document, conflict and the first characters
of each flagged sentence) so that a person can judge them.  The paragraphs are printed to the
terminal only; nothing is written to the project.

With ``--judge-sample N`` it prints, for a person to judge, N random flagged
paragraphs of the training and ownership categories and N random unflagged
paragraphs that mention training or ownership (``KEYWORDS``), each distinct
text once: precision is judged on the first list, recall on the second.

Usage:
    python bench/eval_vendor_terms.py [--data PATH] [--json] [--chars 200] [--all-rules]
                                      [--judge-sample 50 --seed 7] [--patterns-only]

The paragraphs are checked as ``acqspec check`` does by default: the conflict
patterns and the shipped terms classifier (``--patterns-only``: the patterns alone).

``--all-rules`` also counts the AQ302 commercial-term findings per service.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

DEFAULT_DATA = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "vendor-ai-terms"
                / "paragraphs.jsonl")
CATEGORIES = {
    "training": ("DR-01",),
    "ownership": ("DR-02", "DR-03", "DR-04"),
    "other-data-rights": ("DR-05", "DR-06"),
}


KEYWORDS = re.compile(r"\b(?:train\w*|improv\w*|(?:machine\s+)?learning|models?|own\w*|property|"
                      r"intellectual|outputs?|licen[cs]e\w*)\b", re.IGNORECASE)
"""Words of a paragraph that may be about training on customer data or ownership of outputs and models."""


def category(clause_id: str | None) -> str | None:
    """The report category of a library clause, or None if it is not a data-rights clause."""
    for name, prefixes in CATEGORIES.items():
        if clause_id and clause_id.startswith(prefixes):
            return name
    return None


def load_rows(path: Path) -> list[dict]:
    """The paragraphs: id, service, document and text."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run(rows: list[dict], patterns_only: bool = False) -> tuple[list[list], float]:
    """AQ3 findings for every paragraph as ``acqspec check`` gives them (patterns and the shipped terms
    classifier; ``patterns_only``: the rule patterns alone), and the seconds taken."""
    from acqspec.pipeline import check_text
    from acqspec.errors import ReadError
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.pipeline import load_classifier
    from acqspec.nlp.terms import load_terms_model
    from acqspec.resources import default_library_dir

    catalog = load_catalog((default_library_dir(),))
    nlp = load_classifier()
    terms = None if patterns_only else load_terms_model()
    start = time.perf_counter()
    findings = []
    for row in rows:
        try:
            findings.append(check_text(row["text"], catalog, select=("AQ3",), markdown=True, nlp=nlp,
                                       path=row["id"], terms=terms))
        except ReadError:  # an empty paragraph
            findings.append([])
    return findings, time.perf_counter() - start


def summarise(rows: list[dict], findings: list[list]) -> dict:
    """Counts per service and clause, and the flagged paragraphs."""
    per_service: dict[str, Counter] = defaultdict(Counter)
    per_clause: Counter = Counter()
    per_conflict: Counter = Counter()
    unique_texts: dict[str, set] = defaultdict(set)
    flagged = []
    for row, found in zip(rows, findings):
        service = row["service"]
        per_service[service]["paragraphs"] += 1
        data_rights = [f for f in found if category(f.clause_id)]
        if any(f.code == "AQ302" for f in found):
            per_service[service]["AQ302 paragraphs"] += 1
        for name in {category(f.clause_id) for f in data_rights}:
            per_service[service][name] += 1
            unique_texts[f"{service}/{name}"].add(" ".join(row["text"].split()))
        for clause_id in {f.clause_id for f in data_rights}:
            per_clause[clause_id] += 1
        for conflict_id in {f.obligation_id for f in data_rights}:
            per_conflict[conflict_id] += 1
        if data_rights:
            flagged.append({"id": row["id"], "service": service, "document": row["document"],
                            "categories": sorted({category(f.clause_id) for f in data_rights}),
                            "conflicts": sorted({f.obligation_id for f in data_rights}),
                            "matched": sorted({f.message.rsplit("[matched ", 1)[-1].rstrip("]")
                                               for f in data_rights}),
                            "evidence": sorted({" ".join((f.evidence or "").split()) for f in data_rights})})
    for service, counts in per_service.items():
        for name in CATEGORIES:
            counts[f"{name} (unique texts)"] = len(unique_texts[f"{service}/{name}"])
    return {"per_service": {s: dict(c) for s, c in sorted(per_service.items())},
            "per_clause": dict(sorted(per_clause.items())), "per_conflict": dict(sorted(per_conflict.items())),
            "flagged": flagged}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="paragraphs (JSON lines)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON (sentences cut to --chars)")
    parser.add_argument("--chars", type=int, default=200, help="characters of each flagged sentence to show")
    parser.add_argument("--all-rules", action="store_true", help="also show AQ302 paragraph counts per service")
    parser.add_argument("--judge-sample", type=int, default=0, help="flagged and unflagged paragraphs to judge")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--patterns-only", action="store_true",
                        help="the conflict patterns without the shipped terms classifier")
    args = parser.parse_args()

    if not args.data.is_file():
        print(f"skipped: vendor terms data not found at {args.data}", file=sys.stderr)
        return 0
    rows = load_rows(args.data)
    findings, seconds = run(rows, args.patterns_only)
    result = summarise(rows, findings)
    for item in result["flagged"]:
        item["evidence"] = [e[:args.chars] for e in item["evidence"]]
    result["paragraphs"] = len(rows)
    result["seconds"] = round(seconds, 1)

    if args.judge_sample:
        _judge_sample(rows, result["flagged"], args.judge_sample, args.seed)
        return 0
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"{len(rows)} paragraphs from {args.data} checked in {seconds:.1f} s")
    columns = list(CATEGORIES) + (["AQ302 paragraphs"] if args.all_rules else [])
    print(f"\n{'service':<12} {'paragraphs':>10} " + " ".join(f"{c:>18}" for c in columns))
    for service, counts in result["per_service"].items():
        cells = []
        for c in columns:
            unique = counts.get(f"{c} (unique texts)")
            cells.append(f"{counts.get(c, 0):>10}" + (f" ({unique:>2} uniq)" if unique is not None else " " * 10))
        print(f"{service:<12} {counts['paragraphs']:>10} " + " ".join(cells))
    print("\nflagged paragraphs per clause: " + ", ".join(f"{k} {v}" for k, v in result["per_clause"].items()))
    print("flagged paragraphs per conflict: " + ", ".join(f"{k} {v}" for k, v in result["per_conflict"].items()))
    for name in CATEGORIES:
        items = [i for i in result["flagged"] if name in i["categories"]]
        print(f"\n== ({name}) {len(items)} paragraphs")
        for item in items:
            print(f"- {item['id']} [{item['document']}] {', '.join(item['conflicts'])} "
                  f"matched {'; '.join(item['matched'])}")
            for evidence in item["evidence"]:
                print(f"    {evidence}")
    return 0


def _judge_sample(rows: list[dict], flagged: list[dict], number: int, seed: int) -> None:
    """Seeded samples of flagged and of unflagged keyword paragraphs, each distinct text once."""
    def distinct(items):
        seen, out = set(), []
        for item in items:
            key = " ".join(item["text"].split())
            if key not in seen:
                seen.add(key)
                out.append(item)
        return out

    by_id = {row["id"]: row for row in rows}
    hits = distinct([{**by_id[f["id"]], "why": f"{', '.join(f['conflicts'])} matched {'; '.join(f['matched'])}"}
                     for f in flagged if {"training", "ownership"} & set(f["categories"])])
    flagged_ids = {f["id"] for f in flagged}
    misses = distinct([row for row in rows if row["id"] not in flagged_ids and KEYWORDS.search(row["text"])])
    for title, items in (("flagged (judge: is it a training or ownership term the Government cannot accept?)", hits),
                         ("not flagged, with keywords (judge: should it have been flagged?)", misses)):
        sample = random.Random(seed).sample(items, min(number, len(items)))
        print(f"\n== {title}: {len(sample)} of {len(items)} distinct paragraphs (seed {seed})")
        for n, row in enumerate(sample, 1):
            print(f"{n}. {row['id']} [{row['service']} / {row['document']}] {row.get('why', '')}\n"
                  f"    {' '.join(row['text'].split())[:700]}")


if __name__ == "__main__":
    sys.exit(main())
