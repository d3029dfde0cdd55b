"""Time acqspec on hostile inputs, each as a ratio to an ordinary input of the same size timed in the same run.

The hostile-input tests (tests/test_hostile_inputs.py, tests/io/test_readers.py,
tests/io/test_pdf_speed_bounds.py) check that every hostile input is refused or
read correctly and within memory bounds, but assert no wall-clock time: on a
shared, loaded 2-core machine a bound such as "< 2 s" fails for reasons that
have nothing to do with acqspec.  The times are measured here instead, as
ratios, which a loaded machine moves much less than the seconds themselves.

For every hostile case that used to carry a time bound in the tests, this
script builds the input (with the tests' own builders and case lists, so the
two cannot drift apart), then times, alternately in the same process:

* the **case**: the hostile input through the same call the test makes
  (``read_document``, ``parse_text``, or the CLI in-process through click's
  ``CliRunner``: ``generate``, ``library validate``, ``check``);
* its **reference**: an *ordinary* input of comparable size through the same
  code path, e.g. 200 KB of SOW-like Markdown for 200 KB of one unmatched
  delimiter, the same amount of text in ordinary paragraphs for a 9.5 MB
  paragraph, a valid profile padded to the same byte size for a YAML bomb.

Each figure is the best (minimum) of ``--runs`` runs, since load on a shared
machine only ever adds time; the first call of each is a warm-up that also
checks the outcome is the one the tests expect (refused with their message,
or read).  The ratio is case / reference.  A ratio above the threshold
(``--threshold``, default 5.0, see ``THRESHOLD``) is flagged.

Usage::

    python bench/bench_hostile.py --quick        # 2 runs, smaller inputs where size is free: ~1 minute
    python bench/bench_hostile.py                # 5 runs, the tests' sizes: a few minutes
    python bench/bench_hostile.py --only md,pdf --runs 9 --json out.json

Prints a Markdown table; ``--json FILE`` writes the figures too.  Exit
status: 0 normally, 1 when a ratio exceeds its threshold (so the script can
be a gate), 2 when a case did not behave as the tests expect (then its
figures mean nothing) or on a usage error.  bench/ is not a package and the
tests are imported as modules, so run it from the development venv
(``pip install -e '.[test]'``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "tests"), str(ROOT / "tests" / "io")]

import make_inputs  # noqa: E402  (bench/ is not a package)
import test_hostile_inputs as hostile  # noqa: E402  (the tests' builders and case lists)
import test_pdf_speed_bounds as pdf_bounds  # noqa: E402
import test_readers as readers  # noqa: E402

from acqspec.errors import AcqspecError  # noqa: E402
from acqspec.io.readers import docx as docx_reader, pdf as pdf_reader, read_document  # noqa: E402
from acqspec.io.readers.text import parse_text  # noqa: E402
from acqspec.library import loader  # noqa: E402
from acqspec.resources import default_library_dir  # noqa: E402

THRESHOLD = 5.0
"""Flag a case whose time is more than this many times its reference's.

