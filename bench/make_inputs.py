"""Deterministic SOW-like benchmark inputs as .md, .docx and .pdf.

A document is a list of blocks (headings, numbered requirements, descriptive
paragraphs, "shall:" lead-ins with lettered items, bullets, deliverable
tables) drawn by a seeded :class:`random.Random` from templates written here,
mixed with clause texts and conflict wording from the shipped clause library.
The same seed and size give the same text, and the three renderers give the
same text in each format, so formats and sizes can be compared.

A "page" is :data:`WORDS_PER_PAGE` words; the PDF writer lays the text out on
US-letter pages (10 pt Helvetica, running header and "Page n of N" footer),
which comes to about that many words per page.  The PDF is written by hand
(base-14 fonts, Flate-compressed content streams) so a 1,000-page file takes
seconds and does not depend on LibreOffice; the .docx is written with
python-docx and re-packed with fixed timestamps.

Usage::

    python bench/make_inputs.py --pages 100 --format pdf    # prints the cached path
"""

from __future__ import annotations

import argparse
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 3
"""Bump when the generated text or layout changes; cached files are keyed by it."""
WORDS_PER_PAGE = 500
CACHE = Path(__file__).resolve().parent / ".cache"
FORMATS = ("md", "docx", "pdf")


# ======================================================================================
# Content
# ======================================================================================

@dataclass(frozen=True)
class Block:
    kind: str  # heading | para | item | bullet | table
    text: str = ""
    level: int = 0
    label: str = ""
    rows: tuple[tuple[str, ...], ...] = ()

    def words(self) -> int:
        if self.kind == "table":
            return sum(len(cell.split()) for row in self.rows for cell in row)
        return len(self.label.split()) + len(self.text.split())


_SECTIONS = [
    "Scope", "Background", "Applicable Documents", "Technical Requirements", "AI Model Documentation",
    "Data Management", "Privacy and Civil Liberties", "Security Requirements", "Testing and Evaluation",
    "Monitoring and Incident Response", "Human Oversight", "Training and Transition", "Deliverables",
    "Program Management", "Quality Assurance", "Records Management", "Accessibility", "Reporting",
    "Performance Standards", "Government-Furnished Information", "Place of Performance", "Key Personnel",
]
_SUBSECTIONS = [
    "General", "Model Cards", "Training Data Provenance", "Bias Testing", "Red Teaming", "Audit Logging",
    "Access Control", "Continuous Monitoring", "Notification", "Retention and Disposal", "Explainability",
    "Appeals and Redress", "Configuration Management", "Change Control", "Documentation", "Schedule",
    "Acceptance Criteria", "Operational Support", "Help Desk", "Status Reporting", "Risk Management",
]
_PARTIES = ["The Contractor", "The Contractor", "The Contractor", "The Offeror", "The vendor", "Contractor personnel",
            "The Government", "The Contracting Officer", "The COR", "The Contractor's project manager",
            "Altamira", "Each subcontractor"]
_MODALS = ["shall", "shall", "shall", "shall", "must", "will", "should", "may", "shall not", "is required to",
           "shall, to the extent practicable,"]
_ACTIONS = [
    "deliver a model card for each release of the {component}",
    "document the provenance of all training, validation and test data used by the {component}",
    "report any AI incident affecting the {component} to the COR",
    "retain audit logs of prompts, outputs and administrator actions for the {component}",
    "provide the Government with read-only access to evaluation results for the {program} program",
    "conduct bias testing of the {component} across the demographic groups identified by the Government",
    "submit a monthly status report on the {program} program to the Contracting Officer",
    "maintain a configuration baseline for every deployed version of the {component}",
    "notify the Contracting Officer of any material change to the {component}",
    "use Government data only to perform the {program} program",
    "encrypt {data} at rest and in transit using FIPS 140-3 validated modules",
    "support independent red-team testing of the {component} by a third party chosen by the Government",
    "delete {data} from all Contractor systems",
    "provide training on the {component} to Government analysts and case officers",
    "record every human override of a recommendation made by the {component}",
    "measure precision and recall of the {component} on the Government test set",
    "deliver the source code and model weights of the {component}",
    "maintain a plan of action and milestones for open findings in the {program} program",
    "respond to help desk tickets about the {component}",
    "review the outputs of the {component} for hallucinated citations",
    "provide documentation sufficient for an independent evaluator to reproduce the results of the {program} program",
    "keep the {component} available to users",
    "submit a transition-out plan for the {component}",
    "disclose the use of any third-party foundation model in the {component}",
    "screen all personnel with access to {data}",
    "{verb} the {deliverable} for the {program} program",
    "{verb} {data} in accordance with the {deliverable}",
]
_VERBS = ["prepare", "update", "submit", "review", "maintain", "deliver", "provide", "implement", "validate",
          "archive", "test", "document"]
