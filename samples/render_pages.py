"""Generate the sample SOWs, convert them to PDF with LibreOffice and render chosen pages to PNG.

Looking at the pages is how layout problems are found (a matrix that takes half
the document, a header that wraps, a table column too narrow for its ids), so
this script does the whole round trip for every sample profile:

    profile → acqspec generate → .docx → soffice --convert-to pdf → pdftoppm → PNG

Usage (from the repository root, with acqspec installed; needs LibreOffice's
``soffice`` and poppler's ``pdftotext`` and ``pdftoppm``)::

    python samples/render_pages.py                          # every sample: page counts, matrix share, pages 1 and the first matrix page
    python samples/render_pages.py samples/profiles/cbp-face-capture.yaml --pages 1,5-6,matrix,last
    python samples/render_pages.py --out /tmp/pages --resolution 80
    python samples/render_pages.py --check                  # exit 1 if a matrix takes > 20% of the pages or LibreOffice warns
    python samples/render_pages.py --readme                 # rewrite the README's page images in samples/pages/
    python samples/render_pages.py --document section-l     # Section L of every sample (also section-m, qasp, all)
    python samples/render_pages.py --document all --pages first --check

``--pages`` takes page numbers, ranges (``3-5``) and the names ``first``,
``last``, ``matrix`` (the first page of the traceability matrix),
``matrix-all`` and ``appendix``.  The PNGs, the .docx and the .pdf of each
sample are written to ``--out`` (default: a new temporary folder, printed at
the end).  ``--document`` picks the document made from each profile (``sow``, the
default, ``section-l``, ``section-m``, ``qasp``, or ``all`` for the four); files other
than the SOW are named ``<profile>-<document>``.  LibreOffice runs with a user profile of its own in that folder, so a
desktop LibreOffice session is neither needed nor touched.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent
PROFILES = SAMPLES / "profiles"
README_PAGES = SAMPLES / "pages"
MATRIX_HEADING = re.compile(r"^\s*\S*\s*Traceability Matrix\s*$", re.MULTILINE)
APPENDIX_HEADING = "Appendix: Acquisition Profile and Selection Rationale"
MATRIX_SHARE_LIMIT = 0.20

# The launcher of a LibreOffice installed without Java prints this for every file it opens
# (an empty document too); it says nothing about the document.  Any other line is a warning.
LAUNCHER_NOTICES = ("Warning: failed to launch javaldx - java may not function correctly",)


@dataclass
class Rendered:
    """One sample after the round trip."""

    name: str
    docx: Path
    pdf: Path
    pages: int
    matrix: range
    warnings: list[str] = field(default_factory=list)
    images: list[Path] = field(default_factory=list)
    document: str = "sow"

    @property
    def matrix_share(self) -> float:
        return len(self.matrix) / self.pages if self.pages else 0.0


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


DOCUMENTS = ("sow", "section-l", "section-m", "qasp")


def generate_docx(profile: Path, target: Path, document: str = "sow") -> None:
    """``acqspec generate PROFILE --document DOCUMENT -o TARGET`` with the bundled library."""
    from acqspec.resources import default_library_dir

    if document == "sow":
        from acqspec.generate import build_spec
        from acqspec.generate.docx import spec_docx

        target.write_bytes(spec_docx(build_spec(profile, [default_library_dir()])))
        return
    from acqspec.generate.solicitation import build_solicitation
    from acqspec.generate.solicitation_docx import solicitation_docx

    target.write_bytes(solicitation_docx(build_solicitation(profile, [default_library_dir()]), document))


def convert_to_pdf(documents: list[Path], outdir: Path, *, lo_profile: Path,
                   timeout: float = 600) -> tuple[list[Path], list[str]]:
    """Convert with one ``soffice --headless --convert-to pdf`` run; return the PDFs and LibreOffice's warnings."""
    executable = soffice()
    if executable is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    pdfs = [outdir / (d.stem + ".pdf") for d in documents]
    for pdf in pdfs:  # LibreOffice would say "Overwriting: …"
        pdf.unlink(missing_ok=True)
    proc = subprocess.run([executable, f"-env:UserInstallation={lo_profile.resolve().as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)],
                          capture_output=True, text=True, timeout=timeout)
    lines = [line.strip() for line in (proc.stdout + "\n" + proc.stderr).splitlines() if line.strip()]
    warnings = [line for line in lines
                if not re.fullmatch(r"convert .+ -> .+ using filter : writer_pdf_Export", line)
                and line not in LAUNCHER_NOTICES]
    if proc.returncode != 0 or not all(p.is_file() for p in pdfs):
        warnings.append(f"soffice exited with {proc.returncode} and did not write every PDF")
    return pdfs, warnings


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext, form feeds between pages)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def matrix_pages(texts: list[str]) -> range:
    """1-based pages from the traceability matrix heading to the page before the appendix."""
    start = next((i for i, text in enumerate(texts, start=1) if MATRIX_HEADING.search(text)), None)
    if start is None:
        return range(0)
    end = next((i for i, text in enumerate(texts, start=1) if i > start and APPENDIX_HEADING in text),
               len(texts) + 1)
    return range(start, end)


