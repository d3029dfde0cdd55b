"""Help that shows how: every command's --help ends with real example invocations, a bare acqspec
prints help and exits 0, and the options the help promises exist."""

from __future__ import annotations

import shlex
from pathlib import Path

import click
import pytest

from acqspec.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def _commands(group: click.Group = cli, prefix: tuple[str, ...] = ()):
    yield prefix, group
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


COMMANDS = [path for path, _ in _commands()]


def _examples(help_text: str) -> list[str]:
    lines = help_text.rstrip("\n").splitlines()
    assert "Examples:" in [line.strip() for line in lines], help_text
    start = max(i for i, line in enumerate(lines) if line.strip() == "Examples:")
    return [line.strip() for line in lines[start + 1:]]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "acqspec")
def test_every_help_ends_with_one_to_three_examples(runner, path: tuple[str, ...]) -> None:
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    examples = _examples(result.stdout)
    assert 1 <= len(examples) <= 3, examples
    assert all(line.startswith("acqspec ") for line in examples), examples


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "acqspec")
def test_examples_parse_and_name_files_that_exist(runner, path: tuple[str, ...]) -> None:
    """Each example is a valid command line (options and arguments as the command defines them), and every
    repository file it names (samples, the library) is there."""
    for example in _examples(runner.invoke(cli, [*path, "--help"]).stdout):
        args = shlex.split(example)[1:]
        command: click.Command = cli
        ctx = click.Context(cli, info_name="acqspec")
        while isinstance(command, click.Group):
            name, args = args[0], args[1:]
            command = command.get_command(ctx, name)
            assert command is not None, example
            ctx = click.Context(command, info_name=name, parent=ctx)
        command.make_context(ctx.info_name, list(args), parent=ctx.parent)  # raises on a bad option
        for arg in args:
            if arg.startswith(("samples/", "clause_library")):
                assert (ROOT / arg).exists(), (example, arg)


def test_bare_acqspec_prints_help_and_exits_0(runner) -> None:
    result = runner.invoke(cli, [], prog_name="acqspec")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: acqspec ") and "Commands:" in result.stdout and not result.stderr
    library = runner.invoke(cli, ["library"])
    assert library.exit_code == 0 and "validate" in library.stdout


def test_topic_option_lists_the_valid_topics(runner) -> None:
    from acqspec.vocab import TOPICS

    help_text = " ".join(runner.invoke(cli, ["library", "list", "--help"]).stdout.split())
    assert all(topic in help_text.replace("- ", "-") for topic in TOPICS)


def test_library_validate_takes_L_and_keeps_the_positional_folders(runner, valid_library: Path) -> None:
    by_option = runner.invoke(cli, ["library", "validate", "-L", str(valid_library), "--format", "json"])
    by_argument = runner.invoke(cli, ["library", "validate", str(valid_library), "--format", "json"])
    assert by_option.exit_code == by_argument.exit_code == 0
    assert by_option.stdout == by_argument.stdout and str(valid_library) in by_option.stdout
    both = runner.invoke(cli, ["library", "validate", str(valid_library), "-L", str(valid_library)])
    assert both.exit_code == 2 and len(both.stderr.strip().splitlines()) == 1
