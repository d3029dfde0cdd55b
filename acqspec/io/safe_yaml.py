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
  error can be reported as ``path:line: field: message``.
"""

from __future__ import annotations

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
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlError(f"file is {size} bytes; the limit is {max_bytes}", path=path)
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlError(f"cannot read file: {exc.strerror or exc}", path=path) from exc
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
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                raise YamlError("YAML anchors and aliases are not allowed", path=path,
                                line=event.start_mark.line + 1)
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.problem_mark is not None \
                and exc.context_mark.line != exc.problem_mark.line:
            problem += f" ({exc.context} started at line {exc.context_mark.line + 1})"
        raise YamlError(f"invalid YAML: {problem}", path=path, line=line) from exc
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", path=path) from exc
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
        if depth > 64:
            raise self.fail(node, "YAML nesting deeper than 64 levels")
        if isinstance(node, yaml.ScalarNode):
            if node.tag not in _SCALAR_TAGS:
                raise self.fail(node, f"YAML tag {node.tag!r} is not allowed")
            try:
                return self.constructor.yaml_constructors[node.tag](self.constructor, node)
            except (ValueError, yaml.YAMLError) as exc:
                raise self.fail(node, f"invalid {node.tag.rsplit(':', 1)[-1]} value {node.value!r}") from exc
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise self.fail(node, f"YAML tag {node.tag!r} is not allowed")
            items = []
            for index, item in enumerate(node.value):
                self.lines[loc + (index,)] = item.start_mark.line + 1
                items.append(self.convert(item, loc + (index,), depth + 1))
            return items
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                raise self.fail(node, f"YAML tag {node.tag!r} is not allowed")
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "mapping keys must be plain strings (no merge keys)")
                key = self.convert(key_node, loc, depth + 1)
                if not isinstance(key, str):
                    key = str(key)
                if key in result:
                    raise self.fail(key_node, f"duplicate key {key!r}")
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
            message = error["msg"].removeprefix("Value error, ")
        merged.setdefault(loc, [])
        if message not in merged[loc]:
            merged[loc].append(message)
    result = []
    for loc, messages in merged.items():
        if any(other != loc and other[: len(loc)] == loc for other in merged):
            continue
        where = ".".join(str(p) for p in loc) or "(file)"
        result.append((doc.line_for(loc), f"{where}: {'; or '.join(messages)}"))
    return result
