"""Rate limits: a token bucket per client, in this process or shared through Redis.

``--rate-limit N`` allows each client N requests a minute on the two POST
endpoints: a bucket holds up to N tokens (so a burst of N is fine), refills
at N/60 tokens a second, and every request takes one. An empty bucket means
429 with ``Retry-After`` (whole seconds until a token is back).

The client is the connection's address, or, behind proxies named with
``--trusted-proxy``, the X-Forwarded-For hop just before the first trusted
one (uvicorn's proxy-headers middleware rewrites the address before the app
sees it). With a Redis session store the buckets live in Redis
(``her2bot:rate:<client>``, one Lua script call, Redis's own clock), so all
processes and machines share one limit; while Redis is down each process
falls back to its own buckets rather than refusing or ignoring everyone.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Callable, Protocol

from starlette.requests import Request

from bot.channels.session_store import StoreUnavailable
from bot.channels.web.errors import ApiError

if TYPE_CHECKING:
    from bot.channels.redis_store import RedisSessionStore

RATE_PREFIX = "her2bot:rate:"
MAX_CLIENTS = 100_000  # buckets kept in memory; the least recently seen go first (with a full bucket)

TOKEN_BUCKET_LUA = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'seen')
local tokens = tonumber(bucket[1])
local seen = tonumber(bucket[2])
if tokens == nil or seen == nil then
  tokens = burst
  seen = now
end
tokens = math.min(burst, tokens + math.max(0, now - seen) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'seen', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return tostring(wait)
"""


class Buckets(Protocol):
    async def take(self, client: str) -> float:
        """Take a token: 0 if there was one, else the seconds until there is."""


class MemoryBuckets:
    """Token buckets in this process's memory."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, max_clients: int = MAX_CLIENTS) -> None:
        if per_minute < 1:
            raise ValueError("the rate limit must be at least 1 request a minute")
        self.rate = per_minute / 60.0
        self.burst = float(per_minute)
        self._clock = clock
        self._max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take_now(self, client: str) -> float:
        now = self._clock()
        tokens, seen = self._buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - seen) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self._buckets[client] = (tokens, now)
        if len(self._buckets) > self._max_clients:
            self._buckets.popitem(last=False)
        return wait

    async def take(self, client: str) -> float:
        return self.take_now(client)


class RedisBuckets:
    """Token buckets in Redis, shared by every process using the same Redis."""

    def __init__(self, store: "RedisSessionStore", per_minute: int) -> None:
        from bot.channels.redis_store import LuaScript

        self._store = store
        self._script = LuaScript(TOKEN_BUCKET_LUA)
        self._args = [repr(per_minute / 60.0), str(per_minute)]
        self._fallback = MemoryBuckets(per_minute)

    async def take(self, client: str) -> float:
        try:
            wait = await self._store.run_script(self._script, [RATE_PREFIX + client], self._args)
        except StoreUnavailable:
            return self._fallback.take_now(client)
        return float(wait)


class RateLimit:
    """What the routes call: take a token for this request's client, or refuse with 429."""

    def __init__(self, per_minute: int, buckets: Buckets, on_limited: Callable[[], None]) -> None:
        self.per_minute = per_minute
        self._buckets = buckets
        self._on_limited = on_limited

    async def check(self, request: Request) -> None:
        client = request.client.host if request.client else "unknown"
        wait = await self._buckets.take(client)
        if wait > 0:
            self._on_limited()
            seconds = max(1, math.ceil(wait))
            raise ApiError(429, "rate_limited",
                           f"Too many requests: the limit is {self.per_minute} a minute. Try again in {seconds} s.",
                           {"Retry-After": str(seconds)})
