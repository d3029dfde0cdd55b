"""The web workspace served by ``acqspec serve``: the Generate, Check and Library pages and a JSON API.

Needs the ``web`` extra (``pip install 'acqspec[web]'``: FastAPI, uvicorn,
Jinja2, python-multipart).  :func:`acqspec.web.app.create_app` builds the ASGI
application; :mod:`acqspec.web.service` does the work on uploads (each request
in a temporary folder of its own); :mod:`acqspec.web.guard` holds the
protections for a shared office server.
"""

from __future__ import annotations

WEB_REQUIREMENTS = ("fastapi", "uvicorn", "jinja2", "multipart")
"""The modules the ``web`` extra provides (``multipart`` is python-multipart)."""


def missing_requirements() -> list[str]:
    """The modules of the ``web`` extra that cannot be imported here."""
    import importlib.util

    return [name for name in WEB_REQUIREMENTS if importlib.util.find_spec(name) is None]
