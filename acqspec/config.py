"""Project configuration for ``acqspec check``: ``.acqspec.toml`` or ``[tool.acqspec]``.

Found upward from the first checked document (like ruff, yamllint and Vale
find theirs), so a contracting office keeps one file next to its documents:

.. code-block:: toml

    # .acqspec.toml  (or the same keys under [tool.acqspec] in pyproject.toml)
    select = ["AQ1", "AQ2", "AQ3"]
    ignore = ["AQ402"]
    fail-on = "warning"
    library = ["clause_library", "../office-overlay"]   # relative to this file
    profile = "profiles/cbp-face-capture.yaml"
    waivers = "waivers.yaml"
    jobs = 2
    exclude = ["archive/", "*.old.docx"]   # .gitignore-style, relative to this file
    respect-gitignore = true               # leave out what .gitignore files ignore in checked folders
    output-format = "concise"              # or "full": the text report's shape

    [severity]
    AQ204 = "warning"

    [thresholds]
    match-score = 60      # 0-100: minimum score for a sentence to count as meeting an obligation

Precedence, for every key: the command line, then the file, then the
default.  ``--select`` and ``--ignore`` *replace* the file's lists;
``--extend-select`` and ``--extend-ignore`` add to them (as in ruff);
``--exclude`` patterns are added to the file's ``exclude``.  Paths
in the file are resolved against the file's folder, paths on the command line
against the working directory; they are only ever read, never written.
:func:`check_settings` is the one place this is decided.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from acqspec.errors import AcqspecError

CONFIG_NAMES = (".acqspec.toml", "pyproject.toml")
MAX_CONFIG_BYTES = 1_000_000


class ConfigError(AcqspecError):
    """A configuration file is malformed or has an unknown key."""


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    match_score: float = Field(60.0, alias="match-score", ge=0, le=100)
    min_confidence: float | None = Field(None, alias="min-confidence", ge=0, le=1)


class Config(BaseModel):
    """The effective settings; ``source`` says which file they came from (None: defaults)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    source: str | None = Field(None, exclude=True)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Literal["error", "warning", "info", "never"] = Field("error", alias="fail-on")
    severity: dict[str, Literal["error", "warning", "info"]] = {}
    library: tuple[str, ...] = ()
    profile: str | None = None
    waivers: str | None = None
    jobs: int = Field(1, ge=1, le=64)
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = Field(True, alias="respect-gitignore")
    output_format: Literal["concise", "full"] = Field("concise", alias="output-format")
    thresholds: Thresholds = Thresholds()

    @field_validator("select", "ignore")
    @classmethod
    def _codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from acqspec.check.registry import rule_selectors

        return rule_selectors(value, option=None)

    @field_validator("severity")
    @classmethod
    def _known_codes(cls, value: dict) -> dict:
        from acqspec.check.registry import get_rule

        unknown = [code for code in value if get_rule(code) is None]
        if unknown:
            raise ValueError(f"no rule {', '.join(unknown)}")
        return {get_rule(code).code: level for code, level in value.items()}  # type: ignore[union-attr]

    def resolve(self, value: str | None) -> Path | None:
        """A path from the file, relative to the file's folder."""
        if value is None:
            return None
        base = Path(self.source).parent if self.source else Path.cwd()
        return base / value


_TOML_KEY = re.compile(r"""^((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")
_TOML_PART = re.compile(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""")


def _toml_keys(dotted: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g is not None) for m in _TOML_PART.finditer(dotted))


def _line_of(text: str, loc: tuple, prefix: tuple[str, ...] = ()) -> int | None:
    """The line of TOML ``text`` that sets key path ``loc`` (below table ``prefix``), or of what holds it."""
    want = prefix + tuple(str(part) for part in loc)
    table: tuple[str, ...] = ()
    holder = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("["):
            table = _toml_keys(line.strip("[]"))
            if table == want:
                return number
            continue
        match = _TOML_KEY.match(line)
        if match is None:
            continue
        key = table + _toml_keys(match.group(1))
        if key == want:
            return number
        if holder is None and len(key) < len(want) and want[: len(key)] == key:
            holder = number  # an inline table or array holding it
    return holder


def _config_problems(exc: ValidationError, text: str, prefix: tuple[str, ...]) -> list[tuple[int | None, str]]:
    """``(line, "key: message")`` per problem, unknown keys with the closest known key, in line order."""
    from acqspec.io.safe_yaml import allowed_keys, suggest_key

    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        # TOML keys may hold line breaks ("a\nb" = 1): quote odd ones so the error stays one line.
        key = ".".join(str(part) if str(part).isprintable() and len(str(part)) <= 80 else repr(str(part))[:80]
                       for part in loc) or "(top level)"
        if error["type"] == "extra_forbidden" and loc:
            suggestion = suggest_key(str(loc[-1]), allowed_keys(Config, loc[:-1]) - {"source"})
            message = "unknown key" + (f" — did you mean {suggestion!r}?" if suggestion else "")
        else:
            message = " ".join(error["msg"].removeprefix("Value error, ").split())
        problems.append((_line_of(text, loc, prefix) if loc else None, f"{key}: {message}"))
    return sorted(problems, key=lambda problem: problem[0] or 0)


