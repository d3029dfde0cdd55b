"""A YAML loader for files written by other people.

Clause files, authority registries and acquisition profiles come from other
offices, so loading them must never construct objects, expand alias bombs or
read other files.  We therefore *compose* the document with PyYAML's safe
composer (which only builds a node graph) and convert the nodes ourselves:

* only the plain YAML 1.1 scalar tags are accepted (``!!python/...`` and any
  custom tag is refused);
* anchors and aliases are refused outright, which makes "billion laughs"
  impossible;
* duplicate mapping keys are errors (PyYAML silently keeps the last one);
* every mapping key and sequence item remembers its 1-based line, so a schema
  error can be reported as ``path:line: field: message``;
* nesting depth and node count are checked on the flat event stream *before*
  the composer runs: libyaml's composer recurses in C, and 100,000 nested
  ``[`` crash the interpreter outright;
* numbers must be short and fit in 64 bits: YAML 1.1 sexagesimal integers
  (``1:30:00``) are computed digit group by digit group, so a long one takes
  seconds, and an integer of more than 4,300 digits cannot even be printed;
* error messages are one line, whatever the file holds.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from acqspec.errors import YamlError

try:  # the libyaml composer is ~10x faster; fall back to pure Python
    _Loader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 64
"""Longest int, float, bool, null or timestamp scalar (a 64-bit integer has 20 digits)."""
_INT_RANGE = (-(2**63), 2**63)
_NUMERIC_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

Loc = tuple[str | int, ...]
# Parts of a pydantic error location that name a union member, not a key.
_UNION_TAGS = {"int", "float", "str", "bool", "date", "none", "is-instance[date]"}


@dataclass
class YamlDoc:
    """Plain data loaded from YAML plus the line of every key and item."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_for(self, loc: Loc) -> int:
        """Return the line of ``loc`` or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def load_yaml_file(path: str | Path, *, max_bytes: int = MAX_YAML_BYTES) -> YamlDoc:
    """Read and safely parse one YAML file; raise :class:`YamlError` on any problem."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise YamlError("is not a regular file", path=path)
        if info.st_size > max_bytes:
            raise YamlError(f"file is {info.st_size} bytes; the limit is {max_bytes}", path=path)
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
        if len(raw) > max_bytes:
            raise YamlError(f"file is larger than the limit of {max_bytes} bytes", path=path)
    except OSError as exc:
        raise YamlError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
    except ValueError as exc:  # a path with a NUL byte (e.g. from a config file) is not an OSError
        raise YamlError(f"cannot read file: {_one_line(exc)}", path=_one_line(repr(str(path)), 120)) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError("file is not valid UTF-8 text", path=path, line=line) from exc
    return load_yaml_text(text, path=str(path))


