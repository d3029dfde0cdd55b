"""Evaluation: does CT-04 find the governing-law clauses lawyers marked in real contracts?

Reads CUAD's dev half (``../shared/data/cuad/master_clauses-dev.csv``; The Atticus Project, CC BY 4.0):
for each of its commercial contracts, the excerpts lawyers marked per clause category.  Every
*Governing Law* excerpt whose answer names a State, province or country (not Federal law) is a term
the Government cannot accept (CT-04: Federal law governs a Federal contract); each excerpt is
checked on its own as a one-paragraph document with AQ302, as ``acqspec check`` runs it (patterns
and the shipped terms classifier; ``--patterns-only``: patterns alone), and counts as found when a
CT-04 finding covers it.  As a false-alarm check, the excerpts of categories that have nothing to do
with law or forum (audit rights, insurance, warranty duration, non-compete...) are checked the same
way and every CT-04 finding on them is counted.

No library vocabulary or model was fitted on CUAD.  The contracts are split by a hash of their file
name into a *dev* part (about 2/3), which later changes may be tuned on, and a *held-out* part that
must only be measured; both are reported.  ``--show N`` prints N missed excerpts and N false alarms
of the dev part to the terminal (CUAD's text never goes into the repository).

Usage::

    python bench/eval_cuad.py [--data PATH] [--patterns-only] [--show N] [--json]
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "cuad" / "master_clauses-dev.csv"
UNRELATED = ("Audit Rights", "Insurance", "Warranty Duration", "Non-Compete", "No-Solicit of Employees",
             "No-Solicit of Customers", "Minimum Commitment", "Revenue/Profit Sharing", "Exclusivity",
             "Volume Restriction", "Non-Disparagement")
"""Categories whose excerpts are about something other than law, forum or disputes."""


def part_of(filename: str) -> str:
    """``held-out`` for about a third of the contracts (by a hash of the file name), ``dev`` for the rest."""
    return "held-out" if zlib.crc32(filename.encode("utf-8")) % 3 == 0 else "dev"


def excerpts(cell: str) -> list[str]:
    """The excerpts of one CUAD cell (a Python list literal), whitespace collapsed."""
    try:
        found = ast.literal_eval(cell) if cell.strip() else []
    except (ValueError, SyntaxError):
        return []
    return [" ".join(str(text).split()) for text in found if str(text).strip()]


def names_other_law(answer: str) -> bool:
    """A Governing Law answer naming a State, province or country rather than Federal law alone."""
    answer = answer.strip().strip("[]").strip()
    return bool(answer) and "federal" not in answer.lower() and answer.lower() != "united states"


def load(path: Path) -> list[dict]:
    """One item per excerpt: ``{contract, part, kind ('governing-law' | 'unrelated'), category, text}``."""
    csv.field_size_limit(sys.maxsize)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise SystemExit(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if rows and not {"Filename", "Governing Law", "Governing Law-Answer"} <= set(rows[0]):
        raise SystemExit(f"{path}: not CUAD's master clauses file (no Filename / Governing Law columns)")
    items = []
    for row in rows:
        contract = row["Filename"]
        part = part_of(contract)
        if names_other_law(row["Governing Law-Answer"]):
            items += [{"contract": contract, "part": part, "kind": "governing-law", "category": "Governing Law",
                       "text": text} for text in excerpts(row["Governing Law"])]
        for category in UNRELATED:
            items += [{"contract": contract, "part": part, "kind": "unrelated", "category": category,
                       "text": text} for text in excerpts(row.get(category, ""))]
    return items


def judge(items: list[dict], *, patterns_only: bool) -> list[bool]:
    """Whether a CT-04 finding covers each excerpt."""
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.pipeline import load_pipeline
    from acqspec.nlp.terms import load_terms_model
    from acqspec.pipeline import check_text
    from acqspec.resources import default_library_dir

    catalog = load_catalog((default_library_dir(),))
    nlp = load_pipeline()
    terms = None if patterns_only else load_terms_model()
    return [any(f.clause_id == "CT-04" for f in check_text(item["text"], catalog, select=("AQ302",), nlp=nlp,
                                                           terms=terms))
            for item in items]


def figures(items: list[dict], flagged: list[bool]) -> dict:
    law = [f for item, f in zip(items, flagged) if item["kind"] == "governing-law"]
    other = [f for item, f in zip(items, flagged) if item["kind"] == "unrelated"]
    return {"contracts": len({item["contract"] for item in items}),
            "governing_law_excerpts": len(law), "found": sum(law),
            "recall": round(sum(law) / len(law), 3) if law else None,
            "unrelated_excerpts": len(other), "false_alarms": sum(other)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="CUAD master clauses CSV")
    parser.add_argument("--patterns-only", action="store_true", help="without the shipped terms classifier")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="print N missed excerpts and N false alarms of the dev part")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    items = load(args.data)
    flagged = judge(items, patterns_only=args.patterns_only)
    report = {}
    for part in ("held-out", "dev"):
        chosen = [i for i, item in enumerate(items) if item["part"] == part]
        report[part] = figures([items[i] for i in chosen], [flagged[i] for i in chosen])
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        signal = "patterns" if args.patterns_only else "patterns + terms classifier"
        for part, row in report.items():
            print(f"{part}: {row['contracts']} contracts, {signal}: governing-law excerpts naming State or foreign "
                  f"law {row['found']}/{row['governing_law_excerpts']} found (recall {row['recall']}); "
                  f"CT-04 on {row['unrelated_excerpts']} excerpts of unrelated categories: {row['false_alarms']}")
    if args.show:
        dev = [(item, f) for item, f in zip(items, flagged) if item["part"] == "dev"]
        missed = [item for item, f in dev if item["kind"] == "governing-law" and not f][:args.show]
        alarms = [item for item, f in dev if item["kind"] == "unrelated" and f][:args.show]
        for item in missed:
            print(f"missed: {item['text'][:300]}")
        for item in alarms:
            print(f"false alarm [{item['category']}]: {item['text'][:300]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
