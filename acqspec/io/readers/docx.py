"""Read a Word .docx into blocks, the way its reader sees it on screen.

Vendor proposals and draft SOWs arrive as .docx files from outside the
agency, so this reader treats every file as hostile until proven otherwise:

* the zip's central directory is checked *before* anything is decompressed
  (member count, declared sizes and compression ratios, zip encryption), and
  every XML part is then read with a hard byte cap, because declared sizes
  can lie;
* no XML part may contain a DTD (``<!DOCTYPE``/``<!ENTITY``), which rules out
  entity expansion and external entities; parts must be UTF-8 or UTF-16 (as
  the OOXML standard requires) so the DTD check cannot be dodged by another
  encoding; lxml's default depth limit (256) stays on because ``huge_tree`` is
  never enabled;
* the XML parts together may expand to at most ``MAX_XML_TOTAL`` bytes, and
  list numbering cannot blow a few bytes of numbering.xml up into huge labels;
* OLE compound files (encrypted .docx, legacy .doc) are recognised by their
  magic number and refused with a message that says so.

Only then does python-docx open the package.  We use it for the package
structure (parts, relationships, content types) but walk the XML ourselves:
python-docx's ``paragraph.text`` drops tracked insertions, knows nothing of
list numbering, and skips fields and symbols.  The walk renders

* list numbers from numbering.xml (multilevel templates, start values,
  overrides, restarts) so "3.2.1" and "(a)" appear as labels;
* tracked changes as accepted or as original text;
* headers, footers and footnotes as separate blocks after the body.

``source`` for body blocks is ``p:<n>`` with ``n`` the position of the
paragraph in ``body.iter(w:p)``: empty and skipped paragraphs still count, so
a later stage can find the same element again to attach a comment.  Word
comments already in the document are read from the same package and carried
on the body blocks they are anchored in (``Block.comments``).

The safety checks are public for code that opens a Word package for another
purpose (:mod:`acqspec.io.docx_package`, ``--template``): :func:`open_safe_zip`,
:func:`check_package`, :func:`load_package`, or all three and a check of the main
part in :func:`open_word_package`.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Literal

from lxml import etree

from acqspec.errors import ReadError
from acqspec.io.readers._common import BlockList, normalize, one_line, read_bytes, split_marker
from acqspec.models import BlockKind, Document

# --- limits ----------------------------------------------------------------------

MAX_MEMBERS = 10_000
MAX_UNCOMPRESSED_TOTAL = 256 * 1024 * 1024
MAX_RATIO = 200
RATIO_CHECK_SIZE = 10 * 1024 * 1024
"""Members at least this large must not expand more than ``MAX_RATIO`` times.

(Word's own parts compress about 10-30x; python-docx's default styles.xml,
the most repetitive part seen in practice, 29x.)"""
MAX_TOTAL_RATIO = 100
TOTAL_RATIO_CHECK_SIZE = 16 * 1024 * 1024
"""A package expanding to at least this much must not expand more than
``MAX_TOTAL_RATIO`` times overall: many members each just under
``RATIO_CHECK_SIZE`` are a zip bomb as well."""
MAX_XML_TOTAL = 32 * 1024 * 1024
"""XML parts are parsed into trees of ~10-30x their size, so their total is capped
well below ``MAX_UNCOMPRESSED_TOTAL`` (a 3,000-page SOW has ~10 MB of XML)."""
MAX_XML_TAGS = 1_000_000
"""Tags (``<`` characters) in all XML parts together.  Memory follows the number
of elements, not bytes: ~10 MB of ``<w:p/>`` is a 200 MB tree.  A 300-page SOW
has ~100,000 tags; the cap is ten times a very long document."""
MAX_LEVEL_TEXT = 255
"""Longest list-number template (``w:lvlText``) used; longer ones are cut."""
MAX_LABEL = 255
"""Longest rendered list label; a label is "3.2.1" or "(a)", never a paragraph."""
MAX_LETTER_VALUE = 780
"""Letter numbering repeats the letter (27 = "aa"); past 30 letters show the number."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_DTD_MARKERS = ("<!DOCTYPE", "<!ENTITY")
# The markers in every encoding an XML parser could be talked into; matches at
# odd offsets are harmless false alarms in a file that is refused anyway.
_DTD_PATTERNS = tuple({marker.encode(codec) for marker in _DTD_MARKERS
                       for codec in ("utf-8", "utf-16-le", "utf-16-be")})
_XML_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf-16le", "utf-16be", "utf16", "us-ascii", "ascii"}
_XML_DECL_ENCODING = re.compile(r"""^\s*<\?xml[^>]{0,200}?\bencoding\s*=\s*["']([^"']{0,40})["']""")
_MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

# --- namespaces and tags ------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


