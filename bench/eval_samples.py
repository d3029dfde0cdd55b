"""Precision and recall per rule family on the bundled samples (samples/expected.yaml).

    python bench/eval_samples.py [--json] [--details]

Each case of samples/expected.yaml is checked with its recorded arguments;
findings are matched to planted problems by code, clause, obligation and the
anchor text of the sentence (see the header of expected.yaml).  The checker's known gaps (planted problems it
misses, findings nobody planted) are recorded in samples/expected-gaps.json
with ``--record``; tests/test_samples.py asserts the outcome is exactly the
planting minus those gaps, so a fix or a regression shows up as a test
failure and the table below cannot drift from the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GAPS = SAMPLES / "expected-gaps.json"
EXTRA_ARGS: list[str] = []  # --min-confidence passes through to every check
FAMILIES = {"AQ1": "missing", "AQ2": "weakened", "AQ3": "conflicting", "AQ4": "quality", "AQ9": "suppression"}


def run_case(case: dict) -> dict:
    """The JSON report of one case, run from samples/ with relative paths."""
    from click.testing import CliRunner

    from acqspec.cli import cli

    args = ["check", case["file"], *case["args"], "--format", "json", "--no-config", *EXTRA_ARGS]
    if case.get("waivers"):
        args += ["--waivers", case["waivers"]]
    previous = Path.cwd()
    os.chdir(SAMPLES)
    try:
        result = CliRunner().invoke(cli, args)
    finally:
        os.chdir(previous)
    if result.exit_code not in (0, 1):
        raise RuntimeError(f"{case['file']}: {result.stderr or result.output}")
    return json.loads(result.stdout)


def _waiver_lines() -> list[int]:
    from acqspec.pipeline import load_waivers

    return list(load_waivers(SAMPLES / "waivers.yaml").lines)


def matches(entry: dict, finding: dict, waiver_lines: list[int]) -> bool:
    """Whether ``finding`` is the planted problem ``entry``."""
    if finding["code"] != entry["code"]:
        return False
    if entry.get("clause") and finding.get("clause_id") != entry["clause"]:
        return False
    if entry.get("obligation") and finding.get("obligation_id") != entry["obligation"]:
        return False
    if "waiver" in entry:
        return finding["path"].endswith("waivers.yaml") and finding["location"]["line"] == waiver_lines[entry["waiver"]]
    if entry.get("anchor"):
        text = finding.get("expected") if entry["code"] == "AQ103" else finding.get("evidence")
        return bool(text) and entry["anchor"] in text
    return finding["location"]["block"] is None


def score_case(case: dict, report: dict, waiver_lines: list[int]) -> dict:
    """Planted entries found/missed and findings that match no planted entry."""
    outcome = {"found": [], "missed": [], "unplanted": []}
    for kind, findings in (("expect", report["findings"]), ("suppressed", report["suppressed"])):
        entries = case.get(kind) or []
        used: set[int] = set()
        for entry in entries:
            hits = [i for i, f in enumerate(findings) if matches(entry, f, waiver_lines)]
            (outcome["found"] if hits else outcome["missed"]).append({**entry, "kind": kind})
            used.update(hits)
        for i, finding in enumerate(findings):
            if i not in used:
                outcome["unplanted"].append({"code": finding["code"], "clause": finding.get("clause_id"),
                                             "kind": kind, "evidence": (finding.get("evidence") or "")[:120],
                                             "message": finding["message"][:160]})
    # One planted term reported under two conflict ids of the same clause is one finding.
    seen, unique = set(), []
    for item in outcome["unplanted"]:
        key = (item["code"], item["clause"], item["evidence"])
        if key not in seen:
            seen.add(key)
            unique.append(item)
    outcome["unplanted"] = unique
    return outcome


def evaluate() -> dict:
    from acqspec.io.safe_yaml import load_yaml_file

    cases = load_yaml_file(SAMPLES / "expected.yaml").data["cases"]
    waiver_lines = _waiver_lines()
    totals = {family: Counter() for family in FAMILIES.values()}
    per_case = {}
    for case in cases:
        outcome = score_case(case, run_case(case), waiver_lines)
        per_case[case["file"]] = outcome
        for bucket, key in (("found", "tp"), ("missed", "fn"), ("unplanted", "fp")):
            for item in outcome[bucket]:
                totals[FAMILIES[item["code"][:3]]][key] += 1
    table = {}
    for family, c in totals.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        table[family] = {"planted": tp + fn, "found": tp, "false": fp,
                         "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                         "recall": round(tp / (tp + fn), 3) if tp + fn else None}
    return {"families": table, "cases": per_case}


def gaps(result: dict) -> dict:
    """Per case, the planted problems the checker misses and the findings nobody planted."""
    return {name: {"missed": outcome["missed"], "unplanted": outcome["unplanted"]}
            for name, outcome in result["cases"].items()}


def render_gaps(result: dict) -> str:
    return json.dumps(gaps(result), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--details", action="store_true", help="List missed and unplanted findings.")
    parser.add_argument("--record", action="store_true",
                        help=f"Write the current misses and false findings to {GAPS.relative_to(ROOT)}.")
    parser.add_argument("--min-confidence", type=float, default=None,
                        help="Pass --min-confidence to every check (the terms classifier's threshold).")
    args = parser.parse_args()
    if args.min_confidence is not None:
        EXTRA_ARGS[:] = ["--min-confidence", str(args.min_confidence)]
    result = evaluate()
    if args.record:
        GAPS.write_text(render_gaps(result), encoding="utf-8")
        print(f"wrote {GAPS.relative_to(ROOT)}")
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"| family | planted | found | false findings | precision | recall |\n|---|---|---|---|---|---|")
    for family, row in result["families"].items():
        print(f"| {family} | {row['planted']} | {row['found']} | {row['false']} | {row['precision']} | {row['recall']} |")
    if args.details:
        for name, outcome in result["cases"].items():
            for item in outcome["missed"]:
                print(f"MISSED  {name}: {item}")
            for item in outcome["unplanted"]:
                print(f"FALSE   {name}: {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