def load_yaml_text(text: str, *, path: str = "<string>") -> YamlDoc:
    """Safely parse YAML text (see the module docstring for what is refused)."""
    if "\x00" in text:
        raise YamlError("file contains NUL bytes; it is not a YAML text file", path=path)
    try:
        # Aliases are refused from the event stream, where each one has its
        # own position (in the node graph an alias is the anchored node).
        # Depth and size are checked there too, before anything recursive runs.
        depth = nodes_seen = 0
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise YamlError("YAML anchors and aliases are not allowed", path=path,
                                line=event.start_mark.line + 1)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH + 1:
                    raise YamlError(f"YAML nesting deeper than {MAX_DEPTH} levels", path=path,
                                    line=event.start_mark.line + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes_seen += 1
                if nodes_seen > MAX_NODES:
                    raise YamlError(f"more than {MAX_NODES} YAML nodes", path=path,
                                    line=event.start_mark.line + 1)
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.problem_mark is not None \
                and exc.context_mark.line != exc.problem_mark.line:
            problem += f" ({exc.context} started at line {exc.context_mark.line + 1})"
        raise YamlError(f"invalid YAML: {_one_line(problem)}", path=path, line=line) from exc
    except yaml.reader.ReaderError as exc:  # its str() spans two lines
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        what = f"character #x{exc.character:04x}" if isinstance(exc.character, int) else "character"
        raise YamlError(f"invalid YAML: unacceptable {what}: {_one_line(exc.reason)}", path=path,
                        line=line) from exc
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {_one_line(exc)}", path=path) from exc
    except RecursionError as exc:
        raise YamlError("invalid YAML: nesting is too deep", path=path) from exc
    if len(nodes) > 1:
        raise YamlError("file holds more than one YAML document", path=path,
                        line=nodes[1].start_mark.line + 1)
    doc = YamlDoc(path=path, data=None)
    if not nodes or nodes[0] is None:
        return doc
    converter = _Converter(path, doc.lines)
    doc.lines[()] = nodes[0].start_mark.line + 1
    doc.data = converter.convert(nodes[0], ())
    return doc


class _Converter:
    """Turn a composed node graph into plain Python values, recording lines."""

    def __init__(self, path: str, lines: dict[Loc, int]):
        self.path = path
        self.lines = lines
        self.seen: set[int] = set()
        self.count = 0
        # A loader instance gives us PyYAML's own scalar resolution rules.
        self.constructor = yaml.SafeLoader("")

    def fail(self, node: yaml.Node, message: str) -> YamlError:
        return YamlError(message, path=self.path, line=node.start_mark.line + 1)

    def convert(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        if id(node) in self.seen:
            raise self.fail(node, "YAML anchors and aliases are not allowed")
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, f"more than {MAX_NODES} YAML nodes")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"YAML nesting deeper than {MAX_DEPTH} levels")
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise self.fail(node, f"YAML tag {_one_line(node.tag, 80)!r} is not allowed")
            kind = node.tag.rsplit(":", 1)[-1]
            if kind != "str" and len(node.value) > MAX_NUMBER_CHARS:
                raise self.fail(node, f"invalid {kind} value {_one_line(repr(node.value), 40)}: "
                                      f"longer than {MAX_NUMBER_CHARS} characters")
            try:
                value = self.constructor.yaml_constructors[node.tag](self.constructor, node)
            except (ValueError, OverflowError, yaml.YAMLError) as exc:
                raise self.fail(node, f"invalid {kind} value {_one_line(repr(node.value), 80)}") from exc
            if isinstance(value, int) and not isinstance(value, bool) and not _INT_RANGE[0] <= value < _INT_RANGE[1]:
                raise self.fail(node, f"int value {_one_line(repr(node.value), 40)} is out of range")
            return value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self.fail(node, f"YAML tag {_one_line(node.tag, 80)!r} is not allowed")
            items = []
            for index, item in enumerate(node.value):
                self.lines[loc + (index,)] = item.start_mark.line + 1
                items.append(self.convert(item, loc + (index,), depth + 1))
            return items
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                raise self.fail(node, f"YAML tag {_one_line(node.tag, 80)!r} is not allowed")
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "mapping keys must be plain strings (no merge keys)")
                key = self.convert(key_node, loc, depth + 1)
                if not isinstance(key, str):
                    key = str(key)
                if key in result:
                    raise self.fail(key_node, f"duplicate key {_one_line(repr(key), 80)}")
                self.lines[loc + (key,)] = key_node.start_mark.line + 1
                result[key] = self.convert(value_node, loc + (key,), depth + 1)
            return result
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover


def validation_messages(exc, doc: YamlDoc) -> list[tuple[int, str]]:
    """Turn a pydantic ``ValidationError`` into ``(line, "key.path: message")`` pairs.

    Union members are dropped from the key path, duplicate messages merged, and
    a container error caused by one of its items is left out as noise.
    """
    merged: dict[tuple, list[str]] = {}
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"]
                    if not (isinstance(part, str) and (part in _UNION_TAGS or "[" in part)))
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        elif error["type"] == "missing":
            message = "required key is missing"
        else:
            message = _one_line(error["msg"].removeprefix("Value error, "), 300)
        merged.setdefault(loc, [])
        if message not in merged[loc]:
            merged[loc].append(message)
    result = []
    for loc, messages in merged.items():
        if any(other != loc and other[: len(loc)] == loc for other in merged):
            continue
        where = ".".join(_loc_part(p) for p in loc) or "(file)"
        result.append((doc.line_for(loc), f"{where}: {'; or '.join(messages)}"))
    return result


def _one_line(detail: object, limit: int = 200) -> str:
    """``detail`` on one line, shortened: messages echo pieces of a hostile file."""
    text = " ".join(str(detail).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _loc_part(part: str | int) -> str:
    """One step of a key path in a message; odd keys (line breaks, very long) are quoted and cut."""
    text = str(part)
    if text.isprintable() and len(text) <= 80:
        return text
    return _one_line(repr(text), 80)