P, R, T, DEL_TEXT = _w("p"), _w("r"), _w("t"), _w("delText")
TBL, TC = _w("tbl"), _w("tc")
PPR, RPR = _w("pPr"), _w("rPr")
INS, DEL, MOVE_FROM, MOVE_TO = _w("ins"), _w("del"), _w("moveFrom"), _w("moveTo")
VAL = _w("val")
_SPACES = {_w("tab"), _w("ptab"), _w("br"), _w("cr")}
_ALWAYS_SKIPPED = {
    PPR, RPR, _w("instrText"), _w("delInstrText"), _w("txbxContent"), _w("sdtPr"), _w("sdtEndPr"),
    _w("footnoteReference"), _w("endnoteReference"), _w("commentReference"), _w("annotationRef"),
    _w("softHyphen"), f"{{{_MC}}}Fallback",
}
_MATH_T = f"{{{_M}}}t"
_NO_BREAK_HYPHEN = _w("noBreakHyphen")
_SYM = _w("sym")
_VANISH = _w("vanish")
_FALLBACK = f"{{{_MC}}}Fallback"
_TXBX = _w("txbxContent")
_REVISION_TAGS = (INS, DEL, MOVE_FROM, MOVE_TO)
_OFF = {"0", "false", "off"}

_REL_HEADER = f"{_RT}/header"
_REL_FOOTER = f"{_RT}/footer"
_REL_FOOTNOTES = f"{_RT}/footnotes"
_REL_ENDNOTES = f"{_RT}/endnotes"
_REL_NUMBERING = f"{_RT}/numbering"
_REL_STYLES = f"{_RT}/styles"
_REL_COMMENTS = f"{_RT}/comments"

# Bullets drawn from symbol fonts are stored as the font's code point (plain or
# shifted into the Private Use Area at U+F0xx); show the glyph the reader sees.
_WINGDINGS = {0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0xA7: "▪", 0xD8: "➢",
              0xFC: "✓", 0x9F: "•", 0xE0: "→", 0xE8: "➔", 0xA8: "◻"}
_SYMBOL = {0xB7: "•", 0x2D: "-", 0xBE: "—", 0xAE: "→", 0xA8: "♦", 0xB0: "°"}

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                               remove_comments=True, remove_pis=True)

View = Literal["accepted", "original"]


# ======================================================================================
# Entry point
# ======================================================================================

def read_docx(path: Path, *, revisions: View = "accepted") -> Document:
    """Read a .docx file into a :class:`Document`.

    Args:
        path: the file to read.
        revisions: ``"accepted"`` reads tracked changes as if all were
            accepted (insertions kept, deletions dropped); ``"original"`` as if
            all were rejected.

    Raises:
        ReadError: the file is not a readable, safe Word package or holds no text.
    """
    document = open_word_package(path)

    # python-docx trusts the package: a relationship it cannot resolve raises
    # whatever the attribute access happens to raise.  Collect every
    # python-docx result here, once.
    try:
        part = document.part
        body = document.element.body
        styles_root = _related_root(part, _REL_STYLES, path)
        numbering_root = _related_root(part, _REL_NUMBERING, path)
        extra_parts = [(rel_type, _related_parts(part, rel_type, path))
                       for rel_type in (_REL_HEADER, _REL_FOOTER, _REL_FOOTNOTES, _REL_ENDNOTES)]
    except (AttributeError, TypeError, KeyError, ValueError, IndexError) as exc:
        raise ReadError(f"is not a readable Word package ({type(exc).__name__}: {one_line(exc)})",
                        path=path) from exc
    warnings = []
    try:
        comments = comments_by_source(document)
    except (AttributeError, TypeError, KeyError, ValueError, IndexError) as exc:
        # The text is readable; a broken comments part costs the comments only.
        comments = {}
        warnings.append(f"cannot read its Word comments ({type(exc).__name__}: {one_line(exc)}); "
                        "they are ignored")
    parts = dict(extra_parts)
    styles = _Styles(styles_root)
    numbering = _Numbering(numbering_root, styles)
    walker = _Walker(styles=styles, numbering=numbering, view=revisions)

    out = BlockList()
    revised = False
    if body is not None:
        revised = _has_revisions(body)
        walker.walk_part(body, out, prefix="")

    # Headers, footers and notes come after the body, each part once.
    for rel_type, kind in ((_REL_HEADER, "header"), (_REL_FOOTER, "footer")):
        for name, root in parts[rel_type]:
            revised = revised or _has_revisions(root)
            walker.walk_part(root, out, prefix=f"{name}:", kind=kind)
    for rel_type, note_tag, prefix in ((_REL_FOOTNOTES, "footnote", "footnote"),
                                       (_REL_ENDNOTES, "endnote", "endnote")):
        for _, root in parts[rel_type]:
            revised = revised or _has_revisions(root)
            for note in root.iterchildren(_w(note_tag)):
                if note.get(_w("type"), "normal") != "normal":
                    continue  # separators and continuation notices
                walker.walk_part(note, out, prefix=f"{prefix}{note.get(_w('id'), '?')}:", kind="footnote")

    if not any(block.kind not in ("header", "footer") for block in out.blocks):
        raise ReadError("document has no text", path=path)  # a letterhead alone is not a document
    if comments:  # body blocks only: their source is "p:<n>", the key of comments_by_source
        out.blocks = [block.model_copy(update={"comments": tuple(comments[block.source])})
                      if block.source in comments else block for block in out.blocks]
    if revised:
        how = "accepted" if revisions == "accepted" else "rejected (original text)"
        warnings.append(f"document has pending tracked changes; read as if all were {how}")
    return Document(path=str(path), format="docx", blocks=tuple(out.blocks), has_revisions=revised,
                    revisions_view=revisions, warnings=tuple(warnings))


