"""The ``acqspec`` command line.  The only module that prints or exits.

Each command parses its options, calls one library function and formats the
result.  Heavy libraries (pydantic models, python-docx, spaCy) are imported
inside the commands so ``acqspec --help`` stays fast.

Exit codes: 0 success, 1 findings (checks that found problems), 2 bad input
or usage.
"""

from __future__ import annotations

import json
import sys
import os
from pathlib import Path

import click

from acqspec import __version__, vocab
from acqspec.errors import AcqspecError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


class _Group(click.Group):
    """A click group that turns :class:`AcqspecError` into one line on stderr and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AcqspecError as error:
            click.echo(f"acqspec: error: {error}", err=True)
            ctx.exit(EXIT_BAD_INPUT)


def _library_option(func):
    return click.option(
        "-L", "--library", "libraries", multiple=True, type=click.Path(file_okay=False, path_type=Path),
        help="Clause library folder; repeat to layer an overlay on a baseline (default: the bundled library).",
    )(func)


def _load(libraries: tuple[Path, ...]):
    from acqspec.library.loader import load_catalog
    from acqspec.resources import default_library_dir

    return load_catalog(libraries or (default_library_dir(),))


def _library_folders(libraries: tuple[Path, ...]) -> tuple[Path, ...]:
    """The libraries in use, as inputs: an output may not be written anywhere inside them."""
    from acqspec.resources import default_library_dir

    return tuple(libraries or (default_library_dir(),))


def _layers(spec: str) -> list[Path]:
    return [Path(part) for part in spec.split(os.pathsep) if part]


def _dump_json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


def _write_output(output: Path, payload: bytes | str, *, inputs: tuple = ()) -> None:
    from acqspec.io.atomic import write_atomic

    write_atomic(output, payload, inputs=inputs)
    click.echo(f"wrote {output}", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="acqspec")
def cli() -> None:
    """Write and check the AI requirements of U.S. federal acquisitions.

    The clause library turns DHS Directive 139-08 and the OMB AI memos into
    versioned, cited contract clauses.
    """


# --------------------------------------------------------------------------- library


@cli.group(cls=_Group)
def library() -> None:
    """Validate, list, show, diff and publish the clause library."""


@library.command("validate")
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 2 on any problem).")
@click.pass_context
def library_validate(ctx: click.Context, folders: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check library FOLDERS (baseline first, overlays after) and report every problem.

    Each problem is printed as path:line: severity: message [CODE].  Exit 2 if
    there is any error (or any warning with --strict).
    """
    from acqspec.library.loader import load_library
    from acqspec.resources import default_library_dir

    catalog = load_library(folders or (default_library_dir(),))
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


@library.command("list")
@_library_option
@click.option("--topic", help="Only clauses of this topic.")
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
    widths = (max([len(r["id"]) for r in rows] + [2]), max([len(r["topic"]) for r in rows] + [5]))
    click.echo(f"{'ID':<{widths[0]}}  {'TOPIC':<{widths[1]}}  V  STATUS    TITLE")
    for r in rows:
        click.echo(f"{r['id']:<{widths[0]}}  {r['topic']:<{widths[1]}}  {r['version']}  {r['status']:<8}  {r['title']}")
    click.echo(f"{len(rows)} clause(s)", err=True)


@library.command("show")
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


@library.command("schema")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout.")
def library_schema(output: Path | None) -> None:
    """Print the JSON Schema of a clause file (for editors and CI)."""
    from acqspec.library.schema import clause_json_schema

    text = _dump_json(clause_json_schema()) + "\n"
    if output:
        _write_output(output, text)
    else:
        click.echo(text, nl=False)


@library.command("catalog")
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


@library.command("authorities")
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
        tail = f" -> {a.superseded_by} ({a.status_date})" if a.superseded_by else (
            f" ({a.status_date})" if a.status_date else "")
        click.echo(f"{a.id:<18} {a.status:<10} {a.issued}  {a.short}{tail}")


