"""One multiplexed Redis connection per process, with hiredis parsing.

    conn = RedisConnection(RedisAddress.parse("redis://:pw@host:6379/0"), timeout=0.5)
    state = await conn.call("GETEX", key, "PX", "1800000")

Every request of a server process shares this one connection: the commands
issued while the event loop runs one turn are written together, in one
write, and their replies are matched to them in order as they arrive
(Redis answers each connection's commands in order). Under load one round
trip carries the commands of many requests. hiredis packs commands and
parses replies (C code), so a command costs a few microseconds of Python
time. redis-py's asyncio client, measured on the development VM, spent
~200 us of CPU per command (a pool checkout, a lock and its own parser
around every call), as much as a cached reply itself: that is what made a
process with Redis serve about half of what one in memory did.

Failure handling is deliberately simple: a reply that has not come back
within ``timeout`` seconds, a refused connection or a dropped one fail every
command in flight with :class:`RedisUnavailable` and close the connection;
the next call connects again. Error replies from Redis (``-ERR ...``)
come back as :class:`RedisReplyError` for that command alone.
"""

from __future__ import annotations

import asyncio
import ssl
from collections import deque
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import hiredis

URL_SCHEMES = ("redis", "rediss", "unix")


class RedisUnavailable(Exception):
    """Redis could not be reached, or did not answer in time."""


class RedisReplyError(Exception):
    """Redis answered this one command with an error (e.g. WRONGTYPE, NOSCRIPT)."""


