"""Evaluation: AQ3xx conflict rules against GSA's labelled commercial EULA clauses.

Reads ``../shared/data/gsa-eula/clauses-dev.jsonl`` (GSA AI/ML Challenge 2020:
commercial EULA clauses labelled 1 = unacceptable to the Government, 0 =
acceptable), checks each clause as a one-paragraph vendor document with the
AQ3 rules (AQ301 conflict.policy, AQ302 conflict.commercial-term) and the
shipped NLP pipeline, and flags the clause when any of them fires.

Reports accuracy, precision / recall / F1 on the unacceptable class (the
challenge's metric), the Brier score, the confusion counts, the runtime, and
the precision of the flags each library clause raises.

Brier score: with hard 0/1 predictions the Brier score equals the error rate
(1 - accuracy).  The script also reports a calibrated probability: a flagged
clause gets the share of flagged clauses that are unacceptable, an unflagged
one the share of unflagged clauses that are; both rates are estimated by
5-fold cross-fitting (each clause's probability comes from the other four
folds) so the score is not measured on the data it was fitted on.

The data never leaves ``../shared/data``: nothing is written to the project,
and ``--errors`` prints clauses only to the terminal.

``--classifier`` measures the terms classifier instead (acqspec.terms_training.evaluate_gsa):
near-duplicate clauses grouped, an independent 20% of the groups (by a hash of their text) kept
aside and used only for the last figure, grouped 5-fold CV with cross-fitted Platt calibration on
the rest; the rules alone, the classifier alone, the rule match as a feature and the shipped fixed
combination (max of the probability and the rules' precision when a rule matches; with CLAUDETTE
at hand, also the larger of that and the terms-of-service head's, as shipped), and the
TF-IDF + logistic-regression baseline on the same folds, with a precision/recall curve.  The
shipped model is fitted on all of this file: checking this file with it would be in-sample, so
the script never reports that.

Usage:
    python bench/eval_gsa.py [--data PATH] [--json] [--errors N] [--library DIR] [--select AQ3]
    python bench/eval_gsa.py --classifier [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gsa-eula" / "clauses-dev.jsonl"
DEFAULT_CLAUDETTE = DEFAULT_DATA.parents[1] / "claudette-tos" / "sentences.jsonl"
FOLDS = 5


def load_rows(path: Path) -> list[dict]:
    """The labelled clauses: one JSON object a line with ``id``, ``text`` and ``label`` (0/1)."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows.append({"id": row["id"], "text": row["text"], "label": int(row["label"])})
    return rows


def metrics(labels: list[int], preds: list[int]) -> dict:
    """Accuracy, precision/recall/F1 of the positive (unacceptable) class, hard Brier, counts."""
    tp = sum(1 for y, p in zip(labels, preds) if y and p)
    fp = sum(1 for y, p in zip(labels, preds) if not y and p)
    fn = sum(1 for y, p in zip(labels, preds) if y and not p)
    tn = len(labels) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(labels)
    return {"n": n, "positives": tp + fn, "flagged": tp + fp, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "accuracy": (tp + tn) / n if n else 0.0, "precision": precision, "recall": recall, "f1": f1,
            "brier_hard": (fp + fn) / n if n else 0.0}


def cross_fitted_brier(labels: list[int], preds: list[int], folds: int = FOLDS) -> float:
    """Brier score of P(unacceptable | flagged or not), each clause scored by rates fitted on the other folds."""
    total = 0.0
    for fold in range(folds):
        rest = [(y, p) for i, (y, p) in enumerate(zip(labels, preds)) if i % folds != fold]
        rate = {}
        for flag in (0, 1):
            group = [y for y, p in rest if p == flag]
            # add-one smoothing so an empty group still gets a probability
            rate[flag] = (sum(group) + 1) / (len(group) + 2)
        total += sum((rate[p] - y) ** 2 for i, (y, p) in enumerate(zip(labels, preds)) if i % folds == fold)
    return total / len(labels) if labels else 0.0