@library.command("diff")
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
        for change in result.changes:
            if change.kind == "added":
                click.echo(f"+ {change.clause_id} (v{change.new_version}) added")
            elif change.kind == "removed":
                click.echo(f"- {change.clause_id} (v{change.old_version}) removed")
            else:
                click.echo(f"~ {change.clause_id} v{change.old_version} -> v{change.new_version}: "
                           f"changed {', '.join(change.changed_fields) or 'nothing'}")
                for w in change.weakenings:
                    click.echo(f"    WEAKENED {w.obligation_id}: {w.message}")
                for note in change.notes:
                    click.echo(f"    note: {note}")
        counts = {k: sum(c.kind == k for c in result.changes) for k in ("added", "removed", "changed")}
        click.echo(f"{counts['added']} added, {counts['removed']} removed, {counts['changed']} changed, "
                   f"{len(result.weakened)} with weakened obligations", err=True)
    if fail_on_weakening and result.weakened:
        ctx.exit(EXIT_FINDINGS)


# --------------------------------------------------------------------------- generate


@cli.command("generate")
@click.argument("profile", type=click.Path(dir_okay=False, path_type=Path))
@_library_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: stdout for md/json; required for docx).")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "json"]), default=None,
              help="Output format (default: from the output's extension, else docx).")
@click.option("--template", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Word document whose styles (headings, body, tables) the output uses.")
def generate(profile: Path, libraries, output: Path | None, fmt: str | None, template: Path | None) -> None:
    """Write the AI technical-requirement section for acquisition PROFILE.

    The output has numbered requirements with parameters filled, a deliverables
    table, a traceability matrix and an appendix explaining why each clause is
    in or out.
    """
    from acqspec.generate import build_spec
    from acqspec.resources import default_library_dir

    if fmt is None:
        fmt = {".md": "md", ".json": "json"}.get(output.suffix.lower(), "docx") if output else "docx"
    if fmt == "docx" and output is None:
        raise click.UsageError("a .docx needs an output file: add -o OUT.docx (or --format md|json)")
    if template is not None and fmt != "docx":
        raise click.UsageError("--template applies only to --format docx")
    if output is not None:
        from acqspec.io.atomic import check_target

        check_target(output, inputs=(profile, *(t for t in (template,) if t), *_library_folders(libraries)))
    spec = build_spec(profile, libraries or (default_library_dir(),))
    if fmt == "docx":
        from acqspec.generate.docx import spec_docx

        payload: bytes | str = spec_docx(spec, template=template)
    elif fmt == "md":
        from acqspec.generate.formats import spec_markdown

        payload = spec_markdown(spec)
    else:
        from acqspec.generate.formats import spec_json

        payload = spec_json(spec)
    for warning in spec.warnings:
        click.echo(f"acqspec: warning: {warning}", err=True)
    if output is None:
        click.echo(payload, nl=False)
    else:
        _write_output(output, payload, inputs=(profile, *(t for t in (template,) if t), *_library_folders(libraries)))
        count = len(spec.requirements())
        fill_ins = sum(r.fill_ins for r in spec.requirements())
        click.echo(f"{count} requirements in {len(spec.sections)} sections, {len(spec.deliverables)} deliverables, "
                   f"{fill_ins} fill-in(s) left for the offeror", err=True)


# --------------------------------------------------------------------------- profile


@cli.group(cls=_Group)
def profile() -> None:
    """Create acquisition profiles."""


def _risk_options() -> list[click.Option]:
    """A --FLAG/--no-FLAG option per risk question: the fields of RiskAnswers, their descriptions as help."""
    from acqspec.generate.profile import RiskAnswers

    return [click.Option([f"--{flag}/--no-{flag}", name], default=None, help=field.description)
            for name, field in RiskAnswers.model_fields.items() for flag in (name.replace("_", "-"),)]


class _ProfileInitCommand(click.Command):
    """``profile init``, whose risk flags are made from the profile model on first use.

    Reading them from RiskAnswers imports pydantic; doing it when the command
    is parsed or its help shown keeps ``acqspec --help`` fast.
    """

    _risk_flags_added = False

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        if not self._risk_flags_added:
            self._risk_flags_added = True
            at = next(i for i, p in enumerate(self.params) if p.name == "no_input")  # after the other questions
            self.params[at:at] = _risk_options()
        return super().get_params(ctx)


@profile.command("init", cls=_ProfileInitCommand)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("profile.yaml"),
              show_default=True)
