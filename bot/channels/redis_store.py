"""Redis session store: conversation state shared by many server processes.

    store = RedisSessionStore("redis://:password@sessions.internal:6379/0", ttl_seconds=1800)

Each session is one Redis string, ``her2bot:session:<id>``, holding the same
plain JSON that ``bot.State.to_dict()`` gives, with a TTL of the inactivity
timeout. A read (GETEX) and a write (SET ... PX) both restart the timer, so
Redis itself forgets idle conversations; no process keeps any session data.
All calls go over one auto-pipelined connection per process
(redis_client.py): a first message costs one SET, a follow-up one GETEX and
one SET, and under load one round trip carries the commands of many turns.

Failure behaviour (the server must keep answering, never a 500):

- Every call has a short timeout (``timeout``, default 0.5 s).
- If Redis cannot be reached, ``get`` and ``put`` raise
  :class:`~bot.channels.session_store.StoreUnavailable` (the web layer then
  answers without context and says so: ``context_lost``), and ``status``
  reports ``"degraded"``. The outage is logged once when it starts and once
  when it ends, not per request.
- While degraded, calls skip Redis for ``retry_after`` seconds after each
  failed attempt (so an unreachable host costs one timeout per window, not
  one per request); the first call after the window tries again, and when it
  succeeds the store is back to normal: no restart needed.
- A session whose state could not be saved during an outage must not resume
  its older saved state afterwards: its key is deleted, in the same write as
  the first command once Redis answers again.
- Stored data that is not a JSON object (corrupt, or a key of another type)
  is logged (session id prefix only, never content), deleted, and the turn
  starts a new conversation.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from typing import Any

from bot.channels.redis_client import RedisAddress, RedisConnection, RedisReplyError, RedisUnavailable
from bot.channels.session_store import DEFAULT_TTL_SECONDS, JSONState, StoreUnavailable

log = logging.getLogger("her2bot.sessions")

KEY_PREFIX = "her2bot:session:"
DEFAULT_TIMEOUT = 0.5
DEFAULT_RETRY_AFTER = 1.0
MAX_FORGET = 10_000  # keys remembered for deletion after an outage


def redacted(url: str) -> str:
    """The URL without its password, for logs and /healthz."""
    return RedisAddress.parse(url).shown()


def check_url(url: str) -> None:
    """Raise ValueError with a clear message unless ``url`` is a usable Redis URL."""
    RedisAddress.parse(url)


class LuaScript:
    """A Lua script run with EVALSHA (the source is sent again only if Redis lost it)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.sha = hashlib.sha1(source.encode()).hexdigest()


class RedisSessionStore:
    """The :class:`bot.channels.sessions.SessionStore` interface on Redis."""

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
        address = RedisAddress.parse(url)
        self.ttl_seconds = float(ttl_seconds)
        self.ttl_ms = str(max(1, int(round(self.ttl_seconds * 1000))))
        self.prefix = prefix
        self.where = address.shown()
        self.retry_after = retry_after
        self._redis = RedisConnection(address, timeout)
        self._down_since: float | None = None  # monotonic time the outage began
        self._next_try = 0.0
        self._skipped = 0  # calls answered without Redis during this outage
        self._forget: set[str] = set()  # keys to delete once Redis is back
        self.outages = 0
        self.bad_records = 0
        self.last_error: str | None = None

    # ------------------------------------------------------------ interface
    async def get(self, session_id: str) -> JSONState | None:
        key = self.prefix + session_id
        try:
            raw = await self.call("GETEX", key, "PX", self.ttl_ms)
        except RedisReplyError as err:
            if str(err).startswith("WRONGTYPE"):
                await self._discard(key, session_id, "it is not a string")
                return None
            raise
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
        key = self.prefix + session_id
        data = json.dumps(state, separators=(",", ":"), ensure_ascii=False)
        try:
            await self.call("SET", key, data, "PX", self.ttl_ms)
        except StoreUnavailable:
            self._remember(key)  # its older saved state must not come back
            raise

    async def delete(self, session_id: str) -> None:
        key = self.prefix + session_id
        try:
            await self.call("DEL", key)
        except StoreUnavailable:
            self._remember(key)
            raise

    async def status(self) -> dict[str, Any]:
        """Pings Redis (unless inside a retry window of an outage), so
        /healthz notices an outage, and the recovery, without chat traffic."""
        try:
            await self.call("PING")
        except StoreUnavailable:
            pass
        out: dict[str, Any] = {
            "backend": self.backend,
            "status": "ok" if self._down_since is None else "degraded",
            "server": self.where,
            "ttl_seconds": self.ttl_seconds,
            "outages": self.outages,
            "bad_records": self.bad_records,
            "commands": self._redis.commands,
            "round_trips": self._redis.writes,
        }
        if self._down_since is not None:
            out["down_for_seconds"] = round(time.monotonic() - self._down_since, 1)
            out["error"] = self.last_error
        return out

    async def close(self) -> None:
        await self._redis.close()

    # ------------------------------------------------------------ shared with the rate limiter
    async def call(self, *args: str) -> Any:
        """One command, with the outage bookkeeping. Raises StoreUnavailable,
        or RedisReplyError for an error reply (Redis itself is fine then)."""
        if not self._may_try():
            raise StoreUnavailable(f"Redis at {self.where} is unreachable")
        forget, self._forget = self._forget, set()
        if forget:  # in the same write as this command, so Redis applies it first
            self._redis.send("DEL", *forget).add_done_callback(_ignore_result)
        try:
            reply = await self._redis.call(*args)
        except RedisUnavailable as err:
            self._forget |= forget
            self._failed(err)
            raise StoreUnavailable(str(err)) from None
        except RedisReplyError:
            self._ok()
            raise
        self._ok()
        return reply

    async def run_script(self, script: LuaScript, keys: list[str], args: list[str]) -> Any:
        """EVALSHA, or EVAL once if Redis does not have the script yet."""
        try:
            return await self.call("EVALSHA", script.sha, str(len(keys)), *keys, *args)
        except RedisReplyError as err:
            if not str(err).startswith("NOSCRIPT"):
                raise
        return await self.call("EVAL", script.source, str(len(keys)), *keys, *args)

    # ------------------------------------------------------------ outage bookkeeping
    def _remember(self, key: str) -> None:
        """Delete ``key`` in the first write once Redis is back."""
        if len(self._forget) < MAX_FORGET:
            self._forget.add(key)

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

    def _failed(self, err: Exception) -> None:
        now = time.monotonic()
        self.last_error = str(err)
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
            await self.call("DEL", key)
        except StoreUnavailable:
            pass  # already logged as an outage; the key expires by itself


def _ignore_result(future: "asyncio.Future[Any]") -> None:
    """The DEL's outcome is the next command's: a failure is seen (and handled) there."""
    if not future.cancelled():
        future.exception()