_COMPONENTS = ["case assistant", "summarization service", "retrieval index", "document classifier",
               "translation service", "identity verification model", "fraud detection model", "chat interface",
               "data pipeline", "evaluation harness", "monitoring dashboard", "human review queue"]
# Mission areas qualify components and programs, so that a long document repeats
# a requirement (same action on the same thing) about as rarely as a real one.
_MISSIONS = ["intake", "benefits", "asylum", "customs", "border", "disaster", "grants", "payroll", "travel",
             "records", "FOIA", "cyber", "maritime", "aviation", "training", "procurement"]
_PROGRAMS = ["Refugee Processing", "Trusted Traveler", "Flood Mapping", "Entry Screening", "Grant Oversight",
             "Secure Flight", "Visa Review", "Cargo Targeting", "Emergency Housing", "Fraud Prevention",
             "Workforce Analytics", "Case Backlog", "Identity Management", "Port Security", "Records Digitization"]
_DATA = ["Government data", "case records", "personally identifiable information", "prompts and outputs",
         "training data", "evaluation data", "audit logs", "biometric templates", "applicant correspondence"]
_TAILS = [
    "", "", "", "", "",
    " within {n} {unit}", " within {word} ({n}) {unit}", " no later than {n} calendar days after award",
    " within {n} business days of discovery", " {freq}", " at least every {n} months",
    " for a minimum of {word} ({n}) days", " for at least {n} years after contract completion",
    " with at least {pct} percent accuracy", " at a rate of no less than {pct}%", " in a timely manner",
    " using industry-standard best practices", " as soon as possible", " within [TBD] days",
    " before deployment", " upon request", " if requested by the Contracting Officer",
]
_FREQS = ["monthly", "quarterly", "weekly", "annually", "daily", "every 90 days", "twice a year"]
_UNITS = ["hours", "days", "calendar days", "business days", "weeks", "months"]
_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 5: "five", 7: "seven", 10: "ten", 14: "fourteen", 15: "fifteen",
                 24: "twenty-four", 30: "thirty", 45: "forty-five", 60: "sixty", 72: "seventy-two", 90: "ninety"}
_OPENERS = ["", "", "", "", "If the Government requests, ", "Upon award, ", "Unless otherwise directed by the CO, ",
            "Before any production use, ", "When a model is retrained, ", "During the base period, "]
_DESCRIPTIVE = [
    "This section describes the work the {org} requires for the {system}.",
    "The {system} supports {users} who review {things} and decide each case.",
    "The {org} currently processes about {n},000 {things} each year at {sites} sites.",
    "Section {sec} lists the deliverables and their due dates.",
    "The {system} is a rights-impacting AI use case under OMB Memorandum M-24-10.",
    "Performance is measured against the standards in the Quality Assurance Surveillance Plan.",
    "The period of performance is one base year and four option years.",
    "The {org} expects the {system} to reduce backlog without replacing human judgment.",
    "These requirements apply to every model version deployed under the task order.",
    "Questions about this section are directed to the COR.",
]
_ORGS = ["Agency", "Department", "Bureau", "Program Office", "Government"]
_SYSTEMS = ["case assistant", "document routing service", "damage assessment model", "AI system", "solution"]
_USERS = ["adjudicators", "case officers", "analysts", "field office staff", "reviewers"]
_THINGS = ["applications", "claims", "case files", "images", "requests"]
_DELIVERABLES = ["Model card", "Test and evaluation report", "Monthly status report", "Incident report",
                 "Data management plan", "Bias assessment", "Red-team report", "Transition plan",
                 "Security plan", "Training materials", "Audit log extract", "Source code and weights"]
_RECIPIENTS = ["COR", "CO", "Program Office", "Privacy Officer", "CAIO"]
_DELIVERABLE_NAMES = [d.lower() for d in _DELIVERABLES]


