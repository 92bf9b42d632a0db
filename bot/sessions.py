"""Session stores: where the HTTP server keeps each conversation's state.

A store maps a session id to the conversation state as plain JSON (the dict
from ``bot.State.to_dict()``), forgets a session after ``ttl_seconds`` without
use, and keeps at most ``max_sessions`` (the least recently used goes first).
The web routes only talk to the :class:`SessionStore` interface, so another
backend (Redis, for several server processes: bot/sessions_redis.py) plugs
in through :func:`open_store` without touching them.

Methods are ``async`` so a networked backend never blocks the event loop; the
in-memory store simply answers at once.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Protocol, runtime_checkable

JSONState = dict[str, Any]

DEFAULT_TTL_SECONDS = 1800.0
DEFAULT_MAX_SESSIONS = 10_000


@runtime_checkable
class SessionStore(Protocol):
    """What the web layer needs from a session store."""

    ttl_seconds: float

    async def get(self, session_id: str) -> JSONState | None:
        """The saved state, or None if unknown or expired. Counts as a use."""

    async def put(self, session_id: str, state: JSONState) -> None:
        """Save (or replace) the state and restart its inactivity timer."""

    async def delete(self, session_id: str) -> None:
        """Forget the session; no error if it is unknown."""

    async def status(self) -> dict[str, Any]:
        """For /healthz: at least {"backend": str, "status": "ok" | "degraded"}."""

    async def close(self) -> None:
        """Release connections (nothing to do for memory)."""


class MemorySessionStore:
    """In-process store: an LRU-ordered dict with inactivity expiry.

    Entries are kept in least-recently-used order, so the expired ones are
    always at the front and are dropped cheaply on each write. ``clock`` is
    injectable (tests pass a fake one); it must never go backwards.
    """

    backend = "memory"

    def __init__(
        self,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if ttl_seconds <= 0:
            raise ValueError("session TTL must be more than 0 seconds")
        if max_sessions < 1:
            raise ValueError("the session cap must be at least 1")
        self.ttl_seconds = float(ttl_seconds)
        self.max_sessions = int(max_sessions)
        self._clock = clock
        self._data: OrderedDict[str, tuple[float, JSONState]] = OrderedDict()
        self._lock = threading.Lock()  # the loop is single-threaded; this guards other callers
        self.expired = 0
        self.evicted = 0

    async def get(self, session_id: str) -> JSONState | None:
        now = self._clock()
        with self._lock:
            entry = self._data.get(session_id)
            if entry is None:
                return None
            seen, state = entry
            if now - seen >= self.ttl_seconds:
                del self._data[session_id]
                self.expired += 1
                return None
            self._data[session_id] = (now, state)
            self._data.move_to_end(session_id)
            return dict(state)

    async def put(self, session_id: str, state: JSONState) -> None:
        now = self._clock()
        with self._lock:
            self._data[session_id] = (now, dict(state))
            self._data.move_to_end(session_id)
            self._drop_expired(now)
            while len(self._data) > self.max_sessions:
                self._data.popitem(last=False)
                self.evicted += 1

    async def delete(self, session_id: str) -> None:
        with self._lock:
            self._data.pop(session_id, None)

    async def status(self) -> dict[str, Any]:
        with self._lock:
            self._drop_expired(self._clock())
            return {
                "backend": self.backend,
                "status": "ok",
                "sessions": len(self._data),
                "max_sessions": self.max_sessions,
                "ttl_seconds": self.ttl_seconds,
                "expired": self.expired,
                "evicted": self.evicted,
            }

    async def close(self) -> None:
        with self._lock:
            self._data.clear()

    def _drop_expired(self, now: float) -> None:
        data = self._data
        while data:
            seen, _ = next(iter(data.values()))
            if now - seen < self.ttl_seconds:
                break
            data.popitem(last=False)
            self.expired += 1


def open_store(
    url: str | None = None,
    *,
    ttl_seconds: float = DEFAULT_TTL_SECONDS,
    max_sessions: int = DEFAULT_MAX_SESSIONS,
) -> SessionStore:
    """The store a URL names: None or "memory" -> in-memory; redis://, rediss://
    or unix:// -> :class:`bot.sessions_redis.RedisSessionStore` (``max_sessions``
    does not apply: Redis's own maxmemory bounds it). Raises ValueError with a
    clear message for anything else."""
    if url is None or url == "memory":
        return MemorySessionStore(ttl_seconds, max_sessions)
    if is_redis_url(url):
        from .sessions_redis import RedisSessionStore  # imports redis only when asked for

        return RedisSessionStore(url, ttl_seconds)
    shown = url.split("://", 1)[0] + "://..." if "://" in url else url
    raise ValueError(f"unsupported session store {shown!r}: use 'memory' or redis://host:6379/0")


def is_redis_url(url: str | None) -> bool:
    """True for a URL that names a Redis server (a shared store)."""
    return bool(url) and url.split("://", 1)[0] in ("redis", "rediss", "unix") and "://" in url