def load_config(path: str | Path) -> Config:
    """Read one config file (``.acqspec.toml``, or ``pyproject.toml``'s ``[tool.acqspec]``)."""
    path = Path(path)
    try:
        if not path.is_file():  # a FIFO or /dev/zero would block or never end
            raise ConfigError("cannot read config: not a regular file", path=path)
        with path.open("rb") as handle:
            raw = handle.read(MAX_CONFIG_BYTES + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise ConfigError(f"cannot read config: {getattr(exc, 'strerror', None) or exc}", path=path) from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"config is {len(raw)} bytes; the limit is {MAX_CONFIG_BYTES}", path=path)
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError("config is not UTF-8 text", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"invalid TOML: {str(exc).split(' (at ')[0]}", path=path, line=line) from None
    except RecursionError:
        raise ConfigError("invalid TOML: nested too deeply", path=path) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("acqspec", {})
        if not isinstance(data, dict):
            raise ConfigError("[tool.acqspec] must be a table", path=path)
    if "source" in data:  # not a key of the file: Config keeps where it was read from in it
        raise ConfigError("source: unknown key", path=path, line=_line_of(text, ("source",), _prefix(path)))
    try:
        return Config.model_validate({**data, "source": str(path)})
    except ValidationError as exc:
        problems = _config_problems(exc, text, _prefix(path))
        line, message = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        raise ConfigError(message + more, path=path, line=line) from None


def _prefix(path: Path) -> tuple[str, ...]:
    return ("tool", "acqspec") if path.name == "pyproject.toml" else ()


def find_config(start: str | Path) -> Path | None:
    """The nearest ``.acqspec.toml``, or ``pyproject.toml`` with ``[tool.acqspec]``, from ``start`` upward."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / ".acqspec.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                head = pyproject.read_bytes()[:MAX_CONFIG_BYTES]
            except OSError:
                continue
            if b"[tool.acqspec" in head:
                return pyproject
    return None


def effective_config(explicit: str | Path | None, start: str | Path | None, *, isolated: bool = False) -> Config:
    """The config named with --config, else the nearest one above ``start``, else defaults."""
    if isolated:
        return Config()
    if explicit is not None:
        return load_config(explicit)
    found = find_config(start) if start is not None else None
    return load_config(found) if found else Config()


@dataclass(frozen=True)
class CheckSettings:
    """What one ``acqspec check`` run uses, after the command line and the config file are merged."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_on: Literal["error", "warning", "info", "never"]
    severity: Mapping[str, Literal["error", "warning", "info"]]
    library: tuple[Path, ...]
    """Library folders, baseline first; empty: the bundled library."""
    profile: Path | None
    waivers: Path | None
    jobs: int
    match_score: float
    source: str | None
    """The config file the settings came from, if any."""
    exclude: tuple[tuple[tuple[str, ...], Path], ...] = ()
    """``(patterns, folder they are relative to)``: the config file's, then the command line's."""
    respect_gitignore: bool = True
    output_format: Literal["concise", "full"] = "concise"
    min_confidence: float | None = None
    """The terms classifier's probability from which AQ301/AQ302 report (None: the model's threshold)."""


def check_settings(config: Config, *, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
                   extend_select: tuple[str, ...] = (), extend_ignore: tuple[str, ...] = (),
                   fail_on: str | None = None, library: tuple[Path, ...] = (), profile: Path | None = None,
                   waivers: Path | None = None, jobs: int | None = None, exclude: tuple[str, ...] = (),
                   respect_gitignore: bool | None = None, output_format: str | None = None,
                   min_confidence: float | None = None) -> CheckSettings:
    """Merge command-line values (empty or None: not given) over ``config``.

    Rule selectors are split on commas and must each match a rule; a bad one is a
    :class:`ConfigError` naming the option.
    """
    from acqspec.check.registry import rule_selectors

    try:
        given = {option: rule_selectors(values, option=option) for option, values in (
            ("--select", select), ("--ignore", ignore), ("--extend-select", extend_select),
            ("--extend-ignore", extend_ignore))}
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    chosen = given["--select"] or config.select
    # --extend-select widens whatever is selected; with nothing selected every rule runs already.
    if given["--extend-select"] and chosen:
        chosen = chosen + given["--extend-select"]
    return CheckSettings(
        select=chosen,
        ignore=(given["--ignore"] or config.ignore) + given["--extend-ignore"],
        fail_on=fail_on or config.fail_on,  # type: ignore[arg-type]
        severity=dict(config.severity),
        library=library or tuple(config.resolve(value) for value in config.library),  # type: ignore[misc]
        profile=profile or config.resolve(config.profile),
        waivers=waivers or config.resolve(config.waivers),
        jobs=jobs or config.jobs,
        match_score=config.thresholds.match_score,
        source=config.source,
        exclude=tuple((patterns, base) for patterns, base in (
            (config.exclude, Path(config.source).parent if config.source else Path.cwd()),
            (tuple(exclude), Path.cwd())) if patterns),
        respect_gitignore=config.respect_gitignore if respect_gitignore is None else respect_gitignore,
        output_format=output_format or config.output_format,  # type: ignore[arg-type]
        min_confidence=config.thresholds.min_confidence if min_confidence is None else min_confidence,
    )
