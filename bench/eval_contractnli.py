"""Evaluation: the NDA pack (``samples/libraries/nda``) against ContractNLI's labels.

ContractNLI (Koreeda & Manning 2021, CC BY 4.0) labels each of 17 fixed
hypotheses about a non-disclosure agreement as Entailment, Contradiction or
NotMentioned.  The pack has one clause per hypothesis (``NDA-<n>`` for
hypothesis ``nda-<n>``).  Every NDA's text is written to a temporary folder as
a ``.txt`` file and checked in-process (:class:`acqspec.pipeline.Checker`,
the engine ``acqspec check --clauses ...`` uses) against a baseline of the 17
clauses, with the pack as the only library.  Each clause's coverage becomes
one label:

* any obligation of the clause ``contradicted`` (a conflict of the clause
  fired) → Contradiction;
* otherwise any obligation ``satisfied`` or ``weakened`` → Entailment;
* otherwise (every obligation ``missing``) → NotMentioned.

(Every clause of the pack has one obligation today; the rule above is what a
clause with several would get.)

The documents are split by a stable hash of their id: about 2/3 form the
*tune* part, the only one the pack may be tuned on, the rest the *held-out*
part, which is only measured.  Figures are printed for held-out, tune and the
whole set: accuracy, macro-F1 over the three labels, Contradiction F1 and
per-hypothesis accuracy, each against the per-hypothesis majority baseline.
The baseline is never in-sample: on the held-out part it is the majority label
of each hypothesis over the tune part; on the tune part and the whole set it
is leave-one-document-out (the majority over every other document of that
part).  Runtime is reported with its ratio to a reference measured in the
same run: reading the documents and extracting their statements, without
checking.

Usage:
    python bench/eval_contractnli.py [--data PATH] [--json] [--errors N] [--hypothesis nda-7]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "contractnli" / "dev.json"
PACK = ROOT / "samples" / "libraries" / "nda"
LABELS = ("Entailment", "Contradiction", "NotMentioned")
HELD_OUT_SHARE = 1 / 3


def part_of(doc_id: object) -> str:
    """``held-out`` for about a third of the documents (stable across runs and machines), else ``tune``."""
    bucket = int(hashlib.sha256(str(doc_id).encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "held-out" if bucket < HELD_OUT_SHARE else "tune"


def gold_spans(document: dict, hypothesis: str) -> list[str]:
    """The text of the spans the annotators marked as evidence for ``hypothesis``."""
    spans = document["spans"]
    marked = document["annotation_sets"][0]["annotations"][hypothesis]["spans"]
    return [" ".join(document["text"][spans[k][0]:spans[k][1]].split()) for k in marked]


def clause_id(hypothesis: str) -> str:
    """``NDA-07`` for ``nda-7``."""
    return f"NDA-{int(hypothesis.split('-')[1]):02d}"


def clause_label(statuses: list[str]) -> str:
    """One ContractNLI label from the coverage statuses of a clause's obligations (see the module doc)."""
    if "contradicted" in statuses:
        return "Contradiction"
    if "satisfied" in statuses or "weakened" in statuses:
        return "Entailment"
    return "NotMentioned"


def judge(documents: list[dict], hypotheses: list[str]) -> tuple[list[dict], list[dict], float, float]:
    """The engine's label and evidence per document and hypothesis, the check time and the reference time."""
    from acqspec.check.baseline import from_clause_ids
    from acqspec.check.registry import selected_rules
    from acqspec.io.readers import read_document
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.extract import extract_statements
    from acqspec.pipeline import Checker, DocumentOutcome

    catalog = load_catalog((PACK,))
    baseline = from_clause_ids([clause_id(h) for h in hypotheses], catalog)
    checker = Checker(catalog, [rule() for rule in selected_rules()], baseline)
    labels, evidence = [], []
    with tempfile.TemporaryDirectory(prefix="acqspec-contractnli-") as tmp:
        files = []
        for doc in documents:
            file = Path(tmp) / f"nda-{doc['id']}.txt"
            file.write_text(doc["text"], encoding="utf-8")
            files.append(file)
        extract_statements(read_document(files[0]))  # load the models before timing anything
        started = time.perf_counter()
        for file in files:
            extract_statements(read_document(file))
        reference = time.perf_counter() - started
        started = time.perf_counter()
        for file in files:
            outcome = checker.check_file(file)
            if not isinstance(outcome, DocumentOutcome):
                raise SystemExit(f"{file.name}: {outcome.reason}")
            statuses: dict[str, list[str]] = {}
            found: dict[str, str] = {}
            for item in outcome.coverage:
                statuses.setdefault(item.clause_id, []).append(item.status)
                if item.evidence and item.clause_id not in found:
                    found[item.clause_id] = item.evidence
            for finding in outcome.findings:
                if finding.code == "AQ301" and finding.clause_id and finding.clause_id not in found:
                    found[finding.clause_id] = finding.message
            labels.append({h: clause_label(statuses.get(clause_id(h), [])) for h in hypotheses})
            evidence.append({h: found.get(clause_id(h), "") for h in hypotheses})
        elapsed = time.perf_counter() - started
    return labels, evidence, elapsed, reference


