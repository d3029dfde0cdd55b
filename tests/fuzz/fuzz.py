#!/usr/bin/env python3
"""Seeded mutation fuzzer for everything acqspec reads from outside the Government.

Each case takes a real input (a clause file, a profile, a waiver file, a
config file, a .docx, .pdf, .md or .txt), applies one to four format-aware
mutations, and runs one acqspec command on it in-process through click's
CliRunner.  A case passes when acqspec either accepts the input (exit 0 or 1)
or refuses it with exit 2 and exactly one line on stderr.  It fails on

* a traceback (any exception other than :class:`~acqspec.errors.AcqspecError`),
* an exit code other than 0, 1 or 2, or more than one stderr line on exit 2,
* a hang: more than ``--timeout`` seconds (SIGALRM; a hang inside C code is
  caught by faulthandler's watchdog, which dumps the stack and exits),
* a modified input file, a partial output after a refusal, a leftover
  temporary file, a new peak of more than ``--max-rss-growth`` MB,
* a canary: code that ran (a file the payload would create), a file that was
  read (the marker of a secret file the payload points at appears in any
  output), or a network connection attempted.

Everything is derived from ``--seed`` and the case number, so
``--only N`` replays case N exactly.  Usage::

    python tests/fuzz/fuzz.py --cases 5000 --seed 1 --timeout 10 --report fuzz.json --save fuzz-failures

Add a target with the ``@target`` decorator below: a name, seed files, a
weight and a builder that mutates a seed and returns the files and command of
one case.
"""

from __future__ import annotations

import argparse
import copy
import faulthandler
import hashlib
import io
import json
import random
import re
import resource
import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
READERS = ROOT / "tests" / "fixtures" / "readers"
GEN_LIBRARY = ROOT / "tests" / "fixtures" / "gen_library"
BASE_PROFILE = ROOT / "tests" / "fixtures" / "profiles" / "base.yaml"
BUNDLED_LIBRARY = ROOT / "clause_library"

# ======================================================================================
# Interesting values
# ======================================================================================

SECRET_NAME = "secret.txt"
CANARY_NAME = "CANARY"

UNICODE = ["\u202e", "\u200b", "\ufeff", "\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u00a0", "\u2028",
           "\u2029", "\ud7ff", "\ue000", "\uffff", "\U0001f4a9", "\u0301" * 50, "e\u0301", "İ", "ß", "ﬃ", "\t", "\r",
           "\r\n", "\\", "\"", "'", "`", "$", "%s", "%n", "{0}", "\x1b[31m", "Ω", "中文", "עברית", "\u180e"]
NUMBERS = ["0", "-1", "1", "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807",
           "9223372036854775808", "-9223372036854775809", "1e308", "1.0e999", "-1.0e999", ".nan", ".inf", "-.inf",
           "0x7fffffffffffffff", "0o777", "0b1010", "1_000_000", "1:30:00", "99999999999999999999999999999",
           "3.14159", "-0", "1e-400", "0.0000000001"]
PATHS = ["/etc/passwd", "../../../../../../etc/passwd", "..", "/", "/dev/zero", "/dev/stdin", "/proc/self/environ",
         "~/.ssh/id_rsa", "C:\\Windows\\win.ini", "\\\\server\\share\\x", "file:///etc/passwd",
         "http://127.0.0.1:9/x", "con", "aux.yaml", "a/../../b", "./././x", "%2e%2e/%2e%2e/etc/passwd", "x\x00y"]
TEMPLATES = ["{{ __class__.__mro__ }}", "{{ ''.__class__.__mro__[1].__subclasses__() }}", "{{ ''.__class__ }}",
             "{% include '/etc/passwd' %}", "{{ config }}", "{{ self }}", "{{ request.application.__globals__ }}",
             "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "{# comment #}", "{%- raw %}x{% endraw %}",
             "{{ 7*7 }}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "{{ x|attr('__class__') }}", "{{", "}}", "{%", "{{ a }}",
             "{{ lipsum.__globals__ }}", "{{ url_for.__globals__ }}"]


def payloads(workdir: Path) -> list[str]:
    """Strings that would execute code, read the secret file or reach the network if anything interpreted them."""
    secret = workdir / SECRET_NAME
    canary = workdir / CANARY_NAME
    return [
        f'!!python/object/apply:os.system ["touch {canary}"]',
        f"!!python/object/apply:builtins.open ['{canary}', 'w']",
        f"!!python/object/new:subprocess.check_output [['touch', '{canary}']]",
        "!!python/name:os.system",
        f'!<tag:yaml.org,2002:python/object/apply:os.system> ["touch {canary}"]',
        f"{{% include '{secret}' %}}",
        f"{{{{ open('{secret}').read() }}}}",
        f"{{{{ ''.__class__.__mro__[1].__subclasses__() }}}} {secret}",
        f"file://{secret}",
        "http://127.0.0.1:9/acqspec-fuzz",
    ]


def huge(rng: random.Random) -> str:
    """A long string, from 1 KB to about 1 MB."""
    unit = rng.choice(["a", "word ", "The Contractor shall comply. ", "x" * 100, "€", "\u202e", "{{ x }}", "*", "[a](",
                       "<!--", "`", "|", "1.", "- ", "# ", "\t", " "])
    return unit * (rng.choice([1000, 10_000, 100_000]) // max(1, len(unit)) + 1)


# ======================================================================================
# Generic mutations
# ======================================================================================

def mutate_bytes(rng: random.Random, data: bytes, ops: list[str]) -> bytes:
    """One byte-level mutation."""
    data = bytearray(data)
    choice = rng.randrange(9)
    if not data:
        ops.append("bytes:fill")
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    if choice == 0:
        count = rng.randint(1, 8)
        for _ in range(count):
            position = rng.randrange(len(data))
            data[position] ^= 1 << rng.randrange(8)
        ops.append(f"bytes:flip x{count}")
    elif choice == 1:
        position = rng.randrange(len(data))
        data[position] = rng.choice([0, 0xFF, 0x7F, 0x80, 0x0A, 0x3C, 0x25])
        ops.append(f"bytes:set @{position}")
    elif choice == 2:
        cut = rng.randrange(len(data))
        ops.append(f"bytes:truncate @{cut}")
        return bytes(data[:cut])
    elif choice == 3:
        position = rng.randrange(len(data) + 1)
        junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 256)))
        data[position:position] = junk
        ops.append(f"bytes:insert {len(junk)} @{position}")
    elif choice == 4:
        start = rng.randrange(len(data))
        end = min(len(data), start + rng.randint(1, 4096))
        del data[start:end]
        ops.append(f"bytes:delete {start}-{end}")
    elif choice == 5:
        start = rng.randrange(len(data))
        end = min(len(data), start + rng.randint(1, 4096))
        times = rng.randint(2, 50)
        data[end:end] = data[start:end] * (times - 1)
        ops.append(f"bytes:repeat {start}-{end} x{times}")
    elif choice == 6:
        ops.append("bytes:append")
        data += bytes(rng.randrange(256) for _ in range(rng.randint(1, 1024)))
    elif choice == 7:
        a, b = sorted(rng.randrange(len(data)) for _ in range(2))
        c = rng.randrange(len(data))
        chunk = data[a:b]
        data[c:c + len(chunk)] = chunk
        ops.append(f"bytes:copy {a}-{b} to {c}")
    else:
        position = rng.randrange(len(data))
        value = rng.choice([b"\xff\xff\xff\x7f", b"\x00\x00\x00\x80", b"\xff\xff\xff\xff", b"\x00\x00\x00\x00"])
        data[position:position + 4] = value
        ops.append(f"bytes:int32 @{position}")
    return bytes(data)