@click.option("--title", help="Short name of what is being bought.")
@click.option("--agency", help="Agency (default: Department of Homeland Security).")
@click.option("--component", help="Component or office buying it, e.g. CBP, USCIS.")
@click.option("--solicitation-number", help="Solicitation number, if assigned.")
@click.option("--issue-date", type=click.DateTime(formats=["%Y-%m-%d"]), help="Solicitation issue date (YYYY-MM-DD).")
@click.option("--acquisition-type", type=click.Choice(list(vocab.ACQUISITION_TYPES)),
              help=f"What is being bought: {vocab.described(vocab.ACQUISITION_TYPES)}.")
@click.option("--description", help="Plain-language description of what the AI does.")
@click.option("--hosting", type=click.Choice(list(vocab.HOSTING)),
              help=f"Where the AI system will run: {vocab.described(vocab.HOSTING)}.")
@click.option("--trains-on-government-data/--no-trains-on-government-data", default=None,
              help="Whether the contractor will train or fine-tune models on Government data.")
@click.option("--start", type=click.DateTime(formats=["%Y-%m-%d"]), help="Period of performance start.")
@click.option("--months", type=click.IntRange(1, 240), help="Period of performance length in months.")
@click.option("--no-input", is_flag=True, help="Never prompt: use defaults, fail if a required answer is missing.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def profile_init(output: Path, no_input: bool, force: bool, **answers) -> None:
    """Answer a short questionnaire and write a valid acquisition profile.

    Every question can also be answered with its flag, so the command runs
    unattended in scripts (add --no-input).
    """
    import datetime as dt

    from pydantic import ValidationError

    from acqspec.generate.profile import AcquisitionProfile, RiskAnswers, profile_to_yaml

    if output.exists() and not force:
        raise AcqspecError("file exists; use --force to overwrite it", path=output)

    def ask(name: str, text: str, *, help_text: str = "", default=None, type=None, required: bool = True):
        value = answers.get(name)
        if value is not None:
            return value
        if no_input:
            if default is None and required:
                raise click.UsageError(f"--{name.replace('_', '-')} is required with --no-input")
            return default
        if help_text:
            click.echo(click.style(help_text, dim=True), err=True)
        return click.prompt(text, default=default, type=type, show_default=default is not None, err=True)

    def confirm(name: str, help_text: str, default: bool = False) -> bool:
        value = answers.get(name)
        if value is not None:
            return value
        if no_input:
            return default
        return click.confirm(help_text, default=default, err=True)

    today = dt.date.today()
    data = {
        "title": ask("title", "Title of the acquisition", help_text="A short name, e.g. 'Port of entry face capture'."),
        "agency": ask("agency", "Agency", default="Department of Homeland Security"),
        "component": ask("component", "Component or office", help_text="Who is buying, e.g. CBP, USCIS, FEMA."),
        "solicitation_number": ask("solicitation_number", "Solicitation number (blank if none)", default="",
                                   required=False) or None,
        "issue_date": _as_date(ask("issue_date", "Solicitation issue date (YYYY-MM-DD)", default=today.isoformat(),
                                   help_text="Decides which policy memos are cited as current.")),
        "acquisition_type": ask("acquisition_type", "Acquisition type", default="custom_development",
                                type=click.Choice(list(vocab.ACQUISITION_TYPES)),
                                help_text=_choices_lines(vocab.ACQUISITION_TYPES)),
        "description": ask("description", "What will the AI do?",
                           help_text="One or two plain sentences about the AI use and who it affects."),
        "hosting": ask("hosting", "Where will it run?", default="government_cloud",
                       type=click.Choice(list(vocab.HOSTING)), help_text=_choices_lines(vocab.HOSTING)),
        "trains_on_government_data": confirm(
            "trains_on_government_data", AcquisitionProfile.model_fields["trains_on_government_data"].description),
        "period_of_performance": {
            "start": _as_date(ask("start", "Period of performance start (YYYY-MM-DD)", default=today.isoformat())),
            "months": ask("months", "Period of performance in months", default=12, type=click.IntRange(1, 240)),
        },
    }
    risk = {name: confirm(name, field.description or name) for name, field in RiskAnswers.model_fields.items()}
    # Keep the answers consistent rather than failing after the questionnaire.
    data["risk"] = RiskAnswers.completed(risk)
    try:
        built = AcquisitionProfile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise AcqspecError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    _write_output(output, profile_to_yaml(built))


def _choices_lines(values) -> str:
    """One line per value of a choice with its description, shown before the prompt."""
    return "\n".join(f"  {ident}: {value.description}" for ident, value in values.items())


def _as_date(value):
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from None
    return value


# --------------------------------------------------------------------------- check


class _FormatChoice(click.Choice):
    """The --format choices, looked up when first needed (importing the reporters costs time at start-up)."""

    def __init__(self, extra: tuple[str, ...]) -> None:
        self._extra = extra
        self.case_sensitive = True

    @property
    def choices(self):  # type: ignore[override]
        from acqspec.report import FORMATS

        return (*FORMATS, *self._extra)


@cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_library_option
@click.option("--profile", type=click.Path(dir_okay=False, path_type=Path),
              help="Baseline: the clauses the generator selects for this acquisition profile.")
@click.option("--clauses", help="Baseline: these clause ids, comma-separated (e.g. IR-01,DR-01).")
@click.option("--against", type=click.Path(dir_okay=False, path_type=Path),
              help="Baseline: the SOW a proposal answers; every SOW obligation must be addressed.")
@click.option("--format", "fmt", type=_FormatChoice(("docx",)), default="text", show_default=True,
              help="Report format; docx: a copy of each .docx with Word comments (needs -o).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the report to FILE (for --format docx: a .docx file, or a folder for several inputs).")
@click.option("--select", multiple=True,
              help="Only rules with this code prefix or name (repeatable or comma-separated), e.g. AQ3,AQ101; "
                   "replaces the config file's select.")
@click.option("--ignore", multiple=True,
              help="Skip rules with this code prefix or name; replaces the config file's ignore.")
@click.option("--extend-select", multiple=True, help="Add to the selected rules (config file or --select).")
@click.option("--extend-ignore", multiple=True, help="Add to the ignored rules (config file or --ignore).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding has at least this severity [default: error].")
@click.option("--waivers", type=click.Path(dir_okay=False, path_type=Path), help="Waiver file of accepted findings.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: nearest .acqspec.toml or [tool.acqspec] above the first document).")
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes [default: 1].")
@click.option("--revisions", type=click.Choice(["accepted", "original"]), default="accepted", show_default=True)
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date for waiver expiry (default: today).")
@click.pass_context
def check(ctx: click.Context, paths, libraries, profile, clauses, against, fmt, output, select, ignore,
          extend_select, extend_ignore, fail_on, waivers, config_path, no_config, jobs, revisions, as_of) -> None:
    """Check documents (files or folders of .docx, .pdf, .txt, .md) against the clause library.

    Policy-conflict and requirement-quality rules run on every document. With a
    baseline (--profile, --clauses or --against) missing and weakened
    obligations are reported too, and JSON output carries a coverage report.
    Command-line options override the config file (see 'acqspec config show').
    Exit 0 when clean, 1 when a finding reaches --fail-on, 2 on bad input.
    """
    import dataclasses

    from acqspec import pipeline
    from acqspec.check.baseline import from_clause_ids
    from acqspec.config import check_settings, effective_config

    if sum(x is not None for x in (profile, clauses, against)) > 1:
        raise AcqspecError("use only one of --profile, --clauses and --against")
    if fmt == "docx" and not output:
        raise AcqspecError("--format docx writes Word files: give -o FILE.docx (or -o FOLDER for several inputs)")
    files = pipeline.expand_paths(paths)
    if not files:
        raise AcqspecError("no .docx, .pdf, .txt or .md files to check in " + ", ".join(map(str, paths)))
    if output is not None and fmt != "docx":
        from acqspec.io.atomic import check_target

        # Refuse a bad -o before reading every document (and before any warning about them).
        check_target(output, inputs=(*files, *(p for p in (profile, against, waivers) if p)))
    settings = check_settings(effective_config(config_path, files[0], isolated=no_config), select=select,
                              ignore=ignore, extend_select=extend_select, extend_ignore=extend_ignore,
                              fail_on=fail_on, library=libraries, profile=profile, waivers=waivers, jobs=jobs)
    catalog = _load(settings.library)
    if clauses:
        baseline = from_clause_ids([c.strip() for c in clauses.split(",") if c.strip()], catalog)
    elif against is not None:
        baseline = pipeline.baseline_from_sow(against, revisions=revisions)
    elif settings.profile is not None:
        baseline = pipeline.baseline_from_profile(settings.profile, catalog)
    else:
        baseline = None
    if baseline is not None:
        baseline = dataclasses.replace(baseline, min_score=settings.match_score)
    show_progress = len(files) > 1 and sys.stderr.isatty()
    with click.progressbar(length=len(files), label="checking", file=sys.stderr,
                           hidden=not show_progress) as bar:
        result = pipeline.check_paths(paths, catalog, select=settings.select, ignore=settings.ignore,
                                      revisions=revisions, baseline=baseline, waivers=settings.waivers,
                                      severity=settings.severity, jobs=settings.jobs,
                                      today=as_of.date() if as_of else None, progress=bar.update, files=files)
    for warning in result.warnings:
        click.echo(f"acqspec: warning: {warning}", err=True)
    inputs = tuple(result.paths) + tuple(str(p) for p in (settings.profile, against, settings.waivers) if p)
    if fmt == "docx":
        _write_reviewed_docx(result, output, inputs)
    else:
        from acqspec.report import FORMATS, ReportOptions

        text = FORMATS[fmt].render(result, ReportOptions(fail_on=settings.fail_on))
        if output:
            _write_output(output, text, inputs=inputs)
        else:
            click.echo(text, nl=False)
    if result.fails(settings.fail_on):
        ctx.exit(EXIT_FINDINGS)


def _write_reviewed_docx(result, output: Path, inputs: tuple) -> None:
    from acqspec.io.docx_package import open_docx_package
    from acqspec.report.docx_comments import annotate_docx

    sources = [Path(p) for p in result.paths if p.lower().endswith(".docx")]
    if not sources:
        raise AcqspecError("--format docx needs at least one .docx input")
    if len(sources) == 1 and output.suffix.lower() == ".docx":
        targets = {sources[0]: output}
    else:
        if output.exists() and not output.is_dir():
            raise AcqspecError(f"{output}: several .docx inputs need -o to be a folder")
        targets = {source: output / f"{source.stem}.reviewed.docx" for source in sources}
        if len({t.name for t in targets.values()}) != len(targets):
            raise AcqspecError("two inputs share a file name; check them separately")
        output.mkdir(parents=True, exist_ok=True)
    for source, target in targets.items():
        _write_output(target, annotate_docx(open_docx_package(source), result, source), inputs=inputs)


@cli.group(cls=_Group)
def config() -> None:
    """Show the configuration acqspec check would use."""


@config.command("show")
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Read this file instead of searching upward from PATH.")
def config_show(path: Path, config_path: Path | None) -> None:
    """Print the effective configuration for documents at PATH (default: here), as JSON."""
    from acqspec.config import effective_config

    config = effective_config(config_path, path)
    data = {"source": config.source, **config.model_dump(mode="json", by_alias=True)}
    click.echo(_dump_json(data))


@cli.command("rules")
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "markdown", "json"]), default="table",
              show_default=True, help="markdown: the README's rule table.")
