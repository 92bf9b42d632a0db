"""The session-store interface: what the web layer needs from a store.

A store maps a session id to the conversation state as plain JSON (the dict
from ``bot.State.to_dict()``), forgets a session after ``ttl_seconds`` without
use, and keeps at most ``max_sessions`` (the least recently used goes first).
Methods are ``async`` so a networked backend never blocks the event loop.
The stores themselves live in memory_store.py and redis_store.py; sessions.py
picks one from a URL.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

JSONState = dict[str, Any]


class StoreUnavailable(Exception):
    """The store can't be reached right now (a shared store's outage): the
    turn is answered without context, and the reply says so."""

DEFAULT_TTL_SECONDS = 1800.0
DEFAULT_MAX_SESSIONS = 10_000


@runtime_checkable
class SessionStore(Protocol):
    """What the web layer needs from a session store."""

    ttl_seconds: float

    async def get(self, session_id: str) -> JSONState | None:
        """The saved state, or None if unknown or expired. Counts as a use.
        Raises StoreUnavailable while the store can't be reached."""

    async def put(self, session_id: str, state: JSONState) -> None:
        """Save (or replace) the state and restart its inactivity timer.
        Raises StoreUnavailable while the store can't be reached."""

    async def delete(self, session_id: str) -> None:
        """Forget the session; no error if it is unknown."""

    async def status(self) -> dict[str, Any]:
        """For /healthz: at least {"backend": str, "status": "ok" | "degraded"}."""

    async def close(self) -> None:
        """Release connections (nothing to do for memory)."""


def is_redis_url(url: str | None) -> bool:
    """True for a URL that names a Redis server (a shared store)."""
    return bool(url) and url.split("://", 1)[0] in ("redis", "rediss", "unix") and "://" in url
