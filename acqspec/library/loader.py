"""Load one or more library folders into a :class:`Catalog`.

A library folder holds ``authorities.yaml`` and one sub-folder per topic with
one ``<CLAUSE-ID>.yaml`` per clause.  Several folders can be layered: the
first is the baseline (e.g. the department's), each later one an overlay
(e.g. a component's) that may add clauses, replace a clause by a higher
version, or retire one by replacing it with ``status: retired``.  Overlay
registries may add authorities or restate one (a later entry wins).

Loading never stops at the first problem: every problem is collected so
``acqspec library validate`` can report them all in one run.

A library folder can come from another office or be named in a config file
found next to a vendor's document, so loading is bounded: the folder walk
skips hidden folders and stops after ``MAX_LIBRARY_ENTRIES`` entries (a
config saying ``library = ["/"]`` must not walk the whole disk), and the
near-duplicate comparison looks at the first ``NEAR_DUPLICATE_CHARS``
characters of each text (it is quadratic in text length).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from acqspec import vocab
from acqspec.errors import LibraryError, YamlError
from acqspec.io.safe_yaml import YamlDoc, load_yaml_file, validation_messages
from acqspec.library.validation import check_clause
from acqspec.library.problems import LibraryProblem
from acqspec.library.schema import Authority, AuthorityRegistry, Clause

REGISTRY_FILE = "authorities.yaml"
NEAR_DUPLICATE_SCORE = 90.0
NEAR_DUPLICATE_CHARS = 5_000
"""Clause texts are ~750 characters (the longest shipped one ~1,100)."""
MAX_LIBRARY_ENTRIES = 50_000


@dataclass(frozen=True)
class ClauseRecord:
    """A loaded clause and where it came from."""

    clause: Clause
    path: str
    layer: int
    doc: YamlDoc = field(repr=False, compare=False)

    def line(self, *loc: str | int) -> int:
        """Line of a key in the clause file (for messages that point at it)."""
        return self.doc.line_for(loc)


@dataclass(frozen=True)
class AuthorityRecord:
    """A registry entry and where it came from."""

    authority: Authority
    path: str
    line: int


@dataclass
class Catalog:
    """The effective library after layering, plus every problem found on the way."""

    layers: tuple[Path, ...]
    records: dict[str, ClauseRecord] = field(default_factory=dict)
    replaced: list[ClauseRecord] = field(default_factory=list)
    authorities: dict[str, AuthorityRecord] = field(default_factory=dict)
    problems: list[LibraryProblem] = field(default_factory=list)

    # -- lookups -----------------------------------------------------------
    def clauses(self, *, include_retired: bool = True) -> list[Clause]:
        """Clauses in document order: topic order, then id."""
        topic_rank = {topic: i for i, topic in enumerate(vocab.TOPICS)}
        result = [r.clause for r in self.records.values()
                  if include_retired or r.clause.status != "retired"]
        return sorted(result, key=lambda c: (topic_rank[c.topic], _id_key(c.id)))

    def get(self, clause_id: str) -> Clause | None:
        """The effective clause with this id, or None."""
        record = self.records.get(clause_id)
        return record.clause if record else None

    def authority(self, authority_id: str) -> Authority | None:
        """The registry entry with this id, or None."""
        record = self.authorities.get(authority_id)
        return record.authority if record else None

    def successor_chain(self, authority_id: str) -> list[Authority]:
        """The authority followed by whatever superseded it, in order (cycle-safe)."""
        chain: list[Authority] = []
        current = self.authority(authority_id)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.authority(current.superseded_by) if current.superseded_by else None
        return chain

    def current_successor(self, authority_id: str, on: dt.date | None = None) -> Authority | None:
        """The first authority in the chain that is in force (on ``on``, default: by status)."""
        for authority in self.successor_chain(authority_id):
            if (authority.in_force_on(on) if on else authority.status == "in_force"):
                return authority
        return None

    @property
    def errors(self) -> list[LibraryProblem]:
        """Problems of error severity."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[LibraryProblem]:
        """Problems of warning severity."""
        return [p for p in self.problems if p.severity == "warning"]