def rules(code: str | None, fmt: str) -> None:
    """List the checker rules, or explain rule CODE (e.g. acqspec rules AQ301)."""
    from acqspec.check.registry import get_rule, rule_infos
    from acqspec.docs import rule_table

    if code:
        rule = get_rule(code)
        if rule is None:
            raise AcqspecError(f"no rule {code!r}; run 'acqspec rules' for the list")
        info = rule.info()
        if fmt == "json":
            click.echo(_dump_json(info.model_dump()))
        else:
            click.echo(f"{info.code} {info.name} ({info.severity})\n\n{info.documentation}")
        return
    infos = rule_infos()
    if fmt == "json":
        click.echo(_dump_json([info.model_dump() for info in infos]))
    elif fmt == "markdown":
        click.echo(rule_table(infos), nl=False)
    else:
        for info in infos:
            click.echo(f"{info.code}  {info.name:<26} {info.severity:<8} {info.summary}")


# --------------------------------------------------------------------------- NLP


@cli.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--revisions", type=click.Choice(["accepted", "original"]), default="accepted", show_default=True,
              help="Read tracked changes as accepted (default) or as the original text.")
@click.option("--all", "show_all", is_flag=True, help="Show every sentence, not only obligations.")
@click.option("--model", type=click.Path(file_okay=False, path_type=Path),
              help="Pipeline folder (default: the shipped nlp_models/acqspec_en).")
