"""``acqspec library``: validate, list, show, diff and publish the clause library."""

from __future__ import annotations

import os
from pathlib import Path

import click

from acqspec.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, _Group
from acqspec import vocab
from acqspec.cli.common import _dump_json, _library_folders, _library_option, _load, _write_output, examples
from acqspec.errors import AcqspecError


@click.group(cls=_Group, epilog=examples("acqspec library validate -L clause_library",
                                         "acqspec library list --topic data-rights", "acqspec library show IR-01"))
def library() -> None:
    """Validate, list, show, diff and publish the clause library."""


@library.command("validate", epilog=examples(
    "acqspec library validate -L clause_library",
    "acqspec library validate -L clause_library --strict",
    "acqspec library validate --format json"))
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@_library_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2 on any problem).")
@click.pass_context
def library_validate(ctx: click.Context, folders: tuple[Path, ...], libraries: tuple[Path, ...], fmt: str,
                     strict: bool) -> None:
    """Check the library (-L folders, baseline first, overlays after) and report every problem.

    Each problem is printed as path:line: severity: message [CODE].  Exit 2 if
    there is any error (or any warning with --strict).  The folders may also
    be given as arguments (FOLDERS), as in earlier versions; without either,
    the bundled library is checked.
    """
    from acqspec.library.loader import load_library
    from acqspec.resources import default_library_dir

    if folders and libraries:
        raise AcqspecError("give the library folders with -L (or as arguments), not both")
    catalog = load_library(libraries or folders or (default_library_dir(),))
    active = catalog.clauses(include_retired=False)
    if fmt == "json":
        click.echo(_dump_json({
            "folders": [str(f) for f in catalog.layers],
            "clauses": len(catalog.records), "active": len(active), "authorities": len(catalog.authorities),
            "problems": [{"path": p.path, "line": p.line, "severity": p.severity, "code": p.code,
                          "message": p.message} for p in catalog.problems],
        }))
    else:
        for problem in catalog.problems:
            click.echo(str(problem))
        click.echo(f"{len(catalog.records)} clauses ({len(active)} active), {len(catalog.authorities)} authorities: "
                   f"{len(catalog.errors)} error(s), {len(catalog.warnings)} warning(s)", err=True)
    if catalog.errors or (strict and catalog.warnings):
        ctx.exit(EXIT_BAD_INPUT)


@library.command("list", epilog=examples("acqspec library list --topic data-rights",
                                          "acqspec library list --authority OMB-M-25-22 --format json"))
