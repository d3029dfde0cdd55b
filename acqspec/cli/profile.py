"""``acqspec profile init``: the questionnaire that writes an acquisition profile.

The risk flags are built from the profile model on first use, so that
``acqspec --help`` does not import pydantic.
"""

from __future__ import annotations

from pathlib import Path

import click

from acqspec.cli.common import _Group, _write_output, examples
from acqspec.errors import AcqspecError


@click.group(cls=_Group, epilog=examples("acqspec profile init -o my-acquisition.yaml"))
def profile() -> None:
    """Create acquisition profiles."""


class _DateType(click.ParamType):
    """A date written YYYY-MM-DD, MM/DD/YYYY or M/D/YYYY (a bad one is re-asked with the reason)."""

    name = "date"

    def convert(self, value, param, ctx):
        import datetime as dt

        from acqspec.generate.profile import parse_date

        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class _ChoiceType(click.ParamType):
    """One of ``choices``, forgiving: any case, spaces or dashes for underscores, its number, a unique prefix."""

    name = "choice"

    def __init__(self, question) -> None:
        self._question = question
        self.choices = list(question.choices or ())

    def get_metavar(self, param, *args, **kwargs) -> str:
        return "[" + "|".join(self.choices) + "]"

    def convert(self, value, param, ctx):
        return _parsed(self._question, value, param, ctx, self)


class _TextType(click.ParamType):
    """Text that must not be blank (``optional``: may be)."""

    name = "text"

    def __init__(self, optional: bool = False) -> None:
        self.optional = optional

    def convert(self, value, param, ctx):
        from acqspec.generate.profile import Question

        kind = "optional_text" if self.optional else "text"
        return _parsed(Question(param.name if param else kind, "", "", kind), value, param, ctx, self)


class _MonthsType(click.ParamType):
    """A whole number of months, 1 to 240."""

    name = "integer"

    def convert(self, value, param, ctx):
        from acqspec.generate.profile import Question

        return _parsed(Question("months", "", "", "months"), value, param, ctx, self)


def _parsed(question, value, param, ctx, param_type: click.ParamType):
    """``value`` read by the questionnaire's one parser (acqspec.generate.profile.parse_answer)."""
    from acqspec.generate.profile import parse_answer

    try:
        return parse_answer(question, value)
    except ValueError as exc:
        param_type.fail(str(exc), param, ctx)


def _param_type(question) -> click.ParamType:
    return {"text": lambda: _TextType(), "optional_text": lambda: _TextType(optional=True),
            "date": _DateType, "months": _MonthsType,
            "choice": lambda: _ChoiceType(question), "yes_no": lambda: click.BOOL}[question.kind]()


def _question_options() -> list[click.Option]:
    """A flag per question of QUESTIONS (a --FLAG/--no-FLAG pair for yes/no ones), its full help as help."""
    from acqspec.generate.profile import QUESTIONS

    options = []
    for q in QUESTIONS:
        if q.kind == "yes_no":
            options.append(click.Option([f"{q.flag}/--no-{q.flag[2:]}", q.name], default=None, help=q.full_help()))
        else:
            options.append(click.Option([q.flag, q.name], type=_param_type(q), default=None, help=q.full_help()))
    return options


class _ProfileInitCommand(click.Command):
    """``profile init``, whose question flags are made from QUESTIONS (acqspec.generate.profile) on first use.

    Reading them imports pydantic; doing it when the command is parsed or its
    help shown keeps ``acqspec --help`` fast.
    """

    _question_flags_added = False

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        if not self._question_flags_added:
            self._question_flags_added = True
            at = next(i for i, p in enumerate(self.params) if p.name == "no_input")  # after -o
            self.params[at:at] = _question_options()
        return super().get_params(ctx)


