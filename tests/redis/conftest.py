"""Fixtures for the Redis (scale-out) tests: a real `redis-server` and real
`her2bot serve` processes, each on a free 127.0.0.1 port, always stopped.

Each test gets its own redis-server in a temp dir, with persistence off
(--save '' --appendonly no), so tests never share data and a restart starts
empty, as a crashed cache would. Without redis-server on PATH the tests skip
with a reason, unless HER2BOT_REQUIRE_SYSTEM_TESTS=1 is set (CI), where they
fail instead (scripts/install-system-deps.sh installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from serving import Server, free_port, serving_processes


def _unavailable(reason: str) -> None:
    if os.environ.get("HER2BOT_REQUIRE_SYSTEM_TESTS") == "1":
        pytest.fail(f"{reason} (required: HER2BOT_REQUIRE_SYSTEM_TESTS=1); run `bash scripts/install-system-deps.sh`")
    pytest.skip(reason)


class RedisServer:
    """One redis-server process; stop() and start() again keep the port."""

    def __init__(self, binary: str, workdir: Path) -> None:
        self.binary = binary
        self.workdir = workdir
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        assert self.proc is None, "already running"
        log = open(self.workdir / "redis.log", "ab")
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir), "--protected-mode", "yes"],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir,
        )
        log.close()
        deadline = time.monotonic() + 10
        while not self._pong():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail(f"redis-server did not start on port {self.port}: {(self.workdir / 'redis.log').read_text()[-500:]}")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()  # SIGTERM: redis-server exits at once (nothing to save)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def _pong(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    binary = shutil.which("redis-server")
    if binary is None:
        _unavailable("redis-server is not installed (Debian package redis-server)")
    server = RedisServer(binary, tmp_path)  # type: ignore[arg-type]
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def raw(redis_server: RedisServer) -> Iterator[Any]:
    """A plain synchronous redis client on the test's server, to look behind the store."""
    import redis

    client = redis.Redis(port=redis_server.port, socket_timeout=2)
    yield client
    client.close()


# ---------------------------------------------------------------- her2bot serve processes
@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """serve(*options, env=None) -> a started `python -m bot serve` on a free port."""
    with serving_processes(tmp_path) as start:
        yield start
