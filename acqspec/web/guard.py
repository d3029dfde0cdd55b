"""The server's protections, as one ASGI middleware around the whole app.

* **Upload cap**: a request whose ``Content-Length`` is over the cap is refused
  with 413 before a byte of its body is read; a chunked body is counted as it
  streams and refused once it passes the cap (:class:`TooLarge`, raised from
  ``receive``, is an HTTP 413 wherever the app was reading).
* **Admission**: at most ``workers + backlog`` POST requests (the ones that do
  work) are in the house at once; the next gets 503 with ``Retry-After``
  before its body is read.  The work itself runs on ``workers`` threads
  (:class:`Jobs`).
* **Headers**: a Content-Security-Policy without inline script or style,
  ``X-Content-Type-Options: nosniff``, ``frame-ancestors 'none'`` (and
  ``X-Frame-Options: DENY`` for older browsers), no referrer, no caching.
* **Token**: with ``auth_token`` set, ``/api/`` needs ``Authorization: Bearer TOKEN``.
* **Logging**: one line per request with the method, the route, the status and
  byte counts; never a file name, a query string or content.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Callable
from html import escape
from typing import Any

import anyio
from fastapi import HTTPException

log = logging.getLogger("acqspec.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
RETRY_AFTER_SECONDS = 5


class TooLarge(HTTPException):
    """The request body passed the upload cap (raised from ``receive``; FastAPI passes HTTP errors through)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the upload is larger than the server's limit of {limit // (1024 * 1024)} MB")


class Jobs:
    """A bounded pool for the work requests do (reading, checking, generating): ``workers`` threads."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._limiter = anyio.CapacityLimiter(workers)

    async def run(self, func: Callable[..., Any], *args: Any) -> Any:
        """``func(*args)`` on one of the pool's threads."""
        return await anyio.to_thread.run_sync(func, *args, limiter=self._limiter)


class Guard:
    """The ASGI middleware described in the module docstring."""

    def __init__(self, app, *, max_upload_bytes: int, capacity: int, auth_token: str | None) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes
        self.capacity = capacity
        self.auth_token = auth_token
        self.active = 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        state = {"status": 0, "sent": 0, "received": 0, "started": False}

        async def send_guarded(message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["started"] = True
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() not in
                           {name for name, _ in SECURITY_HEADERS}]
                headers += list(SECURITY_HEADERS)
                if not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            elif message["type"] == "http.response.body":
                state["sent"] += len(message.get("body", b""))
            await send(message)

        try:
            refusal = self._refusal(scope)
            if refusal is not None:
                await _plain_error(send_guarded, *refusal, html=_wants_html(scope))
                return
            if scope["method"] != "POST":
                await self.app(scope, receive, send_guarded)
                return
            if self.active >= self.capacity:
                await _plain_error(send_guarded, 503, "the server is busy; try again in a few seconds",
                                   [(b"retry-after", str(RETRY_AFTER_SECONDS).encode())], html=_wants_html(scope))
                return
            self.active += 1
            try:
                await self.app(scope, self._counting(receive, state), send_guarded)
            except TooLarge as exc:
                if state["started"]:
                    raise
                await _plain_error(send_guarded, 413, exc.detail, html=_wants_html(scope))
            finally:
                self.active -= 1
        finally:
            log.info("%s %s %s in=%d out=%d %.2fs", scope["method"], _route(scope), state["status"],
                     state["received"], state["sent"], time.monotonic() - started)

    def _refusal(self, scope) -> tuple[int, str, list] | None:
        """The status, message and extra headers of a request refused on its headers alone, or None."""
        headers = dict(scope.get("headers") or ())
        if self.auth_token and scope["path"].startswith("/api/") and scope["path"] != "/api/openapi.json":
            given = headers.get(b"authorization", b"").decode("latin-1")
            scheme, _, token = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(),
                                                                     self.auth_token.encode()):
                return 401, "this server needs 'Authorization: Bearer TOKEN' for /api/", [
                    (b"www-authenticate", b'Bearer realm="acqspec"')]
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                return 400, "Content-Length is not a number", []
            if declared > self.max_upload_bytes:
                return 413, TooLarge(self.max_upload_bytes).detail, []
        return None

    def _counting(self, receive, state):
        limit = self.max_upload_bytes

        async def receive_counted():
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    raise TooLarge(limit)
            return message
        return receive_counted


def _route(scope) -> str:
    """The route template of a request (``/api/clauses/{clause_id}``), never its values or query."""
    route = scope.get("route")
    return getattr(route, "path", None) or "(unmatched)"


def _wants_html(scope) -> bool:
    """Whether a refusal goes to a page (an alert htmx shows in place) rather than the API (JSON)."""
    return not scope["path"].startswith("/api/")


async def _plain_error(send, status: int, message: str, headers: list | None = None, *, html: bool = False) -> None:
    """A refusal: JSON ``{"error": message}`` for the API, a one-paragraph alert for the pages."""
    if html:
        body = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Refused · acqspec</title>'
                '<link rel="stylesheet" href="/static/app.css"></head><body><main class="container">'
                '<div class="alert alert-error" role="alert"><h2 class="alert-heading" tabindex="-1">'
                f'Refused</h2><p class="alert-text">{escape(message)}</p></div></main></body></html>').encode()
        kind = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"error": message}).encode()
        kind = b"application/json"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