def _id_key(clause_id: str) -> tuple:
    # TE-2 sorts before TE-10.
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in clause_id.split("-"))


def _schema_problems(exc: ValidationError, doc: YamlDoc) -> list[LibraryProblem]:
    return [LibraryProblem(doc.path, line, "LIB002", message) for line, message in validation_messages(exc, doc)]


def _read(path: Path, problems: list[LibraryProblem]) -> YamlDoc | None:
    try:
        return load_yaml_file(path)
    except YamlError as exc:
        problems.append(LibraryProblem(str(path), exc.line or 1, "LIB001", exc.message))
        return None


def _load_registry(path: Path, problems: list[LibraryProblem]) -> list[AuthorityRecord]:
    doc = _read(path, problems)
    if doc is None:
        return []
    try:
        registry = AuthorityRegistry.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(_schema_problems(exc, doc))
        return []
    records, seen = [], set()
    for index, authority in enumerate(registry.authorities):
        line = doc.line_for(("authorities", index))
        if authority.id in seen:
            problems.append(LibraryProblem(str(path), line, "LIB015", f"authority {authority.id!r} is listed twice"))
        seen.add(authority.id)
        records.append(AuthorityRecord(authority, str(path), line))
    return records


def _walk(folder: Path, problems: list[LibraryProblem]) -> list[Path]:
    """Every non-hidden file below ``folder`` (symlinked folders are not followed), or none if there are too many."""
    found: list[Path] = []
    seen = 0
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # hidden files are skipped anyway; .git is big
        seen += len(dirs) + len(files)
        if seen > MAX_LIBRARY_ENTRIES:
            problems.append(LibraryProblem(str(folder), 1, "LIB016",
                                           f"library folder holds more than {MAX_LIBRARY_ENTRIES:,} files and folders; "
                                           "is it the right folder?"))
            return []
        found += [Path(top) / name for name in files if not name.startswith(".")]
    return [path for path in found if path.is_file()]


def _clause_files(folder: Path, problems: list[LibraryProblem]) -> Iterable[Path]:
    for path in sorted(_walk(folder, problems)):
        relative = path.relative_to(folder)
        if path.suffix == ".yml":
            problems.append(LibraryProblem(str(path), 1, "LIB016", "clause files must end in '.yaml'"))
        elif path.suffix != ".yaml":
            continue
        elif len(relative.parts) == 1:
            if relative.name != REGISTRY_FILE:
                problems.append(LibraryProblem(str(path), 1, "LIB016",
                                               "not a clause file: clauses live in <topic>/<CLAUSE-ID>.yaml"))
        elif len(relative.parts) == 2:
            yield path
        else:
            problems.append(LibraryProblem(str(path), 1, "LIB016",
                                           "too deep: clauses live in <topic>/<CLAUSE-ID>.yaml"))


def _load_clause(path: Path, layer: int, problems: list[LibraryProblem]) -> ClauseRecord | None:
    doc = _read(path, problems)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        problems.append(LibraryProblem(str(path), 1, "LIB002", "a clause file must be a mapping of keys"))
        return None
    try:
        clause = Clause.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(_schema_problems(exc, doc))
        return None
    problems.extend(check_clause(clause, doc, stem=path.stem, folder=path.parent.name))
    return ClauseRecord(clause, str(path), layer, doc)


_CODE_FILES = ("library/__init__.py", "library/loader.py", "library/problems.py", "library/schema.py",
               "library/template.py", "library/validation.py", "io/safe_yaml.py", "vocab.py", "vocabulary.toml",
               "errors.py", "models.py")
"""The code whose output is cached: a change to any of them (an editable install) invalidates the cache."""


