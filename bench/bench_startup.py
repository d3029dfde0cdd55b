"""Benchmark the fixed cost of ``acqspec check`` against ``python -c "import spacy"`` (issue 14).

A reviewer runs the checker on every commit, so the start-up matters.  The
target: a cold ``acqspec check`` of a 10-page document within 1.5x of a bare
``import spacy`` measured in the same run.

Timed in rounds, each round running every variant once in turn (so a slow
minute on a shared machine hits all of them alike):

* ``import spacy``: ``python -c "import spacy"`` with the same Python;
* ``check, cold cache``: ``acqspec check DOC --no-config`` with an empty cache
  folder (``ACQSPEC_CACHE_DIR`` set to a new temporary folder each run), so it
  parses the library and writes the cache;
* ``check, warm cache``: the same with a cache folder a previous run filled;
* ``check, no cache``: the same with ``ACQSPEC_NO_CACHE=1``;
* with ``--profile FILE``, the cold and warm checks again with ``--profile``.

Reports, per variant, the median wall and CPU (user + system) time over
``--runs`` rounds and their ratios to the median of ``import spacy``; exits 1
with ``--check`` when the warm-cache ratio is above ``--target``.

Usage::

    python bench/bench_startup.py                       # 9 rounds, the FEMA draft SOW (~9.5 pages)
    python bench/bench_startup.py --runs 15 --profile samples/profiles/fema-damage-assessment.yaml
    python bench/bench_startup.py --json bench/results/startup.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "samples" / "sows" / "fema-damage-assessment-draft-sow.md"
ACQSPEC = Path(sys.executable).parent / "acqspec"
TARGET = 1.5


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the child) and exit code of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode not in (0, 1):  # 1: the document has findings
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, process.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="rounds (default 9)")
    parser.add_argument("--document", type=Path, default=DOCUMENT, help="document to check")
    parser.add_argument("--profile", type=Path, help="also time the checks with --profile FILE")
    parser.add_argument("--target", type=float, default=TARGET, help="ratio target (default 1.5)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the warm-cache ratio misses the target")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)

    base_env = {k: v for k, v in os.environ.items() if k not in ("ACQSPEC_NO_CACHE", "ACQSPEC_CACHE_DIR")}
    check = [str(ACQSPEC), "check", str(args.document), "--no-config", "--fail-on", "never"]
    variants: dict[str, tuple[list[str], str]] = {  # name -> (argv, cache mode)
        "import spacy": ([sys.executable, "-c", "import spacy"], "none"),
        "check, cold cache": (check, "cold"),
        "check, warm cache": (check, "warm"),
        "check, no cache": (check, "off"),
    }
    if args.profile:
        with_profile = check + ["--profile", str(args.profile)]
        variants["check --profile, cold cache"] = (with_profile, "cold")
        variants["check --profile, warm cache"] = (with_profile, "warm")

    scratch = Path(tempfile.mkdtemp(prefix="acqspec-bench-startup-"))
    warm_dir = scratch / "warm"
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    try:
        # Fill the warm cache (and the OS's file cache) once before timing.
        for argv_, mode in variants.values():
            if mode == "warm":
                run(argv_, {**base_env, "ACQSPEC_CACHE_DIR": str(warm_dir)})
        for round_ in range(args.runs):
            for name, (argv_, mode) in variants.items():
                env = dict(base_env)
                if mode == "cold":
                    env["ACQSPEC_CACHE_DIR"] = str(scratch / f"cold-{round_}-{len(times[name])}")
                elif mode == "warm":
                    env["ACQSPEC_CACHE_DIR"] = str(warm_dir)
                elif mode == "off":
                    env["ACQSPEC_NO_CACHE"] = "1"
                wall, cpu, _ = run(argv_, env)
                times[name].append((wall, cpu))
            print(f"round {round_ + 1}/{args.runs}", file=sys.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    medians = {name: (statistics.median(w for w, _ in values), statistics.median(c for _, c in values))
               for name, values in times.items()}
    ref_wall, ref_cpu = medians["import spacy"]
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    print(f"# acqspec start-up: {args.document.name}, {args.runs} rounds, load average {load[0]:.2f}\n")
    print("| variant | wall (s) | ratio | CPU (s) | CPU ratio |")
    print("|---|---:|---:|---:|---:|")
    for name, (wall, cpu) in medians.items():
        print(f"| {name} | {wall:.3f} | {wall / ref_wall:.2f}x | {cpu:.3f} | {cpu / ref_cpu:.2f}x |")
    warm_ratio = medians["check, warm cache"][0] / ref_wall
    cold_ratio = medians["check, cold cache"][0] / ref_wall
    print(f"\ntarget: check within {args.target}x of import spacy: warm cache {warm_ratio:.2f}x "
          f"({'met' if warm_ratio <= args.target else 'missed'}), cold cache {cold_ratio:.2f}x "
          f"({'met' if cold_ratio <= args.target else 'missed'})")
    if args.json:
        args.json.write_text(json.dumps({
            "document": str(args.document), "runs": args.runs, "load_average": load,
            "python": sys.version, "nproc": os.cpu_count(),
            "medians": {name: {"wall_s": wall, "cpu_s": cpu, "wall_ratio": wall / ref_wall,
                               "cpu_ratio": cpu / ref_cpu} for name, (wall, cpu) in medians.items()},
            "runs_s": {name: values for name, values in times.items()},
        }, indent=2) + "\n", encoding="utf-8")
    return 1 if args.check and warm_ratio > args.target else 0


if __name__ == "__main__":
    sys.exit(main())
