"""Benchmark: what the terms classifier adds to ``acqspec check`` (a ratio, measured in one run).

Checks the 10- and 100-page benchmark inputs (``bench/make_inputs.py``, .md) in one warm
process, alternately with the shipped terms model and without it (rules alone), and prints
the median seconds of each and their ratio.  The budget is about 1.10.

Usage:
    python bench/bench_terms.py [--runs 5] [--pages 10,100]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default="10,100")
    args = parser.parse_args()

    from acqspec import pipeline
    from acqspec.library.loader import load_catalog
    from acqspec.nlp.pipeline import load_pipeline
    from acqspec.nlp.terms import load_terms_model
    from acqspec.resources import default_library_dir

    catalog = load_catalog((default_library_dir(),))
    nlp = load_pipeline()
    model = load_terms_model()
    if model is None:
        print("skipped: no shipped terms model (nlp_models/terms)", file=sys.stderr)
        return 0
    print("| pages | rules alone s | with classifier s | ratio |\n|---|---|---|---|")
    for pages in (int(p) for p in args.pages.split(",")):
        path = make_inputs.sample_path(pages, "md")
        times: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(args.runs):
            for with_model in (False, True):  # alternate, so machine noise falls on both
                pipeline.load_terms_model = (lambda path=None: model) if with_model else (lambda path=None: None)
                start = time.perf_counter()
                pipeline.check_paths([path], catalog, nlp=nlp)
                times[with_model].append(time.perf_counter() - start)
        pipeline.load_terms_model = load_terms_model
        base, terms = statistics.median(times[False]), statistics.median(times[True])
        print(f"| {pages} | {base:.3f} | {terms:.3f} | {terms / base:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