@dataclass(frozen=True)
class RedisAddress:
    """Where Redis is and how to log in, read from a redis://, rediss:// or unix:// URL."""

    host: str | None
    port: int
    path: str | None  # unix socket
    username: str | None
    password: str | None
    db: int
    tls: bool

    @classmethod
    def parse(cls, url: str) -> "RedisAddress":
        """Raises ValueError with a clear message (never showing the password)."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as err:
            raise ValueError(f"bad Redis URL {url.split('://', 1)[0]}://...: {err}") from None
        if parts.scheme not in URL_SCHEMES:
            raise ValueError(f"unsupported session store URL scheme {parts.scheme!r}: use redis://host:6379/0 "
                             "(or rediss://, unix://)")
        username = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password else None
        if parts.scheme == "unix":
            db_text = parse_qs(parts.query).get("db", ["0"])[0]
            host, path = None, parts.path
            if not path:
                raise ValueError("the Redis URL names no socket path: use unix:///path/redis.sock")
        else:
            db_text = parts.path.lstrip("/") or "0"
            host, path = parts.hostname, None
            if not host:
                raise ValueError("the Redis URL names no host: use redis://host:6379/0")
        if not db_text.isdigit():
            raise ValueError(f"the Redis database in the URL must be a number, such as redis://host:{port or 6379}/0")
        return cls(host, port or 6379, path, username or None, password, int(db_text), parts.scheme == "rediss")

    def shown(self) -> str:
        """For logs and /healthz: no user name or password."""
        if self.path is not None:
            return f"unix://{self.path}"
        return f"{'rediss' if self.tls else 'redis'}://{self.host}:{self.port}/{self.db}"


class _Wire(asyncio.Protocol):
    """The socket: writes packed commands, hands parsed replies to the waiting futures in order."""

    def __init__(self, on_lost: Any) -> None:
        self.reader = hiredis.Reader(replyError=RedisReplyError)
        self.waiting: deque[asyncio.Future[Any]] = deque()
        self.transport: asyncio.Transport | None = None
        self._on_lost = on_lost

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.reader.feed(data)
        waiting = self.waiting
        while True:
            reply = self.reader.gets()
            if reply is False:
                break
            future = waiting.popleft()
            if future.done():
                continue
            if isinstance(reply, RedisReplyError):
                future.set_exception(reply)
            else:
                future.set_result(reply)

    def connection_lost(self, exc: Exception | None) -> None:
        self._on_lost(self, exc)


class RedisConnection:
    """A lazily opened, auto-pipelined connection; see the module docstring."""

    def __init__(self, address: RedisAddress, timeout: float = 0.5) -> None:
        self.address = address
        self.timeout = timeout
        self._wire: _Wire | None = None
        self._connecting: asyncio.Future[_Wire] | None = None
        self._outgoing: list[bytes] = []
        self._outgoing_futures: list[asyncio.Future[Any]] = []
        self._flush_scheduled = False
        self._deadline: asyncio.TimerHandle | None = None
        self._sent_at: deque[float] = deque()  # when each reply still awaited was sent
        self.commands = 0
        self.writes = 0  # round trips: one write carries every command of one loop turn

    async def call(self, *args: str | bytes | int) -> Any:
        """Send one command and wait for its reply."""
        return await self.send(*args)

    def send(self, *args: str | bytes | int) -> "asyncio.Future[Any]":
        """Queue one command for this loop turn's write; the future gets its reply."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._outgoing.append(hiredis.pack_command(args))
        self._outgoing_futures.append(future)
        self.commands += 1
        if not self._flush_scheduled:
            self._flush_scheduled = True
            loop.call_soon(self._flush)
        return future

    async def close(self) -> None:
        wire, self._wire = self._wire, None
        if wire is not None and wire.transport is not None:
            wire.transport.close()
        self._fail_all(RedisUnavailable("connection closed"))

    # ------------------------------------------------------------ internals
    def _flush(self) -> None:
        self._flush_scheduled = False
        if not self._outgoing:
            return
        wire = self._wire
        if wire is None or wire.transport is None or wire.transport.is_closing():
            if self._connecting is None:
                self._connecting = asyncio.ensure_future(self._connect())
            return  # written once connected
        data = b"".join(self._outgoing)
        futures = self._outgoing_futures
        self._outgoing, self._outgoing_futures = [], []
        now = asyncio.get_running_loop().time()
        wire.waiting.extend(futures)
        self._sent_at.extend(now for _ in futures)
        wire.transport.write(data)
        self.writes += 1
        if self._deadline is None:
            self._deadline = asyncio.get_running_loop().call_later(self.timeout, self._check_deadline)

    async def _connect(self) -> None:
        loop = asyncio.get_running_loop()
        address = self.address
        try:
            wire = await asyncio.wait_for(self._open(loop, address), self.timeout)
            handshake = self._handshake(address)
            if handshake:
                wire.transport.write(b"".join(hiredis.pack_command(c) for c in handshake))  # type: ignore[union-attr]
                replies = [loop.create_future() for _ in handshake]
                wire.waiting.extend(replies)
                await asyncio.wait_for(asyncio.gather(*replies), self.timeout)
        except (OSError, asyncio.TimeoutError, RedisReplyError) as err:
            self._connecting = None
            self._fail_all(RedisUnavailable(_reason(err)))
            return
        self._wire = wire
        self._connecting = None
        self._flush()

    async def _open(self, loop: asyncio.AbstractEventLoop, address: RedisAddress) -> _Wire:
        wire = _Wire(on_lost=self._lost)
        if address.path is not None:
            await loop.create_unix_connection(lambda: wire, address.path)
        else:
            context = ssl.create_default_context() if address.tls else None
            await loop.create_connection(lambda: wire, address.host, address.port, ssl=context)
        return wire

    def _handshake(self, address: RedisAddress) -> list[tuple[str, ...]]:
        commands: list[tuple[str, ...]] = []
        if address.password is not None:
            commands.append(("AUTH", address.username, address.password) if address.username
                            else ("AUTH", address.password))
        if address.db:
            commands.append(("SELECT", str(address.db)))
        return commands

    def _check_deadline(self) -> None:
        self._deadline = None
        wire = self._wire
        if wire is None or not self._sent_at:
            return
        # Replies arrive in order: drop the send times of the ones already answered.
        while len(self._sent_at) > len(wire.waiting):
            self._sent_at.popleft()
        if not self._sent_at:
            return
        loop = asyncio.get_running_loop()
        oldest = self._sent_at[0]
        if loop.time() - oldest >= self.timeout:
            self._drop(wire, RedisUnavailable(f"no reply within {self.timeout:g} s"))
            return
        self._deadline = loop.call_later(self.timeout - (loop.time() - oldest), self._check_deadline)

    def _drop(self, wire: _Wire, error: RedisUnavailable) -> None:
        if self._wire is wire:
            self._wire = None
        if wire.transport is not None:
            wire.transport.close()
        while wire.waiting:
            future = wire.waiting.popleft()
            if not future.done():
                future.set_exception(error)
        self._sent_at.clear()

    def _fail_all(self, error: RedisUnavailable) -> None:
        futures, self._outgoing, self._outgoing_futures = self._outgoing_futures, [], []
        for future in futures:
            if not future.done():
                future.set_exception(error)

    def _lost(self, wire: _Wire, exc: Exception | None) -> None:
        self._drop(wire, RedisUnavailable(_reason(exc) if exc else "connection closed by Redis"))


def _reason(err: BaseException) -> str:
    if isinstance(err, asyncio.TimeoutError):
        return "timed out"
    return f"{type(err).__name__}: {err}"