def _cache_key(layers: tuple[Path, ...], near_duplicates: bool) -> str | None:
    """A hash of everything a load depends on, or None when a load should not be cached.

    That is: the cache format, the acqspec version, the source of the loading
    code, the flags, and for each layer its name as given (paths appear in
    records and problems) and the relative name and bytes of every file the
    walk sees.  A missing, unreadable or oversized library is not cached (its
    load is quick and is all error messages).
    """
    from acqspec import __version__
    from acqspec.io.safe_yaml import MAX_YAML_BYTES

    package = Path(__file__).resolve().parent.parent
    parts: list[bytes | str] = ["acqspec-library", __version__, f"near_duplicates={near_duplicates}"]
    try:
        for name in _CODE_FILES:
            parts += [name, (package / name).read_bytes()]
        for folder in layers:
            if not folder.is_dir():
                return None
            parts += ["layer", str(folder)]
            walk_problems: list[LibraryProblem] = []
            files = sorted(_walk(folder, walk_problems))
            if walk_problems:
                return None
            for path in files:
                parts.append(str(path.relative_to(folder)))
                if path.suffix == ".yaml":
                    with path.open("rb") as handle:
                        data = handle.read(MAX_YAML_BYTES + 1)
                    if len(data) > MAX_YAML_BYTES:
                        return None
                    parts.append(data)
    except (OSError, ValueError, RuntimeError):
        return None
    from acqspec.io.cache import digest

    return digest(*parts)


def load_library(folders: Sequence[str | Path], *, near_duplicates: bool = True) -> Catalog:
    """Load and layer ``folders`` (baseline first) and run the library checks.

    ``near_duplicates=False`` skips the one check that compares every clause
    text with every other (LIB021, a warning): it costs a quarter of a library
    load and changes nothing for a command that only uses the library.

    The result is kept in the user's cache (:mod:`acqspec.io.cache`), keyed
    by the bytes of every library file, so an unchanged library is not parsed
    again; ``ACQSPEC_NO_CACHE=1`` turns that off.  A cached catalog is the
    same as a fresh one, problems included.
    """
    from acqspec.io import cache

    layers = tuple(Path(f) for f in folders)
    key = None if cache.cache_disabled() else _cache_key(layers, near_duplicates)
    if key is not None:
        cached = cache.load("library", key)
        if isinstance(cached, Catalog) and cached.layers == layers:
            return cached
    catalog = _load_library(layers, near_duplicates=near_duplicates)
    if key is not None and _cache_key(layers, near_duplicates) == key:  # not edited while it was read
        cache.store("library", key, catalog)
    return catalog


def _load_library(layers: tuple[Path, ...], *, near_duplicates: bool) -> Catalog:
    catalog = Catalog(layers=layers)
    problems = catalog.problems
    for layer, folder in enumerate(layers):
        try:
            exists = folder.is_dir()
        except (OSError, ValueError) as exc:  # a name too long, a NUL byte (e.g. from a config file)
            reason = getattr(exc, "strerror", None) or str(exc)
            shown = str(folder) if len(str(folder)) <= 200 else str(folder)[:200] + "..."
            problems.append(LibraryProblem(shown, 1, "LIB016", f"cannot read library folder: {reason}"))
            continue
        if not exists:
            problems.append(LibraryProblem(str(folder), 1, "LIB016", "library folder does not exist"))
            continue
        registry = folder / REGISTRY_FILE
        if registry.is_file():
            for record in _load_registry(registry, problems):
                catalog.authorities[record.authority.id] = record
        in_layer: dict[str, ClauseRecord] = {}
        for path in _clause_files(folder, problems):
            record = _load_clause(path, layer, problems)
            if record is None:
                continue
            clause_id = record.clause.id
            if clause_id in in_layer:
                first = in_layer[clause_id].path
                problems.append(LibraryProblem(record.path, record.line("id"), "LIB005",
                                               f"clause id {clause_id!r} is already defined in {first}"))
                continue
            in_layer[clause_id] = record
            previous = catalog.records.get(clause_id)
            if previous is not None:
                if record.clause.version <= previous.clause.version:
                    problems.append(LibraryProblem(
                        record.path, record.line("version"), "LIB013",
                        f"overrides {clause_id} version {previous.clause.version} from {previous.path} "
                        f"but its version {record.clause.version} is not higher"))
                    continue
                catalog.replaced.append(previous)
            catalog.records[clause_id] = record
        if not in_layer and not any(p.path.startswith(str(folder)) for p in problems):
            problems.append(LibraryProblem(str(folder), 1, "LIB022", "library folder has no clause files"))
    _check_registry(catalog)
    _check_references(catalog)
    if near_duplicates:
        _check_near_duplicates(catalog)
    problems.sort()
    return catalog


