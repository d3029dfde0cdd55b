"""``acqspec portfolio scan|report``: check a whole portfolio incrementally into a results store, and report on it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from acqspec.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    _Group,
    _library_option,
    _load,
    _write_output,
    examples,
)
from acqspec.errors import AcqspecError


@click.group("portfolio", cls=_Group, epilog=examples(
    "acqspec portfolio scan contracts/ --db results.sqlite --profile samples/profiles/cbp-face-capture.yaml",
    "acqspec portfolio report --db results.sqlite -o portfolio.html"))
def portfolio() -> None:
    """Scan many contracts into a results store (only new or changed files are checked) and report on them."""


@portfolio.command("scan", epilog=examples(
    "acqspec portfolio scan contracts/ --db results.sqlite --profile samples/profiles/cbp-face-capture.yaml",
    "acqspec portfolio scan contracts/ vendor-terms.zip --db results.sqlite --executor local:2",
    "acqspec portfolio scan contracts/ --db results.sqlite --executor dask://10.0.0.5:8786"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The results store (SQLite), created when missing.")
@_library_option
@click.option("--profile", type=click.Path(dir_okay=False, path_type=Path),
              help="Baseline: the clauses the generator selects for this acquisition profile.")
@click.option("--clauses", help="Baseline: these clause ids, comma-separated (e.g. IR-01,DR-01).")
@click.option("--executor", default="local", show_default=True,
              help="Where documents are checked: local, local:N (N processes) or dask://HOST:PORT.")
@click.option("--exclude", "excludes", multiple=True, metavar="GLOB",
              help="Leave out files and folders matching this .gitignore-style pattern (repeatable).")
@click.option("--select", multiple=True, help="Only rules with this code prefix or name.")
@click.option("--ignore", multiple=True, help="Skip rules with this code prefix or name.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a stored finding has at least this severity [default: error].")
@click.option("--revisions", type=click.Choice(["accepted", "original"]), default="accepted", show_default=True)
@click.option("--no-config", is_flag=True, help="Ignore config files.")
@click.pass_context
def scan(ctx: click.Context, paths, db_path, libraries, profile, clauses, executor, excludes, select, ignore,
         fail_on, revisions, no_config) -> None:
    """Check the documents under PATHS (folders, files, .zip archives) into the results store.

    A document is checked again only when its bytes, the clauses that shaped
    its result, the settings or the acqspec version changed; the rest is
    kept.  Ends with a summary line (new, changed, unchanged, removed).
    Exit 0 when clean, 1 when a stored finding reaches --fail-on, 2 on bad
    input (including a document that could not be read).
    """
    import hashlib

    from acqspec import pipeline
    from acqspec.check.registry import selected_rules
    from acqspec.config import check_settings, effective_config
    from acqspec.portfolio.executors import parse_executor
    from acqspec.portfolio.scan import ScanSettings
    from acqspec.portfolio.scan import scan as run_scan
    from acqspec.portfolio.store import open_store

    if profile is not None and clauses:
        raise AcqspecError("use only one of --profile and --clauses")
    run = parse_executor(executor)
    config = effective_config(None, paths[0], isolated=no_config)
    settings = check_settings(config, select=select, ignore=ignore, fail_on=fail_on, library=libraries,
                              profile=profile, exclude=excludes)
    from acqspec.io.atomic import check_target

    check_target(db_path, inputs=tuple(paths))  # the store is never written over (or inside) an input
    catalog = _load(settings.library)
    baseline = pipeline.choose_baseline(catalog, clauses=clauses, profile=settings.profile, revisions=revisions,
                                        match_score=settings.match_score)
    rules = [rule() for rule in selected_rules(settings.select, settings.ignore)]
    if clauses:
        described = {"kind": "clauses", "clauses": [c.strip() for c in clauses.split(",") if c.strip()]}
    elif settings.profile is not None:
        described = {"kind": "profile", "profile": str(settings.profile),
                     "sha256": hashlib.sha256(Path(settings.profile).read_bytes()).hexdigest()}
    else:
        described = {"kind": "none"}
    if baseline is not None:
        described["min_score"] = baseline.min_score
    scan_settings = ScanSettings(described, tuple(r.code for r in rules), revisions)
    checker = pipeline.Checker(catalog, rules, baseline, revisions)
    import time

    show = sys.stderr.isatty()
    bar = None
    started = time.monotonic()

    def rate(done: int | None) -> str | None:
        elapsed = time.monotonic() - started
        return f"{done / elapsed:.1f} files/s" if done and elapsed > 0 else None

    def on_total(total: int) -> None:
        nonlocal bar, started
        # Files done, rate and ETA on a terminal; nothing at all when stderr is not one (CI, pipes).
        bar = click.progressbar(length=total, label="checking", file=sys.stderr, hidden=not show or total < 2,
                                show_eta=True, show_pos=True, item_show_func=rate)
        bar.__enter__()
        started = time.monotonic()

    def progress(step: int) -> None:
        if bar is not None:
            bar.update(step, current_item=bar.pos + step)

    with open_store(db_path) as store:
        try:
            summary = run_scan(paths, store, checker, scan_settings, executor=run,
                               exclude=[pipeline.Exclude(p, base) for p, base in settings.exclude],
                               respect_gitignore=settings.respect_gitignore, progress=progress, on_total=on_total)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
    click.echo(summary.line())
    counts = ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in
                       ((summary.errors, "error"), (summary.warnings, "warning"), (summary.infos, "note")))
    click.echo(f"{counts} in the scanned files; stored in {db_path}")
    for path, reason in summary.unreadable:
        click.echo(f"acqspec: error: {AcqspecError(reason, path=path)}", err=True)
    if summary.unreadable:
        ctx.exit(EXIT_BAD_INPUT)
    if summary.fails(settings.fail_on):
        ctx.exit(EXIT_FINDINGS)


@portfolio.command("report", epilog=examples(
    "acqspec portfolio report --db results.sqlite -o portfolio.html",
    "acqspec portfolio report --db results.sqlite --format csv -o portfolio.csv"))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The results store a scan wrote.")
@click.option("--format", "fmt", type=click.Choice(["html", "csv", "json"]), default="html", show_default=True,
              help="html: one self-contained page with charts; csv: one row per contract; json: everything.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE (default: standard output; html needs -o).")
def report(db_path, fmt, output) -> None:
    """Report on a results store: coverage by Directive 139-08 topic, frequent conflicts, the contracts with
    the most errors, changes since the previous scan, and a table of contracts linking to their findings."""
    from acqspec.portfolio.report import render_report
    from acqspec.portfolio.store import open_store

    if fmt == "html" and output is None:
        raise AcqspecError("--format html writes a file: give -o FILE.html")
    if output is not None:
        from acqspec.io.atomic import check_target

        check_target(output, inputs=(db_path,))
    with open_store(db_path, must_exist=True) as store:
        text = render_report(store, fmt)
    if output is not None:
        _write_output(output, text, inputs=(db_path,))
    else:
        click.echo(text, nl=False)