def baselines(labels: list[int]) -> dict:
    """The trivial predictors the checker has to beat."""
    n, pos = len(labels), sum(labels)
    always_yes_p = pos / n if n else 0.0
    return {"always_unacceptable_f1": 2 * always_yes_p / (always_yes_p + 1) if n else 0.0,
            "always_acceptable_accuracy": 1 - always_yes_p,
            "prior_brier": always_yes_p * (1 - always_yes_p)}


def run(rows: list[dict], library: Path | None, select: tuple[str, ...] = ("AQ3",)
        ) -> tuple[list[int], list[list], float]:
    """Check every clause; return the predictions, the findings per clause and the seconds taken."""
    from acqspec.errors import ReadError
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.pipeline import load_pipeline
    from acqspec.pipeline import check_text
    from acqspec.resources import default_library_dir

    catalog = load_catalog((library or default_library_dir(),))
    nlp = load_pipeline()
    start = time.perf_counter()
    preds, findings = [], []
    for row in rows:
        try:
            found = check_text(row["text"], catalog, select=select, nlp=nlp)
        except ReadError:  # an empty clause: nothing to flag
            found = []
        findings.append(found)
        preds.append(1 if found else 0)
    return preds, findings, time.perf_counter() - start


def per_clause(labels: list[int], findings: list[list]) -> dict:
    """For each library clause (and rule code): how many GSA clauses it flags and how many are unacceptable."""
    flagged: dict[str, list[int]] = defaultdict(list)
    for label, found in zip(labels, findings):
        for key in {f.clause_id or "?" for f in found} | {f.code for f in found} | \
                   {f.obligation_id or "?" for f in found}:
            flagged[key].append(label)
    return {key: {"flagged": len(v), "unacceptable": sum(v), "precision": sum(v) / len(v)}
            for key, v in sorted(flagged.items())}


def _row(name: str, s: dict) -> str:
    return (f"  {name:<34} t={s['threshold']:<5} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
            f"acc {s['accuracy']:.3f}  Brier {s['brier']:.3f}")


