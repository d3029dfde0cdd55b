"""The acquisition profile: what is being bought, described once by the contracting officer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

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

    rights_impacting: bool = Field(description="Could the AI's output serve as a principal basis for a decision "
                                               "with a legal or similarly significant effect on a person's civil "
                                               "rights, liberties, privacy, or access to services?")
    safety_impacting: bool = Field(description="Could the AI's output significantly affect human life or "
                                               "safety, critical infrastructure, or the environment?")
    generative_ai: bool = Field(description="Does the acquisition include generative AI (text, image, audio, "
                                            "code or video generation)?")
    enterprise_genai: bool = Field(default=False, description="Is it enterprise-wide, general-use generative AI "
                                                              "for the agency's workforce?")
    llm: bool = Field(default=False, description="Does it include a large language model?")
    biometrics: bool = Field(description="Does the AI process biometric data (fingerprints, iris, voice, "
                                         "face, gait)?")
    face_recognition: bool = Field(default=False, description="Does it perform face recognition or capture "
                                                              "face images for recognition?")
    pii: bool = Field(description="Does the AI process personally identifiable information?")
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
    def _consistent(self) -> "RiskAnswers":
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


def profile_questions() -> list[tuple[str, str]]:
    """(field, help text) of every risk question, in questionnaire order."""
    return [(name, field.description or name) for name, field in RiskAnswers.model_fields.items()]


def profile_to_yaml(profile: AcquisitionProfile) -> str:
    """Serialise a profile as YAML that :func:`load_profile` reads back identically."""
    import yaml

    data: dict[str, Any] = profile.model_dump(mode="json", exclude_defaults=False)
    header = ("# Acquisition profile for acqspec (acqspec generate PROFILE -o OUT.docx).\n"
              "# Edit freely; 'acqspec generate' reports any problem as file:line.\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
