"""Fixtures for the HTTP API tests: an app per test, driven through httpx's
TestClient (real ASGI stack: middleware, routing, error handlers)."""

from __future__ import annotations

import warnings
from typing import Callable, Iterator

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's note about httpx vs httpx2
    from fastapi.testclient import TestClient

from bot import Bot
from bot.channels.sessions import MemorySessionStore
from bot.channels.web import Settings, create_app
from serving import Server, serving_processes


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_client(bot: Bot, clock: FakeClock) -> Iterator[Callable[..., TestClient]]:
    """make_client(ttl=..., max_sessions=..., **settings) -> a TestClient on a fresh app."""
    clients: list[TestClient] = []

    def make(ttl: float = 1800, max_sessions: int = 10_000, **settings: object) -> TestClient:
        store = MemorySessionStore(ttl_seconds=ttl, max_sessions=max_sessions, clock=clock)
        app = create_app(bot, Settings(store=store, **settings))  # type: ignore[arg-type]
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client_for() -> Iterator[Callable[[object], TestClient]]:
    """client_for(app) -> a started TestClient on an app the test built itself."""
    clients: list[TestClient] = []

    def make(app: object) -> TestClient:
        client = TestClient(app, raise_server_exceptions=False)  # type: ignore[arg-type]
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


@pytest.fixture
def serve(tmp_path) -> Iterator[Callable[..., Server]]:
    """serve(*options, env=None) -> a real `her2bot serve` process on a free port (tests with real sockets)."""
    with serving_processes(tmp_path) as start:
        yield start
