"""Registered names of acqspec's spaCy components, importable without importing spaCy.

:mod:`acqspec.nlp.components` registers factories under these names;
:mod:`acqspec.nlp.pipeline` and :mod:`acqspec.nlp.extract` refer to them.
"""

from __future__ import annotations

RULES_COMPONENT = "acqspec_rules"
"""The rule component's name; :func:`~acqspec.nlp.extract.extract_statements` applies it to sentence text directly."""
DISK_TOKENIZER = "acqspec.disk_tokenizer.v1"
"""Tokenizer factory used when loading a pipeline whose tokenizer is saved with it (see ``components``)."""
