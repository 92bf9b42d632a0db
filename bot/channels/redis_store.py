"""Redis session store: conversation state shared by many server processes.

    store = RedisSessionStore("redis://:password@sessions.internal:6379/0", ttl_seconds=1800)

Each session is one Redis string, ``her2bot:session:<id>``, holding the same
plain JSON that ``bot.State.to_dict()`` gives, with a TTL of the inactivity
timeout. A read (GETEX) and a write (SET ... PX) both restart the timer, so
Redis itself forgets idle conversations; no process keeps any session data.

Failure behaviour (the server must keep answering, never a 500):

- Every call has short socket timeouts (``timeout``, default 0.5 s).
- If Redis cannot be reached, ``get`` returns None (the turn is answered as a
  new conversation), ``put`` drops the state, and ``status`` reports
  ``"degraded"``. The outage is logged once when it starts and once when it
  ends, not per request.
- While degraded, calls skip Redis for ``retry_after`` seconds after each
  failed attempt (so an unreachable host costs one timeout per window, not
  one per request); the first call after the window tries again, and when it
  succeeds the store is back to normal: no restart needed.
- Stored data that is not a JSON object (corrupt, or a key of another type)
  is logged (session id prefix only, never content), deleted, and the turn
  starts a new conversation.

Only ``redis.RedisError`` is caught: anything else is a bug and propagates.
``redis`` is imported here, and this module only from ``open_store`` when a
redis:// URL is given, so the in-memory default never loads it.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any
from urllib.parse import urlsplit

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError, ResponseError

from bot.channels.session_store import DEFAULT_TTL_SECONDS, JSONState

log = logging.getLogger("her2bot.sessions")

KEY_PREFIX = "her2bot:session:"
DEFAULT_TIMEOUT = 0.5
DEFAULT_RETRY_AFTER = 1.0
URL_SCHEMES = ("redis", "rediss", "unix")


def redacted(url: str) -> str:
    """The URL without its password, for logs and /healthz."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return f"unix://{parts.path}"
    host = parts.hostname or "localhost"
    port = parts.port or 6379
    db = parts.path.lstrip("/") or "0"
    return f"{parts.scheme}://{host}:{port}/{db}"