def _check_registry(catalog: Catalog) -> None:
    for record in catalog.authorities.values():
        successor = record.authority.superseded_by
        if successor and successor not in catalog.authorities:
            catalog.problems.append(LibraryProblem(record.path, record.line, "LIB015",
                                                   f"{record.authority.id} superseded_by unknown authority {successor!r}"))
        chain = catalog.successor_chain(record.authority.id)
        last = chain[-1]
        if last.superseded_by and last.superseded_by in catalog.authorities:
            catalog.problems.append(LibraryProblem(record.path, record.line, "LIB015",
                                                   f"supersession chain from {record.authority.id} loops"))


def _check_references(catalog: Catalog) -> None:
    for record in catalog.records.values():
        clause = record.clause
        cited: list = []
        for index, citation in enumerate(clause.authorities):
            authority = catalog.authority(citation.authority)
            if authority is None:
                catalog.problems.append(LibraryProblem(
                    record.path, record.line("authorities", index, "authority"), "LIB011",
                    f"authority {citation.authority!r} is not in the registry"))
            else:
                cited.append(authority)
        if cited and clause.status != "retired" and all(a.status != "in_force" for a in cited):
            successors = []
            for authority in cited:
                current = catalog.current_successor(authority.id)
                label = f"{authority.short} ({authority.status}"
                label += f"; now {current.short})" if current else ")"
                successors.append(label)
            catalog.problems.append(LibraryProblem(
                record.path, record.line("authorities"), "LIB020",
                "cites only authorities no longer in force: " + ", ".join(successors)))
        for index, other in enumerate(clause.supersedes):
            if other not in catalog.records:
                catalog.problems.append(LibraryProblem(record.path, record.line("supersedes", index), "LIB012",
                                                       f"supersedes unknown clause {other!r}"))
        if clause.superseded_by and clause.superseded_by not in catalog.records:
            catalog.problems.append(LibraryProblem(record.path, record.line("superseded_by"), "LIB012",
                                                   f"superseded_by unknown clause {clause.superseded_by!r}"))


def _check_near_duplicates(catalog: Catalog) -> None:
    from rapidfuzz import fuzz, process

    records = [r for r in catalog.records.values() if r.clause.status != "retired"]
    if len(records) < 2:
        return
    texts = [r.clause.text[:NEAR_DUPLICATE_CHARS].lower() for r in records]
    scores = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, score_cutoff=NEAR_DUPLICATE_SCORE,
                           workers=1)
    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            score = float(scores[i][j])
            if score >= NEAR_DUPLICATE_SCORE:
                a, b = records[i], records[j]
                catalog.problems.append(LibraryProblem(
                    b.path, b.line("text"), "LIB021",
                    f"text of {b.clause.id} is a near-duplicate of {a.clause.id} ({a.path}), score {score:.0f}"))


def load_catalog(folders: Sequence[str | Path]) -> Catalog:
    """Load a library for use; raise :class:`LibraryError` if it has any error.

    Warnings are for ``acqspec library validate``; the near-duplicate check,
    which only ever warns, is skipped here.
    """
    catalog = load_library(folders, near_duplicates=False)
    errors = catalog.errors
    if errors:
        more = f" (and {len(errors) - 1} more; run 'acqspec library validate')" if len(errors) > 1 else ""
        first = errors[0]
        raise LibraryError(f"{first.message} [{first.code}]{more}", path=first.path, line=first.line)
    return catalog
