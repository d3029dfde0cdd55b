"""Hostile inputs: whatever a clause file, profile, config or document holds, acqspec stays calm.

Every refusal is one ``acqspec: error: ...`` line naming the file (and line,
for YAML) with exit 2; nothing executes code, reads other files or writes
anywhere but ``-o``; reading stays within memory bounds.  Big files
(a 1 GB zip bomb, a 9 MB paragraph) are built at test time from a few
kilobytes, so nothing large is committed.  Memory of the .docx cases is
measured in one subprocess that forks per case (``ru_maxrss`` of the child
minus its size at the fork), because tracemalloc cannot see what lxml and
zlib allocate.

No test here asserts a wall-clock time (machines are shared and noisy): how
long each hostile case takes, as a ratio to an ordinary input of the same size
timed in the same run, is measured by bench/bench_hostile.py, which builds its
inputs with the helpers and case lists of this module (``_hostile_docx``,
``YAML_BOMBS``, ``MARKDOWN_UNITS``, ...).  Subprocess ``timeout=`` values are
hang guards only, far above the normal run time.

The fuzz harness over the same surface is tests/fuzz/fuzz.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from acqspec.cli import cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
GEN_LIBRARY = FIXTURES / "gen_library"
BASE_PROFILE = FIXTURES / "profiles" / "base.yaml"
SOW_DOCX = FIXTURES / "readers" / "sow.docx"
SOW_PDF = FIXTURES / "readers" / "layout.pdf"
HOSTILE = FIXTURES / "hostile"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
SECRET = "ACQSPEC-HOSTILE-SECRET-7f3a"

needs_linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses fork and /proc")


# ======================================================================================
# Helpers
# ======================================================================================

def invoke(*args: str | Path):
    """Run acqspec in-process; the result keeps stdout and stderr apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)


def assert_refused(result, *needles: str) -> str:
    """Exit 2 with exactly one ``acqspec: error:`` line on stderr containing every needle; no traceback.

    Warnings about the documents read before the error (``acqspec: warning:``) may precede it.
    """
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    assert lines and lines[-1].startswith("acqspec: error: "), result.stderr
    assert all(line.startswith("acqspec: warning: ") for line in lines[:-1]), result.stderr
    for needle in needles:
        assert needle.lower() in lines[-1].lower(), (needle, lines[-1])
    return lines[-1]


def digest_tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def content_types(main: str = CT_MAIN, extra: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}"/>{extra}</Types>')


ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
            f"<w:body>{body}</w:body></w:document>")


def para(text: str = "The Contractor shall deliver a model card.") -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx(path: Path, body: str = "", *, members: dict | None = None, drop: tuple[str, ...] = (),
         main: str = CT_MAIN, ct_extra: str = "") -> Path:
    parts: dict[str, str | bytes] = {"[Content_Types].xml": content_types(main, ct_extra), "_rels/.rels": ROOT_RELS,
                                     "word/document.xml": document_xml(body or para())}
    parts.update(members or {})
    for name in drop:
        parts.pop(name, None)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def numbered_docx(path: Path, paragraphs: int, *, fmt: str, start: int | str, level_text: str) -> Path:
    numbering = (f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
                 f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{level_text}"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
    item = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            '<w:r><w:t>Item.</w:t></w:r></w:p>')
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId9" Type="{REL}/numbering" Target="numbering.xml"/></Relationships>')
    return docx(path, item * paragraphs, members={"word/numbering.xml": numbering,
                                                  "word/_rels/document.xml.rels": rels},
                ct_extra=f'<Override PartName="/word/numbering.xml" ContentType="{CT_NUMBERING}"/>')


# --- zip files written by hand: gigabytes of zeros from a few kilobytes ------------------

_ZEROS = bytes(1 << 20)