def f1(gold: list[str], predicted: list[str], label: str) -> float:
    tp = sum(g == p == label for g, p in zip(gold, predicted))
    fp = sum(p == label != g for g, p in zip(gold, predicted))
    fn = sum(g == label != p for g, p in zip(gold, predicted))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def scores(gold: list[str], predicted: list[str]) -> dict:
    return {"n": len(gold),
            "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / max(1, len(gold)), 3),
            "macro_f1": round(sum(f1(gold, predicted, label) for label in LABELS) / len(LABELS), 3),
            "contradiction_f1": round(f1(gold, predicted, "Contradiction"), 3)}


def majority(labels: list[str]) -> str:
    """The most common label; ties go to the first in LABELS order (deterministic)."""
    counts = Counter(labels)
    return max(LABELS, key=lambda label: (counts[label], -LABELS.index(label)))


def baseline_labels(gold: list[dict], part: list[int], reference: list[int] | None,
                    hypotheses: list[str]) -> list[dict]:
    """Per-hypothesis majority label for each document of ``part``: over ``reference`` documents, or
    leave-one-out over ``part`` when ``reference`` is None."""
    out = []
    for i in part:
        pool = reference if reference is not None else [j for j in part if j != i]
        out.append({h: majority([gold[j][h] for j in pool]) for h in hypotheses})
    return out


def report_part(gold: list[dict], predicted: list[dict], part: list[int], majority_labels: list[dict],
                hypotheses: list[str]) -> dict:
    flat = [(gold[i][h], predicted[i][h], m[h]) for i, m in zip(part, majority_labels) for h in hypotheses]
    result = {"documents": len(part),
              "engine": scores([g for g, _, _ in flat], [p for _, p, _ in flat]),
              "majority": scores([g for g, _, _ in flat], [m for _, _, m in flat]),
              "hypotheses": {}}
    for h in hypotheses:
        rows = [(gold[i][h], predicted[i][h], m[h]) for i, m in zip(part, majority_labels)]
        result["hypotheses"][h] = {
            "engine": round(sum(g == p for g, p, _ in rows) / max(1, len(rows)), 3),
            "majority": round(sum(g == m for g, _, m in rows) / max(1, len(rows)), 3),
            "gold": dict(sorted(Counter(g for g, _, _ in rows).items())),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(Counter((g, p) for g, p, _ in rows).items())}}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ContractNLI JSON (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", type=int, default=0, help="print the first N wrong labels of the tune part")
    parser.add_argument("--hypothesis", help="with --errors: only this hypothesis (e.g. nda-7)")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"{args.data}: no such file (ContractNLI dev.json)", file=sys.stderr)
        return 2
    data = json.loads(args.data.read_text(encoding="utf-8"))
    hypotheses = sorted(data["labels"], key=lambda h: int(h.split("-")[1]))
    documents = data["documents"]
    gold = [{h: doc["annotation_sets"][0]["annotations"][h]["choice"] for h in hypotheses} for doc in documents]
    predicted, evidence, elapsed, reference = judge(documents, hypotheses)
    parts = {"held-out": [i for i, d in enumerate(documents) if part_of(d["id"]) == "held-out"],
             "tune": [i for i, d in enumerate(documents) if part_of(d["id"]) == "tune"]}
    parts["all"] = list(range(len(documents)))
    report = {"data": str(args.data), "documents": len(documents), "hypotheses": len(hypotheses),
              "seconds": round(elapsed, 1), "reference_seconds": round(reference, 1),
              "ratio_to_reference": round(elapsed / reference, 2) if reference else None}
    report["held-out"] = report_part(gold, predicted, parts["held-out"],
                                     baseline_labels(gold, parts["held-out"], parts["tune"], hypotheses), hypotheses)
    for name in ("tune", "all"):
        report[name] = report_part(gold, predicted, parts[name],
                                   baseline_labels(gold, parts[name], None, hypotheses), hypotheses)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{len(documents)} NDAs x {len(hypotheses)} hypotheses checked in {elapsed:.1f} s "
              f"({elapsed / reference:.2f}x reading and extracting alone, {reference:.1f} s)")
        for name in ("held-out", "tune", "all"):
            r = report[name]
            e, m = r["engine"], r["majority"]
            print(f"\n{name}: {r['documents']} documents, {e['n']} labels\n"
                  f"  {'':<10}{'accuracy':>10}{'macro-F1':>10}{'Contr. F1':>11}\n"
                  f"  {'engine':<10}{e['accuracy']:>10.3f}{e['macro_f1']:>10.3f}{e['contradiction_f1']:>11.3f}\n"
                  f"  {'majority':<10}{m['accuracy']:>10.3f}{m['macro_f1']:>10.3f}{m['contradiction_f1']:>11.3f}")
            if name != "all":
                print("  per hypothesis (engine / majority accuracy):")
                for h in hypotheses:
                    v = r["hypotheses"][h]
                    print(f"    {h:<7} {data['labels'][h]['short_description'][:45]:<46}"
                          f"{v['engine']:.2f} / {v['majority']:.2f}   {v['confusion']}")
    if args.errors:
        shown = 0
        for i in parts["tune"]:
            for h in hypotheses:
                if args.hypothesis and h != args.hypothesis:
                    continue
                if predicted[i][h] != gold[i][h] and shown < args.errors:
                    shown += 1
                    print(f"\n[doc {documents[i]['id']} {h}] gold {gold[i][h]}, engine {predicted[i][h]}\n"
                          f"  engine's evidence: {evidence[i][h][:300]}")
                    for span in gold_spans(documents[i], h)[:2]:
                        print(f"  labelled evidence: {span[:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