@profile.command("init", cls=_ProfileInitCommand, epilog=examples(
    "acqspec profile init -o my-acquisition.yaml",
    "acqspec profile init --no-input --title 'Case assistant' --component USCIS --acquisition-type saas "
    "--description 'Drafts case summaries.' --issue-date 03/15/2026 --generative-ai --llm -o case-assistant.yaml"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("profile.yaml"),
              show_default=True)
@click.option("--no-input", is_flag=True, help="Never prompt: use the defaults (which follow the other answers), "
                                               "fail if a required answer is missing.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def profile_init(output: Path, no_input: bool, force: bool, **flags) -> None:
    """Answer a short questionnaire and write a valid acquisition profile.

    Defaults follow the earlier answers (a SaaS buy runs in the vendor's
    environment; the period of performance starts 90 days after the issue
    date), questions that cannot apply are skipped (face recognition after
    biometrics = no), and a bad answer asks that question again.  Every
    question can also be answered with its flag, so the command runs
    unattended in scripts (add --no-input).
    """
    import datetime as dt

    from pydantic import ValidationError

    from acqspec.generate.profile import (
        QUESTIONS,
        RISK_QUESTIONS,
        RiskAnswers,
        answer_problem,
        profile_from_answers,
        profile_to_yaml,
    )

    if output.exists() and not force:
        raise AcqspecError("file exists; use --force to overwrite it", path=output)

    given = {name: value for name, value in flags.items() if value is not None}
    today = dt.date.today()
    answers: dict = {}
    for q in QUESTIONS:
        forced = RiskAnswers.forced(q.name, {**given, **answers}) if q.name in RISK_QUESTIONS else None
        if q.name in given:
            value = given[q.name]
            if forced is not None and value != forced:
                raise click.UsageError(f"{_flag(q.name, value)} contradicts {_implying(q.name, given)}")
            problem = answer_problem(q.name, value, answers)
            if problem:
                raise click.UsageError(f"{q.flag}: {problem}")
        elif forced is not None:
            value = forced  # the question cannot apply (or is answered by another): skip it
        else:
            default = q.default(answers, today) if q.default else None
            if no_input:
                if default is None:
                    raise click.UsageError(f"{q.flag} is required with --no-input")
                value = default
            else:
                value = _ask(q, default, answers)
        answers[q.name] = value
    try:
        built = profile_from_answers(answers)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise AcqspecError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    _write_output(output, profile_to_yaml(built))


def _ask(question, default, answers: dict):
    """Prompt until the answer is valid and fits the earlier answers; a bad one is re-asked with a one-line reason."""
    import datetime as dt

    from acqspec.generate.profile import answer_problem

    click.echo(err=True)
    if question.kind == "yes_no":
        return click.confirm(question.prompt, default=default, err=True)
    if question.help != question.prompt:
        click.echo(click.style(question.help + (":" if question.choices else "."), dim=True), err=True)
    if question.choices:
        for number, (ident, meaning) in enumerate(question.choices.items(), 1):
            click.echo(click.style(f"  {number}. {ident}: {meaning}", dim=True), err=True)
    shown = default.isoformat() if isinstance(default, dt.date) else default
    while True:
        value = click.prompt(question.prompt, default=shown, type=_param_type(question),
                             show_default=shown not in (None, ""), show_choices=False, err=True,
                             prompt_suffix=" " if question.prompt.endswith("?") else ": ")
        problem = answer_problem(question.name, value, answers)
        if problem is None:
            break
        click.echo(f"Error: {problem}", err=True)
    if question.kind == "date" and isinstance(value, dt.date):
        click.echo(click.style(f"  = {value:%A %d %B %Y}", dim=True), err=True)
    return value


def _flag(name: str, value: bool) -> str:
    return f"--{'' if value else 'no-'}{name.replace('_', '-')}"


def _implying(name: str, given: dict) -> str:
    """The flags that force an answer to ``name``, with the rule (for a usage error)."""
    from acqspec.generate.profile import RiskAnswers

    for premises, implied, why in RiskAnswers.IMPLICATIONS:
        if name == implied and any(given.get(p) for p in premises):
            return " ".join(_flag(p, True) for p in premises if given.get(p)) + f" ({why})"
        if name in premises and given.get(implied) is False:
            return f"{_flag(implied, False)} ({why})"
    return "the other answers"