def chosen_pages(spec: str, total: int, matrix: range, appendix: int | None) -> list[int]:
    """Page numbers named by a --pages value, in order, without repeats, within the document."""
    pages: list[int] = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        if part == "first":
            pages.append(1)
        elif part == "last":
            pages.append(total)
        elif part == "matrix":
            pages.extend(matrix[:1])
        elif part == "matrix-all":
            pages.extend(matrix)
        elif part == "appendix":
            pages.extend([appendix] if appendix else [])
        elif re.fullmatch(r"\d+-\d+", part):
            low, high = map(int, part.split("-"))
            pages.extend(range(low, high + 1))
        elif part.isdigit():
            pages.append(int(part))
        else:
            raise SystemExit(f"--pages: {part!r} is not a page number, a range or first/last/matrix/matrix-all/appendix")
    return [p for i, p in enumerate(pages) if 1 <= p <= total and p not in pages[:i]]


def render_png(pdf: Path, page: int, target_stem: Path, resolution: int) -> Path:
    """One page as ``<target_stem>.png`` (pdftoppm)."""
    subprocess.run(["pdftoppm", "-png", "-r", str(resolution), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(target_stem)], check=True)
    return target_stem.with_suffix(".png")


def round_trip(profiles: list[Path], out: Path, *, pages: str = "first,matrix",
               resolution: int = 60, documents_of: tuple[str, ...] = ("sow",)) -> list[Rendered]:
    """Generate, convert (one LibreOffice run for all) and render each profile's documents into ``out``."""
    documents, kinds = [], []
    for profile in profiles:
        for kind in documents_of:
            kinds.append(kind)
            documents.append(out / (f"{profile.stem}.docx" if kind == "sow" else f"{profile.stem}-{kind}.docx"))
            generate_docx(profile, documents[-1], kind)
    pdfs, warnings = convert_to_pdf(documents, out, lo_profile=out / "lo-profile")
    results = []
    for document, kind, pdf in zip(documents, kinds, pdfs):
        texts = page_texts(pdf) if pdf.is_file() else []
        matrix = matrix_pages(texts) if kind == "sow" else range(0)
        appendix = next((i for i, text in enumerate(texts, start=1) if APPENDIX_HEADING in text), None)
        result = Rendered(document.stem, document, pdf, len(texts), matrix, list(warnings), document=kind)
        for page in chosen_pages(pages, len(texts), matrix, appendix):
            result.images.append(render_png(pdf, page, out / f"{document.stem}-p{page:02d}", resolution))
        results.append(result)
    return results


def write_readme_pages(out: Path) -> list[Path]:
    """The README's images: page 1 and the first matrix page of the CBP sample, at 50 dpi."""
    (result,) = round_trip([PROFILES / "cbp-face-capture.yaml"], out, pages="first,matrix", resolution=50)
    README_PAGES.mkdir(exist_ok=True)
    targets = [README_PAGES / "cbp-sow-page.png", README_PAGES / "cbp-matrix-page.png"]
    for image, target in zip(result.images, targets):
        shutil.copyfile(image, target)
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("profiles", nargs="*", type=Path, help="profiles (default: every samples/profiles/*.yaml)")
    parser.add_argument("--pages", default="first,matrix",
                        help="pages to render: numbers, ranges, first, last, matrix, matrix-all, appendix")
    parser.add_argument("--out", type=Path, help="folder for the .docx, .pdf and .png files (default: a temp folder)")
    parser.add_argument("--resolution", type=int, default=60, help="PNG resolution in dpi (default 60)")
    parser.add_argument("--check", action="store_true",
                        help=f"exit 1 if a matrix exceeds {MATRIX_SHARE_LIMIT * 100:.0f}%% of the pages or LibreOffice warns")
    parser.add_argument("--readme", action="store_true", help="rewrite the README's images in samples/pages/")
    parser.add_argument("--document", choices=(*DOCUMENTS, "all"), default="sow",
                        help="document to make from each profile (default sow; all: the four)")
    args = parser.parse_args(argv)
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} (poppler-utils) is not installed")
    out = args.out or Path(tempfile.mkdtemp(prefix="acqspec-pages-"))
    out.mkdir(parents=True, exist_ok=True)
    if args.readme:
        for target in write_readme_pages(out):
            print(f"wrote {target.relative_to(SAMPLES.parent)} ({target.stat().st_size // 1024} KB)")
        return 0
    failed = False
    kinds = DOCUMENTS if args.document == "all" else (args.document,)
    for result in round_trip(args.profiles or sorted(PROFILES.glob("*.yaml")), out, pages=args.pages,
                             resolution=args.resolution, documents_of=kinds):
        span = f"{result.matrix.start}-{result.matrix.stop - 1}" if result.matrix else "none"
        print(f"{result.name}: {result.pages} pages" + (
            f", matrix pages {span} ({len(result.matrix)}/{result.pages} = {result.matrix_share:.0%})"
            if result.document == "sow" else ""))
        for warning in result.warnings:
            print(f"  LibreOffice: {warning}")
        for image in result.images:
            print(f"  {image}")
        failed |= bool(result.warnings) or result.matrix_share > MATRIX_SHARE_LIMIT
    print(f"output in {out}")
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