def extract(file: Path, fmt: str, revisions: str, show_all: bool, model: Path | None) -> None:
    """Show the obligations of a document: who must do what, how strongly, by when."""
    from acqspec.io.readers import read_document
    from acqspec.nlp.extract import extract_statements
    from acqspec.nlp.pipeline import load_pipeline

    document = read_document(file, revisions=revisions)
    for warning in document.warnings:
        click.echo(f"acqspec: warning: {file}: {warning}", err=True)
    statements = extract_statements(document, load_pipeline(str(model) if model else None))
    shown = [s for s in statements if show_all or s.is_obligation]
    if fmt == "json":
        click.echo(_dump_json({"path": str(file), "format": document.format, "words": document.word_count,
                               "has_revisions": document.has_revisions,
                               "statements": [s.model_dump(mode="json") for s in shown]}))
        return
    for s in shown:
        where = s.location(str(file))
        numbers = ", ".join(q.display + ("" if q.bound == "exact" else f" ({q.bound})") for q in s.quantities)
        details = [f"{s.modality}/{s.strength}", f"party={s.party}", f"modal={s.modal!r}", f"topic={s.topic}"]
        if s.hedges:
            details.append("hedges=" + "; ".join(s.hedges))
        if numbers:
            details.append("numbers=" + numbers)
        click.echo(f"{where}: {' '.join(details)}\n    {s.text}")
    click.echo(f"{len([s for s in statements if s.is_obligation])} obligation(s) in {len(statements)} sentence(s), "
               f"{document.word_count} words", err=True)


