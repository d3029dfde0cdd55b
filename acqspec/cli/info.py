"""``acqspec rules`` and ``acqspec config show``: what the checker knows and which settings it would use."""

from __future__ import annotations

from pathlib import Path

import click

from acqspec.cli.common import _Group
from acqspec.cli.common import _dump_json, examples
from acqspec.errors import AcqspecError


@click.group(cls=_Group, epilog=examples("acqspec config show", "acqspec config show samples/sows/"))
def config() -> None:
    """Show the configuration acqspec check would use."""


@config.command("show", epilog=examples("acqspec config show", "acqspec config show samples/sows/",
                                         "acqspec config show --config .acqspec.toml"))
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("."))
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Read this file instead of searching upward from PATH.")
def config_show(path: Path, config_path: Path | None) -> None:
    """Print the effective configuration for documents at PATH (default: here), as JSON."""
    from acqspec.config import effective_config

    config = effective_config(config_path, path)
    data = {"source": config.source, **config.model_dump(mode="json", by_alias=True)}
    click.echo(_dump_json(data))


@click.command("rules", epilog=examples("acqspec rules", "acqspec rules AQ301", "acqspec rules --format markdown"))
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
