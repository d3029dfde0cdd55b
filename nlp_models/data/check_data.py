#!/usr/bin/env python3
"""Validate the contract-sentence annotation data (train.jsonl, dev.jsonl, dev_outside.jsonl).

Standard library only.  Run from anywhere:

    python nlp_models/data/check_data.py            # checks files next to this script
    python nlp_models/data/check_data.py DIR         # checks DIR/train.jsonl, DIR/dev.jsonl, DIR/dev_outside.jsonl

Errors (exit status 1):
  * a line that is not valid JSON, or not a JSON object
  * missing or unexpected keys, wrong value types, empty text
  * a label value outside the allowed set
  * strength not "none" for permission/none modality, or "none" for obligation/prohibition
  * duplicate ids (across both files), an id that does not start with its group
  * a group that appears in both splits, or in more than one genre
  * the same text twice (after whitespace/case normalisation), within or across splits
  * near-duplicate text across splits (difflib.SequenceMatcher ratio > 0.9)
  * a genre of dev_outside.jsonl that also occurs in train.jsonl (that file measures
    generalisation to genres the model never saw in training)

Warnings (reported, exit status unaffected):
  * groups with fewer than 8 or more than 20 sentences
  * near-duplicate text inside one split (ratio > 0.9)

Finally it prints label counts per split.
"""
import collections
import difflib
import json
import os
import re
import sys

ALLOWED = {
    "modality": {"obligation", "prohibition", "permission", "none"},
    "strength": {"strong", "weak", "none"},
    "party": {"contractor", "government", "third_party", "none"},
    "topic": {
        "testing-evaluation", "risk-management", "transparency", "performance",
        "data-rights", "data-management", "portability", "human-oversight",
        "incident-reporting", "environmental", "prohibited-uses", "generative-ai",
        "biometrics", "personnel-training", "notice-appeal", "commercial-terms", "other",
    },
    "genre": {
        "sow", "pws", "rfq_instructions", "proposal", "vendor_tos", "eula", "dpa",
        "agency_policy", "qasp", "contract_clauses", "sla", "model_card",
        # other people's contracts (issue 12)
        "commercial_lease", "employment", "nda", "msa",
        # held out in dev_outside.jsonl only
        "b2b_licence", "privacy_policy", "supply_agreement",
    },
}
KEYS = ["id", "group", "genre", "text", "modality", "strength", "party", "topic", "hedged"]
SPLITS = ["train", "dev", "dev_outside"]
HELD_OUT = ["dev", "dev_outside"]
NEAR_DUP = 0.9


def norm(text):
    return re.sub(r"\s+", " ", text).strip().lower()


def load(path, split, errors):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            where = f"{split}.jsonl:{n}"
            if not line.strip():
                errors.append(f"{where}: blank line")
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: invalid JSON ({exc})")
                continue
            if not isinstance(rec, dict):
                errors.append(f"{where}: not a JSON object")
                continue
            missing = [k for k in KEYS if k not in rec]
            extra = [k for k in rec if k not in KEYS]
            if missing or extra:
                errors.append(f"{where}: missing keys {missing} / unexpected keys {extra}")
                continue
            bad = False
            for k in KEYS:
                if k == "hedged":
                    if not isinstance(rec[k], bool):
                        errors.append(f"{where}: hedged must be true/false")
                        bad = True
                elif not isinstance(rec[k], str) or not rec[k].strip():
                    errors.append(f"{where}: {k} must be a non-empty string")
                    bad = True
            if bad:
                continue
            for k, allowed in ALLOWED.items():
                if rec[k] not in allowed:
                    errors.append(f"{where} ({rec['id']}): {k}={rec[k]!r} not allowed")
            if rec["modality"] in ("permission", "none") and rec["strength"] != "none":
                errors.append(f"{where} ({rec['id']}): strength must be none for {rec['modality']}")
            if rec["modality"] in ("obligation", "prohibition") and rec["strength"] == "none":
                errors.append(f"{where} ({rec['id']}): {rec['modality']} needs strength strong/weak")
            if not rec["id"].startswith(rec["group"] + "-"):
                errors.append(f"{where}: id {rec['id']} does not start with group {rec['group']}")
            rec["_where"] = where
            rows.append(rec)
    return rows


