"""Each broken-library fixture declares the problems it must produce.

A fixture line ending in ``# expect: CODE [CODE...]`` says that validation
must report those codes at that line of that file; nothing else may be
reported.  Fixtures live in tests/fixtures/library_cases/<case>/{base,overlay}.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from acqspec.library.loader import load_library

CASES = Path(__file__).parents[1] / "fixtures" / "library_cases"
_EXPECT = re.compile(r"#\s*expect:\s*((?:LIB\d{3}\s*)+)$")


def _expected(case: Path) -> Counter:
    found: Counter = Counter()
    for path in sorted(case.rglob("*")):
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            match = _EXPECT.search(line)
            if match:
                for code in match.group(1).split():
                    found[(path.relative_to(case).as_posix(), number, code)] += 1
    return found


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()), ids=str)
def test_case_reports_exactly_its_expected_problems(case: str) -> None:
    root = CASES / case
    layers = [root / name for name in ("base", "overlay") if (root / name).is_dir()]
    catalog = load_library(layers)
    got = Counter((Path(p.path).relative_to(root).as_posix(), p.line, p.code) for p in catalog.problems)
    assert got == _expected(root), "\n".join(str(p) for p in catalog.problems)


def test_every_problem_code_has_a_fixture() -> None:
    from acqspec.library.problems import PROBLEM_CODES

    covered = set()
    for case in CASES.iterdir():
        covered |= {code for (_, _, code) in _expected(case)}
    # LIB022 (empty folder) cannot be a committed fixture: git keeps no empty folders.
    assert set(PROBLEM_CODES) - covered == {"LIB022"}


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    catalog = load_library([tmp_path])
    assert [p.code for p in catalog.problems] == ["LIB022"]
