"""Benchmark: pipeline load time and obligation-extraction throughput.

Builds a deterministic ~50k-word Markdown document from the clause library's
own texts (so it needs no outside data), then measures, as medians of
``--runs`` runs:

* cold load of the NLP pipeline in a fresh process;
* reading the document;
* extracting statements (warm: pipeline already loaded), in words per second.

Usage: python bench/bench_extract.py [--words 50000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_document(words: int, seed: int = 7) -> str:
    """A Markdown SOW-like document of about ``words`` words from clause texts."""
    from acqspec.library.loader import load_catalog
    from acqspec.library.views import rendered_text
    from acqspec.resources import default_library_dir

    catalog = load_catalog([default_library_dir()])
    paragraphs = [rendered_text(c) for c in catalog.clauses()]
    rng = random.Random(seed)
    out, count, section = ["# Statement of Work", ""], 0, 0
    while count < words:
        section += 1
        out += [f"## {section} Requirements group {section}", ""]
        for number, paragraph in enumerate(rng.sample(paragraphs, 8), start=1):
            out += [f"{section}.{number} {paragraph}", ""]
            count += len(paragraph.split()) + 1
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from acqspec.io.readers import read_document
    from acqspec.nlp.extract import extract_statements
    from acqspec.nlp.pipeline import default_model_path, load_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.md"
        path.write_text(build_document(args.words), encoding="utf-8")
        cold = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "from acqspec.nlp.pipeline import load_pipeline; load_pipeline()"],
                           check=True)
            cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        nlp = load_pipeline()
        load_in_process = time.perf_counter() - start
        reads, extracts = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            document = read_document(path)
            reads.append(time.perf_counter() - start)
            start = time.perf_counter()
            statements = extract_statements(document, nlp)
            extracts.append(time.perf_counter() - start)
        words = document.word_count
        print(f"pipeline: {default_model_path()} ({'trained' if nlp.has_pipe('textcat_multilabel') else 'rules only'})")
        print(f"document: {words} words, {len(document.blocks)} blocks, {len(statements)} sentences, "
              f"{sum(s.is_obligation for s in statements)} obligations")
        print(f"load pipeline, fresh process incl. Python start-up: median {statistics.median(cold):.2f} s")
        print(f"load pipeline, in process: {load_in_process:.2f} s")
        print(f"read .md: median {statistics.median(reads):.3f} s")
        print(f"extract (warm): median {statistics.median(extracts):.2f} s = "
              f"{words / statistics.median(extracts):,.0f} words/s")


if __name__ == "__main__":
    main()
