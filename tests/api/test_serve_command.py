"""`her2bot serve` as a user runs it: options, a real server on a free port."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bot.cli import main
from serving import wait_for_health

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("argv, complaint", [
    (["serve", "--allow-origin", "help.example.org"], "not an origin"),
    (["serve", "--port", "70000"], "not a port"),
    (["serve", "--session-ttl", "0"], "more than 0"),
    (["serve", "--max-sessions", "lots"], "not a number"),
])
def test_bad_options_are_explained(argv, complaint, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert complaint in capsys.readouterr().err


def test_serve_answers_over_http_and_stops_cleanly():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "--content", str(REPO), "serve", "--port", str(port), "--max-sessions", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=REPO,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        health = wait_for_health(base, proc)
        assert health["status"] == "ok" and health["sessions"]["max_sessions"] == 5
        request = urllib.request.Request(base + "/api/chat", data=json.dumps({"message": "my secret question about kadcyla"}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as r:
            assert json.loads(r.read())["entities"].get("drug") == "ado-trastuzumab-emtansine"
    finally:
        proc.terminate()
        output = proc.communicate(timeout=10)[0].decode()
    # uvicorn shuts down gracefully, then re-raises SIGTERM (exit status -15).
    assert proc.returncode in (0, -15) and "Finished server process" in output
    assert "POST /api/chat" in output  # the access log names the request ...
    assert "secret question" not in output  # ... but never its text