Most references do at least as much honest work as their case, so most ratios
are below 1, and the refusals far below (they stop at a limit long before an
ordinary file of that size would be read).  A few hostile inputs cost more
per byte on a path that is still linear: 200 KB of "`a" (every backtick an
opener to try) takes ~650 ns a character against ~265 for ordinary Markdown,
a ratio of 2.5-2.9 that stays flat from 50 KB to 800 KB.  The regressions
these cases were written for were quadratic or worse, 100x to 1000x their
reference at the tests' sizes (5-15 s for 200 KB of one Markdown delimiter,
against ~0.05 s for 200 KB of ordinary Markdown; 45 s for two 1 MB clause
texts, against ~0.03 s).  A best-of-N ratio on a shared 2-core machine moves
by up to ~1.5x between runs, so 5x clears the highest linear ratio times that
noise and stays far below any of those regressions.  A slower but still
linear path is not this script's business: throughput is bench_check.py's.
``--threshold`` overrides it.
"""
RUNS, QUICK_RUNS = 5, 2
QUICK_SCALE = 0.25
"""``--quick`` shrinks the inputs whose size decides nothing but the time (Markdown runs, the huge word,
the huge paragraph); inputs built to cross a limit (zip bombs, tag and page budgets) keep their size."""
MIN_REFERENCE_BYTES = 64 * 1024
"""A refused file's reference is an ordinary file of the same size on disk, but never smaller than this:
timing a 1 KB ordinary file measures only the fixed cost of opening a package."""
ROOT_LIBRARY_ENTRIES = 2_000
"""``MAX_LIBRARY_ENTRIES`` while timing a config that names "/" as its library, as the test sets it (the real
limit, 50,000, would time how big this machine's file tree is)."""


# ======================================================================================
# Outcomes and timing
# ======================================================================================

@dataclass
class Outcome:
    kind: str  # "read" | "refused" | "crash"
    detail: str = ""  # the error, or a CLI's exit status and last stderr line
    text: str = ""  # what the expected texts are looked for in: the error, or a CLI's stdout and stderr


def outcome_of(fn: Callable[[], object]) -> Outcome:
    """Run ``fn`` once: read (returned, or a CLI exit 0/1), refused (AcqspecError, or a CLI exit 2) or crash."""
    try:
        value = fn()
    except AcqspecError as exc:
        return Outcome("refused", str(exc), str(exc))
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return Outcome("crash", f"{type(exc).__name__}: {exc}"[:500])
    exit_code = getattr(value, "exit_code", None)
    if exit_code is None:  # a reader's Document
        return Outcome("read")
    exception = getattr(value, "exception", None)
    if exception is not None and not isinstance(exception, SystemExit):
        return Outcome("crash", f"{type(exception).__name__}: {exception}"[:500])
    lines = [line for line in (value.stderr or "").splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    return Outcome("refused" if exit_code == 2 else "read", f"exit {exit_code}: {last}"[:500],
                   (value.stdout or "") + (value.stderr or ""))


def expect(kind: str, *needles: str) -> Callable[[Outcome], str | None]:
    """An expectation: the outcome's kind and the texts its message contains; returns what went wrong, or None."""
    def check(outcome: Outcome) -> str | None:
        if outcome.kind != kind:
            return f"expected {kind}, got {outcome.kind}: {outcome.detail}"
        missing = [n for n in needles if n.lower() not in outcome.text.lower()]
        return f"message lacks {missing}: {outcome.detail}" if missing else None
    return check


ANY_RESULT = expect("read")
"""For references: an ordinary input is read (a CLI exit of 0 or 1: findings are fine)."""


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    try:
        fn()
    except AcqspecError:
        pass
    return time.perf_counter() - start


@dataclass
class Case:
    group: str
    name: str
    run: Callable[[], object]
    check: Callable[[Outcome], str | None]
    reference_name: str
    reference: Callable[[], object]
    reference_check: Callable[[Outcome], str | None] = ANY_RESULT
    old_bound: float | None = None  # the seconds the test used to assert
    threshold: float = THRESHOLD


def measure(case: Case, runs: int) -> dict:
    """Warm up and check both outcomes, then time case and reference alternately, ``runs`` times each."""
    problems = []
    for what, fn, check in (("case", case.run, case.check), ("reference", case.reference, case.reference_check)):
        outcome = outcome_of(fn)
        problem = "crash: " + outcome.detail if outcome.kind == "crash" else check(outcome)
        if problem:
            problems.append(f"{what}: {problem}")
    if problems:
        return {"error": "; ".join(problems)}
    seconds, reference = [], []
    for _ in range(runs):
        seconds.append(timed(case.run))
        reference.append(timed(case.reference))
    best, best_reference = min(seconds), min(reference)
    ratio = best / best_reference if best_reference > 0 else float("inf")
    return {"seconds": best, "reference_seconds": best_reference, "ratio": ratio,
            "flagged": ratio > case.threshold, "runs_s": seconds, "reference_runs_s": reference,
            "within_old_bound": None if case.old_bound is None else best < case.old_bound}


# ======================================================================================
# Ordinary inputs
# ======================================================================================

_SENTENCES: list[str] = []


def sentences() -> list[str]:
    """The SOW-like sentences of bench/make_inputs.py (deterministic), ~330 KB of text."""
    if not _SENTENCES:
        for block in make_inputs.build_blocks(100):
            if block.kind in ("para", "item", "bullet") and block.text:
                _SENTENCES.append(" ".join(block.text.split()))
    return _SENTENCES


def ordinary_paragraphs(chars: int, *, size: int = 200) -> list[str]:
    """Paragraphs of about ``size`` characters of ordinary text, ``chars`` characters in all."""
    out, total, current, pool = [], 0, [], sentences()
    index = 0
    while total < chars:
        sentence = pool[index % len(pool)]
        index += 1
        current.append(sentence)
        total += len(sentence) + 1
        if sum(len(s) + 1 for s in current) >= size:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def ordinary_text(chars: int) -> str:
    """``chars`` characters (cut at a word) of ordinary running text."""
    text = " ".join(ordinary_paragraphs(chars + 200))
    return text[: text.rfind(" ", 0, chars) if len(text) > chars else len(text)]


_MARKDOWN: list[str] = []


def ordinary_markdown(chars: int) -> str:
    """At least ``chars`` characters of the benchmark's SOW Markdown (headings, lists, tables), cut at a line."""
    if not _MARKDOWN:
        _MARKDOWN.append(make_inputs.render_md(make_inputs.build_blocks(100)).decode("utf-8"))
    text = _MARKDOWN[0]
    while len(text) < chars:
        text += "\n" + _MARKDOWN[0]
    end = text.find("\n", chars)
    return text if end == -1 else text[: end + 1]


def ordinary_body(chars: int) -> str:
    return "".join(hostile.para(escape(p)) for p in ordinary_paragraphs(chars))


def ordinary_runs_body(runs: int, per_paragraph: int = 10) -> str:
    """``runs`` runs of one ordinary word each, ``per_paragraph`` to a paragraph."""
    words = " ".join(sentences()).split()
    out, run = [], 0
    while run < runs:
        chunk = words[run % len(words): run % len(words) + per_paragraph] or words[:per_paragraph]
        out.append("<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{escape(w)} </w:t></w:r>' for w in chunk)
                   + "</w:p>")
        run += len(chunk)
    return "".join(out)


class References:
    """Ordinary files, built once per size and shared by the cases that need that size."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir()
        self.cache: dict[tuple, Path] = {}

    def _path(self, suffix: str) -> Path:
        return self.folder / f"ref-{len(self.cache)}{suffix}"

    def docx_of_size(self, size: int) -> tuple[Path, str]:
        """An ordinary .docx of about ``size`` bytes on disk (at least MIN_REFERENCE_BYTES)."""
        size = max(size, MIN_REFERENCE_BYTES)
        key = ("docx-size", round(size / 16384))
        if key not in self.cache:
            path = self._path(".docx")
            chars = size * 3
            for _ in range(3):  # ordinary text deflates about 3:1; correct the guess from the real size
                hostile.docx(path, ordinary_body(chars))
                actual = path.stat().st_size
                if abs(actual - size) < size * 0.1:
                    break
                chars = int(chars * size / actual)
            self.cache[key] = path
        path = self.cache[key]
        return path, f"ordinary .docx, {path.stat().st_size / 1024:,.0f} KB on disk"

    def docx_of_text(self, chars: int) -> tuple[Path, str]:
        """An ordinary .docx holding ``chars`` characters of text in ~200-character paragraphs."""
        key = ("docx-text", chars)
        if key not in self.cache:
            path = self._path(".docx")
            hostile.docx(path, ordinary_body(chars))
            self.cache[key] = path
        return self.cache[key], f"ordinary .docx, {chars / 1e6:,.2f} M chars in paragraphs"

    def docx_body(self, body: str, description: str) -> tuple[Path, str]:
        key = ("docx-body", description)
        if key not in self.cache:
            path = self._path(".docx")
            hostile.docx(path, body)
            self.cache[key] = path
        return self.cache[key], description

    def profile_of_size(self, size: int) -> tuple[Path, str]:
        """The valid test profile, its ``description`` lengthened with ordinary text to reach ``size`` bytes.

        A long scalar, like the long hostile values, rather than comments (which the scanner skips cheaply).
        """
        base = hostile.BASE_PROFILE.read_text(encoding="utf-8")
        extra = size - len(base.encode())
        key = ("profile", extra // 4096 if extra > 0 else -1)
        if key not in self.cache:
            path = self._path(".yaml")
            text = base
            if extra > 0:
                text = base.replace("description: A test system.",
                                    "description: " + json.dumps(ordinary_text(extra), ensure_ascii=False), 1)
                assert text != base, "the test profile has no 'description: A test system.' line any more"
            path.write_text(text, encoding="utf-8")
            self.cache[key] = path
        path = self.cache[key]
        return path, f"valid profile, {path.stat().st_size / 1024:,.1f} KB"


# ======================================================================================
# The cases
# ======================================================================================

def reader(path: Path) -> Callable[[], object]:
    return lambda: read_document(path)


def cli(*args) -> Callable[[], object]:
    return lambda: hostile.invoke(*args)


def md_cases(tmp: Path, refs: References, scale: float) -> list[Case]:
    cases = []
    for unit in hostile.MARKDOWN_UNITS:
        text = unit * (int(200_000 * scale) // len(unit))
        reference = ordinary_markdown(len(text))
        cases.append(Case("md", f"unmatched {unit!r} x {len(text) // len(unit):,}",
                          lambda text=text: parse_text(text, "x.md", markdown=True), expect("read"),
                          f"SOW Markdown, {len(reference) / 1000:,.0f} KB",
                          lambda reference=reference: parse_text(reference, "x.md", markdown=True), old_bound=2.0))
    text = "# Title" + " " * int(200_000 * scale) + "end ##\n"
    reference = ordinary_markdown(len(text))
    cases.append(Case("md", f"heading with {int(200_000 * scale):,} spaces",
                      lambda: parse_text(text, "x.md", markdown=True), expect("read"),
                      f"SOW Markdown, {len(reference) / 1000:,.0f} KB",
                      lambda: parse_text(reference, "x.md", markdown=True), old_bound=1.0))
    return cases


def docx_cases(tmp: Path, refs: References, scale: float) -> list[Case]:
    """The hostile .docx set of tests/test_hostile_inputs.py (built at its own sizes)."""
    folder = tmp / "docx"
    folder.mkdir()
    built = hostile._hostile_docx(folder)
    read_references = {
        "paragraph of 1 MB": lambda: refs.docx_of_text(len("word " * 200_000)),
        "paragraph of 9.5 MB": lambda: refs.docx_of_text(len("word " * 1_900_000)),
        "250 nested paragraphs around 1 MB": lambda: refs.docx_of_text(len("word " * 200_000)),
        "50,000 tiny runs": lambda: refs.docx_body(ordinary_runs_body(50_000),
                                                   "ordinary .docx, 50,000 runs in 5,000 paragraphs"),
        "20,000 paragraphs 240 levels deep": lambda: refs.docx_body(hostile.para("Deep.") * 20_000,
                                                                    "the same 20,000 paragraphs, not nested"),
        # A template is cut to MAX_LEVEL_TEXT characters before any label is made from it, so the
        # reference is the longest one used whole: the ratio measures that the cut comes first.
        "list template of 40,000 characters": lambda: (hostile.numbered_docx(
            folder / "ref-lvltext.docx", 2000, fmt="decimal", start=1,
            level_text="%1" * (docx_reader.MAX_LEVEL_TEXT // 2)),
            f"the same 2,000 items, template of {docx_reader.MAX_LEVEL_TEXT // 2 * 2} characters (the longest used)"),
        "letter numbering from 10**10": lambda: (hostile.numbered_docx(
            folder / "ref-letters.docx", 10, fmt="lowerLetter", start=1, level_text="%1."),
            "the same 10 items numbered from 1"),
    }
    cases = []
    for name in hostile.DOCX_CASES:
        path, expected, needle = built[name]
        if expected == "read":
            ref_path, ref_name = read_references[name]()
            cases.append(Case("docx", name, reader(path), expect("read"), ref_name, reader(ref_path), old_bound=2.0))
        else:
            ref_path, ref_name = refs.docx_of_size(path.stat().st_size)
            cases.append(Case("docx", name, reader(path), expect("refused", needle, path.name), ref_name,
                              reader(ref_path), old_bound=1.0))
    return cases


def reader_cases(tmp: Path, refs: References, scale: float) -> list[Case]:
    """The tests/io/test_readers.py refusals whose input has a size worth timing, and its huge paragraph.

    Left out: the refusals decided by the first bytes or the file's metadata (an empty, renamed or random
    file, an OLE header, missing parts, a zip encryption flag, a .doc suffix, a missing file...), whose
    cost does not depend on any input size, and the cases already in the docx group (DTDs, XXE).
    """
    folder = tmp / "readers"
    folder.mkdir()
    cases = []

    def refusal(name: str, path: Path, needle: str) -> None:
        ref_path, ref_name = refs.docx_of_size(path.stat().st_size)
        cases.append(Case("readers", name, reader(path), expect("refused", needle, path.name), ref_name,
                          reader(ref_path), old_bound=1.0))

    refusal("zip bomb by ratio (11 MB of zeros)", readers.minimal_docx(
        folder / "bomb.docx", extra={"word/media/zeros.bin": b"\0" * (11 * 1024 * 1024)}), "zip bomb")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(30):
            archive.writestr(f"word/media/m{i}.bin", os.urandom(50_000))
    total = folder / "total.docx"
    total.write_bytes(readers._patch_central_directory(buffer.getvalue(), file_size=9_500_000))
    refusal("zip bomb by declared total (30 x 9.5 MB)", total, "zip bomb")
    liar = readers.minimal_docx(folder / "liar.docx", extra={
        "word/document.xml": readers._document_xml(readers._p("x")) + " " * (30 * 1024 * 1024)})
    data = bytearray(liar.read_bytes())
    position = data.find(b"PK\x01\x02")
    while position != -1:
        name_len = int.from_bytes(data[position + 28: position + 30], "little")
        if data[position + 46: position + 46 + name_len] == b"word/document.xml":
            data[position + 24: position + 28] = (1000).to_bytes(4, "little")
        position = data.find(b"PK\x01\x02", position + 4)
    liar.write_bytes(bytes(data))
    refusal("declared 1,000 B, inflates to 30 MB", liar, "damaged")
    refusal("XML nested 100,000 deep", readers.minimal_docx(
        folder / "deep.docx", "<w:sdt><w:sdtContent>" * 100_000 + "</w:sdtContent></w:sdt>" * 100_000),
        "malformed XML")
    cut = folder / "cut.docx"
    cut.write_bytes(readers.SOW_DOCX.read_bytes()[: readers.SOW_DOCX.stat().st_size // 2])
    refusal("truncated zip (half of sow.docx)", cut, "damaged or truncated")

    words, runs = int(200_000 * scale), int(20_000 * scale)
    big = readers.minimal_docx(folder / "big.docx", readers.huge_paragraph_body(words, runs))
    chars = len("word " * words) + len("".join(f"r{i} " for i in range(runs)))
    ref_path, ref_name = refs.docx_body(ordinary_body(len("word " * words)) + ordinary_runs_body(runs),
                                        f"ordinary .docx, {chars / 1e6:,.2f} M chars and {runs:,} runs in paragraphs")
    cases.append(Case("readers", f"paragraph of {words:,} words + one of {runs:,} runs", reader(big),
                      expect("read"), ref_name, reader(ref_path), old_bound=3.0))
    return cases


def pdf_cases(tmp: Path, refs: References, scale: float) -> list[Case]:
    """PDF page trees that repeat a page: refused once the repeated text passes the budget."""
    folder = tmp / "pdf"
    folder.mkdir()
    lines = pdf_bounds.TEXT_LINES
    hostile_pdfs = {
        "one page listed 4,999 times": pdf_bounds.page_tree_pdf([lines], pages=[0], kids=[0] * 4999),
        "4,999 pages sharing one content stream": pdf_bounds.page_tree_pdf([lines], pages=[0] * 4999,
                                                                          kids=list(range(4999))),
    }
    # The reader gets through (budget / page text) + 2 pages before refusing: the reference is an
    # ordinary PDF with that many *distinct* pages of the same layout, all of which it reads.
    probe = folder / "one.pdf"
    probe.write_bytes(pdf_bounds.page_tree_pdf([lines], pages=[0], kids=[0]))
    page_chars = []
    page_lines = pdf_reader._page_lines
    pdf_reader._page_lines = lambda pdf, index: (lambda out: page_chars.append(len(out[0])) or out)(
        page_lines(pdf, index))
    try:
        read_document(probe)
    finally:
        pdf_reader._page_lines = page_lines
    pages = pdf_reader.MAX_REPEATED_CHARS // page_chars[0] + 2
    distinct = folder / "distinct.pdf"
    distinct.write_bytes(pdf_bounds.page_tree_pdf([[f"{line} Page {n}." for line in lines] for n in range(pages)],
                                                  pages=list(range(pages)), kids=list(range(pages))))
    cases = []
    for name, data in hostile_pdfs.items():
        path = folder / f"{len(cases)}.pdf"
        path.write_bytes(data)
        cases.append(Case("pdf", name, reader(path), expect("refused", "repeats the text of page 1", path.name),
                          f"ordinary PDF, {pages} distinct pages", reader(distinct), old_bound=3.0))
    return cases


def yaml_cases(tmp: Path, refs: References, scale: float) -> list[Case]:
    """The YAML bombs and odd values of tests/test_hostile_inputs.py, as profiles given to ``generate``."""
    folder = tmp / "yaml"
    folder.mkdir()
    cases = []
    for number, (text, needle) in enumerate(hostile.YAML_BOMBS, 1):
        profile = folder / f"profile{number}.yaml"
        profile.write_text(text)
        ref_path, ref_name = refs.profile_of_size(len(text.encode()))
        preview = text[:22] + ("..." if len(text) > 22 else "")
        cases.append(Case("yaml", f"{preview!r} ({len(text.encode()):,} B)",
                          cli("generate", profile, "-L", hostile.GEN_LIBRARY, "--format", "md"),
                          expect("refused", needle, str(profile)), ref_name,
                          cli("generate", ref_path, "-L", hostile.GEN_LIBRARY, "--format", "md"), old_bound=2.0))
    return cases


def library_cases(tmp: Path, refs: References, scale: float) -> list[Case]:
    """Two ~1 MB near-identical clause texts in ``library validate`` (the near-duplicate check took 45 s)."""
    import yaml

    (tmp / "library-hostile").mkdir()
    lib = hostile.huge_clause_library(tmp / "library-hostile")
    texts = {}
    for clause in ("generative-ai/GA-01.yaml", "testing-evaluation/TE-01.yaml"):
        texts[clause] = len(yaml.safe_load((lib / clause).read_text())["text"])
    (tmp / "library-ordinary").mkdir()
    ordinary = hostile._library(tmp / "library-ordinary")
    for clause, chars in texts.items():  # the same clauses, with ordinary text of the same length
        data = yaml.safe_load((ordinary / clause).read_text())
        data["text"] = ordinary_text(chars)
        (ordinary / clause).write_text(yaml.safe_dump(data, sort_keys=False, width=10**6))
    te01 = lib / "testing-evaluation" / "TE-01.yaml"
    return [Case("library", "library validate, 2 clauses of ~1 MB near-identical text",
                 cli("library", "validate", lib), expect("refused", "[LIB007]", str(te01)),
                 "the same 2 clauses with ordinary text of the same length",
                 cli("library", "validate", ordinary), expect("refused", "[LIB007]"), old_bound=10.0)]


def check_cases(tmp: Path, refs: References, scale: float) -> list[Case]:
    """A 100,000-letter word checked against a baseline (the concept prefilter once built 5 GB of prefixes).

    Timed in-process and warm (pipeline loaded by the warm-up); the test's old bound, 10 s, was for a new
    process including start-up and loading the pipeline.
    """
    folder = tmp / "check"
    folder.mkdir()
    head = "STATEMENT OF WORK\n\nThe contractor shall deliver a test plan. "
    letters = int(100_000 * scale)
    doc = folder / "sow.txt"
    doc.write_text(head + "a" * letters + "\n")
    ref = folder / "ordinary.txt"
    ref.write_text(head + ordinary_text(letters) + "\n")
    args = ("--no-config", "--clauses", "TE-01,GA-01")
    return [Case("check", f"check, a word of {letters:,} letters", cli("check", doc, *args), expect("read"),
                 f"check, {letters:,} characters of ordinary text", cli("check", ref, *args), old_bound=10.0)]


def config_cases(tmp: Path, refs: References, scale: float) -> list[Case]:
    """A config naming "/" as the library: the walk is refused after MAX_LIBRARY_ENTRIES files."""
    hostile_dir, ordinary_dir = tmp / "config-root", tmp / "config-ordinary"
    for folder, library in ((hostile_dir, "/"), (ordinary_dir, str(default_library_dir()))):
        folder.mkdir()
        (folder / ".acqspec.toml").write_text(f"library = [{json.dumps(library)}]\n")
        (folder / "doc.md").write_text("The Contractor shall deliver a model card.\n")

    def with_root_limit(args):
        def run():
            saved = loader.MAX_LIBRARY_ENTRIES
            loader.MAX_LIBRARY_ENTRIES = ROOT_LIBRARY_ENTRIES
            try:
                return hostile.invoke(*args)
            finally:
                loader.MAX_LIBRARY_ENTRIES = saved
        return run

    return [Case("config", f'check with library = ["/"] (limit {ROOT_LIBRARY_ENTRIES:,} files)',
                 with_root_limit(("check", hostile_dir / "doc.md", "-j", "1")), expect("refused", "acqspec: error"),
                 "check with the bundled library", with_root_limit(("check", ordinary_dir / "doc.md", "-j", "1")),
                 old_bound=10.0)]


GROUPS = {"md": md_cases, "docx": docx_cases, "readers": reader_cases, "pdf": pdf_cases, "yaml": yaml_cases,
          "library": library_cases, "check": check_cases, "config": config_cases}


# ======================================================================================
# Report
# ======================================================================================

def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f}/{five:.2f}"


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')} load {_load()}] {message}", file=sys.stderr, flush=True)


def machine() -> dict:
    import acqspec

    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=30).stdout.strip() or "n/a"
        dirty = bool(subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                                    capture_output=True, text=True, timeout=30).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        commit, dirty = "n/a", False
    return {"nproc": os.cpu_count(), "cpu_model": model, "python": platform.python_version(),
            "platform": platform.platform(), "acqspec_commit": commit + ("+dirty" if dirty else ""),
            "acqspec_source": str(Path(acqspec.__file__).parent), "load_at_start": _load(),
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


def _seconds(value: float) -> str:
    return f"{value * 1000:,.1f} ms" if value < 1 else f"{value:,.2f} s"


def markdown(result: dict) -> str:
    m, c = result["machine"], result["config"]
    out = [f"# Hostile inputs: time as a ratio to an ordinary input of the same size\n",
           f"{m['cpu_model'] or 'CPU n/a'}, {m['nproc']} CPUs, Python {m['python']}, acqspec {m['acqspec_commit']}; "
           f"load {m['load_at_start']} at the start, {m['load_at_end']} at the end; {m['date']}.  "
           f"Best of {c['runs']} runs{' (--quick: smaller inputs)' if c['quick'] else ''}; "
           f"flagged above {c['threshold']:g}x.\n",
           "| Group | Case | Seconds | Reference | Ref. seconds | Ratio | Old test bound | |",
           "|---|---|--:|---|--:|--:|--:|---|"]
    for row in result["cases"]:
        old = f"< {row['old_bound_s']:g} s" if row["old_bound_s"] is not None else ""
        if "error" in row:
            out.append(f"| {row['group']} | {row['case']} | | {row['reference']} | | | {old} | "
                       f"**not measured**: {row['error'][:200]} |")
            continue
        mark = f"**FLAG** (> {row['threshold']:g}x)" if row["flagged"] else ""
        out.append(f"| {row['group']} | {row['case']} | {_seconds(row['seconds'])} | {row['reference']} | "
                   f"{_seconds(row['reference_seconds'])} | {row['ratio']:.2f} | {old} | {mark} |")
    measured = [r for r in result["cases"] if "error" not in r]
    flagged = [r for r in measured if r["flagged"]]
    worst = max(measured, key=lambda r: r["ratio"], default=None)
    out.append("")
    out.append(f"{len(measured)} of {len(result['cases'])} cases measured; {len(flagged)} flagged"
               + (f"; highest ratio {worst['ratio']:.2f} ({worst['group']}: {worst['case']})" if worst else "") + ".")
    errors = [r for r in result["cases"] if "error" in r]
    if errors:
        out.append(f"{len(errors)} case(s) did not behave as the tests expect; their figures are missing.")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_RUNS} runs, inputs scaled by {QUICK_SCALE} where their size is free")
    parser.add_argument("--runs", type=int, default=None, help=f"runs per measurement (default {RUNS}, "
                                                               f"{QUICK_RUNS} with --quick)")
    parser.add_argument("--threshold", type=float, default=THRESHOLD,
                        help=f"flag a ratio above this (default {THRESHOLD:g}; see THRESHOLD in the source)")
    parser.add_argument("--only", type=lambda s: [x.strip() for x in s.split(",") if x.strip()], default=None,
                        help=f"comma-separated groups: {', '.join(GROUPS)}")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the figures here")
    args = parser.parse_args()
    runs = args.runs or (QUICK_RUNS if args.quick else RUNS)
    scale = QUICK_SCALE if args.quick else 1.0
    groups = args.only or list(GROUPS)
    unknown = [g for g in groups if g not in GROUPS]
    if unknown or runs < 1:
        parser.error(f"unknown group(s) {unknown}; choose from {', '.join(GROUPS)}" if unknown else "--runs >= 1")

    result: dict = {"machine": machine(), "config": {"runs": runs, "quick": args.quick, "scale": scale,
                                                     "threshold": args.threshold, "groups": groups}, "cases": []}
    read_document(readers.SOW_DOCX)  # imports and first-use costs out of the first case
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp_name:
        tmp = Path(tmp_name)
        refs = References(tmp / "references")
        for group in groups:
            _log(f"building {group}")
            cases = GROUPS[group](tmp, refs, scale)
            for case in cases:
                case.threshold = args.threshold
                _log(f"{group}: {case.name}")
                row = {"group": case.group, "case": case.name, "reference": case.reference_name,
                       "old_bound_s": case.old_bound, "threshold": case.threshold, **measure(case, runs)}
                result["cases"].append(row)
    result["machine"]["load_at_end"] = _load()
    print(markdown(result), end="")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if any("error" in row for row in result["cases"]):
        return 2
    return 1 if any(row["flagged"] for row in result["cases"]) else 0


if __name__ == "__main__":
    sys.exit(main())