class _Writer:
    """Draws blocks from one seeded random stream."""

    def __init__(self, rng: random.Random, clause_texts: list[str], conflicts: list[str]):
        self.rng = rng
        self.clause_texts = clause_texts
        self.conflicts = conflicts

    def number(self) -> tuple[int, str]:
        n = self.rng.choice(list(_NUMBER_WORDS))
        return n, _NUMBER_WORDS[n]

    def action(self) -> str:
        r = self.rng
        return r.choice(_ACTIONS).format(component=f"{r.choice(_MISSIONS)} {r.choice(_COMPONENTS)}",
                                         program=r.choice(_PROGRAMS), data=r.choice(_DATA), verb=r.choice(_VERBS),
                                         deliverable=r.choice(_DELIVERABLE_NAMES))

    def tail(self) -> str:
        n, word = self.number()
        return self.rng.choice(_TAILS).format(n=n, word=word, unit=self.rng.choice(_UNITS),
                                               freq=self.rng.choice(_FREQS), pct=self.rng.choice([90, 95, 98, 99]))

    def requirement(self) -> str:
        r = self.rng
        roll = r.random()
        if roll < 0.02 and self.conflicts:
            return r.choice(self.conflicts)
        if roll < 0.06:
            thing = self.action().split(" ", 1)[1]
            verb = r.choice(["reviewed", "approved", "updated", "tested"])
            return f"{thing[0].upper()}{thing[1:]} shall be {verb}{self.tail()}."
        opener = r.choice(_OPENERS)
        party = r.choice(_PARTIES)
        if opener:
            party = party[0].lower() + party[1:] if party.startswith("The ") else party
        return f"{opener}{party} {r.choice(_MODALS)} {self.action()}{self.tail()}."

    def description(self, section: str) -> str:
        r = self.rng
        n, _ = self.number()
        return r.choice(_DESCRIPTIVE).format(org=r.choice(_ORGS), system=r.choice(_SYSTEMS), users=r.choice(_USERS),
                                             things=r.choice(_THINGS), sites=n, n=n, sec=section)

    def section(self, number: int) -> list[Block]:
        r = self.rng
        label = f"C.{number}"
        blocks = [Block("heading", _SECTIONS[(number - 1) % len(_SECTIONS)].upper(), level=1, label=label)]
        blocks.append(Block("para", " ".join([self.description(label) for _ in range(r.randint(1, 3))]
                                             + [self.requirement() for _ in range(r.randint(0, 2))])))
        for sub in range(1, r.randint(3, 6)):
            sub_label = f"{label}.{sub}"
            blocks.append(Block("heading", r.choice(_SUBSECTIONS), level=2, label=sub_label))
            for item in range(1, r.randint(3, 7)):
                roll = r.random()
                if roll < 0.55:
                    blocks.append(Block("para", " ".join(self.requirement() for _ in range(r.randint(1, 3))),
                                        label=f"{sub_label}.{item}"))
                elif roll < 0.70:
                    party = r.choice(_PARTIES[:6])
                    blocks.append(Block("para", f"{party} shall:", label=f"{sub_label}.{item}"))
                    for letter in "abcdefg"[:r.randint(2, 6)]:
                        action = self.action()
                        blocks.append(Block("item", f"{action}{self.tail()};", label=f"({letter})"))
                elif roll < 0.80:
                    blocks.append(Block("para", self.description(sub_label) + " The following apply:"))
                    for _ in range(r.randint(2, 5)):
                        blocks.append(Block("bullet", self.requirement()))
                elif roll < 0.88:
                    blocks.append(Block("para", r.choice(self.clause_texts), label=f"{sub_label}.{item}"))
                elif roll < 0.94:
                    blocks.append(Block("table", rows=self.table()))
                else:
                    blocks.append(Block("para", " ".join(self.description(sub_label) for _ in range(r.randint(2, 4)))))
        return blocks

    def table(self) -> tuple[tuple[str, ...], ...]:
        r = self.rng
        rows = [("No.", "Deliverable", "Due", "Frequency", "Recipient")]
        for i in range(1, r.randint(3, 7)):
            n, _ = self.number()
            rows.append((str(i), r.choice(_DELIVERABLES), f"{n} days after award", r.choice(_FREQS),
                         r.choice(_RECIPIENTS)))
        return tuple(rows)


def _library_texts() -> tuple[list[str], list[str]]:
    from acqspec.library.loader import load_catalog
    from acqspec.library.views import rendered_text
    from acqspec.resources import default_library_dir

    catalog = load_catalog([default_library_dir()])
    clauses = sorted(catalog.clauses(), key=lambda c: c.id)
    return [rendered_text(c) for c in clauses], [k.statement for c in clauses for k in c.conflicts]