def mutate_text(rng: random.Random, text: str, ops: list[str], tokens: list[str]) -> str:
    """One line- or token-level mutation of text."""
    lines = text.split("\n")
    choice = rng.randrange(10)
    if choice == 0:
        token = rng.choice(tokens + UNICODE)
        times = rng.choice([1, 1, 2, 10, 1000, 20_000])
        position = rng.randrange(len(text) + 1)
        ops.append(f"text:insert {token[:20]!r}x{times}")
        return text[:position] + token * times + text[position:]
    if choice == 1 and lines:
        i = rng.randrange(len(lines))
        times = min(rng.choice([2, 10, 1000]), max(2, 2_000_000 // (len(lines[i]) + 1)))  # inputs stay below ~2 MB
        ops.append(f"text:dup-line {i} x{times}")
        lines[i:i + 1] = [lines[i]] * times
    elif choice == 2 and lines:
        i = rng.randrange(len(lines))
        ops.append(f"text:del-line {i}")
        del lines[i]
    elif choice == 3 and len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        ops.append(f"text:swap {i} {j}")
        lines[i], lines[j] = lines[j], lines[i]
    elif choice == 4 and lines:
        i = rng.randrange(len(lines))
        ops.append(f"text:huge-line {i}")
        lines[i] = lines[i] + " " + huge(rng)
    elif choice == 5:
        ops.append("text:unicode")
        chars = list(text)
        for _ in range(rng.randint(1, 20)):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(UNICODE))
        return "".join(chars)
    elif choice == 6 and lines:
        i = rng.randrange(len(lines))
        depth = rng.choice([10, 100, 1000])
        ops.append(f"text:indent {i} x{depth}")
        lines[i] = " " * depth + lines[i]
    elif choice == 7:
        ops.append("text:payload")
        position = rng.randrange(len(text) + 1)
        return text[:position] + rng.choice(tokens) + text[position:]
    elif choice == 8 and text:
        a, b = sorted(rng.randrange(len(text)) for _ in range(2))
        ops.append(f"text:cut {a}-{b}")
        return text[:a] + text[b:]
    else:
        ops.append("text:line-endings")
        return text.replace("\n", rng.choice(["\r\n", "\r", "\u2028", "\n\n", "\x0b", "\x0c"]))
    return "\n".join(lines)


def encode_text(rng: random.Random, text: str, ops: list[str]) -> bytes:
    """Usually UTF-8; sometimes another encoding or broken bytes."""
    choice = rng.randrange(14)
    if choice == 0:
        ops.append("enc:utf-16")
        return text.encode("utf-16", errors="surrogatepass")
    if choice == 1:
        ops.append("enc:utf-8-bom")
        return b"\xef\xbb\xbf" + text.encode("utf-8", errors="surrogatepass")
    if choice == 2:
        ops.append("enc:cp1252")
        return text.encode("cp1252", errors="replace")
    if choice == 3:
        ops.append("enc:latin-1-bytes")
        raw = bytearray(text.encode("utf-8", errors="surrogatepass"))
        for _ in range(rng.randint(1, 5)):
            raw.insert(rng.randrange(len(raw) + 1), rng.choice([0xC3, 0xFF, 0x80, 0xE9]))
        return bytes(raw)
    if choice == 4:
        ops.append("enc:utf-32")
        return text.encode("utf-32", errors="surrogatepass")
    return text.encode("utf-8", errors="surrogatepass")


# ======================================================================================
# YAML and TOML
# ======================================================================================

def _leaves(data, path=()):
    if isinstance(data, dict):
        yield path, data
        for key, value in data.items():
            yield from _leaves(value, path + (key,))
    elif isinstance(data, list):
        yield path, data
        for index, value in enumerate(data):
            yield from _leaves(value, path + (index,))
    else:
        yield path, data


def _get(data, path):
    for part in path:
        data = data[part]
    return data


def interesting_value(rng: random.Random, workdir: Path):
    """A value of any YAML type that a schema should refuse or handle."""
    choice = rng.randrange(12)
    if choice == 0:
        return rng.choice([0, -1, 2**31, 2**63 - 1, -(2**63), 10**30, 1e308, float("inf"), float("nan"), -0.0])
    if choice == 1:
        return rng.choice([True, False, None, "", " ", "\n"])
    if choice == 2:
        return huge(rng)
    if choice == 3:
        return rng.choice(TEMPLATES)
    if choice == 4:
        return rng.choice(PATHS)
    if choice == 5:
        return "".join(rng.choice(UNICODE) for _ in range(rng.randint(1, 10)))
    if choice == 6:
        return {"x": 1, "__class__": "y", "": None}
    if choice == 7:
        return [1, "a", None, [], {}]
    if choice == 8:
        import datetime as dt

        return rng.choice([dt.date(1, 1, 1), dt.date(9999, 12, 31), "2024-02-30", "2024-13-01", "9999-99-99"])
    if choice == 9:
        value: object = "x"
        for _ in range(rng.choice([10, 60, 70, 200])):
            value = [value] if rng.random() < 0.5 else {"k": value}
        return value
    if choice == 10:
        return [{"clause": "X", "justification": "y" * 30}] * rng.choice([2, 100, 5000])
    return rng.choice(payloads(workdir))


def mutate_yaml(rng: random.Random, text: str, ops: list[str], workdir: Path) -> str:
    """A structural mutation of the parsed tree, or a textual YAML-specific one."""
    import yaml

    choice = rng.randrange(4)
    if choice < 2:
        try:
            data = yaml.safe_load(text)
        except Exception:  # an earlier mutation may have broken it in any way (bad dates, recursion...)
            data = None
        if isinstance(data, (dict, list)):
            data = copy.deepcopy(data)
            nodes = list(_leaves(data))
            path, _ = rng.choice(nodes)
            action = rng.randrange(7)
            if not path:
                action = 4
            if action >= 5:
                # Keep the type so the file still validates and the hostile value reaches the
                # generator, the checker and the writers.
                typed = [(p, v) for p, v in nodes if p and isinstance(v, (str, int, float)) and not isinstance(v, bool)]
                if typed:
                    path, value = rng.choice(typed)
                    parent = _get(data, path[:-1])
                    if isinstance(value, str):
                        parent[path[-1]] = rng.choice([
                            value + " " + rng.choice(TEMPLATES), rng.choice(payloads(workdir)), rng.choice(PATHS),
                            value + "".join(rng.choice(UNICODE[4:]) for _ in range(3)), value * rng.choice([2, 50]),
                            value + " ]]><!-- <w:p> & \"'", value + "\n\nSECTION C\n# heading\n| a | b |"])
                    elif isinstance(value, int):
                        parent[path[-1]] = rng.choice([0, 1, -1, value + 1, value * 1000, 240, 241])
                    else:
                        parent[path[-1]] = rng.choice([0.0, -0.0, value * 1e6, 1e-9, 100.0, 100.000001])
                    ops.append(f"yaml:typed {'.'.join(map(str, path))}")
            elif action == 0:
                parent = _get(data, path[:-1])
                parent[path[-1]] = interesting_value(rng, workdir)
                ops.append(f"yaml:set {'.'.join(map(str, path))}")
            elif action == 1:
                parent = _get(data, path[:-1])
                del parent[path[-1]]
                ops.append(f"yaml:delete {'.'.join(map(str, path))}")
            elif action == 2:
                target = _get(data, path)
                if isinstance(target, list) and target:
                    target.extend([copy.deepcopy(rng.choice(target)) for _ in range(rng.choice([1, 2, 50]))])
                    ops.append(f"yaml:dup-items {'.'.join(map(str, path))}")
                else:
                    parent = _get(data, path[:-1])
                    parent[path[-1]] = [target, target]
                    ops.append(f"yaml:listify {'.'.join(map(str, path))}")
            elif action == 3:
                parent = _get(data, path[:-1])
                if isinstance(parent, dict):
                    parent[rng.choice(["unknown_key", "__class__", "id", "..", "a\nb", "{{ x }}", "x" * 1000])] = \
                        interesting_value(rng, workdir)
                    ops.append("yaml:add-key")
                else:
                    parent.append(interesting_value(rng, workdir))
                    ops.append("yaml:append")
            else:
                for key in list(data)[:3] if isinstance(data, dict) else []:
                    data[key] = interesting_value(rng, workdir)
                ops.append("yaml:replace-top")
            try:
                return yaml.safe_dump(data, sort_keys=False, allow_unicode=rng.random() < 0.5,
                                      width=rng.choice([80, 10**6]))
            except (yaml.YAMLError, ValueError, RecursionError):
                ops.append("yaml:dump-failed")
                return text
    lines = text.split("\n")
    if choice == 2:
        i = rng.randrange(len(lines) + 1)
        snippet = rng.choice([
            "x: &a [1,2]\ny: *a", "<<: {a: 1}", "---\nb: 2", "%YAML 1.1\n---", "%TAG ! tag:evil:", "? [a, b]\n: c",
            "k: !!binary aGVsbG8=", "k: !!set {a}", "k: !!omap [a: 1]", "k: !custom x", "k: !!str", "k: |\n  a\n b",
            "a: 1\na: 2", "\tk: v", "k: 'unterminated", 'k: "\\ud800"', "k: \x01", "[" * 1000 + "]" * 1000,
            "{" + ", ".join(f"k{n}: {n}" for n in range(5000)) + "}", "k: " + rng.choice(NUMBERS), "k: 2024-02-30",
            "k: " + "1:" * 40 + "0", "&a a: &b b", "- a\n  - b", "k: @reserved", "k: `reserved", "...\n---",
            "lol: &l [" + ",".join(["x"] * 9) + "]\nlol2: [*l,*l,*l,*l,*l,*l,*l,*l,*l]",
        ])
        lines[i:i] = [snippet]
        ops.append(f"yaml:snippet {snippet[:30]!r}")
    else:
        candidates = [n for n, line in enumerate(lines) if ":" in line and not line.lstrip().startswith("#")]
        if not candidates:
            return mutate_text(rng, text, ops, TEMPLATES)
        n = rng.choice(candidates)
        key, _, _ = lines[n].partition(":")
        value = rng.choice(payloads(workdir) + TEMPLATES + NUMBERS + PATHS + [huge(rng)])
        if rng.random() < 0.3:
            value = json.dumps(value)
        lines[n] = f"{key}: {value}"
        ops.append(f"yaml:value line {n + 1} {value[:30]!r}")
    return "\n".join(lines)


def mutate_toml(rng: random.Random, text: str, ops: list[str]) -> str:
    """A TOML config mutation: values, keys, tables, or text."""
    lines = text.split("\n")
    choice = rng.randrange(5)
    if choice == 0:
        candidates = [n for n, line in enumerate(lines) if "=" in line]
        if candidates:
            n = rng.choice(candidates)
            key = lines[n].split("=", 1)[0]
            value = rng.choice([
                '"/"', '"/etc"', '"../../../../.."', '["/", "/etc"]', '"~"', '"/dev/zero"', '"/proc/self/fd/0"',
                "64", "65", "-1", "0", "1e999", "nan", "inf", "true", '""', "[]", "{}", '["AQ"]', '["AQ1", 1]',
                '"' + "x" * 100_000 + '"', "[[1,2],[3]]", '{ a = { b = { c = 1 } } }', '"\\u0000"', "'''a\nb'''",
                "1979-05-27T07:32:00Z", '"{{ __class__ }}"', '"%s%s%s"',
            ])
            lines[n] = f"{key}= {value}"
            ops.append(f"toml:value {key.strip()[:20]}={value[:30]}")
    elif choice == 1:
        snippet = rng.choice([
            '"a\\nb" = 1', "[severity]\nAQ999 = \"error\"", "[thresholds]\nmatch-score = 101", "select = 1",
            "[[select]]\na = 1", "a.b.c.d.e.f = 1", "x = " + "[" * 1000 + "]" * 1000,
            "x = " + "{a=" * 200 + "1" + "}" * 200, "jobs = 64", "library = [\"/\"]", "waivers = \"/dev/zero\"",
            "profile = \"/etc/passwd\"", "fail-on = \"nope\"",
            "[tool.acqspec]\nselect = [\"AQ3\"]", "[tool]\nacqspec = 1", "\x00", "ignore = [\"" + "A" * 10000 + "\"]",
        ])
        lines.insert(rng.randrange(len(lines) + 1), snippet)
        ops.append(f"toml:snippet {snippet[:30]!r}")
    else:
        return mutate_text(rng, text, ops, ["=", "[", "]", "\"", "'''", "#", "[[", ".", "\\u", "inf", "nan"])
    return "\n".join(lines)


# ======================================================================================
# .docx
# ======================================================================================

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WML_TAGS = ["p", "r", "t", "tbl", "tr", "tc", "pPr", "rPr", "numPr", "ilvl", "numId", "pStyle", "ins", "del",
            "delText", "moveFrom", "moveTo", "sym", "tab", "br", "sdt", "sdtContent", "txbxContent", "hyperlink",
            "fldSimple", "instrText", "footnoteReference", "vanish", "outlineLvl", "abstractNum", "num", "lvl",
            "lvlText", "start", "numFmt", "lvlOverride", "startOverride", "style", "basedOn", "name", "body"]
ATTRS = ["val", "char", "font", "id", "type", "styleId", "ilvl", "numId", "abstractNumId", "default"]
ATTR_VALUES = ["0", "-1", "8", "9", "99", "2147483648", "99999999999999999999", "%1%2%3%4%5%6%7%8%9" * 20,
               "lowerLetter", "upperRoman", "bullet", "ordinal", "decimalZero", "none", "Heading1", "", "F0B7",
               "ZZZZ", "x" * 10_000, "\u202e", "1", "true", "off"]
DTD_PAYLOADS = [
    '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    '<!DOCTYPE d SYSTEM "http://127.0.0.1:9/x.dtd">',
    '<!DOCTYPE d [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>',
]


def _zip_members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _zip_build(members: list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(buffer, "w", compression) as archive:
            for name, blob in members:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = compression
                archive.writestr(info, blob)
    return buffer.getvalue()


def mutate_xml(rng: random.Random, blob: bytes, ops: list[str], workdir: Path) -> bytes:
    """One tree mutation of an XML part (or a DTD, or a re-encoding)."""
    try:
        return _mutate_xml(rng, blob, ops, workdir)
    except ValueError:  # lxml refuses some values (control characters): fall back to bytes
        return mutate_bytes(rng, blob, ops)


def _mutate_xml(rng: random.Random, blob: bytes, ops: list[str], workdir: Path) -> bytes:
    from lxml import etree

    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except Exception:  # not XML (any more)
        return mutate_bytes(rng, blob, ops)
    elements = list(root.iter())
    el = rng.choice(elements)
    choice = rng.randrange(10)
    if choice == 0 and el is not root:
        el.getparent().remove(el)
        ops.append(f"xml:remove {etree.QName(el).localname}")
    elif choice == 1 and el is not root:
        times = rng.choice([1, 2, 10, 200])
        for _ in range(times):
            el.addnext(copy.deepcopy(el))
        ops.append(f"xml:dup {etree.QName(el).localname} x{times}")
    elif choice == 2:
        other = rng.choice(elements)
        if other is not el and el not in other.iterancestors() and other is not root:
            other.getparent().remove(other)
            el.append(other)
            ops.append("xml:move")
    elif choice == 3:
        depth = rng.choice([5, 50, 120, 300])
        tag = f"{{{W}}}{rng.choice(['sdt', 'p', 'r', 'tbl', 'tc', 'ins', 'hyperlink'])}"
        outer = inner = etree.Element(tag)
        for _ in range(depth - 1):
            inner = etree.SubElement(inner, tag)
        inner.append(copy.deepcopy(el))
        el.addnext(outer) if el is not root else root.append(outer)
        ops.append(f"xml:nest x{depth}")
    elif choice == 4:
        el.set(f"{{{W}}}{rng.choice(ATTRS)}", rng.choice(ATTR_VALUES))
        ops.append("xml:attr")
    elif choice == 5:
        el.tag = f"{{{W}}}{rng.choice(WML_TAGS)}"
        ops.append(f"xml:retag {etree.QName(el).localname}")
    elif choice == 6:
        el.text = rng.choice([huge(rng), "".join(rng.choice(UNICODE[8:]) for _ in range(5)),
                              rng.choice(TEMPLATES), "The Contractor shall not " * 100])
        ops.append("xml:text")
    elif choice == 7:
        p = etree.SubElement(el, f"{{{W}}}p")
        ppr = etree.SubElement(p, f"{{{W}}}pPr")
        numpr = etree.SubElement(ppr, f"{{{W}}}numPr")
        etree.SubElement(numpr, f"{{{W}}}ilvl").set(f"{{{W}}}val", rng.choice(ATTR_VALUES[:6]))
        etree.SubElement(numpr, f"{{{W}}}numId").set(f"{{{W}}}val", rng.choice(["1", "2", "3", "0", "99"]))
        run = etree.SubElement(p, f"{{{W}}}r")
        etree.SubElement(run, f"{{{W}}}t").text = "Numbered"
        ops.append("xml:numbered-p")
    elif choice == 8:
        payload = rng.choice(DTD_PAYLOADS).format(secret=workdir / SECRET_NAME)
        body = etree.tostring(root)
        ops.append("xml:dtd")
        return b'<?xml version="1.0" encoding="UTF-8"?>' + payload.encode() + body
    else:
        encoding = rng.choice(["UTF-16", "UTF-16LE", "UTF-32", "ISO-8859-1", "ascii", "cp037"])
        ops.append(f"xml:encoding {encoding}")
        try:
            return etree.tostring(root, encoding=encoding, xml_declaration=True)
        except (LookupError, ValueError):
            return etree.tostring(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def mutate_docx(rng: random.Random, data: bytes, ops: list[str], workdir: Path) -> bytes:
    """One package-level, XML-level or byte-level mutation of a .docx."""
    try:
        members = _zip_members(data)
    except Exception:  # an earlier mutation broke the zip (any zlib/zipfile error): mutate bytes instead
        return mutate_bytes(rng, data, ops)
    names = [name for name, _ in members]
    choice = rng.randrange(12)
    if choice < 5:
        preferred = [n for n in names if n in ("word/document.xml", "word/numbering.xml", "word/styles.xml")]
        name = rng.choice(preferred if preferred and rng.random() < 0.7 else names)
        index = names.index(name)
        members[index] = (name, mutate_xml(rng, members[index][1], ops, workdir))
    elif choice == 5:
        index = rng.randrange(len(members))
        ops.append(f"zip:remove {members[index][0]}")
        del members[index]
    elif choice == 6:
        index = rng.randrange(len(members))
        source = rng.choice(members)
        members.append((members[index][0], source[1]))
        ops.append(f"zip:duplicate-name {members[index][0]}")
    elif choice == 7:
        a, b = rng.randrange(len(members)), rng.randrange(len(members))
        members[a] = (members[a][0], members[b][1])
        ops.append(f"zip:replace {members[a][0]} <- {members[b][0]}")
    elif choice == 8:
        index = rng.randrange(len(members))
        name = members[index][0]
        new = rng.choice([name.upper(), "/" + name, "../" + name, name + "/", name.replace("/", "\\"), name + "\x00",
                          "word/" + "a" * 300 + ".xml"])
        members[index] = (new, members[index][1])
        ops.append(f"zip:rename {name}")
    elif choice == 9:
        size = rng.choice([1, 3, 11]) * 1024 * 1024
        name = rng.choice(["word/media/zeros.bin", "word/document.xml", "customXml/item9.xml", "word/big.xml"])
        filler = b"\0" * size if not name.endswith(".xml") else (b"<a>" + b" " * size + b"</a>")
        members.append((name, filler))
        ops.append(f"zip:big-member {name} {size >> 20}MB")
    elif choice == 10:
        ops.append("zip:stored")
        return _zip_build(members, zipfile.ZIP_STORED)
    else:
        return mutate_bytes(rng, data, ops)
    return _zip_build(members)


# ======================================================================================
# .pdf
# ======================================================================================

_PDF_NUMBER = re.compile(rb"(?<=[\s/\[<(])-?\d+(?:\.\d+)?(?=[\s\]>/)])")
_PDF_NAME = re.compile(rb"/[A-Za-z][A-Za-z0-9]*")
PDF_NAMES = [b"/Encrypt", b"/Count", b"/Kids", b"/Length", b"/Filter", b"/FlateDecode", b"/ASCIIHexDecode",
             b"/LZWDecode", b"/JBIG2Decode", b"/DCTDecode", b"/Type", b"/Page", b"/Pages", b"/Root", b"/Font",
             b"/Contents", b"/Resources", b"/XObject", b"/JavaScript", b"/OpenAction", b"/Launch", b"/URI",
             b"/EmbeddedFile", b"/ObjStm", b"/XRef", b"/Prev", b"/Size", b"/MediaBox", b"/Rotate", b"/Annots"]


def mutate_pdf(rng: random.Random, data: bytes, ops: list[str], workdir: Path) -> bytes:
    """A token-level (numbers, names, streams) or byte-level mutation of a PDF."""
    choice = rng.randrange(6)
    if choice == 0:
        matches = list(_PDF_NUMBER.finditer(data))
        if matches:
            m = rng.choice(matches)
            value = rng.choice([b"0", b"-1", b"2147483647", b"4294967296", b"99999999999", b"1e308", b"-0.0",
                                b"3.4e38", b"1000000"])
            ops.append(f"pdf:number @{m.start()} -> {value.decode()}")
            return data[:m.start()] + value + data[m.end():]
    elif choice == 1:
        matches = list(_PDF_NAME.finditer(data))
        if matches:
            m = rng.choice(matches)
            name = rng.choice(PDF_NAMES)
            ops.append(f"pdf:name @{m.start()} -> {name.decode()}")
            return data[:m.start()] + name + data[m.end():]
    elif choice == 2:
        start = data.find(b"stream")
        if start != -1:
            end = data.find(b"endstream", start)
            if end != -1:
                junk = bytes(rng.randrange(256) for _ in range(rng.randint(0, 2048)))
                ops.append("pdf:stream")
                return data[:start + 7] + junk + data[end:]
    elif choice == 3:
        objects = [m.start() for m in re.finditer(rb"\d+ 0 obj", data)]
        if objects:
            start = rng.choice(objects)
            end = data.find(b"endobj", start)
            if end != -1:
                times = rng.choice([2, 100, 1000])
                ops.append(f"pdf:dup-obj x{times}")
                return data[:end + 6] + data[start:end + 6] * times + data[end + 6:]
    elif choice == 4:
        ops.append("pdf:trailer")
        extra = rng.choice([b"\ntrailer\n<< /Root 999 0 R /Size -1 >>\n", b"\nstartxref\n-1\n%%EOF\n",
                            b"\n1 0 obj << /Type /Pages /Kids [1 0 R] /Count 1 >> endobj\n",
                            b"\n%%EOF" * 1000,
                            f"\n9 0 obj << /F (file://{workdir / SECRET_NAME}) >> endobj\n".encode()])
        return data + extra
    return mutate_bytes(rng, data, ops)


# ======================================================================================
# Targets
# ======================================================================================

@dataclass
class Case:
    """One fuzz case: files to write (relative to the case folder) and the command to run."""

    index: int
    target: str
    seed_file: str
    mutations: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict, repr=False)
    args: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    """Relative paths the command writes on success (and must not leave behind on refusal)."""


@dataclass(frozen=True)
class Target:
    name: str
    seeds: tuple[Path, ...]
    weight: float
    build: Callable[[random.Random, Case, bytes, Path, Path], None]
    default: bool = True


TARGETS: dict[str, Target] = {}


def target(name: str, seeds: list[Path], weight: float, *, default: bool = True):
    """Register a target: ``build(rng, case, seed_bytes, seed_path, case_dir)`` fills in ``case``.

    ``default=False`` targets run only when named with ``--targets``.
    """
    def register(build):
        present = tuple(p for p in seeds if p.is_file())
        if present:
            TARGETS[name] = Target(name, present, weight, build, default)
        return build
    return register


def _mutations(rng: random.Random) -> int:
    return rng.choice([1, 1, 1, 2, 2, 3, 4])


DOCUMENT = "doc.md"
DOCUMENT_TEXT = (b"# C.5 Requirements\n\nThe Contractor shall deliver a model card within 30 days of award.\n\n"
                 b"1. The Contractor shall not use Government data to train commercial models.\n")


def _document_command(rng: random.Random, case: Case, name: str, d: Path) -> None:
    """Mostly ``extract`` (reader + NLP); sometimes ``check`` with a report format or an output file."""
    path = str(d / name)
    roll = rng.random()
    if roll < 0.55:
        case.args = ["extract", path, "--format", rng.choice(["json", "table"])]
        if rng.random() < 0.2:
            case.args += ["--revisions", "original", "--all"]
    elif roll < 0.85:
        fmt = rng.choice(["text", "json", "sarif", "github", "junit"])
        case.args = ["check", path, "--no-config", "-L", str(GEN_LIBRARY), "--format", fmt, "--fail-on", "warning"]
        if rng.random() < 0.4:
            case.outputs = [f"out/report.{fmt}"]
            case.args += ["-o", str(d / case.outputs[0])]
    elif roll < 0.93:
        case.args = ["check", path, "--no-config", "-L", str(GEN_LIBRARY), "--clauses", "GA-01,TE-01"]
    else:
        case.files[DOCUMENT] = DOCUMENT_TEXT
        case.args = ["check", str(d / DOCUMENT), "--no-config", "-L", str(GEN_LIBRARY), "--against", path,
                     "--format", "json"]
    if name.endswith(".docx") and rng.random() < 0.15:
        case.outputs = ["out/reviewed.docx"]
        case.args = ["check", path, "--no-config", "-L", str(GEN_LIBRARY), "--format", "docx",
                     "-o", str(d / case.outputs[0])]


@target("docx", [READERS / "sow.docx", READERS / "sow.docx", READERS / "sow.docx",
                 ROOT / "samples" / "sows" / "cbp-face-capture-generated.docx"], weight=3)
def _docx(rng, case, seed, seed_path, d):
    data = seed
    for _ in range(_mutations(rng)):
        data = mutate_docx(rng, data, case.mutations, d)
    case.files["input.docx"] = data
    _document_command(rng, case, "input.docx", d)


@target("pdf", [READERS / "layout.pdf", READERS / "printed.pdf", READERS / "scanned.pdf", READERS / "encrypted.pdf"],
        weight=1.5)
def _pdf(rng, case, seed, seed_path, d):
    data = seed
    for _ in range(_mutations(rng)):
        data = mutate_pdf(rng, data, case.mutations, d)
    case.files["input.pdf"] = data
    _document_command(rng, case, "input.pdf", d)


MD_TOKENS = ["*", "**", "***", "_", "__", "~~", "`", "```", "~~~", "[", "]", "(", ")", "![a](b", "[a](", "[^1]",
             "<!--", "-->", "<span>", "</div>", "<br>", "<http://x", "#", "######", "> ", "|", "|---|", "- ", "1. ",
             "(a) ", "\\", "&amp;", "&#x0;", "&#1114112;", "---", "===", "    ", "\t", "C.5.1 ", "SECTION C "]


@target("md", [READERS / "sow.md", *sorted((ROOT / "samples" / "sows").glob("*.md"))], weight=1.5)
def _md(rng, case, seed, seed_path, d):
    text = seed.decode("utf-8")
    for _ in range(_mutations(rng)):
        text = mutate_text(rng, text, case.mutations, MD_TOKENS + payloads(d))
    case.files["input.md"] = encode_text(rng, text, case.mutations)
    _document_command(rng, case, "input.md", d)


@target("txt", [READERS / "sow.txt"], weight=1)
def _txt(rng, case, seed, seed_path, d):
    text = seed.decode("utf-8")
    for _ in range(_mutations(rng)):
        text = mutate_text(rng, text, case.mutations, MD_TOKENS + ["=" * 3, "-" * 3, "A. ", "I. ", "PART I "])
    case.files["input.txt"] = encode_text(rng, text, case.mutations)
    _document_command(rng, case, "input.txt", d)


@target("clause", [*sorted(BUNDLED_LIBRARY.glob("*/*.yaml")), BUNDLED_LIBRARY / "authorities.yaml",
                   *sorted(GEN_LIBRARY.glob("*/*.yaml"))], weight=2)
def _clause(rng, case, seed, seed_path, d):
    text = seed.decode("utf-8")
    for _ in range(_mutations(rng)):
        text = mutate_yaml(rng, text, case.mutations, d)
    data = encode_text(rng, text, case.mutations) if rng.random() < 0.2 else text.encode("utf-8", "surrogatepass")
    library = seed_path.parents[1] if seed_path.name != "authorities.yaml" else seed_path.parent
    if seed_path.name == "authorities.yaml":
        case.files["lib/authorities.yaml"] = data
        first = sorted(library.glob("*/*.yaml"))[0]
        case.files[f"lib/{first.parent.name}/{first.name}"] = first.read_bytes()
    else:
        case.files["lib/authorities.yaml"] = (library / "authorities.yaml").read_bytes()
        case.files[f"lib/{seed_path.parent.name}/{seed_path.name}"] = data
        if rng.random() < 0.3:  # a neighbour, for the cross-clause checks
            other = rng.choice(sorted(library.glob("*/*.yaml")))
            case.files.setdefault(f"lib/{other.parent.name}/{other.name}", other.read_bytes())
    lib = str(d / "lib")
    roll = rng.random()
    if roll < 0.5:
        case.args = ["library", "validate", lib, "--format", rng.choice(["text", "json"])]
    elif roll < 0.7:
        case.args = ["generate", str(BASE_PROFILE), "-L", lib, "--format", rng.choice(["md", "json"])]
    elif roll < 0.8:
        case.outputs = ["out/catalog.md"]
        case.args = ["library", "catalog", "-L", lib, "-o", str(d / case.outputs[0])]
    elif roll < 0.9:
        case.files[DOCUMENT] = DOCUMENT_TEXT
        case.args = ["check", str(d / DOCUMENT), "--no-config", "-L", lib, "--format", "json"]
    else:
        case.args = ["library", rng.choice(["list", "authorities"]), "-L", lib, "--format", "json"]


@target("profile", [*sorted((ROOT / "samples" / "profiles").glob("*.yaml")), BASE_PROFILE], weight=2)
def _profile(rng, case, seed, seed_path, d):
    text = seed.decode("utf-8")
    for _ in range(_mutations(rng)):
        text = mutate_yaml(rng, text, case.mutations, d)
    case.files["profile.yaml"] = (encode_text(rng, text, case.mutations) if rng.random() < 0.2
                                  else text.encode("utf-8", "surrogatepass"))
    profile = str(d / "profile.yaml")
    library = ["-L", str(GEN_LIBRARY)] if seed_path == BASE_PROFILE or rng.random() < 0.3 else []
    roll = rng.random()
    if roll < 0.6:
        case.args = ["generate", profile, *library, "--format", rng.choice(["md", "json"])]
    elif roll < 0.8:
        case.outputs = ["out/spec.docx"]
        case.args = ["generate", profile, *library, "-o", str(d / case.outputs[0])]
    else:
        case.files[DOCUMENT] = DOCUMENT_TEXT
        case.args = ["check", str(d / DOCUMENT), "--no-config", *library, "--profile", profile, "--format", "json"]


@target("waivers", [ROOT / "samples" / "waivers.yaml", HOSTILE / "waivers.yaml"], weight=0.7)
def _waivers(rng, case, seed, seed_path, d):
    text = seed.decode("utf-8")
    for _ in range(_mutations(rng)):
        text = mutate_yaml(rng, text, case.mutations, d)
    case.files["waivers.yaml"] = text.encode("utf-8", "surrogatepass")
    case.files[DOCUMENT] = DOCUMENT_TEXT
    case.args = ["check", str(d / DOCUMENT), "--no-config", "-L", str(GEN_LIBRARY), "--waivers",
                 str(d / "waivers.yaml"), "--format", rng.choice(["text", "json"]), "--as-of", "2026-01-01"]


@target("template", [READERS / "sow.docx", ROOT / "samples" / "sows" / "cbp-face-capture-generated.docx"],
        weight=1, default=False)
def _template(rng, case, seed, seed_path, d):
    """``generate --template``: a Word template is a .docx from elsewhere too."""
    data = seed
    for _ in range(_mutations(rng)):
        data = mutate_docx(rng, data, case.mutations, d)
    case.files["template.docx"] = data
    case.outputs = ["out/spec.docx"]
    case.args = ["generate", str(BASE_PROFILE), "-L", str(GEN_LIBRARY), "--template", str(d / "template.docx"),
                 "-o", str(d / case.outputs[0])]


def _config_available() -> bool:
    try:
        import acqspec.config  # noqa: F401
    except ImportError:
        return False
    return True


@target("config", [HOSTILE / "config.toml", HOSTILE / "pyproject.toml"] if _config_available() else [], weight=1.5)
def _config(rng, case, seed, seed_path, d):
    text = seed.decode("utf-8").replace("@LIBRARY@", str(GEN_LIBRARY)).replace("@PROFILE@", str(BASE_PROFILE))
    for _ in range(_mutations(rng)):
        text = mutate_toml(rng, text, case.mutations)
    case.files["project/waivers.yaml"] = (HOSTILE / "waivers.yaml").read_bytes()
    data = text.encode("utf-8", "surrogatepass") if rng.random() < 0.9 else encode_text(rng, text, case.mutations)
    name = seed_path.name if seed_path.name == "pyproject.toml" else ".acqspec.toml"
    case.files[f"project/{name}"] = data
    case.files[f"project/{DOCUMENT}"] = DOCUMENT_TEXT
    config, document = str(d / "project" / name), str(d / "project" / DOCUMENT)
    roll = rng.random()
    if roll < 0.4:
        case.args = ["config", "show", "--config", config]
    elif roll < 0.55:
        case.args = ["config", "show", str(d / "project")]  # found by searching upward
    elif roll < 0.85:
        # -j 1: a config may ask for 64 worker processes; the harness stays in one.
        case.args = ["check", document, "--config", config, "-j", "1", "--format", "json"]
    else:
        case.args = ["check", document, "-j", "1"]


# ======================================================================================
# Running cases
# ======================================================================================

class Hang(BaseException):
    """Raised by the alarm; a BaseException so that no ``except Exception`` in acqspec swallows it."""


_HANG_STACK: list[str] = []


def _alarm(signum, frame):
    _HANG_STACK[:] = traceback.format_stack(frame)  # where the time went
    raise Hang()


# ======================================================================================
# Known issues outside the hostile-input hardening
# ======================================================================================

@dataclass(frozen=True)
class KnownIssue:
    """A failure whose fix belongs to another module's owner; reported apart, a failure with --strict."""

    key: str
    fix: str
    reasons: tuple[str, ...]
    pattern: str
    """Regex searched in the failure detail (traceback, hang stack at the alarm, or stderr)."""
    targets: tuple[str, ...] = ()
    """Only these targets (empty: any)."""

    def matches(self, outcome: "Outcome") -> bool:
        return (outcome.reason in self.reasons and (not self.targets or outcome.target in self.targets)
                and re.search(self.pattern, outcome.detail) is not None)


KNOWN_ISSUES = [
    KnownIssue("spacy-long-token",
               "acqspec/nlp/extract.py: spaCy's tokenizer is quadratic in the length of a token such as 20,000 "
               "'€' or ')'; break such runs before make_doc (patch in the hostile-input report)",
               ("hang", "memory"), r"spacy/language\.py|tokenizer|make_doc"),
    KnownIssue("config-key-newline",
               "acqspec/config.py: a TOML key holding a line break is echoed raw, so the error spans two lines "
               "(patch in the hostile-input report)",
               ("error not one line",),
               r"\n(?!acqspec: )[^\n]*: (?:Extra inputs|Input should|Field required|Value error)",
               targets=("config",)),
    KnownIssue("template-python-docx",
               "acqspec/io/docx_out.py, docx_spec.py: --template is opened and written with python-docx without "
               "the reader's checks (patch in the hostile-input report)",
               ("traceback",), r"docx_out\.py|docx_spec\.py", targets=("template",)),
    KnownIssue("docx-core-properties",
               "acqspec/io/docx_out.py: set_properties passes the profile title to python-docx, which refuses "
               "core properties over 255 characters (patch in the hostile-input report)",
               ("traceback",), r"exceeded 255 char limit for property"),
]


_NETWORK: list[str] = []


def _no_network() -> Callable[[], None]:
    """Record (and refuse) any connection attempt: nothing acqspec reads may reach the network.

    Returns the function that puts the real socket functions back.
    """
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(self, address, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _NETWORK.append(repr(address))
            raise OSError("network disabled by the acqspec fuzzer")
        return real_connect(self, address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):
        _NETWORK.append(f"getaddrinfo {host!r}")
        raise OSError("network disabled by the acqspec fuzzer")

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]

    def restore() -> None:
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.getaddrinfo = real_getaddrinfo  # type: ignore[assignment]

    return restore


@dataclass
class Outcome:
    index: int
    target: str
    verdict: str  # accepted | refused | failure | known (a failure listed in KNOWN_ISSUES)
    exit_code: int | None
    seconds: float
    seed_file: str
    mutations: list[str]
    args: list[str]
    reason: str = ""
    detail: str = ""
    repro: str | None = None


_PROBLEM_LINE = re.compile(r"^.+:\d+: (?:error|warning): .+ \[LIB\d{3}\]$")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tree_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def build_case(seed: int, index: int, workdir: Path, targets: list[str]) -> Case:
    """The case ``index`` of run ``seed`` (pure: the same numbers give the same case)."""
    rng = random.Random(f"acqspec-fuzz:{seed}:{index}")
    names = [t for t in targets if t in TARGETS]
    chosen = TARGETS[rng.choices(names, weights=[TARGETS[t].weight for t in names])[0]]
    seed_path = rng.choice(chosen.seeds)
    case = Case(index=index, target=chosen.name, seed_file=str(seed_path.relative_to(ROOT)))
    chosen.build(rng, case, seed_path.read_bytes(), seed_path, workdir)
    return case


def run_case(case: Case, workdir: Path, *, timeout: float, runner, cli, secret: str,
             max_rss_growth: float) -> Outcome:
    """Write the case's files into ``workdir``, run its command and judge the result."""
    for child in workdir.iterdir():
        if child.name != SECRET_NAME:
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    (workdir / "out").mkdir()
    for relative, blob in case.files.items():
        path = workdir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
    inputs_before = {rel: hashlib.sha256(blob).hexdigest() for rel, blob in case.files.items()}
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    del _NETWORK[:]

    # A hang inside C code never sees SIGALRM: dump every stack and exit instead.
    faulthandler.dump_traceback_later(timeout * 3 + 5, exit=True, file=sys.__stderr__)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    hung = False
    result = None
    try:
        result = runner.invoke(cli, case.args, catch_exceptions=True)
    except Hang:
        hung = True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        faulthandler.cancel_dump_traceback_later()
    seconds = time.perf_counter() - start

    outcome = Outcome(case.index, case.target, "failure", None, round(seconds, 3), case.seed_file, case.mutations,
                      [a.replace(str(workdir), "$CASE") for a in case.args])

    def fail(reason: str, detail: str = "") -> Outcome:
        outcome.verdict, outcome.reason, outcome.detail = "failure", reason, detail[-4000:]
        return outcome

    if hung or (result is not None and isinstance(result.exception, Hang)):
        return fail("hang", f"no result after {timeout}s; stack at the alarm:\n" + "".join(_HANG_STACK[-12:]))
    assert result is not None
    outcome.exit_code = result.exit_code
    stdout, stderr = result.stdout, result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return fail("traceback", "".join(traceback.format_exception(*result.exc_info)))
    if "Traceback (most recent call last)" in stderr:
        return fail("traceback", stderr)
    if result.exit_code not in (0, 1, 2):
        return fail("exit code", f"exit {result.exit_code}\n{stderr}")
    lines = [line for line in stderr.splitlines() if line.strip()]
    if case.args[:2] == ["library", "validate"]:
        # A report, not an error: one problem per stdout line (text) and at most a summary line on stderr.
        if len(lines) > 1:
            return fail("error not one line", stderr)
        if "--format" in case.args and case.args[case.args.index("--format") + 1] == "text":
            odd = [line for line in stdout.splitlines() if not _PROBLEM_LINE.match(line)]
            if odd:
                return fail("problem not one line", "\n".join(odd[:5]))
    elif result.exit_code == 2 and (len(lines) != 1 or not lines[0].startswith("acqspec: error: ")):
        return fail("error not one line", stderr)

    changed = [rel for rel, digest in inputs_before.items()
               if not (workdir / rel).is_file() or _sha(workdir / rel) != digest]
    if changed:
        return fail("input modified", ", ".join(changed))
    if (workdir / CANARY_NAME).exists():
        return fail("code executed", "the canary file was created")
    if _NETWORK:
        return fail("network", "; ".join(_NETWORK))
    produced = "\n".join(p.read_bytes().decode("utf-8", "replace")
                         for p in (workdir / "out").rglob("*") if p.is_file())
    if secret in stdout or secret in stderr or secret in produced:
        return fail("file read", "the secret file's marker appears in the output")
    litter = [p.name for p in (workdir / "out").rglob("*") if p.name.endswith(".tmp")]
    if litter:
        return fail("temporary file left", ", ".join(litter))
    for relative in case.outputs:
        exists = (workdir / relative).is_file()
        if result.exit_code == 2 and exists:
            return fail("partial output", f"{relative} exists after a refusal")
        if result.exit_code in (0, 1) and not exists:
            return fail("missing output", f"{relative} was not written")
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    if growth > max_rss_growth:
        return fail("memory", f"peak RSS grew by {growth:.0f} MB")
    outcome.verdict = "refused" if result.exit_code == 2 else "accepted"
    outcome.detail = lines[-1][:300] if result.exit_code == 2 and lines else ""
    return outcome


def save_repro(case: Case, outcome: Outcome, save: Path, workdir: Path) -> str:
    folder = save / f"case-{case.index:05d}-{case.target}"
    if folder.exists():
        shutil.rmtree(folder)
    for relative, blob in case.files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
    args = [a.replace(str(workdir), str(folder)) for a in case.args]
    (folder / "case.json").write_text(json.dumps({**asdict(outcome), "args": args}, indent=2, ensure_ascii=False))
    (folder / "repro.sh").write_text("#!/bin/sh\nacqspec " + " ".join(_quote(a) for a in args) + "\n")
    return str(folder)


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def run(cases: int = 5000, seed: int = 1, *, timeout: float = 10.0, targets: list[str] | None = None,
        save: Path | None = None, report: Path | None = None, only: list[int] | None = None,
        max_rss_growth: float = 300.0, progress: bool = False, start: int = 0, strict: bool = False) -> dict:
    """Run the fuzzer and return the summary (also written to ``report`` as JSON).

    Failures matching :data:`KNOWN_ISSUES` are counted as ``known`` unless ``strict``.
    """
    from click.testing import CliRunner

    from acqspec.cli import cli

    restore_network = _no_network()
    targets = targets or [name for name, t in TARGETS.items() if t.default]
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        raise SystemExit(f"unknown target(s) {', '.join(unknown)}; known: {', '.join(TARGETS)}")
    # Files the commands read in place (the rest are copied into the case folder).  The bundled
    # library is read in place too but is edited by people while a long run goes on, so it is not watched.
    watched = [GEN_LIBRARY, READERS, HOSTILE, BASE_PROFILE.parent]
    before = {str(folder): _tree_hashes(folder) for folder in watched if folder.is_dir()}
    workdir = Path(tempfile.mkdtemp(prefix="acqspec-fuzz-"))
    secret = f"ACQSPEC-SECRET-{hashlib.sha256(str(seed).encode()).hexdigest()[:16]}"
    (workdir / SECRET_NAME).write_text(secret + "\n")
    runner = CliRunner()
    previous = signal.signal(signal.SIGALRM, _alarm)
    if not faulthandler.is_enabled():
        faulthandler.enable(file=sys.__stderr__)
    indices = only if only else range(start, start + cases)
    outcomes: list[Outcome] = []
    began = time.perf_counter()
    try:
        for number, index in enumerate(indices):
            case = build_case(seed, index, workdir, targets)
            if save is not None:  # so a crash inside C code still leaves the case behind
                save.mkdir(parents=True, exist_ok=True)
                (save / "current-case.json").write_text(json.dumps(
                    {"index": index, "target": case.target, "args": case.args, "mutations": case.mutations}))
            outcome = run_case(case, workdir, timeout=timeout, runner=runner, cli=cli, secret=secret,
                               max_rss_growth=max_rss_growth)
            known_hang = not strict and any(issue.matches(outcome) for issue in KNOWN_ISSUES)
            if outcome.reason == "hang" and not known_hang:  # once more, in case the machine was busy
                outcome = run_case(case, workdir, timeout=timeout, runner=runner, cli=cli, secret=secret,
                                   max_rss_growth=max_rss_growth)
                outcome.detail = "(timed out once, then run again)\n" + outcome.detail
            if outcome.verdict == "failure" and not strict:
                known = next((issue for issue in KNOWN_ISSUES if issue.matches(outcome)), None)
                if known is not None:
                    outcome.verdict, outcome.reason = "known", f"{outcome.reason} [{known.key}]"
            if outcome.verdict == "failure" and save is not None:
                outcome.repro = save_repro(case, outcome, save, workdir)
            outcomes.append(outcome)
            if progress and (number + 1) % 100 == 0:
                failures = sum(o.verdict == "failure" for o in outcomes)
                print(f"  {number + 1} cases, {failures} failure(s), {time.perf_counter() - began:.0f}s",
                      file=sys.stderr, flush=True)
    finally:
        signal.signal(signal.SIGALRM, previous)
        restore_network()
        shutil.rmtree(workdir, ignore_errors=True)
        if save is not None:
            (save / "current-case.json").unlink(missing_ok=True)
    elapsed = time.perf_counter() - began
    after = {str(folder): _tree_hashes(folder) for folder in watched if folder.is_dir()}
    modified = sorted(f"{folder}/{name}" for folder in before for name in before[folder]
                      if after.get(folder, {}).get(name) != before[folder][name])
    return _summary(outcomes, elapsed, seed=seed, timeout=timeout, modified=modified, report=report)


def _summary(outcomes: list[Outcome], elapsed: float, *, seed: int, timeout: float, modified: list[str],
             report: Path | None) -> dict:
    per_target: dict[str, Counter] = defaultdict(Counter)
    times: dict[str, list[float]] = defaultdict(list)
    for o in outcomes:
        per_target[o.target][o.verdict] += 1
        per_target[o.target]["cases"] += 1
        times[o.target].append(o.seconds)
    failures = [o for o in outcomes if o.verdict == "failure"]
    summary = {
        "seed": seed, "cases": len(outcomes), "seconds": round(elapsed, 1), "timeout": timeout,
        "accepted": sum(o.verdict == "accepted" for o in outcomes),
        "refused": sum(o.verdict == "refused" for o in outcomes),
        "failures": len(failures) + len(modified),
        "known": sum(o.verdict == "known" for o in outcomes),
        "known_issues": {issue.key: {"fix": issue.fix, "cases": [o.index for o in outcomes if o.verdict == "known"
                                                                 and o.reason.endswith(f"[{issue.key}]")]}
                         for issue in KNOWN_ISSUES},
        "tracebacks": sum(o.reason == "traceback" for o in failures),
        "hangs": sum(o.reason == "hang" for o in failures),
        "max_case_seconds": max((o.seconds for o in outcomes), default=0.0),
        "targets": {name: {**counts, "max_seconds": max(times[name]), "mean_seconds": round(
            sum(times[name]) / len(times[name]), 3)} for name, counts in sorted(per_target.items())},
        "modified_shared_inputs": modified,
        "slowest": [asdict(o) for o in sorted(outcomes, key=lambda o: -o.seconds)[:5]],
        "refusals": Counter(re.sub(r"^acqspec: error: [^:]+(:\d+)?: ", "", o.detail)[:60]
                            for o in outcomes if o.verdict == "refused").most_common(25),
        "failure_cases": [asdict(o) for o in failures],
    }
    if report is not None:
        report.write_text(json.dumps(summary, indent=2, ensure_ascii=False, default=str))
    return summary


def print_summary(summary: dict) -> None:
    print(f"acqspec fuzz: seed {summary['seed']}, {summary['cases']} cases in {summary['seconds']}s "
          f"(slowest case {summary['max_case_seconds']:.2f}s, timeout {summary['timeout']}s)")
    print(f"  {'target':<10} {'cases':>6} {'accepted':>9} {'refused':>8} {'failures':>9} {'mean s':>7} {'max s':>6}")
    for name, t in summary["targets"].items():
        print(f"  {name:<10} {t['cases']:>6} {t.get('accepted', 0):>9} {t.get('refused', 0):>8} "
              f"{t.get('failure', 0):>9} {t['mean_seconds']:>7.3f} {t['max_seconds']:>6.2f}")
    print(f"  total: {summary['accepted']} accepted, {summary['refused']} refused, {summary['failures']} failure(s) "
          f"({summary['tracebacks']} traceback(s), {summary['hangs']} hang(s)), {summary['known']} known issue(s)")
    for key, issue in summary["known_issues"].items():
        if issue["cases"]:
            print(f"  KNOWN {key}: cases {', '.join(map(str, issue['cases'][:20]))}\n      fix: {issue['fix']}")
    for path in summary["modified_shared_inputs"]:
        print(f"  FAILURE: shared input modified: {path}")
    for f in summary["failure_cases"][:30]:
        print(f"  FAILURE case {f['index']} [{f['target']}] {f['reason']}: {' '.join(f['args'])[:160]}")
        print(f"      mutations: {'; '.join(f['mutations'])[:200]}")
        last = [line for line in f["detail"].splitlines() if line.strip()][-1:] or [""]
        print(f"      {last[0][:200]}")
        if f.get("repro"):
            print(f"      repro: {f['repro']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="First case number (to split a long run).")
    parser.add_argument("--timeout", type=float, default=10.0, help="Seconds before a case counts as a hang.")
    parser.add_argument("--targets", help=f"Comma-separated subset of: {', '.join(TARGETS)}.")
    parser.add_argument("--only", help="Comma-separated case numbers to replay.")
    parser.add_argument("--report", type=Path, help="Write the summary as JSON here.")
    parser.add_argument("--save", type=Path, help="Save a reproducer folder for every failure here.")
    parser.add_argument("--max-rss-growth", type=float, default=300.0,
                        help="MB by which one case may raise the peak RSS (default 300).")
    parser.add_argument("--progress", action="store_true", help="Print a line every 100 cases.")
    parser.add_argument("--strict", action="store_true", help="Count known issues (KNOWN_ISSUES) as failures.")
    options = parser.parse_args(argv)
    summary = run(options.cases, options.seed, timeout=options.timeout, start=options.start,
                  targets=options.targets.split(",") if options.targets else None, save=options.save,
                  report=options.report, only=[int(n) for n in options.only.split(",")] if options.only else None,
                  max_rss_growth=options.max_rss_growth, progress=options.progress, strict=options.strict)
    print_summary(summary)
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
