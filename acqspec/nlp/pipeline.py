"""Load the NLP pipeline once, lazily.

The shipped pipeline (``nlp_models/acqspec_en``) is spaCy's tokenizer, one
``textcat_multilabel`` head whose labels are grouped by prefix (``M:`` modality,
``T:`` topic) and the ``acqspec_rules`` component.  Without it (a source
checkout before ``acqspec model train``, or unit tests) a blank English
pipeline with the rules alone is used and topics are not predicted.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from acqspec.nlp.names import DISK_TOKENIZER, RULES_COMPONENT

MODEL_NAME = "acqspec_en"
MODALITY_PREFIX = "M:"
TOPIC_PREFIX = "T:"
_SPACY_TOKENIZER = "spacy.Tokenizer.v1"


def default_model_path() -> Path:
    """Where the shipped pipeline lives."""
    from acqspec.resources import models_dir

    return models_dir() / MODEL_NAME


def blank_pipeline():
    """A blank English pipeline with the rule component (no trained weights)."""
    import spacy

    import acqspec.nlp.components  # noqa: F401  (registers factories)

    nlp = spacy.blank("en")
    nlp.add_pipe(RULES_COMPONENT)
    return nlp


@lru_cache(maxsize=4)
def load_classifier(path: str | None = None):
    """What :func:`acqspec.nlp.extract.extract_statements` reads sentences with: the numpy export of
    the trained classifier at ``path`` (default: shipped) when it has one, else :func:`load_pipeline`."""
    from acqspec.nlp.textcat import StaticClassifier, has_export

    model = Path(path) if path else default_model_path()
    if has_export(model):
        return StaticClassifier(model)
    return load_pipeline(path)


@lru_cache(maxsize=4)
def load_pipeline(path: str | None = None):
    """The trained pipeline at ``path`` (default: shipped), else the blank one; cached per process."""
    import spacy

    import acqspec.nlp.components  # noqa: F401  (registers factories)

    model = Path(path) if path else default_model_path()
    if (model / "config.cfg").is_file():
        if (model / "tokenizer").is_file() and \
                spacy.util.load_config(model / "config.cfg")["nlp"]["tokenizer"].get("@tokenizers") == _SPACY_TOKENIZER:
            # The saved tokenizer replaces the configured one: skip building that first.
            return spacy.load(model, config={"nlp": {"tokenizer": {"@tokenizers": DISK_TOKENIZER}}})
        return spacy.load(model)
    if path:
        from acqspec.errors import AcqspecError

        raise AcqspecError("not a trained acqspec pipeline (no config.cfg)", path=model)
    return blank_pipeline()
