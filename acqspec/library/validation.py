"""Checks of a single clause that need its file location (run by the loader)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from acqspec.io.safe_yaml import YamlDoc
from acqspec.library import template
from acqspec.library.problems import LibraryProblem
from acqspec.library.schema import Clause
from acqspec.vocab import UNITS


def check_clause(clause: Clause, doc: YamlDoc, *, stem: str, folder: str) -> Iterator[LibraryProblem]:
    """Yield every single-file problem of ``clause`` loaded from ``doc``."""

    def problem(loc: tuple, code: str, message: str) -> LibraryProblem:
        return LibraryProblem(doc.path, doc.line_for(loc), code, message)

    if clause.id != stem:
        yield problem(("id",), "LIB003", f"id {clause.id!r} must equal the file name {stem!r}")
    if clause.topic != folder:
        yield problem(("topic",), "LIB004", f"topic {clause.topic!r} must equal the folder name {folder!r}")

    declared = {p.name for p in clause.parameters}
    passages = {c.name for c in clause.conditional_text}
    in_text = set(template.placeholders(clause.text))
    in_passages = {name for c in clause.conditional_text for name in template.placeholders(c.text)}
    for message in template.template_errors(clause.text):
        yield problem(("text",), "LIB008", message)
    for name in template.placeholders(clause.text):
        if name not in declared and name not in passages:
            yield problem(("text",), "LIB006", f"text uses {{{{ {name} }}}} but no parameter {name!r} is declared")
    for index, parameter in enumerate(clause.parameters):
        if parameter.name not in in_text and parameter.name not in in_passages:
            yield problem(("parameters", index, "name"), "LIB007",
                          f"parameter {parameter.name!r} is declared but not used in text")
    seen_names: set[str] = set()
    for index, parameter in enumerate(clause.parameters):
        if parameter.name in seen_names:
            yield problem(("parameters", index, "name"), "LIB007", f"parameter {parameter.name!r} is declared twice")
        seen_names.add(parameter.name)
    yield from _check_passages(clause, problem, in_text)

    # Other free-text fields may mention parameters but not invent them.
    other_texts: list[tuple[tuple, str]] = []
    for i, obligation in enumerate(clause.obligations):
        other_texts.append((("obligations", i, "statement"), obligation.statement))
    for i, deliverable in enumerate(clause.deliverables):
        other_texts.append((("deliverables", i, "frequency"), deliverable.frequency))
        other_texts.append((("deliverables", i, "name"), deliverable.name))
    for loc, text in other_texts:
        for message in template.template_errors(text):
            yield problem(loc, "LIB008", message)
        for name in template.placeholders(text):
            if name not in declared:
                yield problem(loc, "LIB006", f"{{{{ {name} }}}} names no declared parameter")

    seen_ids: set[str] = set()
    for kind, field, prefix, items in (("obligation", "obligations", f"{clause.id}.", clause.obligations),
                                       ("conflict", "conflicts", f"{clause.id}.X", clause.conflicts)):
        for i, item in enumerate(items):
            suffix = item.id.removeprefix(prefix)
            if suffix == item.id or not suffix.isdigit():
                yield problem((field, i, "id"), "LIB009", f"{kind} id {item.id!r} must be '{prefix}<number>'")
            if item.id in seen_ids:
                yield problem((field, i, "id"), "LIB009", f"{kind} id {item.id!r} is used twice")
            seen_ids.add(item.id)

    for i, obligation in enumerate(clause.obligations):
        name = obligation.limit.parameter_name if obligation.limit is not None else None
        if name:
            parameter = clause.parameter(name)
            limit_loc = ("obligations", i, "limit", "value")
            if parameter is None:
                yield problem(limit_loc, "LIB010", f"limit uses {{{{ {name} }}}} but no such parameter is declared")
            elif parameter.type not in ("integer", "number"):
                yield problem(limit_loc, "LIB010", f"limit parameter {name!r} must be an integer or number")
            elif parameter.unit is None or UNITS[parameter.unit].group != UNITS[obligation.limit.unit].group:
                yield problem(limit_loc, "LIB010",
                              f"limit unit {obligation.limit.unit!r} does not match parameter {name!r} "
                              f"unit {parameter.unit!r}")

    app = clause.applicability
    both = (set(app.all_of) | set(app.any_of)) & set(app.none_of)
    if both:
        yield problem(("applicability",), "LIB014",
                      f"fact(s) {', '.join(sorted(both))} are both required and excluded")
    if clause.superseded_by and clause.superseded_by in clause.supersedes:
        yield problem(("superseded_by",), "LIB012", "a clause cannot both supersede and be superseded by the same clause")
    if clause.id in clause.supersedes or clause.superseded_by == clause.id:
        yield problem(("supersedes",), "LIB012", "a clause cannot supersede itself")


def _check_passages(clause: Clause, problem: Callable[..., LibraryProblem],
                    in_text: set[str]) -> Iterator[LibraryProblem]:
    """Conditional passages are checked like parameters (LIB006-LIB008), their conditions like
    applicability (LIB014): each must be able to go either way where the clause applies."""
    declared = {p.name for p in clause.parameters}
    seen: set[str] = set()
    app = clause.applicability
    for index, passage in enumerate(clause.conditional_text):
        where = ("conditional_text", index)
        if passage.name in declared:
            yield problem((*where, "name"), "LIB007", f"conditional text {passage.name!r} has the name of a parameter")
        elif passage.name in seen:
            yield problem((*where, "name"), "LIB007", f"conditional text {passage.name!r} is declared twice")
        elif passage.name not in in_text:
            yield problem((*where, "name"), "LIB007",
                          f"conditional text {passage.name!r} is declared but not used in text")
        seen.add(passage.name)
        for message in template.template_errors(passage.text):
            yield problem((*where, "text"), "LIB008", message)
        for name in template.placeholders(passage.text):
            if clause.passage(name) is not None:
                yield problem((*where, "text"), "LIB008",
                              f"conditional text {passage.name!r} uses {{{{ {name} }}}}, another conditional text; "
                              "passages do not nest")
            elif name not in declared:
                yield problem((*where, "text"), "LIB006", f"{{{{ {name} }}}} names no declared parameter")
        message = _condition_problem(passage.when, app)
        if message:
            yield problem((*where, "when"), "LIB014", f"condition of conditional text {passage.name!r} {message}")


def _condition_problem(when, app) -> str | None:
    """Why a passage's condition cannot vary among the profiles the clause applies to, if it cannot."""
    required, any_of, excluded = set(when.all_of), set(when.any_of), set(when.none_of)
    both = (required | any_of) & excluded
    if both:
        return f"both requires and excludes {', '.join(sorted(both))}"
    never = (required & set(app.none_of)) | (excluded & set(app.all_of))
    if any_of and any_of <= set(app.none_of):
        never |= any_of
    if never:
        return f"never holds where the clause applies (the applicability decides {', '.join(sorted(never))})"
    if required <= set(app.all_of) and excluded <= set(app.none_of) and (not any_of or any_of & set(app.all_of)):
        return "always holds where the clause applies; write the passage into the text"
    return None
