"""``acqspec generate``: the AI technical-requirement section for an acquisition profile, and Sections L and M
and the QASP made from the same clause selection."""

from __future__ import annotations

from pathlib import Path

import click

from acqspec.cli.common import (
    _library_folders,
    _library_option,
    _write_output,
    examples,
)


@click.command("generate", epilog=examples(
    "acqspec generate samples/profiles/cbp-face-capture.yaml -o cbp-face-capture-sow.docx",
    "acqspec generate samples/profiles/fema-damage-assessment.yaml --document section-l --page-limit technical=25 "
    "-o fema-section-l.docx",
    "acqspec generate samples/profiles/cbp-face-capture.yaml --document qasp --format json -o cbp-qasp.json"))
@click.argument("profile", type=click.Path(dir_okay=False, path_type=Path))
@_library_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: stdout for md/json; required for docx).")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "json"]), default=None,
              help="Output format (default: from the output's extension, else docx).")
@click.option("--template", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Word document whose styles (headings, body, tables) the output uses.")
@click.option("--document", "document", type=click.Choice(["sow", "section-l", "section-m", "qasp"]),
              default="sow", show_default=True,
              help="sow: the requirements section; section-l: proposal instructions (FAR 15.204-5(b)); "
                   "section-m: evaluation factors (FAR 15.304); qasp: surveillance plan (FAR 46.401, 37.604).")
@click.option("--basis-for-award", type=click.Choice(["tradeoff", "lpta"]), default=None,
              help="Section M: best-value tradeoff (FAR 15.101-1) or lowest price technically acceptable "
                   "(FAR 15.101-2). Default: tradeoff.")
@click.option("--non-price-importance",
              type=click.Choice(["significantly_more", "approximately_equal", "significantly_less"]), default=None,
              help="Section M, tradeoff: all non-price factors combined relative to price (FAR 15.304(e)). "
                   "Default: significantly_more.")
@click.option("--page-limit", "page_limits", multiple=True, metavar="VOLUME=PAGES",
              help="Section L: page limit of a proposal volume (technical, past_performance, price, administrative); "
                   "PAGES a number or 'none'. Repeatable. Defaults: technical=30, past_performance=10, others none.")
@click.option("--past-performance-references", type=click.IntRange(min=1), default=None,
              help="Section L: contracts an offeror may cite for past performance. Default: 3.")
@click.option("--aql-percent", type=click.IntRange(1, 100), default=None,
              help="QASP: share of occurrences that must meet each standard (acceptable quality level). Default: 100.")
def generate(profile: Path, libraries, output: Path | None, fmt: str | None, template: Path | None,
             document: str, basis_for_award: str | None, non_price_importance: str | None,
             page_limits: tuple[str, ...], past_performance_references: int | None,
             aql_percent: int | None) -> None:
    """Write the AI technical-requirement section for acquisition PROFILE, or
    (--document) Section L, Section M or the QASP made from the same clauses.

    The SOW has numbered requirements with parameters filled, a deliverables
    table, a traceability matrix and an appendix explaining why each clause is
    in or out.  Sections L and M and the QASP use the SOW's requirement ids: each
    instruction, factor and standard names the requirements it traces to, and
    their JSON output carries the whole trace graph.
    """
    from acqspec.generate.render import render_document
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
    options = _solicitation_options(document, basis_for_award, non_price_importance, page_limits,
                                    past_performance_references, aql_percent)
    rendered = render_document(profile, libraries or (default_library_dir(),), document=document, fmt=fmt,
                               template=template, options=options)
    for warning in rendered.warnings:
        click.echo(f"acqspec: warning: {warning}", err=True)
    if output is None:
        click.echo(rendered.payload, nl=False)
        return
    _write_output(output, rendered.payload,
                  inputs=(profile, *(t for t in (template,) if t), *_library_folders(libraries)))
    click.echo(rendered.summary, err=True)


def _solicitation_options(document: str, basis_for_award, non_price_importance, page_limits,
                          past_performance_references, aql_percent):
    """The Section L/M and QASP parameters given on the command line (defaults for the others)."""
    from acqspec.generate.solicitation import (
        DEFAULT_PAGE_LIMITS,
        VOLUME_KEYS,
        SolicitationOptions,
    )

    given = {"--basis-for-award": basis_for_award, "--non-price-importance": non_price_importance,
             "--page-limit": page_limits or None, "--past-performance-references": past_performance_references,
             "--aql-percent": aql_percent}
    if document == "sow":
        used = [name for name, value in given.items() if value is not None]
        if used:
            raise click.UsageError(f"{', '.join(used)} applies only to --document section-l, section-m or qasp")
        return None
    limits = dict(DEFAULT_PAGE_LIMITS)
    for entry in page_limits:
        volume, sep, pages = entry.partition("=")
        volume = volume.strip().replace("-", "_")
        if not sep or volume not in VOLUME_KEYS:
            raise click.BadParameter(f"{entry!r}: expected VOLUME=PAGES with VOLUME one of {', '.join(VOLUME_KEYS)}",
                                     param_hint="--page-limit")
        pages = pages.strip().lower()
        if pages == "none":
            limits[volume] = None
        elif pages.isdigit() and int(pages) > 0:
            limits[volume] = int(pages)
        else:
            raise click.BadParameter(f"{entry!r}: PAGES must be a positive whole number or 'none'",
                                     param_hint="--page-limit")
    values = {"basis_for_award": basis_for_award, "non_price_importance": non_price_importance,
              "past_performance_references": past_performance_references, "aql_percent": aql_percent}
    return SolicitationOptions(page_limits=limits, **{k: v for k, v in values.items() if v is not None})
