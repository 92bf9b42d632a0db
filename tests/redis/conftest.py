"""Fixtures for the Redis (scale-out) tests: a real `redis-server` and real
`her2bot serve` processes, each on a free 127.0.0.1 port, always stopped.

Each test gets its own redis-server in a temp dir, with persistence off
(--save '' --appendonly no), so tests never share data and a restart starts
empty, as a crashed cache would. Without redis-server on PATH the tests skip
with a reason, unless HER2BOT_REQUIRE_SYSTEM_TESTS=1 is set (CI), where they
fail instead (scripts/install-system-deps.sh installs it).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from serving import ServerDidNotStart, wait_for_health

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
class Server:
    """A running `her2bot serve` subprocess; its output goes to a file."""

    def __init__(self, proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.proc = proc
        self.port = port
        self.log = log
        self.base = f"http://127.0.0.1:{port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"{}")

    def chat(self, message: str, session_id: str | None = None) -> dict[str, Any]:
        """POST /api/chat; asserts a 200 (a 5xx is always a failure here)."""
        status, reply = self.request("POST", "/api/chat", {"message": message, "session_id": session_id})
        assert status == 200, (status, reply, self.output()[-2000:])
        return reply

    def health(self) -> dict[str, Any]:
        status, body = self.request("GET", "/healthz")
        assert status == 200, (status, body)
        return body


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """serve(*options, env=None) -> a started `python -m bot serve` on a free port.
    Waits for /healthz; every server is stopped (killed if need be) in teardown."""
    started: list[Server] = []

    def start(*options: str, env: dict[str, str] | None = None) -> Server:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        full_env = {k: v for k, v in os.environ.items() if k != "HER2BOT_SESSIONS"}
        full_env.update(env or {})
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "--content", str(REPO), "serve", "--port", str(port), *options],
                stdout=out, stderr=subprocess.STDOUT, cwd=REPO, env=full_env, start_new_session=True,
            )
        server = Server(proc, port, log)
        started.append(server)
        try:
            wait_for_health(server.base, proc, seconds=30)
        except ServerDidNotStart as err:
            pytest.fail(f"{err}: {server.output()[-2000:]}")
        return server

    yield start
    for server in started:
        _stop(server.proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group (uvicorn's workers too), then SIGKILL if it lingers."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, 15)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
    try:  # stragglers in the group (a worker whose parent was killed)
        os.killpg(proc.pid, 9)
    except ProcessLookupError:
        pass
