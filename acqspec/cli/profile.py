"""``acqspec profile init``: the questionnaire that writes an acquisition profile.

The risk flags are built from the profile model on first use, so that
``acqspec --help`` does not import pydantic.
"""

from __future__ import annotations

from pathlib import Path

import click

from acqspec import vocab
from acqspec.cli.common import _Group
from acqspec.cli.common import _write_output, examples
from acqspec.errors import AcqspecError


@click.group(cls=_Group, epilog=examples("acqspec profile init -o my-acquisition.yaml"))
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


@profile.command("init", cls=_ProfileInitCommand, epilog=examples(
    "acqspec profile init -o my-acquisition.yaml",
    "acqspec profile init --no-input --title 'Case assistant' --component USCIS --acquisition-type saas "
    "--description 'Drafts case summaries.' --hosting vendor_saas --generative-ai -o case-assistant.yaml"))
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
