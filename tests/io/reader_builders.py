"""Builders of reader inputs shared by test_readers.py, test_reader_refusals.py and bench/bench_hostile.py.

Raw .docx packages are written member by member with :mod:`zipfile`, so a test
can drop, replace or corrupt any part; hostile packages are only ever built in
a temporary folder, never committed.  (bench_hostile.py reaches these names as
``test_readers.<name>``, which imports them from here.)
"""

from __future__ import annotations

import importlib.util
import random
import struct
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
SOW_DOCX = FIXTURES / "sow.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _make_fixtures():
    """tests/fixtures/readers/make_fixtures.py as a module (its ``pdf_bytes`` builds small PDFs)."""
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def random_bytes(size: int, seed: int = 0) -> bytes:
    """Incompressible bytes, the same on every run."""
    return random.Random(seed).randbytes(size)


# --- raw .docx packages -------------------------------------------------------------


def _content_types(main_type: str = CT_MAIN, extra: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>{extra}</Types>')


ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             f'<Relationship Id="rId1" Type="{REL_BASE}/officeDocument" Target="word/document.xml"/>'
             '</Relationships>')


def _document_xml(body_xml: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
            f"<w:body>{body_xml}</w:body></w:document>")


def _p(text: str, num: tuple[int, int] | None = None) -> str:
    ppr = f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr></w:pPr>' if num else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def write_zip(path: Path, members: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def minimal_docx(path: Path, body_xml: str = "", *, numbering: str | None = None,
                 main_type: str = CT_MAIN, drop: tuple[str, ...] = (), extra: dict | None = None) -> Path:
    members: dict[str, str | bytes] = {
        "[Content_Types].xml": _content_types(main_type, f'<Override PartName="/word/numbering.xml" '
                                                         f'ContentType="{CT_NUMBERING}"/>' if numbering else ""),
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": _document_xml(body_xml or _p("Hello world.")),
    }
    if numbering:
        members["word/numbering.xml"] = f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
        members["word/_rels/document.xml.rels"] = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId9" Type="{REL_BASE}/numbering" Target="numbering.xml"/></Relationships>')
    members.update(extra or {})
    for name in drop:
        members.pop(name, None)
    return write_zip(path, members)


def _patch_central_directory(data: bytes, *, member: str | None = None, **fields: int) -> bytes:
    """Rewrite fields of the central-directory entries: ``file_size``, ``compress_size``, ``flag_bits``.

    Every entry, or only the one named ``member``.
    """
    out = bytearray(data)
    offsets = {"flag_bits": (8, "<H"), "compress_size": (20, "<I"), "file_size": (24, "<I")}
    position = out.find(b"PK\x01\x02")
    while position != -1:
        name_len = struct.unpack_from("<H", out, position + 28)[0]
        if member is None or out[position + 46: position + 46 + name_len] == member.encode():
            for name, value in fields.items():
                offset, fmt = offsets[name]
                struct.pack_into(fmt, out, position + offset, value)
        position = out.find(b"PK\x01\x02", position + 4)
    return bytes(out)


# --- hostile XML -----------------------------------------------------------------------

BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                            for i in range(1, 10))
                  + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>'
                    "</w:document>")
XXE = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>')
