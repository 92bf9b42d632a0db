"""The outermost layer of the app: HEAD, response headers, metrics and the access log.

One pure ASGI middleware, so a request pays for one wrapper, not four:

- ``HEAD`` is answered wherever ``GET`` is: the app sees a GET, the body is
  dropped on the way out (headers, Content-Length included, are kept).
- Headers by kind of answer, set once at start-up: API answers (JSON, errors
  too) get ``Cache-Control: no-store`` (they are health information); pages
  get a Content-Security-Policy, ``Referrer-Policy`` and
  ``X-Frame-Options``; everything gets ``X-Content-Type-Options: nosniff``.
- Every answered request is counted by route, method and status, and timed.
- The access log line has method, path (never the query string: it can
  hold a message), status and time taken; nothing else.
"""

from __future__ import annotations

import logging
import time
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.channels.web.metrics import Metrics

access_log = logging.getLogger("her2bot.access")

NOSNIFF = (b"x-content-type-options", b"nosniff")
API_HEADERS = [(b"cache-control", b"no-store"), NOSNIFF]
# Pages load only their own scripts and styles. Inline style *attributes*
# (the page's own <style> block, Swagger UI, ReDoc) need 'unsafe-inline' for
# styles; scripts never run inline. ReDoc runs its search in a blob: worker.
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")
PAGE_HEADERS = [(b"content-security-policy", PAGE_CSP.encode()), (b"referrer-policy", b"no-referrer"),
                (b"x-frame-options", b"DENY"), NOSNIFF]
ASSET_HEADERS = [NOSNIFF]


class EdgeMiddleware:
    """See the module docstring. ``pages`` and ``assets`` name the paths that
    are not API answers (assets: exact paths, or prefixes ending in '/')."""

    def __init__(self, app: ASGIApp, metrics: Metrics, pages: frozenset[str], assets: frozenset[str],
                 log_requests: bool = True) -> None:
        self.app = app
        self.metrics = metrics
        self.pages = pages
        self.assets = assets
        self.asset_prefixes = tuple(a for a in assets if a.endswith("/"))
        self.log_requests = log_requests

    def _headers_for(self, path: str) -> list[tuple[bytes, bytes]]:
        if path in self.pages:
            return PAGE_HEADERS
        if path in self.assets or path.startswith(self.asset_prefixes):
            return ASSET_HEADERS
        return API_HEADERS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        method = scope["method"]
        head = method == "HEAD"
        if head:
            scope = dict(scope, method="GET")
        path = scope["path"]
        extra = self._headers_for(path)
        status = 0

        async def edge_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            elif head and message["type"] == "http.response.body":
                message = {"type": "http.response.body", "body": b"", "more_body": message.get("more_body", False)}
            await send(message)

        raised = True
        try:
            await self.app(scope, receive, edge_send)
            raised = False
        finally:
            # No status and no exception: the client went away (or the
            # connection guard cut it off and counted it) before an answer.
            # An exception is answered 500 by the error handler outside.
            if status or raised:
                self._record(method, path, status or 500, time.perf_counter() - started)

    def _record(self, method: str, path: str, status: int, seconds: float) -> None:
        self.metrics.record_request(self.metrics.route_of(path), method, status, seconds)
        if self.log_requests:
            shown = path if path.isprintable() else path.encode("unicode_escape").decode("ascii")
            access_log.info("%s %s %d %.1f ms", method, shown, status, seconds * 1000)
