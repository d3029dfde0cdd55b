"""``acqspec generate``: the AI technical-requirement section for an acquisition profile."""

from __future__ import annotations

from pathlib import Path

import click

from acqspec.cli.common import _library_folders, _library_option, _write_output, examples


@click.command("generate", epilog=examples(
    "acqspec generate samples/profiles/cbp-face-capture.yaml -o cbp-face-capture-sow.docx",
    "acqspec generate samples/profiles/uscis-genai-case-assistant.yaml --format md",
    "acqspec generate samples/profiles/fema-damage-assessment.yaml --format json -o fema-sow.json"))
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