@cli.group(cls=_Group)
def model() -> None:
    """Train and evaluate the shipped NLP pipeline."""


@model.command("train")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              help="Where to save the pipeline (default: the shipped nlp_models/acqspec_en).")
@click.option("--epochs", type=click.IntRange(1, 200), default=12, show_default=True)
def model_train(output: Path | None, epochs: int) -> None:
    """Train the pipeline from nlp_models/data/train.jsonl, selecting on dev.jsonl."""
    from acqspec.nlp.pipeline import default_model_path
    from acqspec.training import train

    target = output or default_model_path()
    scores = train(target, epochs=epochs, log=lambda line: click.echo(line, err=True))
    click.echo(f"saved {target}: modality macro-F1 {scores['modality']['macro_f1']}, "
               f"party macro-F1 {scores['party']['macro_f1']}, topic macro-F1 {scores['topic']['macro_f1']}")


@model.command("evaluate")
@click.option("--model", "model_path", type=click.Path(file_okay=False, path_type=Path),
              help="Pipeline folder (default: the shipped one).")
@click.option("--data", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Annotated JSONL (default: nlp_models/data/dev.jsonl).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def model_evaluate(model_path: Path | None, data: Path | None, fmt: str) -> None:
    """Print per-label precision, recall and F1 for modality, party, topic, strength and hedges."""
    from acqspec.nlp.pipeline import load_pipeline
    from acqspec.training import data_dir, evaluate, load_examples

    examples = load_examples(data or data_dir() / "dev.jsonl")
    scores = evaluate(load_pipeline(str(model_path) if model_path else None), examples)
    if fmt == "json":
        click.echo(_dump_json(scores))
        return
    for task in ("modality", "party", "topic", "strength", "hedged"):
        result = scores[task]
        click.echo(f"{task}: accuracy {result['accuracy']:.3f}, macro-F1 {result['macro_f1']:.3f} (n={result['n']})")
        click.echo(f"  {'label':<20} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
        for label, row in result["labels"].items():
            click.echo(f"  {label:<20} {row['p']:>6.3f} {row['r']:>6.3f} {row['f1']:>6.3f} {row['support']:>5}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="acqspec")