def near_duplicates(a_rows, b_rows, same=False):
    """Yield (ratio, a, b) for pairs with SequenceMatcher ratio > NEAR_DUP."""
    b_norm = [norm(r["text"]) for r in b_rows]
    for i, a in enumerate(a_rows):
        ta = norm(a["text"])
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(ta)
        start = i + 1 if same else 0
        for j in range(start, len(b_rows)):
            tb = b_norm[j]
            # cheap upper bound first: ratio <= 2*min/(len_a+len_b)
            la, lb = len(ta), len(tb)
            if 2.0 * min(la, lb) / (la + lb) <= NEAR_DUP:
                continue
            sm.set_seq1(tb)
            if sm.real_quick_ratio() <= NEAR_DUP or sm.quick_ratio() <= NEAR_DUP:
                continue
            r = sm.ratio()
            if r > NEAR_DUP:
                yield r, a, b_rows[j]


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    errors, warnings = [], []
    data = {}
    for split in SPLITS:
        path = os.path.join(base, f"{split}.jsonl")
        if not os.path.exists(path):
            errors.append(f"missing file {path}")
            data[split] = []
            continue
        data[split] = load(path, split, errors)

    # ids unique across both files
    seen = {}
    for split in SPLITS:
        for r in data[split]:
            if r["id"] in seen:
                errors.append(f"duplicate id {r['id']} ({seen[r['id']]} and {r['_where']})")
            else:
                seen[r["id"]] = r["_where"]

    # groups: one split, one genre, sensible size
    group_split = collections.defaultdict(set)
    group_genre = collections.defaultdict(set)
    group_size = collections.Counter()
    for split in SPLITS:
        for r in data[split]:
            group_split[r["group"]].add(split)
            group_genre[r["group"]].add(r["genre"])
            group_size[r["group"]] += 1
    for g, splits in sorted(group_split.items()):
        if len(splits) > 1:
            errors.append(f"group {g} appears in both splits")
        if len(group_genre[g]) > 1:
            errors.append(f"group {g} has several genres: {sorted(group_genre[g])}")
        if not 8 <= group_size[g] <= 20:
            warnings.append(f"group {g} has {group_size[g]} sentences (expected 8-20)")

    # exact duplicates anywhere
    texts = {}
    for split in SPLITS:
        for r in data[split]:
            key = norm(r["text"])
            if key in texts:
                errors.append(f"duplicate text: {r['id']} repeats {texts[key]}: {r['text'][:80]!r}")
            else:
                texts[key] = r["id"]

    # near duplicates across splits (error) and within a split (warning)
    for held_out in HELD_OUT:
        for ratio, a, b in near_duplicates(data[held_out], data["train"]):
            errors.append(f"near-duplicate across splits ({ratio:.2f}): {held_out} {a['id']} ~ train {b['id']}")

    # dev_outside holds genres that training never sees
    train_genres = {r["genre"] for r in data["train"]}
    for genre in sorted({r["genre"] for r in data["dev_outside"]} & train_genres):
        errors.append(f"genre {genre} is in dev_outside.jsonl and in train.jsonl")
    for split in SPLITS:
        for ratio, a, b in near_duplicates(data[split], data[split], same=True):
            warnings.append(f"near-duplicate inside {split} ({ratio:.2f}): {a['id']} ~ {b['id']}")

    # report
    for split in SPLITS:
        rows = data[split]
        n = len(rows)
        print(f"== {split}: {n} sentences, {len({r['group'] for r in rows})} groups")
        if not n:
            continue
        for k in ["modality", "strength", "party", "topic", "hedged", "genre"]:
            c = collections.Counter(str(r[k]).lower() for r in rows)
            parts = ", ".join(f"{v}={c[v]} ({100.0 * c[v] / n:.1f}%)"
                              for v in sorted(c, key=lambda x: (-c[x], x)))
            print(f"  {k:9s} {parts}")
        ob = [r for r in rows if r["modality"] == "obligation"]
        if ob:
            weak = sum(r["strength"] == "weak" for r in ob)
            print(f"  weak obligations: {weak}/{len(ob)} ({100.0 * weak / len(ob):.1f}%)")
        bound_none = sum(r["party"] == "none" and r["modality"] != "none" for r in rows)
        print(f"  obligations/prohibitions/permissions with no bound party: {bound_none}")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
