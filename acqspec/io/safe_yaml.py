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

import re
import stat
import types
import typing
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
_STR_TAG = "tag:yaml.org,2002:str"
# Characters that are not text anywhere: XML 1.0 forbids them, so no .docx can hold them.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MERGE_TAG = "tag:yaml.org,2002:merge"
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
    doc = YamlDoc(path=path, data=None)
    builder = _Builder(path, doc.lines)
    try:
        # One pass over libyaml's event stream builds the values directly: no
        # node graph, no recursion (libyaml's own composer recurses in C, and
        # 100,000 nested "[" crash the interpreter), and every alias, tag, depth
        # and size problem is seen with its own line before anything is built on it.
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
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
    doc.data = builder.root
    return doc


_NO_KEY = object()


@dataclass(frozen=True)
class _MergeKey:
    event: yaml.ScalarEvent


class _Builder:
    """Turn libyaml events into plain Python values, recording lines.

    ``stack`` holds one ``[container, loc, pending_key]`` per open mapping or
    sequence; a mapping's ``pending_key`` is ``_NO_KEY`` while a key is expected.
    """

    def __init__(self, path: str, lines: dict[Loc, int]):
        self.path = path
        self.lines = lines
        self.root: Any = None
        self.stack: list[list] = []
        self.count = 0
        self.documents = 0
        self.resolver = yaml.resolver.Resolver()
        # A loader instance gives us PyYAML's own scalar construction rules.
        self.constructor = yaml.SafeLoader("")

    def fail(self, event: yaml.Event, message: str) -> YamlError:
        return YamlError(message, path=self.path, line=event.start_mark.line + 1)

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self._node(event)
            self._attach(event, self._scalar(event), is_scalar=True)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._node(event)
            is_map = isinstance(event, yaml.MappingStartEvent)
            expected = _MAP_TAG if is_map else _SEQ_TAG
            if event.tag not in (None, "!", expected):
                raise self.fail(event, f"YAML tag {_one_line(event.tag, 80)!r} is not allowed")
            container: dict | list = {} if is_map else []
            loc = self._attach(event, container, is_scalar=False)
            self.stack.append([container, loc, _NO_KEY])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
        elif isinstance(event, yaml.AliasEvent):
            raise self.fail(event, "YAML anchors and aliases are not allowed")
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1

    def _node(self, event: yaml.NodeEvent) -> None:
        if self.documents > 1:  # reported at the second document's first node
            raise self.fail(event, "file holds more than one YAML document")
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(event, f"more than {MAX_NODES} YAML nodes")
        if len(self.stack) > MAX_DEPTH:
            raise self.fail(event, f"YAML nesting deeper than {MAX_DEPTH} levels")

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _STR_TAG:
            bad = _NOT_TEXT.search(event.value)
            if bad:  # only reachable through escapes ("\0"); nothing can print or store it (XML refuses it)
                raise self.fail(event, f"string contains control character U+{ord(bad.group()):04X}")
            return event.value
        if tag == _MERGE_TAG and self.stack and isinstance(self.stack[-1][0], dict) \
                and self.stack[-1][2] is _NO_KEY:
            # Refused when its value arrives, so that "<<: *anchor" is reported as the alias it uses.
            return _MergeKey(event)
        if tag not in _SCALAR_TAGS:
            raise self.fail(event, f"YAML tag {_one_line(tag, 80)!r} is not allowed")
        kind = tag.rsplit(":", 1)[-1]
        if len(event.value) > MAX_NUMBER_CHARS:
            raise self.fail(event, f"invalid {kind} value {_one_line(repr(event.value), 40)}: "
                                   f"longer than {MAX_NUMBER_CHARS} characters")
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            raise self.fail(event, f"invalid {kind} value {_one_line(repr(event.value), 80)}") from exc
        if isinstance(value, int) and not isinstance(value, bool) and not _INT_RANGE[0] <= value < _INT_RANGE[1]:
            raise self.fail(event, f"int value {_one_line(repr(event.value), 40)} is out of range")
        return value

    def _attach(self, event: yaml.NodeEvent, value: Any, *, is_scalar: bool) -> Loc:
        """Put ``value`` where the open container expects it; return its key path."""
        line = event.start_mark.line + 1
        if not self.stack:
            self.root = value
            self.lines[()] = line
            return ()
        frame = self.stack[-1]
        container, loc, pending = frame
        if isinstance(container, list):
            loc = loc + (len(container),)
            container.append(value)
        elif isinstance(pending, _MergeKey):
            raise self.fail(pending.event, "mapping keys must be plain strings (no merge keys)")
        elif pending is _NO_KEY:
            if isinstance(value, _MergeKey):
                frame[2] = value
                return loc
            if not is_scalar:
                raise self.fail(event, "mapping keys must be plain strings (no merge keys)")
            key = value if isinstance(value, str) else str(value)
            if key in container:
                raise self.fail(event, f"duplicate key {_one_line(repr(key), 80)}")
            frame[2] = key
            self.lines[loc + (key,)] = line
            return loc
        else:
            loc = loc + (pending,)
            container[pending] = value
            frame[2] = _NO_KEY
            return loc
        self.lines[loc] = line
        return loc