def classifier_report(data: Path, as_json: bool, claudette: Path | None = None) -> int:
    """Grouped CV and the held-out figure for the terms classifier (see the module docstring)."""
    from acqspec.terms_training import DEFAULT_THRESHOLD, evaluate_gsa

    start = time.perf_counter()
    r = evaluate_gsa(data, log=lambda line: print(line, file=sys.stderr, flush=True), claudette=claudette)
    r["seconds"] = round(time.perf_counter() - start, 1)
    if as_json:
        print(json.dumps(r, indent=2))
        return 0
    print(f"GSA EULA clauses: {r['n']} in {r['groups']} near-duplicate groups; {r['dev']} for CV "
          f"({r['positives_dev']} unacceptable), {r['held_out']} held out")
    print(f"grouped {FOLDS}-fold CV on the {r['dev']} (probabilities cross-fitted; best-F1 threshold chosen on CV):")
    print(_row("rules alone (AQ301/AQ302)", r["rules"]))
    print(_row("TF-IDF+LR baseline (same folds)", r["baseline_tfidf_lr"]))
    for name, v in r["cv"].items():
        print(_row(f"{name} (best F1)", v["best"]))
        print(_row(f"{name} (0.5)", v["at_0.5"]))
    print(f"precision/recall of the shipped combination ({r['chosen']}), CV:")
    for s in r["cv"][r["chosen"]]["curve"]:
        print(_row(f"threshold {s['threshold']}", s))
    h = r["held_out_scores"]
    print(f"independent held-out {r['held_out']} (fitted on the CV part, never tuned on):")
    print(_row("rules alone", h["rules"]))
    print(_row("combination at the CV threshold", h["at_cv_threshold"]))
    print(_row(f"combination at the default {DEFAULT_THRESHOLD}", h["at_default"]))
    for s in h["curve"]:
        print(_row(f"threshold {s['threshold']}", s))
    print(f"runtime {r['seconds']} s")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled clauses (JSON lines)")
    parser.add_argument("--library", type=Path, default=None, help="clause library folder (default: shipped)")
    parser.add_argument("--select", default="AQ3", metavar="CODES",
                        help="comma-separated rule codes or prefixes that flag a clause (default AQ3: any AQ3xx)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N false positives and N false negatives for error analysis")
    parser.add_argument("--claudette", type=Path, default=DEFAULT_CLAUDETTE,
                        help="with --classifier: CLAUDETTE sentences that fit the terms-of-service head, as "
                             "shipped (default: ../shared/data/claudette-tos/sentences.jsonl; `--claudette none`, or any path "
                             "that is not a file, measures the EULA head alone)")
    parser.add_argument("--classifier", action="store_true",
                        help="cross-validate the terms classifier against the rules and a TF-IDF baseline")
    args = parser.parse_args()

    if not args.data.is_file():
        print(f"skipped: GSA EULA data not found at {args.data}", file=sys.stderr)
        return 0
    if args.classifier:
        claudette = args.claudette if args.claudette and args.claudette.is_file() else None
        return classifier_report(args.data, args.json, claudette)
    rows = load_rows(args.data)
    labels = [r["label"] for r in rows]
    select = tuple(code.strip() for code in args.select.split(",") if code.strip())
    preds, findings, seconds = run(rows, args.library, select)

    result = metrics(labels, preds)
    result["brier_calibrated"] = cross_fitted_brier(labels, preds)
    result["seconds"] = round(seconds, 1)
    result["clauses_per_second"] = round(len(rows) / seconds, 1) if seconds else None
    result["baselines"] = baselines(labels)
    result["per_clause"] = per_clause(labels, findings)
    result["data"] = str(args.data)
    result["select"] = list(select)

    if args.json:
        print(json.dumps(result, indent=2))
    else:
        r, b = result, result["baselines"]
        print(f"GSA EULA clauses: {r['n']} ({r['positives']} unacceptable) from {args.data}")
        print(f"flagged by {','.join(select)}: {r['flagged']}  TP {r['tp']}  FP {r['fp']}  FN {r['fn']}  TN {r['tn']}")
        print(f"accuracy  {r['accuracy']:.3f}   (always-acceptable baseline {b['always_acceptable_accuracy']:.3f})")
        print(f"precision {r['precision']:.3f}")
        print(f"recall    {r['recall']:.3f}")
        print(f"F1        {r['f1']:.3f}   (always-unacceptable baseline {b['always_unacceptable_f1']:.3f})")
        print(f"Brier     {r['brier_hard']:.3f}   hard 0/1 predictions: equals the error rate")
        print(f"Brier     {r['brier_calibrated']:.3f}   P(unacceptable | flagged or not), {FOLDS}-fold cross-fitted "
              f"(prior-only baseline {b['prior_brier']:.3f})")
        print(f"runtime   {seconds:.1f} s ({r['clauses_per_second']} clauses/s, pipeline already loaded)")
        print("\nflags per library clause / rule / conflict pattern (precision = share unacceptable):")
        for key, v in r["per_clause"].items():
            print(f"  {key:<10} flagged {v['flagged']:>4}  unacceptable {v['unacceptable']:>4}  "
                  f"precision {v['precision']:.2f}")

    if args.errors:
        shown = Counter()
        for row, label, pred, found in zip(rows, labels, preds, findings):
            kind = "FP" if pred and not label else "FN" if label and not pred else None
            if kind is None or shown[kind] >= args.errors:
                continue
            shown[kind] += 1
            why = "; ".join(f"{f.obligation_id} {f.message.split('[matched ')[-1].rstrip(']')}" for f in found)
            text = " ".join(row["text"].split())
            print(f"\n[{kind}] {row['id']} {why}\n    {text[:400]}", file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
