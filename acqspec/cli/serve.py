"""``acqspec serve``: the web workspace (Generate, Check, Library pages and the JSON API) on this machine."""

from __future__ import annotations

from pathlib import Path

import click

from acqspec.cli.common import _library_option, examples
from acqspec.errors import AcqspecError


@click.command("serve", epilog=examples(
    "acqspec serve",
    "acqspec serve --host 0.0.0.0 --port 8080 --workers 4 --auth-token \"$ACQSPEC_TOKEN\""))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 127.0.0.1 serves this machine only (0.0.0.0: every network interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@_library_option
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Checks and documents made at once; more requests wait, and beyond 4 per worker get 503.")
@click.option("--max-upload-mb", type=click.FloatRange(0.01, 1024), default=25, show_default=True,
              help="Largest request accepted; larger ones get 413 before they are read.")
@click.option("--auth-token", envvar="ACQSPEC_AUTH_TOKEN", default=None,
              help="Require 'Authorization: Bearer TOKEN' on /api/ (or set ACQSPEC_AUTH_TOKEN).")
def serve(host: str, port: int, libraries: tuple[Path, ...], workers: int, max_upload_mb: float,
          auth_token: str | None) -> None:
    """Serve the web workspace: the questionnaire and document downloads, the checker with Word comments,
    the clause library, and the JSON API under /api/ (OpenAPI at /api/openapi.json).

    Uploads live in a temporary folder of their own while a request is served
    and are deleted before the response is sent; the log holds counts only.
    """
    from acqspec.web import missing_requirements

    missing = missing_requirements()
    if missing:
        raise AcqspecError("acqspec serve needs the web extra: pip install 'acqspec[web]' "
                           f"(missing: {', '.join(missing)})")
    import logging

    import uvicorn

    from acqspec.web.app import ServeSettings, create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app(ServeSettings(libraries=tuple(libraries), workers=workers, max_upload_mb=max_upload_mb,
                                   auth_token=auth_token or None))
    click.echo(f"acqspec: serving on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="info", server_header=False)
