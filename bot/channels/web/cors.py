"""CORS for the widget on other sites, with a refused preflight answered in our JSON error shape.

Starlette's CORS middleware answers a preflight it refuses with plain text;
the API promises JSON for every error, so that answer is rewritten (same
status, same headers, body ``{"error": "cors_refused", "detail": ...}``).
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response

from bot.channels.web.errors import error_response


class JsonCORSMiddleware(CORSMiddleware):
    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        what = bytes(response.body).decode("utf-8", "replace").removeprefix("Disallowed CORS ")
        headers = {k: v for k, v in response.headers.items() if k.lower().startswith("access-control-")}
        headers["Vary"] = "Origin"
        return error_response(response.status_code, "cors_refused",
                              f"This server does not allow this cross-origin request ({what} not allowed).", headers)
