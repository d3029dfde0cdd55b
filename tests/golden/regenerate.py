"""Regenerate the golden reports in tests/golden/ after an intended output change.

    python tests/golden/regenerate.py

Every report format of ``acqspec.report.FORMATS`` is produced from the same inputs (a Markdown draft SOW
with a --clauses baseline, and the generated sample SOW for the Word copy).  The text report has more
goldens (``VARIANTS``): ``--output-format full``, the concise report of the sample Word SOW against its
profile (sections as the document numbers them), and a batch (``batch/``: a readable SOW, a broken .docx,
a .doc that is skipped and an excluded folder; the run exits 2).  tests/report/test_golden.py re-runs
the same commands and compares byte for byte (the .docx by its comments and paragraphs, see
``docx_digest``).  The README's generated sections (rules, output formats, questions, the example run) are rewritten too.  Review the
git diff of this folder and the README before committing them.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import zipfile
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DRAFT = "tests/golden/draft-sow.md"
WORD = "samples/sows/cbp-face-capture-generated.docx"
BASELINE = ["--clauses", "IR-01,DR-01,DM-01", "--no-config", "--as-of", "2026-11-22"]

VARIANTS: dict[str, tuple[list[str], tuple[int, ...]]] = {
    # golden file → (acqspec check arguments, exit codes it may end with)
    "report.full.txt": ([DRAFT, *BASELINE, "--output-format", "full"], (0, 1)),
    "report.docx.txt": (["samples/sows/uscis-genai-draft-sow.docx", "--profile",
                         "samples/profiles/uscis-genai-case-assistant.yaml", "--no-config"], (0, 1)),
    "report.batch.txt": (["tests/golden/batch", "--no-config", "--exclude", "drafts/"], (2,)),
}
"""Text-report goldens beyond one per format."""


def run_check(args: list[str], exit_codes: tuple[int, ...] = (0, 1)) -> str:
    """``acqspec check ARGS``'s stdout, run from the repository root with relative paths."""
    from acqspec.cli import cli

    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None}).invoke(cli, ["check", *args])
    finally:
        os.chdir(previous)
    if result.exit_code not in exit_codes:
        raise RuntimeError(f"exit {result.exit_code}: {result.output}{result.stderr}")
    return result.stdout


def render(fmt: str) -> str:
    """The report of DRAFT in ``fmt``, run from the repository root with relative paths."""
    return run_check([DRAFT, *BASELINE, "--format", fmt])


def docx_digest() -> str:
    """Comments and their anchor paragraphs of the reviewed copy of WORD, as stable JSON."""
    from acqspec.cli import cli

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "reviewed.docx"
        previous = Path.cwd()
        os.chdir(ROOT)
        try:
            result = CliRunner().invoke(cli, ["check", WORD, "--no-config", "--format", "docx", "-o", str(target)])
        finally:
            os.chdir(previous)
        if result.exit_code not in (0, 1):
            raise RuntimeError(result.output + result.stderr)
        import docx

        document = docx.Document(str(target))
        comments = [{"author": c.author, "initials": c.initials, "text": c.text} for c in document.comments]
        with zipfile.ZipFile(target) as archive:
            names = sorted(archive.namelist())
        return json.dumps({"parts": names, "comments": comments}, indent=2, ensure_ascii=False) + "\n"


def report_files() -> dict[str, str]:
    """Golden file name → the format that produces it, one per reporter."""
    from acqspec.report import FORMATS

    return {f"report.{reporter.suffix}": name for name, reporter in FORMATS.items()}


def goldens() -> dict[str, str]:
    """File name in tests/golden → expected content."""
    files = {file: render(fmt) for file, fmt in report_files().items()}
    files |= {file: run_check(args, codes) for file, (args, codes) in VARIANTS.items()}
    files["reviewed-docx.json"] = docx_digest()
    return files


def readme() -> str:
    """The README with its generated sections as the code defines them now."""
    from acqspec.docs import update_generated

    here = Path.cwd()
    os.chdir(ROOT)  # the example run prints paths relative to the repository, as the README shows them
    try:
        return update_generated((ROOT / "README.md").read_text(encoding="utf-8"))
    finally:
        os.chdir(here)


def main() -> int:
    for name, content in goldens().items():
        (HERE / name).write_text(content, encoding="utf-8")
        print(f"wrote tests/golden/{name}")
    (ROOT / "README.md").write_text(readme(), encoding="utf-8")
    print("wrote README.md (generated sections)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