def build_blocks(pages: int, seed: int = 6) -> list[Block]:
    """About ``pages * WORDS_PER_PAGE`` words of SOW text (same seed: a smaller size is a prefix)."""
    clause_texts, conflicts = _library_texts()
    writer = _Writer(random.Random(seed), clause_texts, conflicts)
    blocks = [Block("heading", "STATEMENT OF WORK", level=0),
              Block("para", 'This Statement of Work is issued to Altamira Analytics LLC (the "Contractor") by the '
                            'Department of Homeland Security (the "Department") for an AI-enabled case assistant.')]
    words, number = sum(b.words() for b in blocks), 0
    target = pages * WORDS_PER_PAGE
    while words < target:
        number += 1
        for block in writer.section(number):
            blocks.append(block)
            words += block.words()
            if words >= target:
                break
    return blocks


def word_count(blocks: list[Block]) -> int:
    return sum(b.words() for b in blocks)


# ======================================================================================
# Markdown
# ======================================================================================

def render_md(blocks: list[Block]) -> bytes:
    out: list[str] = []
    for b in blocks:
        if b.kind == "heading":
            out.append(f"{'#' * (b.level + 1)} {(b.label + ' ') if b.label else ''}{b.text}")
        elif b.kind == "para":
            out.append(f"{(b.label + ' ') if b.label else ''}{b.text}")
        elif b.kind == "item":
            out.append(f"{b.label} {b.text}")
        elif b.kind == "bullet":
            out.append(f"- {b.text}")
        elif b.kind == "table":
            header, *rows = b.rows
            lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            lines += ["| " + " | ".join(row) + " |" for row in rows]
            out.append("\n".join(lines))
        out.append("")
    return "\n".join(out).encode("utf-8")


# ======================================================================================
# Word
# ======================================================================================

def render_docx(blocks: list[Block]) -> bytes:
    import docx
    from docx.shared import Pt

    from acqspec.io.docx_out import docx_bytes, set_properties

    document = docx.Document()
    set_properties(document, title="Benchmark statement of work")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Department of Homeland Security - Statement of Work (benchmark)"
    section.footer.paragraphs[0].text = "For official use only"
    styles = {name: document.styles[name] for name in ("Title", "Heading 1", "Heading 2", "Normal", "List Bullet",
                                                       "Table Grid")}
    body_font = styles["Normal"].font
    body_font.size = Pt(11)
    for b in blocks:
        if b.kind == "heading":
            style = styles["Title"] if b.level == 0 else styles[f"Heading {b.level}"]
            document.add_paragraph(f"{(b.label + ' ') if b.label else ''}{b.text}", style=style)
        elif b.kind in ("para", "item"):
            document.add_paragraph(f"{(b.label + ' ') if b.label else ''}{b.text}", style=styles["Normal"])
        elif b.kind == "bullet":
            document.add_paragraph(b.text, style=styles["List Bullet"])
        elif b.kind == "table":
            table = document.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            table.style = styles["Table Grid"]
            for row, values in zip(table.rows, b.rows):
                for cell, value in zip(row.cells, values):
                    cell.text = value
    return docx_bytes(document)


# ======================================================================================
# PDF
# ======================================================================================

# Helvetica advance widths (1/1000 em) for ASCII 32..126, from the base-14 AFM metrics.
_HELVETICA = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
              556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722,
              278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278,
              278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556,
              556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584]
_PAGE_W, _PAGE_H, _MARGIN = 612, 792, 72
_TOP, _BOTTOM = _PAGE_H - 72, 72


def _width(text: str, size: float, bold: bool = False) -> float:
    total = sum(_HELVETICA[ord(c) - 32] if 32 <= ord(c) < 127 else 556 for c in text)
    return total * size / 1000 * (1.06 if bold else 1.0)


