"""The optional API key for server-to-server calls: ``Authorization: Bearer <key>``.

With ``--api-key`` (or ``HER2BOT_API_KEY``) the Rasa webhook needs the key;
with ``--api-key-for-chat`` also ``/api/chat``. Without that flag
``/api/chat``, the widget's endpoint, stays open: a browser page can't keep
a secret, so the widget is fenced by CORS (``--allow-origin``) and the rate
limit instead. Keys are compared in constant time and never logged.

A request with the right key is not rate-limited: a help desk's server sends
all its users' messages from one address. A missing or wrong key still
takes a token first, so guessing keys is slowed down too.
"""

from __future__ import annotations

import hmac

from starlette.requests import Request

from bot.channels.web.errors import ApiError

MIN_KEY_CHARS = 16
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="her2bot"'}


def check_key(key: str) -> None:
    """Raise ValueError unless ``key`` is long enough to be a secret."""
    if len(key) < MIN_KEY_CHARS or not key.isprintable() or " " in key:
        raise ValueError(f"the API key must be at least {MIN_KEY_CHARS} printable characters without spaces")


class ApiKey:
    """Checks the bearer token of a request against the configured key."""

    def __init__(self, key: str) -> None:
        check_key(key)
        self._expected = key.encode()

    def valid(self, request: Request) -> bool:
        header = request.headers.get("authorization")
        if header is None:
            return False
        scheme, _, token = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), self._expected)

    def check(self, request: Request) -> None:
        if self.valid(request):
            return
        if request.headers.get("authorization") is None:
            raise ApiError(401, "missing_api_key", "This endpoint needs an API key: send Authorization: Bearer <key>.",
                           _CHALLENGE)
        raise ApiError(401, "invalid_api_key", "The API key is wrong: send Authorization: Bearer <key>.", _CHALLENGE)
