"""Fixtures of the web workspace's tests: an app on a private temporary folder, and a TestClient."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'acqspec[web]')")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_SOW = ROOT / "samples/sows/uscis-genai-draft-sow.docx"
SAMPLE_PROFILE = ROOT / "samples/profiles/uscis-genai-case-assistant.yaml"
TODAY = dt.date(2026, 3, 2)


def make_app(tmp: Path, **settings):
    from acqspec.web.app import ServeSettings, create_app

    return create_app(ServeSettings(temp_dir=tmp, today=TODAY, preload=False, **settings))


@pytest.fixture(scope="module")
def uploads_dir(tmp_path_factory) -> Path:
    """The parent of the per-request folders: it must be empty between requests."""
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def client(uploads_dir):
    from fastapi.testclient import TestClient

    with TestClient(make_app(uploads_dir)) as test_client:
        yield test_client