def validation_messages(exc, doc: YamlDoc, *, model: type | None = None) -> list[tuple[int, str]]:
    """Turn a pydantic ``ValidationError`` into ``(line, "key.path: message")`` pairs, in line order.

    Union members are dropped from the key path, duplicate messages merged, and
    a container error caused by one of its items is left out as noise.  An
    unknown key is reported at its own line with the closest allowed key
    (``aquisition_type: unknown key — did you mean 'acquisition_type'?``), and
    the "required key is missing" error that the typo causes is left out.
    Allowed keys come from ``model`` (default: the model the error names, when
    only one model has that name).
    """
    errors = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"]
                    if not (isinstance(part, str) and (part in _UNION_TAGS or "[" in part)))
        errors.append((loc, error))
    model = model or _model_named(getattr(exc, "title", None))
    missing = {loc for loc, error in errors if error["type"] == "missing"}
    explained: set[Loc] = set()
    merged: dict[tuple, list[str]] = {}
    for loc, error in errors:
        if error["type"] == "extra_forbidden" and loc:
            container, key = loc[:-1], str(loc[-1])
            allowed = allowed_keys(model, container) | {str(m[-1]) for m in missing if m[:-1] == container}
            suggestion = suggest_key(key, allowed)
            message = "unknown key" + (f" — did you mean {_one_line(repr(suggestion), 80)}?" if suggestion else "")
            if suggestion is not None:
                explained |= {m for m in missing if m[:-1] == container
                              and _same_key(str(m[-1]), suggestion, model, container)}
        elif error["type"] == "missing":
            message = "required key is missing"
        else:
            message = _one_line(error["msg"].removeprefix("Value error, "), 300)
        merged.setdefault(loc, [])
        if message not in merged[loc]:
            merged[loc].append(message)
    result = []
    for loc, messages in merged.items():
        if loc in explained or any(other != loc and other[: len(loc)] == loc and other not in explained
                                   for other in merged):
            continue
        where = ".".join(_loc_part(p) for p in loc) or "(file)"
        result.append((doc.line_for(loc), f"{where}: {'; or '.join(messages)}"))
    return sorted(result, key=lambda item: item[0])


def suggest_key(key: str, allowed: set[str] | frozenset[str]) -> str | None:
    """The allowed key ``key`` was most likely meant to be: same but for case, ``-``/``_``, or a close spelling."""
    def folded(name: str) -> str:
        return name.lower().replace("-", "_")

    same = sorted(name for name in allowed if folded(name) == folded(key) and name != key)
    if same:
        return same[0]
    import difflib

    close = difflib.get_close_matches(folded(key), sorted({folded(name) for name in allowed}), n=1, cutoff=0.75)
    if not close:
        return None
    return min(name for name in allowed if folded(name) == close[0])


def allowed_keys(model: type | None, container: Loc = ()) -> set[str]:
    """Field names and aliases the pydantic ``model`` accepts at key path ``container`` (empty if unknown)."""
    target = _model_at(model, container) if model is not None else None
    if target is None:
        return set()
    keys = set()
    for name, info in target.model_fields.items():
        keys.add(name)
        if info.alias:
            keys.add(info.alias)
    return keys


def _same_key(missing: str, suggestion: str, model: type | None, container: Loc) -> bool:
    """Whether ``suggestion`` (a name or an alias) is the field pydantic reports as ``missing``."""
    if missing == suggestion:
        return True
    target = _model_at(model, container) if model is not None else None
    if target is None:
        return False
    return any({name, info.alias} >= {missing, suggestion} for name, info in target.model_fields.items())


def _model_named(title: str | None) -> type | None:
    """The one pydantic model class called ``title`` (a ValidationError names its model), or None."""
    if not title:
        return None
    from pydantic import BaseModel

    found, stack, seen = [], [BaseModel], set()
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub in seen:
                continue
            seen.add(sub)
            stack.append(sub)
            if sub.__name__ == title and "[" not in sub.__qualname__:
                found.append(sub)
    return found[0] if len(found) == 1 else None


def _model_at(model: type, loc: Loc) -> type | None:
    """The model class whose keys sit at ``loc`` below ``model`` (through fields, lists, dicts, Optional)."""
    tp = model
    for part in loc:
        tp = _plain(tp)
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if _is_model(tp):
            fields = tp.model_fields
            info = fields.get(str(part)) or next((f for f in fields.values() if f.alias == str(part)), None)
            if info is None:
                return None
            tp = info.annotation
        elif origin in (list, tuple, set, frozenset) and args and isinstance(part, int):
            tp = args[0]
        elif origin is dict and len(args) == 2:
            tp = args[1]
        else:
            return None
    tp = _plain(tp)
    return tp if _is_model(tp) else None


def _is_model(tp) -> bool:
    return isinstance(tp, type) and hasattr(tp, "model_fields")


def _plain(tp):
    """``tp`` without ``Annotated``, ``Optional`` and unions with one model member."""
    for _ in range(8):
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in members if _is_model(a)]
            if len(members) == 1:
                tp = members[0]
            elif len(models) == 1:
                tp = models[0]
            else:
                return tp
        else:
            return tp
    return tp


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
