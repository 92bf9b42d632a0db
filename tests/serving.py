"""Shared by the tests that run a real `her2bot serve` process (tests/api,
tests/browser, tests/redis): wait until it answers /healthz; start servers
on free ports and always stop them."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

REPO = Path(__file__).resolve().parents[1]


class ServerDidNotStart(RuntimeError):
    pass


def wait_for_health(base: str, proc: subprocess.Popen[bytes], seconds: float = 20.0) -> dict[str, Any]:
    """Poll GET {base}/healthz until it answers; return its JSON. Raises
    ServerDidNotStart if the process exits or `seconds` pass first."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                return json.loads(response.read())
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise ServerDidNotStart(f"her2bot serve at {base} did not start") from None
            time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `her2bot serve` subprocess; its output goes to a file."""

    def __init__(self, proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.proc = proc
        self.port = port
        self.log = log
        self.base = f"http://127.0.0.1:{port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def request(self, method: str, path: str, body: Any = None,
                headers: dict[str, str] | None = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        sent = {"Content-Type": "application/json"} if data else {}
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={**sent, **(headers or {})})
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


@contextlib.contextmanager
def serving_processes(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """start(*options, env=None) -> a started `python -m bot serve` on a free port.
    Waits for /healthz; every server is stopped (killed if need be) at the end."""
    started: list[Server] = []

    def start(*options: str, env: dict[str, str] | None = None) -> Server:
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        full_env = {k: v for k, v in os.environ.items() if k not in ("HER2BOT_SESSIONS", "HER2BOT_API_KEY")}
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

    try:
        yield start
    finally:
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