# ======================================================================================
# Package safety
# ======================================================================================

def open_word_package(path: Path):
    """Open a .docx with python-docx after every safety check of this module.

    For any code that opens a Word file from elsewhere (a document to read,
    a ``--template`` to copy styles from): zip bombs, DTDs, odd encodings and
    damaged packages are refused with a one-line :class:`ReadError` naming
    the file, and the main part is guaranteed to be a ``w:document``.

    Returns:
        The ``docx.Document``.
    """
    path = Path(path)
    data = read_bytes(path)
    with open_safe_zip(data, path) as archive:
        check_package(archive, path)
    document = load_package(data, path)
    try:
        root = document.element
        tag = root.tag
    except (AttributeError, TypeError, KeyError, ValueError, IndexError) as exc:
        raise ReadError(f"is not a readable Word package ({type(exc).__name__}: {one_line(exc)})",
                        path=path) from exc
    if tag != _w("document"):
        raise ReadError(f"is not a Word document: its main part's root element is {one_line(tag, 80)!r}, "
                        "not w:document", path=path)
    return document


def open_safe_zip(data: bytes, path: Path) -> zipfile.ZipFile:
    """The zip archive of a .docx's bytes, without decompressing anything yet.

    Refuses, each with a one-line :class:`ReadError` naming ``path``: an empty
    file, an OLE compound file (encrypted .docx or legacy .doc), anything that
    is not a zip, and a damaged zip.  Pass the archive to :func:`check_package`
    before trusting any of its members.
    """
    head = data[:8]
    if head == _OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data:
            detail = "it holds a password-protected document; remove the password in Word and save it again"
        else:
            detail = "most likely a Word 97-2003 .doc renamed to .docx; save it as .docx"
        raise ReadError(f"is an encrypted or legacy .doc file (OLE compound file): {detail}", path=path)
    if not data:
        raise ReadError("file is empty", path=path)
    if head[:4] not in _ZIP_MAGICS:
        raise ReadError("is not a Word .docx file (not a zip package)", path=path)
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ReadError(f"is a damaged or truncated .docx (zip: {one_line(exc)})", path=path) from exc


def check_package(archive: zipfile.ZipFile, path: Path) -> None:
    """Every safety check of a Word package, in order; raises :class:`ReadError` on the first failure.

    The central directory first (member count, declared sizes and ratios, zip
    encryption, unsupported compression), then every XML part under a byte and
    tag budget (DTDs, encodings), then that the main part exists and has Word's
    content type.
    """
    _check_members(archive, path)
    _check_xml_parts(archive, path)


def _check_members(archive: zipfile.ZipFile, path: Path) -> None:
    """Refuse zip bombs and odd archives from the central directory alone."""
    check_zip_limits(archive, path)
    names = {info.filename for info in archive.infolist()}
    if "[Content_Types].xml" not in names:
        raise ReadError("is not a Word package: [Content_Types].xml is missing", path=path)


def check_zip_limits(archive: zipfile.ZipFile, path: Path) -> None:
    """Refuse zip bombs from the central directory alone: member count, sizes, ratios, encryption, compression.

    The limits every zip acqspec opens is held to (a .docx package, a .zip archive of documents).
    """
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ReadError(f"zip package has {len(infos)} members; the limit is {MAX_MEMBERS}", path=path)
    total = compressed = 0
    for info in infos:
        name = one_line(info.filename, 100)
        if info.flag_bits & 0x1:
            raise ReadError(f"zip member {name} is encrypted", path=path)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReadError(f"zip member {name} uses unsupported compression", path=path)
        total += info.file_size
        compressed += info.compress_size
        if info.file_size >= RATIO_CHECK_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ReadError(f"refusing a likely zip bomb: {name} expands from {info.compress_size} "
                            f"to {info.file_size} bytes", path=path)
    if total > MAX_UNCOMPRESSED_TOTAL:
        raise ReadError(f"refusing a likely zip bomb: contents expand to {total} bytes; "
                        f"the limit is {MAX_UNCOMPRESSED_TOTAL // (1024 * 1024)} MB", path=path)
    if total >= TOTAL_RATIO_CHECK_SIZE and total > MAX_TOTAL_RATIO * max(compressed, 1):
        raise ReadError(f"refusing a likely zip bomb: contents expand from {compressed} to {total} bytes",
                        path=path)


