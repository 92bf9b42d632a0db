"""The HTTP connection guard: slow clients cut off, a connection cap, JSON for bad HTTP.

uvicorn's httptools protocol, with three things added where only the
connection can see them (an ASGI app is called after the headers are in):

- **Read timeout.** From a connection's first moment, and again from the
  first byte of each later request, the request line, headers and body must
  all arrive within ``read_timeout`` seconds. If not, the client gets a
  ``408`` JSON error and the connection is closed: a client that announces a
  16 KB body and sends 13 bytes no longer holds a socket for ever. (Between
  requests, uvicorn's keep-alive timeout closes idle connections.)
- **Connection cap.** Past ``max_connections`` open connections in this
  process, a new connection's request is answered ``503`` JSON (with
  ``Retry-After``) and the connection closed.
- **Malformed HTTP** (e.g. a non-numeric Content-Length, which the parser
  rejects before any app sees it) gets the documented JSON error instead of
  uvicorn's plain text.

``serve`` hands uvicorn ``guarded_protocol(read_timeout, max_connections)``.
The app may put an ``on_refused(reason)`` callable in its lifespan state;
it is called for every 408 and 503 sent here (the metrics count them).
"""

from __future__ import annotations

import functools
import json
import logging
from asyncio import TimerHandle
from typing import Any, Callable

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from bot.channels.web.errors import error_body

log = logging.getLogger("her2bot.access")

DEFAULT_READ_TIMEOUT = 10.0
DEFAULT_MAX_CONNECTIONS = 1000
REFUSED_HOOK = "her2bot.on_refused"  # key in the app's lifespan state


def _raw_response(status: str, code: str, detail: str, extra: str = "") -> bytes:
    body = json.dumps(error_body(code, detail)).encode()
    head = (f"HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncache-control: no-store\r\n"
            f"x-content-type-options: nosniff\r\n{extra}content-length: {len(body)}\r\nconnection: close\r\n\r\n")
    return head.encode("ascii") + body


def _over_capacity_app(body: bytes) -> Callable[..., Any]:
    async def app(scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 503, "headers": [
            (b"content-type", b"application/json"), (b"cache-control", b"no-store"), (b"retry-after", b"1"),
            (b"connection", b"close"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
    return app


class GuardedHttpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol plus the read timeout, the cap and JSON 400s."""

    def __init__(self, config: Any, server_state: Any, app_state: dict[str, Any], _loop: Any = None, *,
                 read_timeout: float = DEFAULT_READ_TIMEOUT, max_connections: int = DEFAULT_MAX_CONNECTIONS) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.read_timeout = read_timeout
        self.max_connections = max_connections
        self._read_timer: TimerHandle | None = None
        self._timeout_response = _raw_response(
            "408 Request Timeout", "request_timeout",
            f"The request (headers and body) did not arrive within {read_timeout:g} seconds.")

    # ------------------------------------------------------------ connection
    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            body = json.dumps(error_body(
                "over_capacity", "The server has too many open connections right now. Please try again shortly.")).encode()
            self.app = _over_capacity_app(body)  # this connection only: answer 503, then close
            self._refused("capacity")
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as err:
            self._bad_http(str(err))
        except httptools.HttpParserUpgrade:
            pass  # no WebSocket here (ws="none"): the request was already handed over as plain HTTP

    # ------------------------------------------------------------ per request
    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._read_timer is None:
            self._arm()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._disarm()

    # ------------------------------------------------------------ the guards
    def _arm(self) -> None:
        self._disarm()
        self._read_timer = self.loop.call_later(self.read_timeout, self._read_timed_out)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _read_timed_out(self) -> None:
        self._read_timer = None
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is None or cycle.response_complete or not cycle.response_started:
            self.transport.write(self._timeout_response)
            log.info("- - 408 (request not received within %g s)", self.read_timeout)
            self._refused("read_timeout")
        # Closing makes a waiting app see http.disconnect; it then sends nothing more.
        self.transport.close()

    def _bad_http(self, reason: str) -> None:
        if "content-length" in reason.lower():
            response = _raw_response("400 Bad Request", "bad_content_length",
                                     "Content-Length must be a whole number (and only one may be given).")
        else:
            response = _raw_response("400 Bad Request", "bad_request", "The request is not valid HTTP/1.1.")
        log.info("- - 400 (malformed HTTP)")
        self.transport.write(response)
        self.transport.close()

    def _refused(self, reason: str) -> None:
        hook = self.app_state.get(REFUSED_HOOK)
        if hook is not None:
            hook(reason)


def guarded_protocol(read_timeout: float, max_connections: int) -> Callable[..., GuardedHttpProtocol]:
    """The protocol factory for ``uvicorn.run(http=...)`` (a partial pickles for --workers)."""
    return functools.partial(GuardedHttpProtocol, read_timeout=read_timeout, max_connections=max_connections)
