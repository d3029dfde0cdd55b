"""What the commands share: one-line errors and exit codes, the ``--library`` option, loading the library,
JSON output, writing files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from acqspec.errors import AcqspecError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def examples(*invocations: str) -> str:
    """A command's help epilog: 1-3 example invocations, printed as written (click does not rewrap them)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in invocations)


class _Group(click.Group):
    """A click group that turns :class:`AcqspecError` into one line on stderr and exit 2.

    Called without a command (a bare ``acqspec`` or ``acqspec library``), it
    prints its help on stdout and exits 0.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            click.echo(ctx.get_help())
            ctx.exit(EXIT_OK)
        return super().parse_args(ctx, args)

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


def _dump_json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False)


def _write_output(output: Path, payload: bytes | str, *, inputs: tuple = ()) -> None:
    from acqspec.io.atomic import write_atomic

    write_atomic(output, payload, inputs=inputs)
    click.echo(f"wrote {output}", err=True)
