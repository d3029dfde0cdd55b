"""Where the data shipped with acqspec lives, in a wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # A wheel carries the folders under acqspec/_data/ (see pyproject.toml);
    # a source checkout or editable install has them at the repository root.
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def default_library_dir() -> Path:
    """The clause library bundled with acqspec."""
    return _data_dir("clause_library")


def models_dir() -> Path:
    """The folder of trained NLP pipelines bundled with acqspec."""
    return _data_dir("nlp_models")


def samples_dir() -> Path:
    """The bundled sample profiles and documents (only in a source checkout)."""
    return _PACKAGE.parent / "samples"