@_library_option
@click.option("--topic", metavar="TOPIC", help=f"Only clauses of this topic: {', '.join(vocab.TOPICS)}.")
@click.option("--status", type=click.Choice(["draft", "approved", "retired"]), help="Only clauses with this status.")
@click.option("--authority", help="Only clauses citing this authority id (e.g. OMB-M-24-18).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def library_list(libraries, topic, status, authority, fmt) -> None:
    """List the clauses of the (layered) library."""
    from acqspec.library import views
    from acqspec.vocab import TOPICS

    if topic and topic not in TOPICS:
        raise click.BadParameter(f"unknown topic {topic!r}; choose from {', '.join(TOPICS)}", param_hint="--topic")
    catalog = _load(libraries)
    rows = [views.list_row(catalog, c) for c in catalog.clauses()
            if (not topic or c.topic == topic) and (not status or c.status == status)
            and (not authority or any(a.authority == authority for a in c.authorities))]
    if fmt == "json":
        click.echo(_dump_json(rows))
        return
    for line in _list_table(rows):
        click.echo(line)
    click.echo(f"{len(rows)} clause(s)", err=True)


def _list_table(rows: list[dict]) -> list[str]:
    """The lines of the ``library list`` table: a header, then one line per clause row."""
    widths = (max([len(r["id"]) for r in rows] + [2]), max([len(r["topic"]) for r in rows] + [5]))
    lines = [f"{'ID':<{widths[0]}}  {'TOPIC':<{widths[1]}}  V  STATUS    TITLE"]
    lines += [f"{r['id']:<{widths[0]}}  {r['topic']:<{widths[1]}}  {r['version']}  {r['status']:<8}  {r['title']}"
              for r in rows]
    return lines


@library.command("show", epilog=examples("acqspec library show IR-01", "acqspec library show DR-01 --format json"))
@click.argument("clause_id")
@_library_option
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
def library_show(clause_id: str, libraries, fmt: str) -> None:
    """Show clause CLAUSE_ID with parameter defaults filled in, its obligations and citations."""
    from acqspec.library import views

    catalog = _load(libraries)
    clause = catalog.get(clause_id)
    if clause is None:
        close = [c for c in catalog.records if c.startswith(clause_id.split("-")[0])][:5]
        hint = f"; similar: {', '.join(close)}" if close else ""
        raise AcqspecError(f"no clause {clause_id!r} in the library{hint}")
    view = views.clause_view(catalog, clause)
    click.echo(_dump_json(view) if fmt == "json" else views.clause_markdown(view, heading="#"))


@library.command("schema", epilog=examples("acqspec library schema -o clause.schema.json"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout.")
def library_schema(output: Path | None) -> None:
    """Print the JSON Schema of a clause file (for editors and CI)."""
    from acqspec.library.schema import clause_json_schema

    text = _dump_json(clause_json_schema()) + "\n"
    if output:
        _write_output(output, text)
    else:
        click.echo(text, nl=False)


@library.command("catalog", epilog=examples(
    "acqspec library catalog -o clause-catalog.docx",
    "acqspec library catalog -L clause_library -o clause-catalog.md --title 'DHS AI clause library'"))
@_library_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file: .docx or .md.")
@click.option("--title", default="AI Acquisition Clause Library", show_default=True)
def library_catalog(libraries, output: Path, title: str) -> None:
    """Write the whole library as a readable .docx or .md document for reviewers."""
    from acqspec.library import views
    from acqspec.library.catalog import catalog_docx, catalog_markdown

    render = {".docx": catalog_docx, ".md": catalog_markdown}.get(output.suffix.lower())
    if render is None:
        raise click.BadParameter("the output must end in .docx or .md", param_hint="--output")
    catalog = _load(libraries)
    payload = render([views.clause_view(catalog, c) for c in catalog.clauses()], title)
    _write_output(output, payload, inputs=_library_folders(libraries))


@library.command("authorities", epilog=examples("acqspec library authorities",
                                                 "acqspec library authorities --format json"))
@_library_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def library_authorities(libraries, fmt: str) -> None:
    """List the authority registry with status and successors."""
    catalog = _load(libraries)
    entries = sorted((r.authority for r in catalog.authorities.values()), key=lambda a: a.id)
    if fmt == "json":
        click.echo(_dump_json([a.model_dump(mode="json", exclude_none=True) for a in entries]))
        return
    for a in entries:
        click.echo(_authority_line(a))


def _authority_line(a) -> str:
    """One authority as a ``library authorities`` table line: id, status, issue date, name, successor."""
    tail = f" -> {a.superseded_by} ({a.status_date})" if a.superseded_by else (
        f" ({a.status_date})" if a.status_date else "")
    return f"{a.id:<18} {a.status:<10} {a.issued}  {a.short}{tail}"


@library.command("diff", epilog=examples(
    "acqspec library diff released/clause_library clause_library --fail-on-weakening",
    "acqspec library diff released/clause_library clause_library --format json"))
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on-weakening", is_flag=True, help="Exit 1 when any obligation got weaker (for CI).")
@click.pass_context
def library_diff(ctx: click.Context, old: str, new: str, fmt: str, fail_on_weakening: bool) -> None:
    """Compare library OLD with NEW: added, removed and changed clauses, and weakened obligations.

    OLD and NEW are library folders; join several with the path separator
    (':' on Linux) to compare layered libraries.
    """
    from dataclasses import asdict

    from acqspec.library.diff import diff_catalogs
    from acqspec.library.loader import load_catalog

    result = diff_catalogs(load_catalog(_layers(old)), load_catalog(_layers(new)))
    if fmt == "json":
        click.echo(_dump_json([asdict(c) for c in result.changes]))
    else:
        for line in _diff_lines(result.changes):
            click.echo(line)
        click.echo(_diff_summary(result), err=True)
    if fail_on_weakening and result.weakened:
        ctx.exit(EXIT_FINDINGS)


def _layers(spec: str) -> list[Path]:
    return [Path(part) for part in spec.split(os.pathsep) if part]


def _diff_lines(changes) -> list[str]:
    """The ``library diff`` text: a line per added, removed or changed clause, weakenings and notes indented."""
    lines = []
    for change in changes:
        if change.kind == "added":
            lines.append(f"+ {change.clause_id} (v{change.new_version}) added")
        elif change.kind == "removed":
            lines.append(f"- {change.clause_id} (v{change.old_version}) removed")
        else:
            lines.append(f"~ {change.clause_id} v{change.old_version} -> v{change.new_version}: "
                         f"changed {', '.join(change.changed_fields) or 'nothing'}")
            lines += [f"    WEAKENED {w.obligation_id}: {w.message}" for w in change.weakenings]
            lines += [f"    note: {note}" for note in change.notes]
    return lines


def _diff_summary(result) -> str:
    """The count line ``library diff`` prints on stderr."""
    counts = {k: sum(c.kind == k for c in result.changes) for k in ("added", "removed", "changed")}
    return (f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed, "
            f"{len(result.weakened)} with weakened obligations")
