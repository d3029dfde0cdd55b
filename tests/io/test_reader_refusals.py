"""Every input the document readers refuse, as one table.

A case is an id, a builder (a function of ``tmp_path`` that writes the
hostile or broken input and returns its path), the fragment of acqspec's own
message it must produce (never a dependency's wording), and optionally reader
keyword arguments, a bound on the Python memory allocated while refusing, and
limits monkeypatched down so a small input trips them.  One test checks each
case keeps the house rule: a ReadError on one line that names the file, and
no input (nor anything beside it) changed.

What the readers return for the inputs they accept is tested in
test_readers.py; timing the hostile inputs is bench/bench_hostile.py's job.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tracemalloc
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from reader_builders import (BILLION_LAUGHS, FIXTURES, REL_BASE, ROOT_RELS, SOW_DOCX, W_NS, XXE, _content_types,
                      _document_xml, _make_fixtures, _p, _patch_central_directory, minimal_docx, random_bytes,
                      write_zip)

from acqspec.errors import ReadError
from acqspec.io.readers import SUPPORTED_SUFFIXES, read_document

Builder = Callable[[Path], Path]


@dataclass(frozen=True)
class Refusal:
    id: str
    build: Builder
    fragment: str
    """Must occur in the message, exactly as acqspec words it."""
    also: tuple[str, ...] = ()
    """More fragments that must occur."""
    absent: tuple[str, ...] = ()
    """Fragments that must not occur."""
    kwargs: Mapping[str, object] = field(default_factory=dict)
    """Keyword arguments for read_document."""
    memory_mb: float | None = None
    """Bound on the peak of Python allocations (tracemalloc) while refusing."""
    limits: Mapping[str, int] = field(default_factory=dict)
    """``"module.NAME": value`` monkeypatched before reading."""


# --- builders ----------------------------------------------------------------------


def file_with(name: str, content: bytes) -> Builder:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(content)
        return path
    return build


def fixture(name: str, saved_as: str | None = None) -> Builder:
    """A copy of a committed fixture of tests/fixtures/readers, under its own name or ``saved_as``."""
    return lambda tmp: Path(shutil.copy(FIXTURES / name, tmp / (saved_as or name)))


def docx(name: str, body_xml: str = "", **options) -> Builder:
    """A minimal package (see builders.minimal_docx) with ``body_xml`` or parts replaced, added or dropped."""
    return lambda tmp: minimal_docx(tmp / name, body_xml, **options)


def not_there(name: str) -> Builder:
    return lambda tmp: tmp / name


def folder(name: str) -> Builder:
    def build(tmp: Path) -> Path:
        (tmp / name).mkdir()
        return tmp / name
    return build


def fifo(name: str) -> Builder:
    def build(tmp: Path) -> Path:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes on this platform")
        os.mkfifo(tmp / name)
        return tmp / name
    return build


def symlink_loop(name: str) -> Builder:
    def build(tmp: Path) -> Path:
        (tmp / name).symlink_to(tmp / name)
        return tmp / name
    return build


def truncated_sow(tmp: Path) -> Path:
    path = tmp / "cut.docx"
    path.write_bytes(SOW_DOCX.read_bytes()[: SOW_DOCX.stat().st_size // 2])
    return path


def ole_file(name: str, stream: str) -> Builder:
    """The header of an OLE compound file and one directory entry name (UTF-16)."""
    return file_with(name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + stream.encode("utf-16-le")
                     + b"\x00" * 1024)


def bomb_by_ratio(tmp: Path) -> Path:
    return minimal_docx(tmp / "bomb.docx", extra={"word/media/zeros.bin": b"\0" * (11 * 1024 * 1024)})


def bomb_by_declared_total(tmp: Path) -> Path:
    # Each member claims 9.5 MB from 50 KB (190:1, under the ratio rule); together they exceed 256 MB.
    members = {f"word/media/m{i}.bin": random_bytes(50_000, seed=i) for i in range(30)}
    path = write_zip(tmp / "total.docx", members, zipfile.ZIP_STORED)
    path.write_bytes(_patch_central_directory(path.read_bytes(), file_size=9_500_000))
    return path


def lying_declared_size(tmp: Path) -> Path:
    # document.xml claims 1,000 bytes but inflates to 30 MB: reading stops at the claim.
    big = _document_xml(_p("x")) + " " * (30 * 1024 * 1024)
    path = minimal_docx(tmp / "liar.docx", extra={"word/document.xml": big})
    path.write_bytes(_patch_central_directory(path.read_bytes(), member="word/document.xml", file_size=1000))
    return path


def nested_100000_deep(tmp: Path) -> Path:
    depth = 100_000
    return minimal_docx(tmp / "deep.docx", "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth)


def zip_encrypted(tmp: Path) -> Path:
    data = minimal_docx(tmp / "src.docx").read_bytes()
    (tmp / "src.docx").unlink()
    path = tmp / "zipcrypt.docx"
    path.write_bytes(_patch_central_directory(data, flag_bits=1))
    return path


def bzip2_member(tmp: Path) -> Path:
    path = minimal_docx(tmp / "bzip2.docx")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("word/media/image.bin", b"abc" * 100, compress_type=zipfile.ZIP_BZIP2)
    return path


def bare_package(name: str, body_xml: str) -> Builder:
    """Only the three parts a package needs, the body as given."""
    return lambda tmp: write_zip(tmp / name, {"[Content_Types].xml": _content_types(), "_rels/.rels": ROOT_RELS,
                                              "word/document.xml": _document_xml(body_xml)})


def letterhead_only(tmp: Path) -> Path:
    import docx as python_docx

    document = python_docx.Document()
    document.sections[0].header.paragraphs[0].text = "ACME Corporation letterhead"
    path = tmp / "letterhead.docx"
    document.save(str(path))
    return path


def pdf(name: str, pages: list[list]) -> Builder:
    """A small PDF from make_fixtures.pdf_bytes: each page a list of (x, y, size, text) or raw operators."""
    return lambda tmp: file_with(name, _make_fixtures().pdf_bytes(pages))(tmp)


def truncated_pdf(tmp: Path) -> Path:
    data = (FIXTURES / "layout.pdf").read_bytes()
    return file_with("cut.pdf", data[: len(data) // 2])(tmp)


def _rels(*relationships: str) -> str:
    return ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(relationships) + "</Relationships>")


MAIN_ELSEWHERE = _rels(f'<Relationship Id="rId1" Type="{REL_BASE}/officeDocument" Target="word/elsewhere.xml"/>')
MAIN_EXTERNAL = _rels(f'<Relationship Id="rId1" Type="{REL_BASE}/officeDocument" '
                      'Target="http://example.com/document.xml" TargetMode="External"/>')
DANGLING_STYLES = _rels(f'<Relationship Id="rId9" Type="{REL_BASE}/styles" Target="missing-styles.xml"/>')
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
INSERTED_ONLY = ('<w:p><w:ins w:id="1" w:author="Reviewer" w:date="2024-01-01T00:00:00Z">'
                 "<w:r><w:t>Added in review.</w:t></w:r></w:ins></w:p>")
DELETED_ONLY = ('<w:p><w:del w:id="1" w:author="Reviewer" w:date="2024-01-01T00:00:00Z">'
                "<w:r><w:delText>Deleted in review.</w:delText></w:r></w:del></w:p>")
PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))

DOCX = "acqspec.io.readers.docx."
PDF = "acqspec.io.readers.pdf."
COMMON = "acqspec.io.readers._common."

# --- the table ---------------------------------------------------------------------

CASES: list[Refusal] = [
    # .docx: not a zip package at all
    Refusal("docx-text-file-renamed", file_with("notes.docx", b"just some text, not a zip\n"), "not a zip package"),
    Refusal("docx-random-binary", file_with("noise.docx", random_bytes(4096)), "not a zip package"),
    Refusal("docx-pdf-renamed", fixture("layout.pdf", saved_as="layout.docx"), "not a zip package"),
    Refusal("docx-empty-file", file_with("empty.docx", b""), "file is empty"),
    Refusal("docx-truncated-zip", truncated_sow, "damaged or truncated"),
    Refusal("docx-ole-password-protected", ole_file("locked.docx", "EncryptedPackage"), "encrypted or legacy .doc",
            also=("password",)),
    Refusal("docx-ole-legacy-doc", ole_file("legacy.docx", "WordDocument"), "encrypted or legacy .doc",
            absent=("password",)),
    # .docx: the central directory
    Refusal("docx-zip-bomb-by-ratio", bomb_by_ratio, "refusing a likely zip bomb", memory_mb=100),
    Refusal("docx-zip-bomb-by-declared-total", bomb_by_declared_total, "refusing a likely zip bomb",
            memory_mb=100),
    Refusal("docx-declared-size-lie", lying_declared_size, "is a damaged .docx (zip member word/document.xml",
            memory_mb=100),
    Refusal("docx-zip-encryption", zip_encrypted, "zip member [Content_Types].xml is encrypted"),
    Refusal("docx-bzip2-member", bzip2_member, "zip member word/media/image.bin uses unsupported compression"),
    Refusal("docx-too-many-members", docx("many.docx", extra={"a.bin": b"1", "b.bin": b"2"}),
            "members; the limit is 3", limits={DOCX + "MAX_MEMBERS": 3}),
    # .docx: the XML parts
    Refusal("docx-xml-over-budget", docx("xml.docx", _p("word " * 500)), "XML parts expand to",
            limits={DOCX + "MAX_XML_TOTAL": 1000}),
    Refusal("docx-too-many-tags", docx("tags.docx", "<w:p/>" * 20), "XML parts hold more than 10 tags",
            limits={DOCX + "MAX_XML_TAGS": 10}),
    Refusal("docx-billion-laughs", docx("laughs.docx", extra={"word/document.xml": BILLION_LAUGHS}),
            "declares a DTD", memory_mb=100),
    Refusal("docx-external-entity", docx("xxe.docx", extra={"word/document.xml": XXE}), "declares a DTD",
            memory_mb=100),
    Refusal("docx-dtd-in-custom-part", docx("dtd2.docx", extra={"docProps/custom.xml": XXE}),
            "docProps/custom.xml", also=("declares a DTD",)),
    Refusal("docx-dtd-in-content-types", docx("dtd3.docx", extra={"[Content_Types].xml": XXE}),
            "[Content_Types].xml: it declares a DTD"),
    Refusal("docx-latin1-xml", docx("latin1.docx", extra={"word/document.xml": _document_xml(_p("x")).replace(
        'encoding="UTF-8"', 'encoding="ISO-8859-1"')}), "encoding 'ISO-8859-1' is not allowed"),
    Refusal("docx-utf32-xml", docx("utf32.docx", extra={"word/document.xml": _document_xml(_p("x")).encode("utf-32")}),
            "only UTF-8 and UTF-16 XML is allowed"),
    Refusal("docx-nested-100000-deep", nested_100000_deep, "has a malformed XML part", memory_mb=100),
    Refusal("docx-malformed-xml", docx("broken.docx", extra={"word/document.xml": "<w:document><w:body>"}),
            "malformed XML part"),
    Refusal("docx-malformed-content-types", docx("badct.docx", extra={"[Content_Types].xml": "<Types"}),
            "[Content_Types].xml is not well-formed XML"),
    Refusal("docx-malformed-root-rels", docx("badrels.docx", extra={"_rels/.rels": "<Relationships"}),
            "_rels/.rels is not well-formed XML"),
    # .docx: the package's structure
    Refusal("docx-no-content-types", docx("noct.docx", drop=("[Content_Types].xml",)),
            "[Content_Types].xml is missing"),
    Refusal("docx-no-main-part", docx("nodoc.docx", drop=("word/document.xml",)),
            "main document part (word/document.xml) is missing"),
    Refusal("docx-main-part-elsewhere", docx("elsewhere.docx", extra={"_rels/.rels": MAIN_ELSEWHERE}),
            "main document part (word/elsewhere.xml) is missing"),
    Refusal("docx-main-part-external", docx("external.docx", extra={"_rels/.rels": MAIN_EXTERNAL}),
            "main document part (word/document.xml) is missing"),
    Refusal("docx-no-root-rels", docx("norels.docx", drop=("_rels/.rels",)), "_rels/.rels is missing"),
    Refusal("docx-spreadsheet-content-type", docx("sheet.docx", main_type=SPREADSHEET), "not a Word document"),
    Refusal("docx-root-not-w-document", docx("root.docx", extra={
        "word/document.xml": f'<w:body xmlns:w="{W_NS}">{_p("x")}</w:body>'}), "root element"),
    Refusal("docx-dangling-styles-relationship", docx("dangling.docx", extra={
        "word/_rels/document.xml.rels": DANGLING_STYLES}), "is not a readable Word package"),
    # .docx: read, but no text
    Refusal("docx-no-paragraphs", bare_package("blank.docx", ""), "document has no text"),
    Refusal("docx-blank-paragraphs", bare_package("blank.docx", "<w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p>"),
            "document has no text"),
    Refusal("docx-letterhead-only", letterhead_only, "document has no text"),
    Refusal("docx-only-deletions", docx("deleted.docx", DELETED_ONLY), "document has no text"),
    Refusal("docx-only-insertions-original-view", docx("inserted.docx", INSERTED_ONLY), "document has no text",
            kwargs={"revisions": "original"}),

    # .pdf
    Refusal("pdf-scanned", fixture("scanned.pdf"), "has no text layer (scanned?); OCR is not supported"),
    Refusal("pdf-encrypted", fixture("encrypted.pdf"), "is encrypted (password-protected)"),
    Refusal("pdf-garbage-after-header", file_with("broken.pdf", b"%PDF-1.4\n" + b"garbage " * 200),
            "not a readable PDF"),
    Refusal("pdf-truncated", truncated_pdf, "not a readable PDF"),
    Refusal("pdf-no-pages", pdf("nopages.pdf", []), "not a readable PDF"),
    Refusal("pdf-text-renamed", file_with("notes.pdf", b"plain text renamed to .pdf\n"), "not a PDF file"),
    Refusal("pdf-empty-file", file_with("empty.pdf", b""), "not a PDF file"),
    Refusal("pdf-page-limit", fixture("layout.pdf"), "PDF has 3 pages; the limit is 2", limits={PDF + "MAX_PAGES": 2}),
    Refusal("pdf-text-over-limit", pdf("text.pdf", [[(72, 700, 11, "Some text on page one.")]]),
            "PDF text layer exceeds 5 characters", limits={PDF + "MAX_CHARS": 5}),

    # .txt, .md
    Refusal("txt-binary-nul", file_with("binary.txt", b"PK\x03\x04\x00\x00binary"), "contains NUL bytes"),
    Refusal("md-binary-png", file_with("image.md", PNG_HEAD), "contains NUL bytes"),
    Refusal("txt-control-characters", file_with("control.txt", bytes(range(1, 32)) * 20),
            "contains control characters"),
    Refusal("md-empty", file_with("empty.md", b""), "document has no text"),
    Refusal("txt-blank", file_with("blank.txt", b"  \n\t\n\r\n"), "document has no text"),
    Refusal("md-code-only", file_with("code-only.md", b"```\ncode\n```\n"), "document has no text"),
    Refusal("md-comment-only", file_with("comment.md", b"<!-- a reviewer's note -->\n"), "document has no text"),

    # any format: the suffix, the file system, the size limit
    Refusal("doc-suffix", file_with("old.doc", b"\xd0\xcf\x11\xe0"),
            "unsupported file type .doc; save it as .docx first",
            also=("supported: " + ", ".join(SUPPORTED_SUFFIXES),)),
    Refusal("docm-suffix", file_with("macros.docm", b"PK\x03\x04"), "save it as .docx (without macros) first"),
    Refusal("odt-suffix", file_with("draft.odt", b"PK\x03\x04"), "unsupported file type .odt; save it as .docx first"),
    Refusal("no-suffix", not_there("noext"), "unsupported file type (none)"),
    Refusal("docx-missing", not_there("missing.docx"), "cannot read file"),
    Refusal("pdf-missing", not_there("missing.pdf"), "cannot read file"),
    Refusal("txt-nul-in-path", not_there("nul\x00name.txt"), "cannot read file"),
    Refusal("pdf-nul-in-path", not_there("nul\x00name.pdf"), "cannot read file"),
    Refusal("md-symlink-loop", symlink_loop("loop.md"), "cannot read file"),
    Refusal("pdf-directory", folder("folder.pdf"), "not a regular file"),
    Refusal("txt-named-pipe", fifo("pipe.txt"), "not a regular file"),
    Refusal("txt-over-size-limit", file_with("big.txt", b"x" * 100), "the limit is 50 bytes",
            limits={COMMON + "MAX_FILE_BYTES": 50}),
    Refusal("docx-over-size-limit", fixture("sow.docx"), "the limit is 50 bytes",
            limits={COMMON + "MAX_FILE_BYTES": 50}),
    Refusal("pdf-over-size-limit", fixture("layout.pdf"), "the limit is 50 bytes",
            limits={COMMON + "MAX_FILE_BYTES": 50}),
]


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


# --- the test ----------------------------------------------------------------------


def tree(top: Path) -> dict[str, object]:
    """Everything under ``top``: each file's SHA-256, link targets, the kind of anything else (never opened)."""
    found: dict[str, object] = {}
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            path = Path(root) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[str(path.relative_to(top))] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                found[str(path.relative_to(top))] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[str(path.relative_to(top))] = stat.S_IFMT(info.st_mode)
    return found


def shown(name: str) -> str:
    """A file name as a one-line message shows it: unprintable characters escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_reader_refuses(case: Refusal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = case.build(tmp_path)
    assert tmp_path in path.parents
    for target, value in case.limits.items():
        monkeypatch.setattr(target, value)
    before = tree(tmp_path)

    if case.memory_mb is not None:
        tracemalloc.start()
    try:
        with pytest.raises(ReadError) as info:
            read_document(path, **case.kwargs)
    finally:
        if case.memory_mb is not None:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()

    message = str(info.value)
    assert message.splitlines() == [message], "the message is not one line"
    assert shown(path.name) in message
    for fragment in (case.fragment, *case.also):
        assert fragment in message
    for fragment in case.absent:
        assert fragment not in message
    assert tree(tmp_path) == before, "the input, or a file beside it, changed"
    if case.memory_mb is not None:
        assert peak < case.memory_mb * 1024 * 1024, f"peak {peak / 2**20:.0f} MB while refusing"
