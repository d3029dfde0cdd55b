"""A short, deterministic run of the hostile-input fuzzer (tests/fuzz/fuzz.py) for CI.

Every case must be accepted (exit 0/1) or refused with one error line and
exit 2: no traceback, no hang, no modified input, no partial output, no
canary (code run, secret file read, network).  The seed is fixed so CI runs
the same cases every time; set ACQSPEC_FUZZ_SEED to explore others, and see
tests/fuzz/README.md for long runs.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

FUZZ = Path(__file__).parent / "fuzz" / "fuzz.py"
CASES = int(os.environ.get("ACQSPEC_FUZZ_CASES", "400"))
SEED = int(os.environ.get("ACQSPEC_FUZZ_SEED", "20251122"))


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("acqspec_fuzz", FUZZ)
    module = importlib.util.module_from_spec(spec)
    sys.modules["acqspec_fuzz"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="needs SIGALRM (POSIX)")
def test_short_fuzz_run_has_no_failures(tmp_path: Path) -> None:
    fuzz = _fuzz_module()
    # The per-case timeout only tells a hang from slow work on a loaded machine; speed is bench_hostile.py's.
    summary = fuzz.run(CASES, SEED, timeout=60.0, save=tmp_path / "failures", report=tmp_path / "fuzz.json")
    if summary["failures"]:
        fuzz.print_summary(summary)
    assert summary["failures"] == 0, [(f["index"], f["target"], f["reason"], f["detail"][-300:])
                                      for f in summary["failure_cases"]]
    defaults = {name for name, target in fuzz.TARGETS.items() if target.default}
    assert set(summary["targets"]) == defaults  # every kind of input was exercised
    assert summary["accepted"] > 0 and summary["refused"] > 0
    assert summary["cases"] == CASES


def test_cases_are_reproducible(tmp_path: Path) -> None:
    """The same seed and number give the same files and command (so --only N replays a failure)."""
    fuzz = _fuzz_module()
    for index in range(25):
        a, b = fuzz.build_case(SEED, index, tmp_path, list(fuzz.TARGETS)), \
            fuzz.build_case(SEED, index, tmp_path, list(fuzz.TARGETS))
        assert (a.target, a.args, a.mutations, a.files) == (b.target, b.args, b.mutations, b.files)