def _wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and _width(trial, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _layout(blocks: list[Block]) -> list[list[tuple[float, float, str, float, str]]]:
    """Pages of text runs ``(x, y, font, size, text)``; y is the baseline."""
    pages: list[list[tuple[float, float, str, float, str]]] = [[]]
    y = _TOP
    width = _PAGE_W - 2 * _MARGIN

    def need(height: float) -> None:
        nonlocal y
        if y - height < _BOTTOM:
            pages.append([])
            y = _TOP

    def lines(text: str, x: float, size: float, font: str, gap: float, label: str = "") -> None:
        nonlocal y
        wrapped = _wrap(text, size, width - (x - _MARGIN), font == "F2")
        leading = size * 1.2
        y -= gap
        for i, line in enumerate(wrapped):
            need(leading)
            y -= leading
            if i == 0 and label:
                pages[-1].append((x - 18, y, font, size, label))
            pages[-1].append((x, y, font, size, line))

    for b in blocks:
        if b.kind == "heading":
            need(50)  # keep a heading with the text that follows
            size = 14 if b.level <= 1 else 12
            lines(f"{(b.label + ' ') if b.label else ''}{b.text}", _MARGIN, size, "F2", 14)
        elif b.kind == "para":
            lines(f"{(b.label + ' ') if b.label else ''}{b.text}", _MARGIN, 10, "F1", 6)
        elif b.kind == "item":
            lines(b.text, _MARGIN + 36, 10, "F1", 3, label=b.label)
        elif b.kind == "bullet":
            lines(b.text, _MARGIN + 36, 10, "F1", 3, label="\u2022")
        elif b.kind == "table":
            columns = [0, 30, 190, 300, 390]
            y -= 8
            for r, row in enumerate(b.rows):
                cells = [_wrap(cell, 9.5, (columns[i + 1] if i + 1 < len(columns) else width) - columns[i] - 6,
                               r == 0) for i, cell in enumerate(row)]
                height = max(len(c) for c in cells) * 12 + 4
                need(height)
                for i, cell in enumerate(cells):
                    for k, line in enumerate(cell):
                        pages[-1].append((_MARGIN + columns[i], y - 12 * (k + 1), "F2" if r == 0 else "F1", 9.5, line))
                y -= height
    return pages


def render_pdf(blocks: list[Block]) -> bytes:
    pages = _layout(blocks)
    total = len(pages)
    objects: list[bytes | None] = []

    def add(body: bytes | None) -> int:
        objects.append(body)
        return len(objects)

    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    page_ids, content_ids = [], []
    for number, runs in enumerate(pages, 1):
        runs = [(_MARGIN, _PAGE_H - 48, "F1", 9, "Department of Homeland Security - Statement of Work (benchmark)"),
                *runs, (_PAGE_W / 2 - 30, 40, "F1", 9, f"Page {number} of {total}")]
        ops = [b"BT /%s %.1f Tf %.2f %.2f Td %s Tj ET" % (font.encode(), size, x, y, _pdf_string(text))
               for x, y, font, size, text in runs]
        stream = zlib.compress(b"\n".join(ops), 6)
        content_ids.append(add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
                               + b"\nendstream"))
        page_ids.append(add(None))
    pages_id = add(None)
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    for content, page in zip(content_ids, page_ids):
        objects[page - 1] = (b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                             b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                             % (pages_id, _PAGE_W, _PAGE_H, regular, bold, content))
    kids = b" ".join(b"%d 0 R" % page for page in page_ids)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


_RENDERERS = {"md": render_md, "docx": render_docx, "pdf": render_pdf}


# ======================================================================================
# Cache
# ======================================================================================

def sample_path(pages: int, fmt: str, *, seed: int = 6, cache: Path = CACHE) -> Path:
    """The cached input for ``pages`` and ``fmt``, written on first use."""
    path = cache / f"v{GENERATOR_VERSION}" / f"sow-{pages}p-s{seed}.{fmt}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        data = _RENDERERS[fmt](build_blocks(pages, seed))
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


FOLDER_PAGES = (1, 2, 3, 5, 10)
"""Sizes of the documents in the folder benchmark, cycled (mean 4.2 pages, ~2,100 words)."""


def folder_path(count: int = 200, *, cache: Path = CACHE) -> Path:
    """A folder of ``count`` documents of mixed size and format (md, docx, pdf in turn)."""
    folder = cache / f"v{GENERATOR_VERSION}" / f"folder-{count}"
    done = folder / ".complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        fmt = FORMATS[i % len(FORMATS)]
        pages = FOLDER_PAGES[i % len(FOLDER_PAGES)]
        target = folder / f"doc-{i:03d}-{pages}p.{fmt}"
        if not target.exists():
            target.write_bytes(_RENDERERS[fmt](build_blocks(pages, seed=1000 + i)))
    done.write_text("ok\n")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description="Write (or find) a cached benchmark input and print its path.")
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--format", choices=FORMATS, default="md")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    print(sample_path(args.pages, args.format, seed=args.seed))


if __name__ == "__main__":
    main()