def read_zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, path: Path, *,
                    kind: str = ".docx") -> bytes:
    """Decompress one member, never producing more than its declared size or ``budget`` bytes
    (``kind`` names the file in the damaged-archive message: ".docx", ".zip archive")."""
    limit = min(info.file_size, budget)
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 20):
                size += len(chunk)
                if size > limit:
                    raise ReadError(f"zip member {one_line(info.filename, 100)} is larger than declared "
                                    "or than the limit", path=path)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise ReadError(f"is a damaged {kind} (zip member {one_line(info.filename, 100)}: {one_line(exc)})",
                        path=path) from exc
    return b"".join(chunks)


def _parse(data: bytes, what: str, path: Path) -> etree._Element:
    try:
        return etree.fromstring(data, _SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{one_line(what, 100)} is not well-formed XML ({one_line(exc)})", path=path) from exc


def _check_xml_parts(archive: zipfile.ZipFile, path: Path) -> None:
    """Read every XML part under a byte budget and refuse DTDs; check the main part exists and is Word's."""
    infos = {info.filename: info for info in archive.infolist()}
    budget = MAX_XML_TOTAL
    content_types = read_zip_member(archive, infos["[Content_Types].xml"], budget, path)
    budget -= len(content_types)
    _refuse_dtd(content_types, "[Content_Types].xml", path)
    types = _parse(content_types, "[Content_Types].xml", path)
    # python-docx looks content types up case-insensitively; so must we, or a
    # part could be parsed as XML without having been checked as XML.
    defaults = {el.get("Extension", "").lower(): el.get("ContentType", "") for el in types.iter(f"{{{_CT}}}Default")}
    overrides = {el.get("PartName", "").lstrip("/").lower(): el.get("ContentType", "")
                 for el in types.iter(f"{{{_CT}}}Override")}

    def content_type(name: str) -> str:
        return overrides.get(name.lower()) or defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")

    xml_infos = []
    for name, info in infos.items():
        if name == "[Content_Types].xml" or name.endswith("/"):
            continue
        ctype = content_type(name)
        if name.lower().endswith((".xml", ".rels")) or (ctype.endswith("xml") and "svg" not in ctype):
            xml_infos.append(info)
    declared = sum(info.file_size for info in xml_infos)
    if declared > budget:
        raise ReadError(f"XML parts expand to {declared + len(content_types)} bytes; the limit is "
                        f"{MAX_XML_TOTAL // (1024 * 1024)} MB", path=path)

    parts: dict[str, bytes] = {}
    tags = content_types.count(b"<")
    for info in xml_infos:
        name = info.filename
        blob = read_zip_member(archive, info, budget, path)
        budget -= len(blob)
        _refuse_dtd(blob, name, path)
        tags += blob.count(b"<")
        if tags > MAX_XML_TAGS:
            raise ReadError(f"document is too large: its XML parts hold more than {MAX_XML_TAGS:,} tags", path=path)
        if name == "_rels/.rels":
            parts[name] = blob

    if "_rels/.rels" not in parts:
        raise ReadError("is not a Word package: _rels/.rels is missing", path=path)
    rels = _parse(parts["_rels/.rels"], "_rels/.rels", path)
    main = None
    for rel in rels.iter(f"{{{_PR}}}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode") != "External":
            main = posixpath.normpath(rel.get("Target", "").lstrip("/"))
            break
    if main is None or main not in infos:
        raise ReadError(f"is not a Word package: its main document part ({one_line(main or 'word/document.xml', 100)}) "
                        "is missing", path=path)
    ctype = content_type(main)
    if ctype != _MAIN_CONTENT_TYPE:
        raise ReadError(f"is not a Word document: its main part has content type {one_line(ctype, 100) or '(none)'!r}",
                        path=path)


def _refuse_dtd(blob: bytes, name: str, path: Path) -> None:
    """Refuse a part that declares a DTD or is in an encoding where the check could miss one."""
    name = one_line(name, 100)
    head = blob[:4]
    if head in (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\x00<", b"<\x00\x00\x00") \
            or head == b"\x4c\x6f\xa7\x94":  # UTF-32 or EBCDIC "<?xm"
        raise ReadError(f"refusing XML part {name}: only UTF-8 and UTF-16 XML is allowed", path=path)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head in (b"<\x00?\x00", b"\x00<\x00?"):
        codec = "utf-16-le" if head[:1] in (b"\xff", b"<") else "utf-16-be"
        prolog = blob[:512].decode(codec, errors="replace").lstrip("\ufeff")
    else:
        prolog = blob[:256].decode("latin-1").removeprefix("\xef\xbb\xbf")
    declared = _XML_DECL_ENCODING.match(prolog)
    if declared and declared.group(1).strip().lower() not in _XML_ENCODINGS:
        raise ReadError(f"refusing XML part {name}: encoding {one_line(declared.group(1), 40)!r} is not allowed; "
                        "only UTF-8 and UTF-16 XML is", path=path)
    if any(marker in blob for marker in _DTD_PATTERNS):
        raise ReadError(f"refusing XML part {name}: it declares a DTD or entities", path=path)


def load_package(data: bytes, path: Path):
    """python-docx ``Document`` of bytes that passed :func:`check_package`; its failures become :class:`ReadError`."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"has a malformed XML part ({one_line(exc)})", path=path) from exc
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, zlib.error, EOFError,
            OSError, NotImplementedError, AttributeError, TypeError, IndexError) as exc:
        # python-docx raises whatever a malformed package trips over (AttributeError
        # on a relationship without a target, TypeError on odd part names...).
        raise ReadError(f"is not a readable Word package ({type(exc).__name__}: {one_line(exc)})",
                        path=path) from exc


def comments_by_source(document) -> dict[str, list[str]]:
    """Word comment texts keyed by the block source (``p:<n>``) of each body paragraph they are in.

    A comment belongs to every paragraph that holds its range start
    (``w:commentRangeStart``) or its reference (``w:commentReference``), each
    text once per paragraph, in document order.  ``n`` counts ``body.iter(w:p)``
    as the reader does.  Empty when the main part has no comments part (then
    nothing is parsed) or its comments have no text.

    Raises whatever python-docx raises on a malformed comments part; callers
    that promise a :class:`ReadError` catch it.
    """
    part = document.part
    if not any(rel.reltype == _REL_COMMENTS and not rel.is_external for rel in part.rels.values()):
        return {}  # document.comments would create an empty comments part
    body = document.element.body
    if body is None:
        return {}
    texts = {str(c.comment_id): c.text for c in document.comments}
    if not texts:
        return {}
    found: dict[str, list[str]] = {}
    start, reference, comment_id = _w("commentRangeStart"), _w("commentReference"), _w("id")
    for number, paragraph in enumerate(body.iter(P)):
        for element in paragraph.iter(start, reference):
            text = texts.get(element.get(comment_id))
            if text and text not in found.get(f"p:{number}", []):
                found.setdefault(f"p:{number}", []).append(text)
    return found


def _part_root(part, path: Path) -> etree._Element:
    element = getattr(part, "element", None)
    if element is not None:
        return element
    return _parse(part.blob, str(part.partname), path)


def _related_root(part, rel_type: str, path: Path) -> etree._Element | None:
    for rel in part.rels.values():
        if rel.reltype == rel_type and not rel.is_external:
            return _part_root(rel.target_part, path)
    return None


def _related_parts(part, rel_type: str, path: Path) -> list[tuple[str, etree._Element]]:
    """``(name, root)`` of each distinct related part, e.g. ``("header1", <w:hdr>)``, in part-name order."""
    found = {}
    for rel in part.rels.values():
        if rel.reltype == rel_type and not rel.is_external:
            target = rel.target_part
            found[str(target.partname)] = target

    def order(name: str):
        stem = posixpath.splitext(posixpath.basename(name))[0]
        digits = re.search(r"\d+$", stem)
        return (stem.rstrip("0123456789"), int(digits.group()) if digits else 0, stem)

    result = []
    for name in sorted(found, key=order):
        result.append((posixpath.splitext(posixpath.basename(name))[0], _part_root(found[name], path)))
    return result


def _has_revisions(root: etree._Element) -> bool:
    return next(root.iter(*_REVISION_TAGS), None) is not None


# ======================================================================================
# Styles and numbering
# ======================================================================================

def _val(element: etree._Element | None, child: str) -> str | None:
    if element is None:
        return None
    found = element.find(_w(child))
    return None if found is None else found.get(VAL)


def _int(value: str | None, default: int | None = None) -> int | None:
    """An integer attribute; values outside Word's 32-bit range count as missing."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    if number is not None and not -2**31 <= number < 2**31:
        return default
    return number


@dataclass
class _Style:
    style_id: str
    name: str
    based_on: str | None
    num_id: int | None
    ilvl: int | None
    outline: int | None


class _Styles:
    """Paragraph styles: heading levels and inherited list numbering."""

    def __init__(self, root: etree._Element | None):
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        self._cache: dict[str | None, tuple] = {}
        if root is None:
            return
        for el in root.iterchildren(_w("style")):
            if el.get(_w("type"), "paragraph") not in ("paragraph", "numbering"):
                continue
            style_id = el.get(_w("styleId"))
            if not style_id:
                continue
            ppr = el.find(PPR)
            numpr = ppr.find(_w("numPr")) if ppr is not None else None
            self.styles[style_id] = _Style(
                style_id=style_id,
                name=(_val(el, "name") or style_id).strip().lower(),
                based_on=_val(el, "basedOn"),
                num_id=_int(_val(numpr, "numId")),
                ilvl=_int(_val(numpr, "ilvl")),
                outline=_int(_val(ppr, "outlineLvl")),
            )
            if el.get(_w("default")) in ("1", "true", "on") and el.get(_w("type"), "paragraph") == "paragraph":
                self.default = style_id

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen and len(seen) < 32:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def resolve(self, style_id: str | None) -> tuple[int | None, int | None, int | None, str | None]:
        """``(heading_level, num_id, ilvl, numbering_style_id)`` for a paragraph style, following basedOn."""
        style_id = style_id or self.default
        cached = self._cache.get(style_id)
        if cached is not None:
            return cached
        heading = None
        num_id = ilvl = owner = None
        for style in self.chain(style_id):
            if heading is None:
                match = re.fullmatch(r"heading\s*([1-9])", style.name)
                if match:
                    heading = int(match.group(1))
                elif style.name == "title":
                    heading = 1
                elif style.outline is not None and 0 <= style.outline < 9:
                    heading = style.outline + 1
            if owner is None and style.num_id is not None:
                num_id, ilvl, owner = style.num_id, style.ilvl, style.style_id
        result = (heading, num_id, ilvl, owner)
        self._cache[style_id] = result
        return result


@dataclass
class _Level:
    start: int = 0
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None
    legal: bool = False
    pstyle: str | None = None
    font: str = ""


def _parse_level(el: etree._Element, base: _Level | None = None) -> _Level:
    level = _Level(**vars(base)) if base else _Level()
    if (start := _int(_val(el, "start"))) is not None:
        level.start = start
    if (fmt := _val(el, "numFmt")) is not None:
        level.fmt = fmt
    text_el = el.find(_w("lvlText"))
    if text_el is not None:
        # Every numbered paragraph renders this template again: cap it so a
        # few bytes of numbering.xml cannot multiply into megabytes of labels.
        level.text = (text_el.get(VAL) or "")[:MAX_LEVEL_TEXT]
    if (restart := _int(_val(el, "lvlRestart"))) is not None:
        level.restart = restart
    legal = el.find(_w("isLgl"))
    if legal is not None:
        level.legal = legal.get(VAL, "1") not in _OFF
    if (pstyle := _val(el, "pStyle")) is not None:
        level.pstyle = pstyle
    fonts = el.find(f"{RPR}/{_w('rFonts')}")
    if fonts is not None:
        level.font = (fonts.get(_w("ascii")) or fonts.get(_w("hAnsi")) or "").lower()
    return level


@dataclass
class _Num:
    abstract_id: int
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, etree._Element] = field(default_factory=dict)


class _Numbering:
    """List numbering as Word renders it.

    Counters live per abstract numbering definition: Word continues a list
    across ``w:num`` instances that share an ``abstractNum`` and restarts it
    where an instance carries a ``w:startOverride`` (that is how "Restart
    numbering" is saved).  A level restarts when a higher level advances,
    unless ``w:lvlRestart`` says otherwise.
    """

    def __init__(self, root: etree._Element | None, styles: _Styles):
        self.styles = styles
        self.abstracts: dict[int, dict[int, _Level]] = {}
        self.style_links: dict[int, str] = {}
        self.nums: dict[int, _Num] = {}
        self.counters: dict[int, dict[int, int | None]] = {}
        self.started: set[tuple[int, int]] = set()
        self._levels_cache: dict[int, dict[int, _Level] | None] = {}
        if root is None:
            return
        for el in root.iterchildren(_w("abstractNum")):
            aid = _int(el.get(_w("abstractNumId")))
            if aid is None:
                continue
            self.abstracts[aid] = {ilvl: _parse_level(lvl) for lvl in el.iterchildren(_w("lvl"))
                                   if (ilvl := _int(lvl.get(_w("ilvl")))) is not None and 0 <= ilvl < 9}
            link = _val(el, "numStyleLink")
            if link:
                self.style_links[aid] = link
        for el in root.iterchildren(_w("num")):
            num_id, aid = _int(el.get(_w("numId"))), _int(_val(el, "abstractNumId"))
            if num_id is None or aid is None:
                continue
            num = _Num(aid)
            for override in el.iterchildren(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")))
                if ilvl is None or not 0 <= ilvl < 9:
                    continue
                start = _int(_val(override, "startOverride"))
                if start is not None:
                    num.start_overrides[ilvl] = start
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    num.level_overrides[ilvl] = lvl
            self.nums[num_id] = num

    def _abstract_id(self, num_id: int) -> int | None:
        """The abstractNum holding the levels, following numStyleLink through numbering styles."""
        num = self.nums.get(num_id)
        seen = set()
        while num is not None and num.abstract_id not in seen:
            aid = num.abstract_id
            seen.add(aid)
            link = self.style_links.get(aid)
            if not link or self.abstracts.get(aid):
                return aid
            linked = next((s.num_id for s in self.styles.chain(link) if s.num_id is not None), None)
            num = self.nums.get(linked) if linked is not None else None
        return None

    def _levels(self, num_id: int) -> tuple[int, dict[int, _Level]] | None:
        aid = self._abstract_id(num_id)
        if aid is None or aid not in self.abstracts:
            return None
        num = self.nums[num_id]
        levels = self.abstracts[aid]
        if num.level_overrides:
            levels = dict(levels)
            for ilvl, el in num.level_overrides.items():
                levels[ilvl] = _parse_level(el, levels.get(ilvl))
        return aid, levels

    def ilvl_for_style(self, num_id: int, style_id: str | None) -> int:
        """The level whose ``w:pStyle`` names ``style_id`` (how heading styles pick a level); else 0."""
        found = self._levels(num_id)
        if found and style_id:
            for ilvl, level in found[1].items():
                if level.pstyle == style_id:
                    return ilvl
        return 0

    def label(self, num_id: int, ilvl: int) -> str | None:
        """Advance the list counters for one paragraph and return its rendered label."""
        found = self._levels(num_id)
        if found is None:
            return None
        aid, levels = found
        ilvl = min(max(ilvl, 0), 8)
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(aid, {})
        num = self.nums[num_id]
        key = (num_id, ilvl)
        if key not in self.started and ilvl in num.start_overrides:
            counters[ilvl] = num.start_overrides[ilvl]
        elif counters.get(ilvl) is None:
            counters[ilvl] = levels[ilvl].start
        else:
            counters[ilvl] += 1
        self.started.add(key)
        for deeper in range(ilvl + 1, 9):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        return self._render(levels, counters, ilvl)

    @staticmethod
    def _render(levels: dict[int, _Level], counters: dict[int, int | None], ilvl: int) -> str | None:
        level = levels[ilvl]
        if level.text is None:
            return None
        if level.fmt == "bullet":
            text = normalize("".join(_glyph(c, level.font) for c in level.text))
            return "◦" if text == "o" else (text or None)  # Word's second-level "o" is a small circle

        def number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            other = levels.get(k)
            if other is None:
                return ""
            value = counters.get(k)
            if value is None:
                value = other.start
            return _format_number(value, "decimal" if level.legal and other.fmt != "none" else other.fmt)

        return normalize(re.sub(r"%([1-9])", number, level.text))[:MAX_LABEL] or None


def _format_number(value: int, fmt: str) -> str:
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter") and 0 < value <= MAX_LETTER_VALUE:
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters if fmt == "lowerLetter" else letters.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    return str(value)


def _roman(value: int) -> str:
    out = []
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, value = divmod(value, number)
        out.append(letters * count)
    return "".join(out)


# ======================================================================================
# Walking the XML
# ======================================================================================

class _Walker:
    """Turns the paragraphs of one part into blocks."""

    def __init__(self, *, styles: _Styles, numbering: _Numbering, view: View):
        self.styles = styles
        self.numbering = numbering
        if view == "accepted":
            self.skipped = _ALWAYS_SKIPPED | {DEL, MOVE_FROM}
            self.keep_deleted = False
        else:
            self.skipped = _ALWAYS_SKIPPED | {INS, MOVE_TO}
            self.keep_deleted = True

    def walk_part(self, root: etree._Element, out: BlockList, *, prefix: str,
                  kind: BlockKind | None = None) -> None:
        """Add a block for each non-empty paragraph under ``root`` (``source`` = prefix + ``p:<n>``)."""
        # (in_cell, skip) of every ancestor seen so far: walking all ancestors of
        # every paragraph would be paragraphs x depth (up to 256) steps.
        context: dict[etree._Element, tuple[bool, bool]] = {root: (False, False)}
        for n, p in enumerate(root.iter(P)):
            chain = []
            parent = p.getparent()
            while parent is not None and parent not in context:
                chain.append(parent)
                parent = parent.getparent()
            in_cell, skip = context.get(parent, (False, False))
            for ancestor in reversed(chain):
                tag = ancestor.tag
                in_cell = in_cell or tag == TC
                skip = skip or tag == _FALLBACK  # the same text box appears once more under mc:Choice
                context[ancestor] = (in_cell, skip)
            if skip:
                continue
            text = self.paragraph_text(p)
            heading, label, ilvl = self._numbering(p, text)
            if text:
                self._add(text, out, source=f"{prefix}p:{n}", kind=kind, in_cell=in_cell, heading=heading,
                          label=label, ilvl=ilvl)

    def paragraph_text(self, p: etree._Element) -> str:
        """The visible text of one paragraph in the chosen revisions view."""
        pieces: list[str] = []
        skipped = self.skipped
        stack = [iter(p)]
        while stack:
            for el in stack[-1]:
                tag = el.tag
                if tag == T or tag == _MATH_T:
                    if el.text:
                        pieces.append(el.text)
                    continue
                if tag in skipped or tag == P or not isinstance(tag, str):
                    continue  # a w:p inside a w:p is a paragraph of its own (iter(P) yields it)
                if tag == DEL_TEXT:
                    if self.keep_deleted and el.text:
                        pieces.append(el.text)
                    continue
                if tag in _SPACES:
                    pieces.append(" ")
                    continue
                if tag == _NO_BREAK_HYPHEN:
                    pieces.append("-")
                    continue
                if tag == _SYM:
                    pieces.append(_symbol(el.get(_w("char")), el.get(_w("font"))))
                    continue
                if tag == R:
                    rpr = el.find(RPR)
                    if rpr is not None:
                        vanish = rpr.find(_VANISH)
                        if vanish is not None and vanish.get(VAL, "1") not in _OFF:
                            continue  # hidden text
                if len(el):
                    stack.append(iter(el))
                    break
            else:
                stack.pop()
        return normalize("".join(pieces))

    def _numbering(self, p: etree._Element, text: str) -> tuple[int | None, str | None, int | None]:
        """``(heading_level, label, ilvl)`` of a paragraph, advancing the list counters.

        An empty numbered paragraph still takes a number in Word, unless its
        paragraph mark itself is a tracked change that this view removes.
        """
        ppr = p.find(PPR)
        style_id = _val(ppr, "pStyle")
        heading, num_id, ilvl, owner = self.styles.resolve(style_id)
        outline = _int(_val(ppr, "outlineLvl"))
        if outline is not None:
            heading = outline + 1 if 0 <= outline < 9 else None
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        if numpr is not None:
            own_num = _int(_val(numpr, "numId"))
            own_ilvl = _int(_val(numpr, "ilvl"))
            if own_num is not None:
                num_id, owner = own_num, None
            if own_ilvl is not None:
                ilvl = own_ilvl
        if not num_id:
            return heading, None, ilvl
        if not text:
            mark = ppr.find(RPR) if ppr is not None else None
            if mark is not None and any(mark.find(tag) is not None for tag in self.skipped & set(_REVISION_TAGS)):
                return heading, None, ilvl
        if ilvl is None:
            ilvl = self.numbering.ilvl_for_style(num_id, owner or style_id or self.styles.default)
        return heading, self.numbering.label(num_id, ilvl), ilvl

    def _add(self, text: str, out: BlockList, *, source: str, kind: BlockKind | None, in_cell: bool,
             heading: int | None, label: str | None, ilvl: int | None) -> None:
        if kind is None:  # body text
            if in_cell:
                kind = "table_cell"
            elif heading is not None:
                kind = "heading"
            elif label is not None:
                kind = "list_item"
            else:
                kind = "paragraph"
        if label is None and kind in ("heading", "paragraph"):
            label, text, typed = _typed_label(text, heading=kind == "heading")
            if typed and kind == "paragraph":
                kind = "list_item"
                ilvl = 0
        level = heading if kind == "heading" else (ilvl if kind == "list_item" else None)
        out.add(kind, text, source=source, label=label, level=level)


def _typed_label(text: str, *, heading: bool) -> tuple[str | None, str, bool]:
    """Split a number typed by hand ("C.5.1 Title", "(a) text").

    Returns ``(label, text, is_list_marker)``; section numbers label a
    paragraph without making it a list item.
    """
    marker = split_marker(text)
    if marker is None:
        if heading:
            match = re.match(r"^(\d{1,2})\s+(\S.*)$", text)
            if match:
                return match.group(1), match.group(2), False
        return None, text, False
    if heading:
        if marker.kind == "bullet":
            return None, text, False
        return marker.label, marker.rest, False
    if marker.kind == "section":
        return marker.label, marker.rest, False
    if marker.kind == "bullet" and marker.label not in "•◦▪▫■□●○‣⁃∙·➢✓❖":
        return None, text, False  # a leading dash in Word is usually just punctuation
    return marker.label, marker.rest, True


def _symbol(code: str | None, font: str | None = None) -> str:
    """The character of a ``w:sym`` element (``w:char`` is hex, often in a symbol font)."""
    try:
        return _glyph(chr(int(code or "", 16)), (font or "").lower())
    except ValueError:
        return ""


def _glyph(char: str, font: str) -> str:
    """What a character looks like in ``font``: Symbol and Wingdings are not Unicode fonts."""
    code = ord(char)
    shifted = 0xF000 <= code <= 0xF0FF
    if shifted:
        code -= 0xF000
    if "wingdings" in font:
        return _WINGDINGS.get(code, "•")
    if font == "symbol":
        return _SYMBOL.get(code, "•" if code >= 0x80 or shifted else chr(code))
    if shifted:  # font unknown: the usual Symbol bullet, else the common Wingdings glyphs
        return _SYMBOL.get(code) or _WINGDINGS.get(code, "•")
    return char