def _deflated_zeros(megabytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``megabytes`` MB of zeros (one flushed block repeated) and its CRC-32."""
    block_maker = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = block_maker.compress(_ZEROS) + block_maker.flush(zlib.Z_FULL_FLUSH)
    stream = block * megabytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(_ZEROS, crc)
    return stream, crc


def handmade_zip(path: Path, members: list[tuple[str, bytes, int, int, int]], *,
                 central_copies: int = 1) -> Path:
    """Write ``(name, deflate stream, crc, declared size, method)`` members; ``central_copies`` > 1
    repeats every central-directory entry (all pointing at the same local data: overlapping entries)."""
    local, central = bytearray(), bytearray()
    entries = 0
    for name, data, crc, size, method in members:
        raw = name.encode()
        offset = len(local)
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), size,
                             len(raw), 0) + raw + data
        for _ in range(central_copies):
            central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(data), size,
                                   len(raw), 0, 0, 0, 0, 0, offset) + raw
            entries += 1
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, entries, entries, len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def _stored(text: str) -> tuple[bytes, int, int]:
    data = text.encode()
    return data, zlib.crc32(data), len(data)


def bomb_docx(path: Path, megabytes: int, *, name: str = "word/document.xml", declared: int | None = None) -> Path:
    stream, crc = _deflated_zeros(megabytes)
    members = [("[Content_Types].xml", *_stored(content_types()), 0), ("_rels/.rels", *_stored(ROOT_RELS), 0)]
    if name != "word/document.xml":
        members.append(("word/document.xml", *_stored(document_xml(para())), 0))
    size = megabytes << 20 if declared is None else declared
    members.append((name, stream, crc, size, 8))
    return handmade_zip(path, members)


# --- measuring a reader in a forked child ------------------------------------------------

_MEASURE = r"""
import json, os, resource, sys
from pathlib import Path
from acqspec.errors import AcqspecError
from acqspec.io.readers import read_document

def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024

read_document(Path(sys.argv[1]))  # warm up: imports, python-docx, lxml
results = {}
for path in sys.argv[2:]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        start_kb = rss_kb()
        try:
            doc = read_document(Path(path))
            out = {"ok": True, "blocks": len(doc.blocks), "chars": sum(len(b.text) for b in doc.blocks),
                   "longest_label": max((len(b.label or "") for b in doc.blocks), default=0)}
        except AcqspecError as exc:
            out = {"ok": False, "error": str(exc)}
        except BaseException as exc:
            out = {"ok": False, "crash": repr(exc)[:500]}
        out["extra_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_kb) / 1024
        os.write(writer, json.dumps(out).encode())
        os._exit(0)
    os.close(writer)
    chunks = []
    while chunk := os.read(reader, 65536):
        chunks.append(chunk)
    os.close(reader)
    os.waitpid(pid, 0)
    results[path] = json.loads(b"".join(chunks) or b'{"ok": false, "crash": "child died"}')
print(json.dumps(results))
"""


def measure(paths: list[Path]) -> dict[str, dict]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(SOW_DOCX), *map(str, paths)], capture_output=True,
                          text=True, timeout=300, env=env, check=True)
    return json.loads(done.stdout)


# ======================================================================================
# Hostile .docx: refused or read, within 100 MB (times: bench/bench_hostile.py)
# ======================================================================================

BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
                  + "".join(f'<!ENTITY a{i} "{("&a" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                            for i in range(1, 10))
                  + f']><w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body>'
                    "</w:document>")


def xxe(path: Path, encoding: str = "UTF-8") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{path}">]>'
            f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')


def _hostile_docx(tmp: Path) -> dict[str, tuple[Path, str, str]]:
    """name -> (file, "refused" | "read", text the error must contain)."""
    secret = tmp / "secret.txt"
    secret.write_text(SECRET + "\n")
    header_rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId7" Type="{REL}/header" Target="Evil.DAT"/></Relationships>')
    stream, crc = _deflated_zeros(1)
    cases = {
        # zip bombs
        "zip bomb, 1 GB of XML": (bomb_docx(tmp / "bomb.docx", 1024), "refused", "zip bomb"),
        "zip bomb, 1 GB media part": (bomb_docx(tmp / "bomb-media.docx", 1024, name="word/media/a.bin"),
                                      "refused", "zip bomb"),
        "zip bomb, size declared as 1 KB": (bomb_docx(tmp / "liar.docx", 1024, declared=1000), "refused",
                                            "damaged"),
        "zip bomb, 300 overlapping entries": (handmade_zip(tmp / "overlap.docx", [
            ("[Content_Types].xml", *_stored(content_types()), 0), ("_rels/.rels", *_stored(ROOT_RELS), 0),
            ("word/media/z.bin", stream, crc, 1 << 20, 8)], central_copies=300), "refused", ""),
        "zip bomb, 20 members under the per-member ratio rule": (handmade_zip(tmp / "many.docx", [
            ("[Content_Types].xml", *_stored(content_types()), 0), ("_rels/.rels", *_stored(ROOT_RELS), 0),
            ("word/document.xml", *_stored(document_xml(para())), 0),
            *[(f"word/media/m{i}.bin", *_deflated_zeros(9), 9 << 20, 8) for i in range(20)]]), "refused", "zip bomb"),
        # XML attacks
        "nesting 100,000 deep": (docx(tmp / "deep.docx", "<w:sdt><w:sdtContent>" * 100_000
                                      + "</w:sdtContent></w:sdt>" * 100_000), "refused", "XML"),
        "billion laughs": (docx(tmp / "laughs.docx", members={"word/document.xml": BILLION_LAUGHS}), "refused",
                           "DTD"),
        "external entity (XXE)": (docx(tmp / "xxe.docx", members={"word/document.xml": xxe(secret)}), "refused",
                                  "DTD"),
        "XXE in UTF-16 without BOM": (docx(tmp / "xxe16.docx", members={
            "word/document.xml": xxe(secret, "UTF-16").encode("utf-16-be")}), "refused", "DTD"),
        "XXE in UTF-32": (docx(tmp / "xxe32.docx", members={"word/document.xml": xxe(secret, "UTF-32").encode(
            "utf-32")}), "refused", "UTF-8 and UTF-16"),
        "XXE declared as UTF-7": (docx(tmp / "xxe7.docx", members={"word/document.xml": xxe(secret, "UTF-7")}),
                                  "refused", "encoding"),
        "DTD in a part named in another case": (docx(
            tmp / "case.docx", members={"word/Evil.DAT": xxe(secret).replace("w:document", "w:hdr"),
                                        "word/_rels/document.xml.rels": header_rels},
            ct_extra=f'<Override PartName="/WORD/EVIL.DAT" ContentType="{CT_HEADER}"/>'), "refused", "DTD"),
        "1,600,000 empty paragraphs": (docx(tmp / "tags.docx", "<w:p/>" * 1_600_000), "refused", "tags"),
        # broken packages
        "no word/document.xml": (docx(tmp / "nodoc.docx", drop=("word/document.xml",)), "refused",
                                 "main document part"),
        "no [Content_Types].xml": (docx(tmp / "noct.docx", drop=("[Content_Types].xml",)), "refused",
                                   "[Content_Types].xml"),
        "no _rels/.rels": (docx(tmp / "norels.docx", drop=("_rels/.rels",)), "refused", "_rels/.rels"),
        "spreadsheet content type": (docx(tmp / "sheet.docx", main="application/vnd.openxmlformats-"
                                          "officedocument.spreadsheetml.sheet.main+xml"), "refused",
                                     "not a Word document"),
        "root element is not w:document": (docx(tmp / "root.docx", members={
            "word/document.xml": f'<w:body xmlns:w="{W_NS}">{para()}</w:body>'}), "refused", "root element"),
        # big but readable
        "paragraph of 1 MB": (docx(tmp / "p1.docx", para("word " * 200_000)), "read", ""),
        "paragraph of 9.5 MB": (docx(tmp / "p9.docx", para("word " * 1_900_000)), "read", ""),
        "50,000 tiny runs": (docx(tmp / "runs.docx", "<w:p>" + "<w:r><w:t>a</w:t></w:r>" * 50_000 + "</w:p>"),
                             "read", ""),
        "250 nested paragraphs around 1 MB": (docx(tmp / "nestp.docx", "<w:p>" * 250 + "<w:r><w:t>"
                                                   + "word " * 200_000 + "</w:t></w:r>" + "</w:p>" * 250), "read", ""),
        "20,000 paragraphs 240 levels deep": (docx(tmp / "ancestors.docx", "<w:sdt><w:sdtContent>" * 120
                                                   + para("Deep.") * 20_000 + "</w:sdtContent></w:sdt>" * 120),
                                              "read", ""),
        "list template of 40,000 characters": (numbered_docx(tmp / "lvltext.docx", 2000, fmt="decimal", start=1,
                                                             level_text="%1" * 20_000), "read", ""),
        "letter numbering from 10**10": (numbered_docx(tmp / "letters.docx", 10, fmt="lowerLetter",
                                                       start=10**10, level_text="%1."), "read", ""),
    }
    return cases


@pytest.fixture(scope="module")
def docx_cases(tmp_path_factory) -> tuple[dict, dict]:
    tmp = tmp_path_factory.mktemp("hostile-docx")
    cases = _hostile_docx(tmp)
    assert sorted(cases) == sorted(DOCX_CASES)
    return cases, measure([path for path, _, _ in cases.values()]) if sys.platform.startswith("linux") else {}


DOCX_CASES = [
    "zip bomb, 1 GB of XML", "zip bomb, 1 GB media part", "zip bomb, size declared as 1 KB",
    "zip bomb, 300 overlapping entries", "zip bomb, 20 members under the per-member ratio rule",
    "nesting 100,000 deep", "billion laughs", "external entity (XXE)", "XXE in UTF-16 without BOM", "XXE in UTF-32",
    "XXE declared as UTF-7", "DTD in a part named in another case", "1,600,000 empty paragraphs",
    "no word/document.xml", "no [Content_Types].xml", "no _rels/.rels", "spreadsheet content type",
    "root element is not w:document", "paragraph of 1 MB", "paragraph of 9.5 MB", "50,000 tiny runs",
    "250 nested paragraphs around 1 MB", "20,000 paragraphs 240 levels deep", "list template of 40,000 characters",
    "letter numbering from 10**10"]


@needs_linux
@pytest.mark.parametrize("name", DOCX_CASES)
def test_hostile_docx_is_refused_or_read_within_bounds(docx_cases, name: str) -> None:
    cases, measured = docx_cases
    path, expected, needle = cases[name]
    result = measured[str(path)]
    assert "crash" not in result, result
    assert result["extra_mb"] < 100, f"{name}: {result['extra_mb']:.0f} MB extra"
    if expected == "refused":
        assert not result["ok"], f"{name} was read: {result}"
        assert needle.lower() in result["error"].lower() and path.name in result["error"]
        assert "\n" not in result["error"] and SECRET not in result["error"]
    else:
        assert result["ok"], f"{name} was refused: {result}"
        assert result["longest_label"] <= 255


def test_hostile_docx_refusals_through_the_cli(docx_cases) -> None:
    """Every refused .docx is one error line with exit 2 from ``acqspec extract`` too, and no secret leaks."""
    cases, _ = docx_cases
    for name, (path, expected, needle) in cases.items():
        if expected != "refused":
            continue
        line = assert_refused(invoke("extract", path), path.name, needle)
        assert SECRET not in line, name


def test_reviewed_copy_of_a_docx_without_a_body_is_a_one_line_refusal(tmp_path: Path) -> None:
    """A package whose w:body was renamed reads as an empty document, but a reviewed copy has
    nowhere to put its comments (fuzz seed 2, case 1971: an AttributeError traceback)."""
    source = Path(__file__).parent / "fixtures" / "readers" / "sow.docx"  # headers and footnotes have text
    broken = tmp_path / "nobody.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:instrText>").replace(b"</w:body>", b"</w:instrText>")
            zout.writestr(item, data)
    before = broken.read_bytes()
    result = invoke("check", broken, "--no-config", "--clauses", "TE-01", "--format", "docx",
                    "-o", tmp_path / "reviewed.docx")
    assert_refused(result, "nobody.docx", "no document body")
    assert broken.read_bytes() == before and not (tmp_path / "reviewed.docx").exists()


def test_docx_reads_what_it_must_and_drops_amplification(docx_cases) -> None:
    from acqspec.io.readers import read_document

    cases, _ = docx_cases
    nested = read_document(cases["250 nested paragraphs around 1 MB"][0])
    assert len(nested.blocks) == 1 and len(nested.blocks[0].text) == len("word " * 200_000) - 1
    letters = read_document(cases["letter numbering from 10**10"][0])
    assert all(len(b.label or "") <= 12 for b in letters.blocks)  # decimal, not 384 million letters
    assert read_document(cases["50,000 tiny runs"][0]).blocks[0].text == "a" * 50_000


# ======================================================================================
# Hostile clause files and profiles
# ======================================================================================

CANARY = "CANARY-created"


def _library(tmp: Path, clause_text: str | None = None, *, clause_yaml: str | None = None) -> Path:
    lib = tmp / "lib"
    shutil.copytree(GEN_LIBRARY, lib)
    path = lib / "generative-ai" / "GA-01.yaml"
    if clause_yaml is not None:
        path.write_text(clause_yaml)
    elif clause_text is not None:
        import yaml

        data = yaml.safe_load(path.read_text())
        data["text"] = clause_text
        path.write_text(yaml.safe_dump(data, sort_keys=False, width=10**6))
    return lib


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


YAML_ATTACKS = {
    "python object tag": '!!python/object/apply:os.system ["touch {canary}"]',
    "python name tag": "!!python/name:os.system",
    "long-form python tag": '!<tag:yaml.org,2002:python/object/new:os.system> ["touch {canary}"]',
    "custom tag": "!include /etc/passwd",
}


@pytest.mark.parametrize("attack", list(YAML_ATTACKS))
def test_yaml_tags_in_clause_files_and_profiles_run_nothing(tmp_path: Path, attack: str) -> None:
    canary = tmp_path / CANARY
    payload = YAML_ATTACKS[attack].format(canary=canary)
    lib = _library(tmp_path)
    clause = lib / "generative-ai" / "GA-01.yaml"
    clause.write_text(clause.read_text().replace("title:", f"evil: {payload}\ntitle:", 1))
    result = invoke("library", "validate", lib)
    assert result.exit_code == 2 and f"{clause}:{_line_of(clause, 'evil:')}: error:" in result.stdout
    assert "is not allowed" in result.stdout
    line = assert_refused(invoke("generate", BASE_PROFILE, "-L", lib, "--format", "md"), "not allowed")
    assert f"{clause}:{_line_of(clause, 'evil:')}:" in line

    profile = tmp_path / "profile.yaml"
    profile.write_text(BASE_PROFILE.read_text().replace("title:", f"evil: {payload}\ntitle:", 1))
    line = assert_refused(invoke("generate", profile, "-L", GEN_LIBRARY, "--format", "md"), "not allowed")
    assert f"{profile}:{_line_of(profile, 'evil:')}:" in line
    assert not canary.exists()


YAML_BOMBS = [
    ("a: &x [1, 2]\nb: *x\n", "anchors and aliases"),
    ("a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
     "anchors and aliases"),
    ("base: &b {x: 1}\nmerged:\n  <<: *b\n", "anchors and aliases"),
    ("a: " + "[" * 70 + "]" * 70 + "\n", "nesting"),  # 100,000 deep: in a subprocess below (it used to crash)
    ("a: 1" + ":30" * 200_000 + "\n", "longer than"),
    ("a: 0x" + "f" * 5000 + "\n", "longer than"),
    ("a: 9223372036854775808\n", "out of range"),
    ("a: 1\nb: \x01\n", "unacceptable character"),
    ("a: 1\na: 2\n", "duplicate key"),
    ("---\na: 1\n---\nb: 2\n", "more than one YAML document"),
]
"""(profile text, text the one-line refusal must contain); bench/bench_hostile.py times them too."""


@pytest.mark.parametrize("text, needle", YAML_BOMBS)
def test_yaml_bombs_and_odd_values_are_one_line_with_file_and_line(tmp_path: Path, text: str, needle: str) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text(text)
    line = assert_refused(invoke("generate", profile, "-L", GEN_LIBRARY, "--format", "md"), needle)
    assert f"{profile}:" in line and line.split(f"{profile}:")[1].split(":")[0].isdigit()


def test_yaml_nesting_bomb_does_not_crash_the_interpreter(tmp_path: Path) -> None:
    """libyaml's composer recursed in C: 100,000 nested '[' used to be a segmentation fault."""
    code = ("from acqspec.io.safe_yaml import load_yaml_text\nfrom acqspec.errors import YamlError\n"
            "try:\n    load_yaml_text('[' * 300000 + ']' * 300000)\nexcept YamlError as e:\n    print(e)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    # Refused as one YamlError line naming the place; whose words say "too deep" (acqspec's
    # depth check or PyYAML's own, which newer releases raise first) is not this test's business.
    assert done.returncode == 0 and "Traceback" not in done.stderr, (done.returncode, done.stderr[-500:])
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("<string>:1: invalid YAML: "), done.stdout[:500]


@pytest.mark.parametrize("template", [
    "{{ __class__.__mro__ }}", "{{ ''.__class__ }}", "{% include '/etc/passwd' %}", "{# note #}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "{{ x|attr('__class__') }}",
])
def test_template_syntax_in_clause_text_is_refused_with_file_and_line(tmp_path: Path, template: str) -> None:
    lib = _library(tmp_path, f"The Contractor shall report {template} to the CO.")
    clause = lib / "generative-ai" / "GA-01.yaml"
    result = invoke("library", "validate", lib)
    assert result.exit_code == 2
    assert f"{clause}:{_line_of(clause, 'text:')}: error: template syntax" in result.stdout
    line = assert_refused(invoke("generate", BASE_PROFILE, "-L", lib, "--format", "md"), "template syntax")
    assert f"{clause}:{_line_of(clause, 'text:')}:" in line


def test_undeclared_placeholder_such_as_config_is_refused(tmp_path: Path) -> None:
    lib = _library(tmp_path, "The Contractor shall follow {{ config }}.")
    result = invoke("library", "validate", lib)
    assert result.exit_code == 2 and "{{ config }} but no parameter 'config' is declared [LIB006]" in result.stdout


def test_profile_values_are_inserted_literally_never_evaluated(tmp_path: Path) -> None:
    """Hostile strings in a valid profile reach every output format as plain text."""
    import yaml

    data = yaml.safe_load(BASE_PROFILE.read_text())
    data["title"] = "{{ 7*7 }} {% include '/etc/passwd' %} ${7*7} ../../etc/passwd"
    data["description"] = "{{ ''.__class__.__mro__ }} <w:p> ]]> & \"quotes\" \u202e"
    data["solicitation_number"] = "/tmp/../../etc/passwd"
    profile = tmp_path / "profile.yaml"
    profile.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    before = set(os.listdir(tmp_path))
    for fmt in ("md", "json"):
        result = invoke("generate", profile, "-L", GEN_LIBRARY, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert "{{ 7*7 }}" in result.stdout and "49" not in result.stdout.replace("2049", "")
        assert "root:" not in result.stdout
    result = invoke("generate", profile, "-L", GEN_LIBRARY, "-o", tmp_path / "spec.docx")
    assert result.exit_code == 0, result.stderr
    assert set(os.listdir(tmp_path)) - before == {"spec.docx"}


def huge_clause_library(tmp: Path) -> Path:
    """Two clauses of ~1 MB of near-identical text each (the near-duplicate check once took 45 s on them)."""
    lib = _library(tmp, "The Contractor shall report incidents. " * 25_000)  # ~1 MB
    other = lib / "testing-evaluation" / "TE-01.yaml"
    import yaml

    data = yaml.safe_load(other.read_text())
    data["text"] = "The Contractor shall report incidents quickly. " * 20_000
    other.write_text(yaml.safe_dump(data, sort_keys=False, width=10**6))
    return lib


def test_huge_clause_texts_are_validated_to_the_end(tmp_path: Path) -> None:
    """Every check runs on the huge texts, the near-duplicate one included (its time: bench/bench_hostile.py)."""
    lib = huge_clause_library(tmp_path)
    result = invoke("library", "validate", lib)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    clause = lib / "testing-evaluation" / "TE-01.yaml"
    # TE-01's new text no longer uses its parameter: one error, and the summary of all three clauses
    assert result.exit_code == 2 and f"{clause}:" in result.stdout and "[LIB007]" in result.stdout, result.stdout
    assert "3 clauses (3 active)" in result.stderr, result.stderr  # the summary line


def test_library_walk_is_bounded(tmp_path: Path, monkeypatch) -> None:
    """A library (or a config's ``library = ["/"]``) with too many files is refused, not walked forever."""
    from acqspec.library import loader

    monkeypatch.setattr(loader, "MAX_LIBRARY_ENTRIES", 50)
    lib = _library(tmp_path)
    for i in range(60):
        (lib / "generative-ai" / f"note{i}.txt").write_text("x")
    (lib / ".git").mkdir()
    for i in range(100):  # hidden folders are not walked and do not count
        (lib / ".git" / f"object{i}").write_text("x")
    assert_refused(invoke("generate", BASE_PROFILE, "-L", lib, "--format", "md"), "more than 50 files")
    shutil.rmtree(lib / "generative-ai")
    (lib / "generative-ai").mkdir()
    shutil.copy(GEN_LIBRARY / "generative-ai" / "GA-01.yaml", lib / "generative-ai")
    assert invoke("generate", BASE_PROFILE, "-L", lib, "--format", "md").exit_code == 0


# ======================================================================================
# Outputs: atomic, never over an input, never elsewhere
# ======================================================================================

def test_output_over_an_input_is_refused_in_every_spelling(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    profile = tmp_path / "profile.yaml"
    shutil.copy(BASE_PROFILE, profile)
    doc = tmp_path / "doc.md"
    doc.write_text("# C.5\n\nThe Contractor shall deliver a model card within 30 days.\n")
    sow = tmp_path / "sow.docx"
    shutil.copy(SOW_DOCX, sow)
    (tmp_path / "link.yaml").symlink_to(profile)
    os.link(doc, tmp_path / "hard.md")
    before = digest_tree(tmp_path)
    spellings = [
        ("generate", "profile.yaml", "-L", GEN_LIBRARY, "--format", "md", "-o", "profile.yaml"),
        ("generate", "profile.yaml", "-L", GEN_LIBRARY, "--format", "md", "-o", "./profile.yaml"),
        ("generate", "profile.yaml", "-L", GEN_LIBRARY, "--format", "md", "-o", "sub/../profile.yaml"),
        ("generate", "profile.yaml", "-L", GEN_LIBRARY, "--format", "md", "-o", profile),
        ("generate", "profile.yaml", "-L", GEN_LIBRARY, "--format", "md", "-o", "link.yaml"),
        ("generate", "link.yaml", "-L", GEN_LIBRARY, "--format", "md", "-o", "profile.yaml"),
        ("check", "doc.md", "--no-config", "-L", GEN_LIBRARY, "-o", "doc.md"),
        ("check", "doc.md", "--no-config", "-L", GEN_LIBRARY, "-o", "./sub/../doc.md"),
        ("check", "doc.md", "--no-config", "-L", GEN_LIBRARY, "-o", "hard.md"),
        ("check", tmp_path, "--no-config", "-L", GEN_LIBRARY, "-o", "doc.md"),
        ("check", "sow.docx", "--no-config", "-L", GEN_LIBRARY, "--format", "docx", "-o", "sow.docx"),
        ("check", "doc.md", "--no-config", "-L", GEN_LIBRARY, "--waivers", HOSTILE / "waivers.yaml",
         "-o", HOSTILE / "waivers.yaml"),
    ]
    for args in spellings:
        assert_refused(invoke(*args), "same as an input")
    assert digest_tree(tmp_path) == before
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_output_over_a_library_file_is_refused(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    clause = lib / "generative-ai" / "GA-01.yaml"
    before = clause.read_bytes()
    result = invoke("generate", BASE_PROFILE, "-L", lib, "--format", "md", "-o", clause)
    assert clause.read_bytes() == before
    assert_refused(result, "input")  # "same as an input" or "inside the input folder"


def test_failed_or_interrupted_write_leaves_no_partial_file_and_no_litter(tmp_path: Path, monkeypatch) -> None:
    from acqspec.errors import OutputError
    from acqspec.io import atomic

    target = tmp_path / "out.md"
    target.write_text("previous report\n")

    def refuse(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OutputError, match="No space left"):
        atomic.write_atomic(target, "new")
    monkeypatch.undo()

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]

    fresh = tmp_path / "fresh.md"
    monkeypatch.setattr(atomic.os, "replace", refuse)
    result = invoke("generate", BASE_PROFILE, "-L", GEN_LIBRARY, "--format", "md", "-o", fresh)
    assert_refused(result, "fresh.md", "No space left")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


@pytest.mark.parametrize("where, needle", [("missing/dir/out.md", "does not exist"), (".", "is a directory")])
def test_output_to_a_missing_folder_or_a_folder_is_one_line(tmp_path: Path, monkeypatch, where, needle) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.md").write_text("The Contractor shall deliver a model card.\n")
    assert_refused(invoke("check", "doc.md", "--no-config", "-L", GEN_LIBRARY, "-o", where), needle)
    assert sorted(os.listdir(tmp_path)) == ["doc.md"]


def test_paths_inside_profiles_libraries_and_configs_never_direct_a_write(tmp_path: Path) -> None:
    """``..`` and absolute paths in values are data: only the -o file appears, nothing else anywhere nearby."""
    import yaml

    sandbox = tmp_path / "sandbox"
    sandbox.mkdir()
    data = yaml.safe_load(BASE_PROFILE.read_text())
    data["title"] = "../../../escape"
    data["solicitation_number"] = str(tmp_path / "escape.md")
    data["document"] = {"section": "C.5", "heading": "/tmp/escape", "requirement_prefix": "AIR"}
    profile = sandbox / "profile.yaml"
    profile.write_text(yaml.safe_dump(data, sort_keys=False))
    (sandbox / "doc.md").write_text("The Contractor shall deliver a model card within 30 days.\n")
    (sandbox / ".acqspec.toml").write_text(
        f'library = ["{GEN_LIBRARY}"]\nwaivers = "../../../../../../etc/hostname"\nprofile = "{profile}"\n')
    outside_before = sorted(os.listdir(tmp_path))
    for args in (("generate", profile, "-L", GEN_LIBRARY, "--format", "md", "-o", sandbox / "out" / "x.md"),
                 ("generate", profile, "-L", GEN_LIBRARY, "-o", sandbox / "spec.docx"),
                 ("library", "catalog", "-L", GEN_LIBRARY, "-o", sandbox / "catalog.md"),
                 ("check", sandbox / "doc.md", "-j", "1", "-o", sandbox / "report.json", "--format", "json"),
                 ("config", "show", sandbox)):
        invoke(*args)
    assert sorted(os.listdir(tmp_path)) == outside_before
    assert sorted(os.listdir(sandbox)) == [".acqspec.toml", "catalog.md", "doc.md", "profile.yaml", "spec.docx"]


# ======================================================================================
# Every command leaves its inputs byte-identical
# ======================================================================================

def test_every_command_leaves_its_inputs_byte_identical(tmp_path: Path) -> None:
    work = tmp_path / "in"
    shutil.copytree(GEN_LIBRARY, work / "lib")
    shutil.copy(BASE_PROFILE, work / "profile.yaml")
    shutil.copy(SOW_DOCX, work / "sow.docx")
    shutil.copy(SOW_DOCX, work / "template.docx")
    shutil.copy(SOW_PDF, work / "sow.pdf")
    shutil.copy(HOSTILE / "waivers.yaml", work / "waivers.yaml")
    (work / "doc.md").write_text("# C.5 Requirements\n\nThe Contractor shall deliver a model card in 30 days.\n")
    (work / "doc.txt").write_text("C.5 REQUIREMENTS\n\nThe Contractor shall not train on Government data.\n")
    (work / ".acqspec.toml").write_text('select = ["AQ3", "AQ4"]\nlibrary = ["lib"]\nwaivers = "waivers.yaml"\n')
    out = tmp_path / "out"
    out.mkdir()
    before = digest_tree(work)
    lib, w = work / "lib", work
    commands = [
        ("library", "validate", lib), ("library", "validate", lib, "--format", "json"),
        ("library", "list", "-L", lib), ("library", "show", "GA-01", "-L", lib), ("library", "authorities", "-L", lib),
        ("library", "diff", lib, lib), ("library", "catalog", "-L", lib, "-o", out / "catalog.md"),
        ("library", "catalog", "-L", lib, "-o", out / "catalog.docx"),
        ("generate", w / "profile.yaml", "-L", lib, "--format", "md"),
        ("generate", w / "profile.yaml", "-L", lib, "--format", "json", "-o", out / "spec.json"),
        ("generate", w / "profile.yaml", "-L", lib, "-o", out / "spec.docx", "--template", w / "template.docx"),
        ("extract", w / "sow.docx", "--format", "json"), ("extract", w / "sow.pdf"), ("extract", w / "doc.txt"),
        ("check", w / "doc.md", "-j", "1"), ("check", w / "doc.md", "--config", w / ".acqspec.toml", "-j", "1"),
        ("check", w / "sow.docx", w / "sow.pdf", w / "doc.md", "--no-config", "-L", lib, "--format", "sarif",
         "-o", out / "report.sarif"),
        ("check", w / "doc.md", "--no-config", "-L", lib, "--profile", w / "profile.yaml", "--format", "junit"),
        ("check", w / "doc.md", "--no-config", "-L", lib, "--against", w / "sow.docx", "--format", "github"),
        ("check", w / "sow.docx", "--no-config", "-L", lib, "--format", "docx", "-o", out / "reviewed.docx"),
        ("config", "show", w), ("config", "show", "--config", w / ".acqspec.toml"),
    ]
    for args in commands:
        result = invoke(*args)
        assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr[-500:])
    assert digest_tree(work) == before
    assert not list(out.rglob("*.tmp"))


# ======================================================================================
# Text and Markdown: unmatched markup reads as text (linear time: bench/bench_hostile.py)
# ======================================================================================

MARKDOWN_UNITS = [
    " *a", " **a", " ***a", " _a", " __a", " ~~a", "<!--", "[^a ", "[a](()", "[", "[a", "[a](b ", "![a](b ",
    "<span ", "<http:a ", "``a ` ", "`a", "\\", "&#1114112;",
]
"""Inline-markup openers that are never closed; 200 KB of one of them is a hostile Markdown file."""


@pytest.mark.parametrize("unit", MARKDOWN_UNITS)
def test_markdown_unmatched_inline_markup_reads_as_text(unit: str) -> None:
    """60 KB of one unmatched delimiter used to take 5-15 s (a lazy regex rescanning from every opener)."""
    from acqspec.io.readers.text import parse_text

    text = unit * (200_000 // len(unit))
    doc = parse_text(text, "x.md", markdown=True)
    assert [block.kind for block in doc.blocks] == ["paragraph"]
    assert doc.blocks[0].text and doc.blocks[0].text.count("a") == text.count("a")  # no letter lost


def test_markdown_heading_with_a_long_run_of_spaces() -> None:
    from acqspec.io.readers.text import parse_text

    doc = parse_text("# Title" + " " * 200_000 + "end ##\n", "x.md", markdown=True)
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == "Title end"


def test_a_huge_word_checked_against_a_baseline_stays_small(tmp_path: Path) -> None:
    """A 100,000-letter "word" once made the concept prefilter build 5 GB of word prefixes (fuzz case 2893)."""
    doc = tmp_path / "sow.txt"
    doc.write_text("STATEMENT OF WORK\n\nThe contractor shall deliver a test plan. " + "a" * 100_000 + "\n")
    code = ("import resource, sys\nfrom acqspec.cli import main\n"
            f"sys.argv = ['acqspec', 'check', {str(doc)!r}, '--no-config', '--clauses', 'TE-01,GA-01']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert int(done.stderr.strip().splitlines()[-1]) < 600, done.stderr


# ======================================================================================
# Configs
# ======================================================================================

def test_config_naming_the_root_as_library_is_refused(tmp_path: Path, monkeypatch) -> None:
    from acqspec.library import loader

    monkeypatch.setattr(loader, "MAX_LIBRARY_ENTRIES", 2_000)  # the real limit (50,000) needs a big disk
    (tmp_path / ".acqspec.toml").write_text('library = ["/"]\n')
    (tmp_path / "doc.md").write_text("The Contractor shall deliver a model card.\n")
    result = invoke("check", tmp_path / "doc.md", "-j", "1")
    assert result.exit_code == 2 and "acqspec: error: " in result.stderr, (result.exit_code, result.stderr)


@pytest.mark.parametrize("value", ['"\\u0000"', '"' + "x" * 5000 + '"', '"/dev/zero"'])
def test_odd_paths_in_a_config_are_one_line_errors(tmp_path: Path, value: str) -> None:
    (tmp_path / ".acqspec.toml").write_text(f"library = [\"{GEN_LIBRARY}\"]\nprofile = {value}\n")
    (tmp_path / "doc.md").write_text("The Contractor shall deliver a model card.\n")
    assert_refused(invoke("check", tmp_path / "doc.md", "-j", "1"))
