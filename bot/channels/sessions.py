"""Session stores: where the HTTP server keeps each conversation's state.

The web routes only talk to the :class:`SessionStore` interface
(session_store.py); :func:`open_store` picks the backend from a URL: the
in-process :class:`MemorySessionStore` (memory_store.py) or, for several
server processes, the Redis store (redis_store.py, imported only when asked
for so the default never loads redis).
"""

from __future__ import annotations

from bot.channels.memory_store import MemorySessionStore
from bot.channels.session_store import (
    DEFAULT_MAX_SESSIONS,
    DEFAULT_TTL_SECONDS,
    JSONState,
    SessionStore,
    StoreUnavailable,
    is_redis_url,
)

__all__ = ["DEFAULT_MAX_SESSIONS", "DEFAULT_TTL_SECONDS", "JSONState", "MemorySessionStore", "SessionStore",
           "StoreUnavailable", "is_redis_url", "open_store"]


def open_store(
    url: str | None = None,
    *,
    ttl_seconds: float = DEFAULT_TTL_SECONDS,
    max_sessions: int = DEFAULT_MAX_SESSIONS,
) -> SessionStore:
    """The store a URL names: None or "memory" -> in-memory; redis://, rediss://
    or unix:// -> :class:`bot.channels.redis_store.RedisSessionStore` (``max_sessions``
    does not apply: Redis's own maxmemory bounds it). Raises ValueError with a
    clear message for anything else."""
    if url is None or url == "memory":
        return MemorySessionStore(ttl_seconds, max_sessions)
    if is_redis_url(url):
        from bot.channels.redis_store import RedisSessionStore  # imports redis only when asked for

        return RedisSessionStore(url, ttl_seconds)
    shown = url.split("://", 1)[0] + "://..." if "://" in url else url
    raise ValueError(f"unsupported session store {shown!r}: use 'memory' or redis://host:6379/0")
