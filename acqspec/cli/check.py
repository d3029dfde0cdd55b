"""``acqspec check``: check documents against the clause library, and write reviewed .docx copies."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from acqspec.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS
from acqspec.cli.common import _library_option, _load, _write_output, examples
from acqspec.errors import AcqspecError


class _FormatChoice(click.Choice):
    """The --format choices, looked up when first needed (importing the reporters costs time at start-up)."""

    def __init__(self, extra: tuple[str, ...]) -> None:
        self._extra = extra
        self.case_sensitive = True

    @property
    def choices(self):  # type: ignore[override]
        from acqspec.report import FORMATS

        return (*FORMATS, *self._extra)


@click.command("check", epilog=examples(
    "acqspec check samples/sows/uscis-genai-draft-sow.docx --profile samples/profiles/uscis-genai-case-assistant.yaml",
    "acqspec check samples/proposals/northwind-face-capture-proposal.pdf --against samples/sows/cbp-face-capture-generated.docx",
    "acqspec check samples/ --exclude 'proposals/' --format sarif -o acqspec.sarif"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@_library_option
@click.option("--profile", type=click.Path(dir_okay=False, path_type=Path),
              help="Baseline: the clauses the generator selects for this acquisition profile.")
@click.option("--clauses", help="Baseline: these clause ids, comma-separated (e.g. IR-01,DR-01).")
@click.option("--against", type=click.Path(dir_okay=False, path_type=Path),
              help="Baseline: the SOW a proposal answers; every SOW obligation must be addressed.")
@click.option("--format", "fmt", type=_FormatChoice(("docx",)), default="text", show_default=True,
              help="Report format; docx: a copy of each .docx with Word comments (needs -o).")
@click.option("--output-format", type=click.Choice(["concise", "full"]), default=None,
              help="Text report: one line per finding (concise, the default) or every detail of each (full).")
@click.option("-v", "--verbose", is_flag=True,
              help="Concise text report: whole lines, with the clause title and authority of each finding.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the report to FILE (for --format docx: a .docx file, or a folder for several inputs).")
@click.option("--select", multiple=True,
              help="Only rules with this code prefix or name (repeatable or comma-separated), e.g. AQ3,AQ101; "
                   "replaces the config file's select.")
@click.option("--ignore", multiple=True,
              help="Skip rules with this code prefix or name; replaces the config file's ignore.")
@click.option("--extend-select", multiple=True, help="Add to the selected rules (config file or --select).")
@click.option("--extend-ignore", multiple=True, help="Add to the ignored rules (config file or --ignore).")
@click.option("--exclude", "excludes", multiple=True, metavar="GLOB",
              help="Leave out files and folders matching this .gitignore-style pattern (repeatable; added to "
                   "the config file's exclude), e.g. --exclude 'archive/' --exclude '*.old.docx'.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None,
              help="Leave out what .gitignore files ignore in checked folders [default: respect].")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a finding has at least this severity [default: error].")
@click.option("--waivers", type=click.Path(dir_okay=False, path_type=Path), help="Waiver file of accepted findings.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Config file (default: nearest .acqspec.toml or [tool.acqspec] above the first path).")
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="FLOAT",
              help="Report AQ301/AQ302 terms from this classifier probability (higher: fewer, surer findings) "
                   "[default: the model's threshold].")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="Worker processes [default: 1].")
@click.option("--revisions", type=click.Choice(["accepted", "original"]), default="accepted", show_default=True)
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date for waiver expiry (default: today).")
@click.pass_context
def check(ctx: click.Context, paths, libraries, profile, clauses, against, fmt, output_format, verbose, output,
          select, ignore, extend_select, extend_ignore, excludes, respect_gitignore, fail_on, waivers, config_path,
          no_config, min_confidence, jobs, revisions, as_of) -> None:
    """Check documents (files or folders of .docx, .pdf, .txt, .md) against the clause library.

    Policy-conflict and requirement-quality rules run on every document. With a
    baseline (--profile, --clauses or --against) missing and weakened
    obligations are reported too, and JSON output carries a coverage report.
    Folders are searched without hidden files and what .gitignore ignores; a
    file that cannot be read is reported (AQ400) and the others are still
    checked; files of other types (.doc) are listed as skipped.
    Command-line options override the config file (see 'acqspec config show').
    Exit 0 when clean, 1 when a finding reaches --fail-on, 2 on bad input
    (including a file that could not be read).
    """
    from acqspec import pipeline
    from acqspec.config import check_settings, effective_config

    if sum(x is not None for x in (profile, clauses, against)) > 1:
        raise AcqspecError("use only one of --profile, --clauses and --against")
    if fmt == "docx" and not output:
        raise AcqspecError("--format docx writes Word files: give -o FILE.docx (or -o FOLDER for several inputs)")
    if output_format is not None and fmt != "text":
        raise AcqspecError(f"--output-format applies to the text report, not --format {fmt}")
    config = effective_config(config_path, paths[0], isolated=no_config)
    settings = check_settings(config, select=select, ignore=ignore, extend_select=extend_select,
                              extend_ignore=extend_ignore, fail_on=fail_on, library=libraries, profile=profile,
                              waivers=waivers, jobs=jobs, exclude=excludes, respect_gitignore=respect_gitignore,
                              output_format=output_format, min_confidence=min_confidence)
    inputs = pipeline.collect_inputs(paths, exclude=[pipeline.Exclude(patterns, base)
                                                     for patterns, base in settings.exclude],
                                     respect_gitignore=settings.respect_gitignore)
    files = inputs.files
    if not files and len(inputs.skipped) == 1 and len(paths) == 1:
        raise AcqspecError(inputs.skipped[0].reason, path=inputs.skipped[0].path)
    if not files:
        skipped = "".join(f"; skipped {s.path}: {s.reason}" for s in inputs.skipped[:1])
        more = f" (and {len(inputs.skipped) - 1} more)" if len(inputs.skipped) > 1 else ""
        raise AcqspecError("no .docx, .pdf, .txt or .md files to check in " + ", ".join(map(str, paths))
                           + skipped + more)
    if output is not None and fmt != "docx":
        from acqspec.io.atomic import check_target

        # Refuse a bad -o before reading every document (and before any warning about them).
        check_target(output, inputs=(*files, *(p for p in (settings.profile, against, settings.waivers) if p)))
    catalog = _load(settings.library)
    baseline = pipeline.choose_baseline(catalog, clauses=clauses, against=against, profile=settings.profile,
                                        revisions=revisions, match_score=settings.match_score)
    show_progress = len(files) > 1 and sys.stderr.isatty()
    with click.progressbar(length=len(files), label="checking", file=sys.stderr,
                           hidden=not show_progress) as bar:
        result = pipeline.check_paths(paths, catalog, select=settings.select, ignore=settings.ignore,
                                      revisions=revisions, baseline=baseline, waivers=settings.waivers,
                                      severity=settings.severity, jobs=settings.jobs,
                                      min_confidence=settings.min_confidence,
                                      today=as_of.date() if as_of else None, progress=bar.update, inputs=inputs)
    for warning in result.warnings:
        click.echo(f"acqspec: warning: {warning}", err=True)
    if result.paths:  # something was read: the report tells about every file, the unreadable ones too
        inputs_used = tuple(result.paths) + tuple(str(p) for p in (settings.profile, against, settings.waivers)
                                                  if p)
        if fmt == "docx":
            _write_reviewed_docx(result, output, inputs_used)
        else:
            from acqspec.report import FORMATS, ReportOptions

            color = fmt == "text" and output is None and _use_color()
            options = ReportOptions(fail_on=settings.fail_on, output_format=settings.output_format,
                                    verbose=verbose, color=color)
            text = FORMATS[fmt].render(result, options)
            if output:
                _write_output(output, text, inputs=inputs_used)
            else:
                click.echo(text, nl=False, color=color)
    for unread in result.unreadable:  # one line each, as for any bad input
        click.echo(f"acqspec: error: {AcqspecError(unread.reason, path=unread.path)}", err=True)
    if result.unreadable:
        ctx.exit(EXIT_BAD_INPUT)
    if result.fails(settings.fail_on):
        ctx.exit(EXIT_FINDINGS)


def _use_color() -> bool:
    """Colours on a terminal only: NO_COLOR (any value) turns them off, FORCE_COLOR on, TERM=dumb off."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force:
        return force.lower() not in ("0", "false", "no")
    if os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


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
