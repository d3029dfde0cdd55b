"""The ``acqspec`` command line.  The only package that prints or exits.

Each command parses its options, calls one library function and formats the
result.  Heavy libraries (pydantic models, python-docx, spaCy) are imported
inside the commands so ``acqspec --help`` stays fast.

This module holds the root group :func:`cli` and :func:`main` and registers
the command groups, one module each:

* :mod:`acqspec.cli.common`: what the commands share (the error handling of
  every group, exit codes, the ``--library`` option, loading the library, JSON
  output, writing files);
* :mod:`acqspec.cli.library`: ``library validate|list|show|schema|catalog|authorities|diff``;
* :mod:`acqspec.cli.generate`: ``generate``;
* :mod:`acqspec.cli.profile`: ``profile init``;
* :mod:`acqspec.cli.check`: ``check`` and the reviewed .docx copies;
* :mod:`acqspec.cli.info`: ``rules`` and ``config show``;
* :mod:`acqspec.cli.nlp`: ``extract`` and ``model train|evaluate``;
* :mod:`acqspec.cli.portfolio`: ``portfolio scan|report``.

Exit codes: 0 success, 1 findings (checks that found problems), 2 bad input
or usage.  A bare ``acqspec`` (or a bare command group) prints its help and exits 0;
every command's ``--help`` ends with example invocations (:func:`acqspec.cli.common.examples`).
"""

from __future__ import annotations

import click

from acqspec import __version__
from acqspec.cli import check, generate, info, library, nlp, portfolio, profile, serve
from acqspec.cli.common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, _Group, examples

__all__ = ["EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_OK", "cli", "main"]

@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=examples(
    "acqspec check samples/sows/uscis-genai-draft-sow.docx --profile samples/profiles/uscis-genai-case-assistant.yaml",
    "acqspec generate samples/profiles/cbp-face-capture.yaml -o cbp-face-capture-sow.docx",
    "acqspec library validate -L clause_library"))
@click.version_option(__version__, prog_name="acqspec")
def cli() -> None:
    """Write and check the AI requirements of U.S. federal acquisitions.

    The clause library turns DHS Directive 139-08 and the OMB AI memos into
    versioned, cited contract clauses.
    """


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="acqspec")


cli.add_command(library.library)
cli.add_command(generate.generate)
cli.add_command(profile.profile)
cli.add_command(check.check)
cli.add_command(info.config)
cli.add_command(info.rules)
cli.add_command(nlp.extract)
cli.add_command(nlp.model)
cli.add_command(serve.serve)
cli.add_command(portfolio.portfolio)
