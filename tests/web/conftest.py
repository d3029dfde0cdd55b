"""Fixtures of the web workspace's tests: an app on a private temporary folder, and a TestClient."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'acqspec[web]')")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")

from web_support import make_app  # noqa: E402  (tests/web is on sys.path, as for every test folder)


@pytest.fixture(scope="module")
def uploads_dir(tmp_path_factory) -> Path:
    """The parent of the per-request folders: it must be empty between requests."""
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def client(uploads_dir):
    from fastapi.testclient import TestClient

    with TestClient(make_app(uploads_dir)) as test_client:
        yield test_client
