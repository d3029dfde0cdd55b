"""Shared fixtures.  Unit tests never need the trained NLP pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory):
    """The library cache of a test run lives in its own folder, never in the user's ~/.cache
    (subprocesses the tests start inherit it).  Tests of the cache set their own."""
    import os

    previous = os.environ.get("ACQSPEC_CACHE_DIR")
    os.environ["ACQSPEC_CACHE_DIR"] = str(tmp_path_factory.mktemp("acqspec-cache"))
    yield
    if previous is None:
        os.environ.pop("ACQSPEC_CACHE_DIR", None)
    else:
        os.environ["ACQSPEC_CACHE_DIR"] = previous


@pytest.fixture
def runner() -> CliRunner:
    """A click runner that keeps stdout and stderr apart."""
    return CliRunner()


@pytest.fixture(scope="session")
def bundled_library() -> Path:
    """The clause library shipped with the installed package."""
    from acqspec.resources import default_library_dir

    return default_library_dir()


@pytest.fixture
def valid_library(tmp_path: Path) -> Path:
    """A writable copy of the smallest valid library fixture."""
    import shutil

    target = tmp_path / "lib"
    shutil.copytree(FIXTURES / "library_cases" / "valid" / "base", target)
    return target
