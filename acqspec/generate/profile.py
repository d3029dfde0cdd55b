"""The acquisition profile: what is being bought, described once by the contracting officer."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from acqspec import vocab
from acqspec.errors import ProfileError, YamlError
from acqspec.io.safe_yaml import YamlDoc, load_yaml_file, validation_messages
from acqspec.models import StrictModel

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# The allowed values are the vocabularies of acqspec/vocabulary.toml.
AcquisitionType = Literal[tuple(vocab.ACQUISITION_TYPES)]  # type: ignore[valid-type]
Hosting = Literal[tuple(vocab.HOSTING)]  # type: ignore[valid-type]
ParamValue = int | float | bool | dt.date | str


class RiskAnswers(StrictModel):
    """The yes/no questions that decide which clauses apply."""

    rights_impacting: bool = Field(description="Is it rights-impacting: could the AI's output serve as a "
                                               "principal basis for a decision with a legal or similarly "
                                               "significant effect on a person's civil rights, liberties, "
                                               "privacy, or access to services?")
    safety_impacting: bool = Field(description="Is it safety-impacting: could the AI's output significantly "
                                               "affect human life or safety, critical infrastructure, or the "
                                               "environment?")
    generative_ai: bool = Field(description="Does the acquisition include generative AI (text, image, audio, "
                                            "code or video generation)?")
    enterprise_genai: bool = Field(default=False, description="Is it enterprise-wide, general-use generative AI "
                                                              "for the agency's workforce?")
    llm: bool = Field(default=False, description="Does it include a large language model?")
    biometrics: bool = Field(description="Does the AI process biometric data (fingerprints, iris, voice, "
                                         "face, gait)?")
    face_recognition: bool = Field(default=False, description="Does it perform face recognition or capture "
                                                              "face images for recognition?")
    pii: bool = Field(description="Does the AI process personally identifiable information (PII: information "
                                  "that can distinguish or trace a person's identity, alone or combined with "
                                  "other information, e.g. a name, SSN, A-number or biometric record)?")
    law_enforcement: bool = Field(default=False, description="Will it be used for law-enforcement purposes?")
    benefits_decisions: bool = Field(default=False, description="Will it inform decisions on benefits or services "
                                                                "for members of the public?")
    public_facing: bool = Field(default=False, description="Does it interact with, or make decisions about, "
                                                           "members of the public?")
    national_security: bool = Field(default=False, description="Is it part of a National Security System or "
                                                               "an Intelligence Community use?")

    # Domain rules between the answers: (answers, the answer any of them implies, why).
    IMPLICATIONS: ClassVar[tuple[tuple[tuple[str, ...], str, str], ...]] = (
        (("face_recognition",), "biometrics", "face_recognition is a biometric use"),
        (("enterprise_genai", "llm"), "generative_ai", "enterprise_genai and llm are generative AI"),
    )

    @model_validator(mode="after")
    def _consistent(self) -> RiskAnswers:
        for premises, implied, why in self.IMPLICATIONS:
            if any(getattr(self, p) for p in premises) and not getattr(self, implied):
                raise ValueError(f"{why}: set {implied}: true as well")
        return self

    @classmethod
    def completed(cls, answers: dict[str, bool]) -> dict[str, bool]:
        """``answers`` with every answer they imply set to yes (a face-recognition use is biometric...).

        For a questionnaire: it keeps the answers consistent instead of failing
        validation after every question has been asked.
        """
        result = dict(answers)
        for premises, implied, _ in cls.IMPLICATIONS:
            if any(result.get(p) for p in premises):
                result[implied] = True
        return result

    @classmethod
    def forced(cls, name: str, known: Mapping[str, Any]) -> bool | None:
        """The answer to ``name`` that the ``known`` answers force by IMPLICATIONS, or None if it is open.

        A premise (face_recognition) is forced to no once its implied answer
        (biometrics) is no; the implied answer is forced to yes once any
        premise is yes.  The questionnaire skips a forced question.
        """
        for premises, implied, _ in cls.IMPLICATIONS:
            if name == implied and any(known.get(p) is True for p in premises):
                return True
            if name in premises and known.get(implied) is False:
                return False
        return None


class DataSource(StrictModel):
    """One data set the AI uses."""

    name: Text
    description: Text
    contains_pii: bool = False
    government_owned: bool = True


class Period(StrictModel):
    """Period of performance."""

    start: dt.date
    months: int = Field(ge=1, le=240)


class Exclusion(StrictModel):
    """A clause left out on purpose, with the reason written into the rationale appendix."""

    clause: Text
    justification: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20)] = Field(
        description="Why the clause does not apply despite the profile (at least 20 characters).")


class Inclusion(StrictModel):
    """A clause added although its applicability does not hold."""

    clause: Text
    justification: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20)]


class DocumentOptions(StrictModel):
    """How the generated section is numbered and titled."""

    section: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]+(\.[0-9]+)*$")] = Field(
        default="C.5", description="Number of the SOW/PWS section the requirements form, e.g. C.5.")
    heading: Text = "Artificial Intelligence Technical Requirements"
    requirement_prefix: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*$")] = Field(
        default="AIR", description="Prefix of requirement ids, e.g. AIR → AIR-TE-01.")


class AcquisitionProfile(StrictModel):
    """Everything the generator needs to know about one acquisition."""

    title: Text
    agency: Text = "Department of Homeland Security"
    component: Text
    solicitation_number: str | None = None
    issue_date: dt.date = Field(description="Solicitation issue date; decides which authorities are current.")
    acquisition_type: AcquisitionType
    description: Text = Field(description="Plain-language description of the AI use.")
    risk: RiskAnswers
    data_sources: tuple[DataSource, ...] = ()
    hosting: Hosting
    trains_on_government_data: bool = Field(
        default=False, description="Will the contractor train or fine-tune models on Government data?")
    period_of_performance: Period
    parameters: dict[str, dict[str, ParamValue]] = Field(
        default_factory=dict, description="Values that override clause defaults: {CLAUSE-ID: {name: value}}.")
    exclusions: tuple[Exclusion, ...] = ()
    inclusions: tuple[Inclusion, ...] = ()
    document: DocumentOptions = DocumentOptions()

    def facts(self) -> dict[str, bool]:
        """The profile facts clause applicability is written against."""
        facts = self.risk.model_dump()
        facts["high_impact"] = self.risk.rights_impacting or self.risk.safety_impacting
        for kind in vocab.ACQUISITION_TYPES:
            facts[kind] = self.acquisition_type == kind
        facts["commercial"] = vocab.ACQUISITION_TYPES[self.acquisition_type].commercial
        facts["pii"] = self.risk.pii or any(d.contains_pii for d in self.data_sources)
        facts["trains_on_government_data"] = self.trains_on_government_data
        facts["contractor_hosted"] = vocab.HOSTING[self.hosting].contractor_hosted
        return facts


class LoadedProfile(BaseModel):
    """A profile together with the YAML it came from (for located errors)."""

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    profile: AcquisitionProfile
    doc: YamlDoc

    def error(self, loc: tuple, message: str) -> ProfileError:
        """A ProfileError pointing at ``loc`` in the profile file."""
        return ProfileError(f"{'.'.join(str(p) for p in loc)}: {message}", path=self.doc.path,
                            line=self.doc.line_for(loc))


def load_profile(path: str | Path) -> LoadedProfile:
    """Read and validate a profile; raise :class:`ProfileError` naming the file, line and field."""
    try:
        doc = load_yaml_file(path)
    except YamlError as exc:
        raise ProfileError(exc.message, path=exc.path, line=exc.line) from exc
    if not isinstance(doc.data, dict):
        raise ProfileError("a profile must be a YAML mapping of keys", path=path, line=1)
    try:
        profile = AcquisitionProfile.model_validate(doc.data)
    except ValidationError as exc:
        messages = validation_messages(exc, doc)
        line, message = messages[0]
        more = f" (and {len(messages) - 1} more problem(s))" if len(messages) > 1 else ""
        raise ProfileError(message + more, path=path, line=line) from exc
    return LoadedProfile(profile=profile, doc=doc)


# --------------------------------------------------------------------------- the questionnaire
# One source for the questions of `acqspec profile init`: its prompts, the help
# of its flags and the README's table of questions are all read from QUESTIONS.

QuestionKind = Literal["text", "optional_text", "date", "choice", "months", "yes_no"]


class Question(NamedTuple):
    """One question of ``profile init``; its ``name`` is the answer's key and, with dashes, its flag."""

    name: str
    prompt: str
    help: str
    kind: QuestionKind
    default: Callable[[Mapping[str, Any], dt.date], Any] | None = None
    """The default from the earlier answers and today's date; None: the question must be answered."""
    choices: Mapping[str, str] | None = None
    """For a choice: allowed value → its one-line description (from acqspec/vocabulary.toml)."""

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def full_help(self) -> str:
        """The help with the meaning of every choice: a flag's --help and the README's table."""
        if self.choices:
            return f"{self.help}: " + "; ".join(f"{k} ({v})" for k, v in self.choices.items()) + "."
        return self.help if self.help.endswith(("?", ".")) else self.help + "."


