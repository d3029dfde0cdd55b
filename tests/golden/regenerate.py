"""Regenerate the golden reports in tests/golden/ after an intended output change.

    python tests/golden/regenerate.py

Every report format is produced from the same inputs (a Markdown draft SOW
with a --clauses baseline, and the generated sample SOW for the Word copy);
tests/test_golden.py re-runs the same commands and compares byte for byte
(the .docx by its comments and paragraphs, see ``docx_digest``).  Review the
git diff of this folder before committing it.
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
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif", "github": "github.txt", "junit": "xml"}


def render(fmt: str) -> str:
    """The report of DRAFT in ``fmt``, run from the repository root with relative paths."""
    from acqspec.cli import cli

    previous = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, ["check", DRAFT, *BASELINE, "--format", fmt])
    finally:
        os.chdir(previous)
    if result.exit_code not in (0, 1):
        raise RuntimeError(result.output + result.stderr)
    return result.stdout


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


def goldens() -> dict[str, str]:
    """File name in tests/golden → expected content."""
    files = {f"report.{ext}": render(fmt) for fmt, ext in FORMATS.items()}
    files["reviewed-docx.json"] = docx_digest()
    return files


def main() -> int:
    for name, content in goldens().items():
        (HERE / name).write_text(content, encoding="utf-8")
        print(f"wrote tests/golden/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
