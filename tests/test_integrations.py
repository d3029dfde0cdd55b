"""Where reviewers already work: the pre-commit hooks and the README's CI snippets are valid and run real
acqspec command lines."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import yaml

from acqspec.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def _parses(argv: list[str]) -> None:
    """``argv`` (without ``acqspec``) is a command line the CLI accepts (options and arguments)."""
    command: click.Command = cli
    ctx = click.Context(cli, info_name="acqspec")
    while isinstance(command, click.Group):
        name, argv = argv[0], argv[1:]
        command = command.get_command(ctx, name)
        assert command is not None, name
        ctx = click.Context(command, info_name=name, parent=ctx)
    command.make_context(ctx.info_name, list(argv), parent=ctx.parent)


def test_pre_commit_hooks_are_valid_and_run_acqspec_commands() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {hook["id"] for hook in hooks} == {"acqspec-check", "acqspec-library-validate"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook) and hook["language"] == "python"
        re.compile(hook["files"])
        entry = shlex.split(hook["entry"])
        assert entry[0] == "acqspec"
        example_files = ["solicitations/sow.docx"] if hook.get("pass_filenames", True) else []
        _parses(entry[1:] + hook.get("args", []) + example_files)
    check = next(hook for hook in hooks if hook["id"] == "acqspec-check")
    pattern = re.compile(check["files"])
    assert all(pattern.search(name) for name in ("a/SOW.DOCX", "b.pdf", "c.md", "d.txt"))
    assert not pattern.search("profile.yaml")


def _readme_block(marker: str) -> str:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    return next(block for block in blocks if marker in block)


def test_the_readme_github_workflow_uploads_the_sarif_it_writes() -> None:
    workflow = yaml.safe_load(_readme_block("upload-sarif"))
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["check"]["steps"]
    run = next(step["run"] for step in steps if "acqspec check" in step.get("run", ""))
    argv = shlex.split(run)[1:]
    _parses(argv)
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["if"] == "always()" and upload["with"]["sarif_file"] == argv[argv.index("-o") + 1]
    assert argv[argv.index("--format") + 1] == "sarif"


def test_the_readme_gitlab_job_writes_the_code_quality_report_it_declares() -> None:
    job = yaml.safe_load(_readme_block("codequality"))["acqspec"]
    argv = shlex.split(next(line for line in job["script"] if line.startswith("acqspec check")))[1:]
    _parses(argv)
    assert argv[argv.index("--format") + 1] == "gitlab"
    assert job["artifacts"]["reports"]["codequality"] == argv[argv.index("-o") + 1]


def test_the_readme_pre_commit_config_names_the_shipped_hooks() -> None:
    config = yaml.safe_load(_readme_block("rev: "))
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in config["repos"][0]["hooks"]} <= {h["id"] for h in hooks}