DATE_FORMATS = "YYYY-MM-DD or MM/DD/YYYY"
START_AFTER_ISSUE_DAYS = 90
"""The default period of performance starts this many days after the solicitation's issue date."""

DEFAULT_HOSTING = {"saas": "vendor_saas", "commercial_product": "contractor_cloud"}
"""Acquisition type → the hosting it suggests (the others: government_cloud)."""

_DATE_PATTERNS = (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
                  re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"))


def parse_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD, MM/DD/YYYY or M/D/YYYY; ValueError with a one-line reason otherwise."""
    text = text.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError as exc:  # month 13, February 30...
                raise ValueError(f"{text!r} is not a calendar date ({exc})") from None
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}", text):
        raise ValueError(f"{text!r}: write the year with four digits ({DATE_FORMATS})")
    raise ValueError(f"{text!r} is not a date; write it {DATE_FORMATS}, e.g. 2026-03-15 or 03/15/2026")


def _start_default(answers: Mapping[str, Any], today: dt.date) -> dt.date:
    return (answers.get("issue_date") or today) + dt.timedelta(days=START_AFTER_ISSUE_DAYS)


def _risk_default(name: str) -> Callable[[Mapping[str, Any], dt.date], bool]:
    """Yes/no defaults that follow earlier answers: biometric data is PII, benefits go to the public."""
    follows = {"pii": ("biometrics", "face_recognition"), "public_facing": ("benefits_decisions",)}

    def default(answers: Mapping[str, Any], today: dt.date) -> bool:
        return any(answers.get(earlier) is True for earlier in follows.get(name, ()))
    return default


QUESTIONS: tuple[Question, ...] = (
    Question("title", "Title of the acquisition", "A short name of what is being bought, e.g. "
             "'Port of entry face capture'", "text"),
    Question("agency", "Agency", "The agency buying it", "text",
             lambda a, today: AcquisitionProfile.model_fields["agency"].default),
    Question("component", "Component or office", "The component or office buying it, e.g. CBP, USCIS, FEMA",
             "text"),
    Question("solicitation_number", "Solicitation number (blank if none)",
             "The solicitation number, if one is assigned", "optional_text", lambda a, today: ""),
    Question("issue_date", "Solicitation issue date", f"The date the solicitation is issued ({DATE_FORMATS}); "
             "it decides which policy memos are cited as current", "date", lambda a, today: today),
    Question("acquisition_type", "Acquisition type", "What is being bought", "choice",
             lambda a, today: "custom_development",
             {k: v.description for k, v in vocab.ACQUISITION_TYPES.items()}),
    Question("description", "What will the AI do?", "One or two plain sentences about what the AI does and "
             "whom it affects", "text"),
    Question("hosting", "Where will it run?", "Where the AI system will run", "choice",
             lambda a, today: DEFAULT_HOSTING.get(a.get("acquisition_type"), "government_cloud"),
             {k: v.description for k, v in vocab.HOSTING.items()}),
    Question("trains_on_government_data", "Will the contractor train or fine-tune models on Government data?",
             "Whether the contractor will train or fine-tune models on Government data (records, images, "
             "case files the Government provides or the system collects)", "yes_no", lambda a, today: False),
    Question("start", "Period of performance start", f"The first day of the period of performance "
             f"({DATE_FORMATS}); by default {START_AFTER_ISSUE_DAYS} days after the issue date, never before it",
             "date", _start_default),
    Question("months", "Period of performance in months", "The length of the period of performance in "
             "months (1 to 240)", "months", lambda a, today: 12),
    *(Question(name, field.description or name, field.description or name, "yes_no", _risk_default(name))
      for name, field in RiskAnswers.model_fields.items()),
)
"""Every question of ``acqspec profile init``, in the order it asks them."""

RISK_QUESTIONS = frozenset(RiskAnswers.model_fields)


def answer_problem(name: str, value: Any, answers: Mapping[str, Any]) -> str | None:
    """Why ``value`` does not fit the earlier ``answers`` (one line), or None.

    The questionnaire re-asks the question with this reason; with flags it is a usage error.
    """
    if name == "start" and answers.get("issue_date") and value < answers["issue_date"] \
            and answers.get("acquisition_type") != "modification":
        return (f"the period of performance cannot start ({value.isoformat()}) before the solicitation "
                f"is issued ({answers['issue_date'].isoformat()})")
    return None


_YES = frozenset({"y", "yes", "true", "1", "on"})
_NO = frozenset({"n", "no", "false", "0", "off"})


def parse_answer(question: Question, raw: Any) -> Any:
    """The value of a typed answer to ``question``, forgiving; ValueError with a one-line reason otherwise.

    Dates: :func:`parse_date`.  Choices: any case, spaces or dashes for
    underscores, the choice's number or a unique prefix.  Months: a whole number
    from 1 to 240.  Yes/no: yes, no, true, false, y, n, 1, 0, on, off.  Text must
    not be blank unless optional.  ``profile init`` and the web form both read answers here.
    """
    if question.kind == "date":
        return raw if isinstance(raw, dt.date) else parse_date(str(raw))
    if question.kind == "yes_no":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _YES or text in _NO:
            return text in _YES
        raise ValueError(f"{raw!r} is not yes or no")
    if question.kind == "months":
        if isinstance(raw, int) and not isinstance(raw, bool):
            months = raw
        else:
            try:
                months = int(str(raw).strip())
            except ValueError:
                raise ValueError(f"{raw!r} is not a whole number of months (1 to 240)") from None
        if not 1 <= months <= 240:
            raise ValueError(f"{months} months is outside 1 to 240")
        return months
    if question.kind == "choice":
        choices = list(question.choices or ())
        text = str(raw).strip().lower().replace("-", "_").replace(" ", "_")
        if text in choices:
            return text
        if text.isdigit() and 1 <= int(text) <= len(choices):
            return choices[int(text) - 1]
        starting = [c for c in choices if c.startswith(text)] if text else []
        if len(starting) == 1:
            return starting[0]
        raise ValueError(f"{raw!r} is not one of {', '.join(choices)} (or their numbers 1-{len(choices)})")
    text = str(raw).strip()
    if not text and question.kind != "optional_text":
        raise ValueError("an answer is needed here")
    return text


class SettledAnswers(NamedTuple):
    """Every question's answer after defaults and implications, and the problems of the given ones."""

    answers: dict[str, Any]
    """QUESTIONS' names → values, for the questions that have one (given, forced or defaulted)."""
    problems: dict[str, str]
    """Question name → one-line reason its answer was refused (or is missing)."""
    forced: dict[str, str]
    """Questions that cannot apply or that another answer settles → why (they are not asked)."""
    defaulted: frozenset[str]
    """Questions whose answer is their default, following the earlier answers."""


def settle_answers(given: Mapping[str, Any], today: dt.date) -> SettledAnswers:
    """All of ``profile init``'s questions answered at once, in its order, as a form does.

    ``given`` maps question names to raw answers (strings, or already typed
    values); a blank or missing one takes the question's default, which follows
    the earlier answers; a question that another answer settles
    (:meth:`RiskAnswers.forced`) takes that answer whatever was given.  Each
    given answer is parsed with :func:`parse_answer` and checked with
    :func:`answer_problem`.  The answers of questions with a problem are left
    out, so :func:`profile_from_answers` is only for a result without problems.
    """
    answers: dict[str, Any] = {}
    problems: dict[str, str] = {}
    forced_why: dict[str, str] = {}
    defaulted: set[str] = set()
    for q in QUESTIONS:
        forced = RiskAnswers.forced(q.name, answers) if q.name in RISK_QUESTIONS else None
        if forced is not None:
            answers[q.name] = forced
            forced_why[q.name] = next(why for premises, implied, why in RiskAnswers.IMPLICATIONS
                                      if q.name == implied or q.name in premises)
            continue
        raw = given.get(q.name)
        if raw is None or (isinstance(raw, str) and not raw.strip() and q.kind != "optional_text"):
            if q.default is None:
                problems[q.name] = "an answer is needed here"
                continue
            value = q.default(answers, today)
            defaulted.add(q.name)
        else:
            try:
                value = parse_answer(q, raw)
            except ValueError as exc:
                problems[q.name] = str(exc)
                continue
        problem = answer_problem(q.name, value, answers)
        if problem:
            problems[q.name] = problem
            continue
        answers[q.name] = value
    return SettledAnswers(answers, problems, forced_why, frozenset(defaulted))


def answers_from_profile(profile: AcquisitionProfile) -> dict[str, Any]:
    """The questionnaire's answers that describe ``profile`` (to fill the form from an uploaded profile)."""
    answers: dict[str, Any] = {name: getattr(profile, name) for name in
                               ("title", "agency", "component", "issue_date", "acquisition_type", "description",
                                "hosting", "trains_on_government_data")}
    answers["solicitation_number"] = profile.solicitation_number or ""
    answers["start"] = profile.period_of_performance.start
    answers["months"] = profile.period_of_performance.months
    answers.update(profile.risk.model_dump())
    return answers


def profile_from_answers(answers: Mapping[str, Any]) -> AcquisitionProfile:
    """The profile the questionnaire's answers (QUESTIONS' names → values) describe.

    Answers that others imply are completed (RiskAnswers.completed); a
    ValidationError means an answer breaks the profile model.
    """
    general = {k: v for k, v in answers.items() if k not in RISK_QUESTIONS and k not in ("start", "months")}
    general["solicitation_number"] = general.get("solicitation_number") or None
    risk = RiskAnswers.completed({k: v for k, v in answers.items() if k in RISK_QUESTIONS})
    return AcquisitionProfile.model_validate({
        **general, "risk": risk,
        "period_of_performance": {"start": answers["start"], "months": answers["months"]}})


def questions_table() -> str:
    """The README's table of the questionnaire (between ``<!-- generated: questions -->`` lines)."""
    rows = ["| flag | question and meaning |", "| --- | --- |"]
    for q in QUESTIONS:
        flag = f"`{q.flag}/--no-{q.flag[2:]}`" if q.kind == "yes_no" else f"`{q.flag}`"
        rows.append(f"| {flag} | {q.full_help().replace('|', chr(92) + '|')} |")
    return "\n".join(rows) + "\n"


def profile_to_yaml(profile: AcquisitionProfile) -> str:
    """Serialise a profile as YAML that :func:`load_profile` reads back identically."""
    import yaml

    data: dict[str, Any] = profile.model_dump(mode="json", exclude_defaults=False)
    header = ("# Acquisition profile for acqspec (acqspec generate PROFILE -o OUT.docx).\n"
              "# Edit freely; 'acqspec generate' reports any problem as file:line.\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