def check_url(url: str) -> None:
    """Raise ValueError with a clear message unless ``url`` is a usable Redis URL."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as err:
        raise ValueError(f"bad Redis URL {redacted_or_scheme(url)!r}: {err}") from None
    if parts.scheme not in URL_SCHEMES:
        raise ValueError(f"unsupported session store URL scheme {parts.scheme!r}: use redis://host:6379/0 (or rediss://, unix://)")
    if parts.scheme != "unix" and not parts.hostname:
        raise ValueError("the Redis URL names no host: use redis://host:6379/0")
    db = parts.path.lstrip("/")
    if parts.scheme != "unix" and db and not db.isdigit():
        raise ValueError(f"the Redis database in the URL must be a number, such as redis://host:{port or 6379}/0")


def redacted_or_scheme(url: str) -> str:
    return url.split("://", 1)[0] + "://..." if "://" in url else "..."


class RedisSessionStore:
    """The :class:`bot.channels.sessions.SessionStore` interface on Redis (redis-py asyncio)."""

    backend = "redis"

    def __init__(
        self,
        url: str,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        *,
        prefix: str = KEY_PREFIX,
        timeout: float = DEFAULT_TIMEOUT,
        retry_after: float = DEFAULT_RETRY_AFTER,
    ) -> None:
        if ttl_seconds <= 0:
            raise ValueError("session TTL must be more than 0 seconds")
        check_url(url)
        self.ttl_seconds = float(ttl_seconds)
        self.ttl_ms = max(1, int(round(self.ttl_seconds * 1000)))
        self.prefix = prefix
        self.where = redacted(url)
        self.retry_after = retry_after
        # One retry, on connection errors only: it replaces a pooled connection
        # that went stale (Redis restarted) without counting as an outage.
        # Timeouts are not retried, so one call waits at most ~2 x timeout.
        self._redis = aioredis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
            health_check_interval=30,
        )
        self._down_since: float | None = None  # monotonic time the outage began
        self._next_try = 0.0
        self._skipped = 0  # calls answered without Redis during this outage
        self.outages = 0
        self.bad_records = 0
        self.last_error: str | None = None

    # ------------------------------------------------------------ interface
    async def get(self, session_id: str) -> JSONState | None:
        if not self._may_try():
            return None
        key = self.prefix + session_id
        try:
            raw = await self._redis.getex(key, px=self.ttl_ms)
        except ResponseError as err:
            if str(err).startswith("WRONGTYPE"):
                await self._discard(key, session_id, "it is not a string")
                return None
            self._failed(err)
            return None
        except RedisError as err:
            self._failed(err)
            return None
        self._ok()
        if raw is None:
            return None
        try:
            state = json.loads(raw)
        except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
            await self._discard(key, session_id, "it is not valid JSON")
            return None
        if not isinstance(state, dict):
            await self._discard(key, session_id, "it is not a JSON object")
            return None
        return state

    async def put(self, session_id: str, state: JSONState) -> None:
        if not self._may_try():
            return
        data = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
        try:
            await self._redis.set(self.prefix + session_id, data, px=self.ttl_ms)
        except RedisError as err:
            self._failed(err)
            return
        self._ok()

    async def delete(self, session_id: str) -> None:
        if not self._may_try():
            return
        try:
            await self._redis.delete(self.prefix + session_id)
        except RedisError as err:
            self._failed(err)
            return
        self._ok()

    async def status(self) -> dict[str, Any]:
        """Pings Redis (unless inside a retry window of an outage), so
        /healthz notices an outage, and the recovery, without chat traffic."""
        if self._may_try():
            try:
                await self._redis.ping()
            except RedisError as err:
                self._failed(err)
            else:
                self._ok()
        out: dict[str, Any] = {
            "backend": self.backend,
            "status": "ok" if self._down_since is None else "degraded",
            "server": self.where,
            "ttl_seconds": self.ttl_seconds,
            "outages": self.outages,
            "bad_records": self.bad_records,
        }
        if self._down_since is not None:
            out["down_for_seconds"] = round(time.monotonic() - self._down_since, 1)
            out["error"] = self.last_error
        return out

    async def close(self) -> None:
        try:
            await self._redis.aclose()
        except RedisError:
            pass  # closing a connection to a Redis that is already gone

    # ------------------------------------------------------------ outage bookkeeping
    @property
    def degraded(self) -> bool:
        return self._down_since is not None

    def _may_try(self) -> bool:
        """False while inside the retry window of an outage. The first caller
        after the window gets True and pushes the window on, so concurrent
        requests don't all wait on a dead host at once."""
        if self._down_since is None:
            return True
        now = time.monotonic()
        if now < self._next_try:
            self._skipped += 1
            return False
        self._next_try = now + self.retry_after
        return True

    def _failed(self, err: RedisError) -> None:
        now = time.monotonic()
        self.last_error = f"{type(err).__name__}: {err}"
        self._next_try = now + self.retry_after
        if self._down_since is None:
            self._down_since = now
            self._skipped = 0
            self.outages += 1
            log.error("session store: Redis at %s is unreachable (%s); answering without conversation context "
                      "until it is back, retrying every %.1f s", self.where, self.last_error, self.retry_after)
        else:
            self._skipped += 1

    def _ok(self) -> None:
        if self._down_since is not None:
            lasted = time.monotonic() - self._down_since
            log.warning("session store: Redis at %s is reachable again after %.1f s (%d calls went without it)",
                        self.where, lasted, self._skipped)
            self._down_since = None
            self.last_error = None

    async def _discard(self, key: str, session_id: str, why: str) -> None:
        self.bad_records += 1
        log.warning("session store: discarding stored state of session %s...: %s; starting a new conversation",
                    session_id[:6], why)
        try:
            await self._redis.delete(key)
        except RedisError as err:
            self._failed(err)
