"""In-process session store: one server process, nothing to install."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable

from bot.channels.session_store import DEFAULT_MAX_SESSIONS, DEFAULT_TTL_SECONDS, JSONState


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

    def count(self) -> int:
        """Sessions held now (expired ones may still count until the next write)."""
        return len(self._data)

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
