"""Slow and greedy clients against a real `her2bot serve`, over real sockets:
a request that does not arrive in time gets 408 and the connection is
closed; past the connection cap a client gets a clean 503."""

from __future__ import annotations

import json
import socket
import time

import pytest

READ_TIMEOUT = 1.0


def connect(server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    sock.settimeout(10)
    return sock


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One HTTP response; returns (status, headers, body). Reads until the body is complete."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before a response: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed inside the body"
        body += chunk
    return status, headers, body


def closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    from serving import serving_processes

    with serving_processes(tmp_path_factory.mktemp("slow")) as start:
        yield start("--read-timeout", str(READ_TIMEOUT), "--max-connections", "4")


def test_body_that_never_arrives_gets_408_and_the_connection_is_closed(guarded):
    sock = connect(guarded)
    try:
        # Announce 16 KB, send 13 bytes, then nothing (the attack from the issue).
        sock.sendall(b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 16000\r\n\r\n{\"message\": ")
        status, headers, body = read_response(sock)
        assert status == 408
        assert headers["content-type"] == "application/json" and headers["connection"] == "close"
        assert json.loads(body)["error"] == "request_timeout"
        assert closed_by_server(sock)
    finally:
        sock.close()


def test_headers_sent_a_byte_at_a_time_get_408(guarded):
    sock = connect(guarded)
    try:
        started = time.monotonic()
        request = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
        for byte in request:  # slowloris: keep the connection busy, never finish the headers
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                break
            time.sleep(0.05)
            if time.monotonic() - started > READ_TIMEOUT * 4:
                break
        status, _, body = read_response(sock)
        assert status == 408 and json.loads(body)["error"] == "request_timeout"
        assert closed_by_server(sock)
    finally:
        sock.close()


def test_a_connection_that_sends_nothing_is_closed(guarded):
    sock = connect(guarded)
    try:
        status, _, _ = read_response(sock)
        assert status == 408
        assert closed_by_server(sock)
    finally:
        sock.close()


def test_a_prompt_client_on_the_same_server_is_answered(guarded):
    sock = connect(guarded)
    try:
        for _ in range(3):  # keep-alive: the timer restarts with each request
            body = json.dumps({"message": "what is kadcyla"}).encode()
            sock.sendall(b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            status, _, reply = read_response(sock)
            assert status == 200 and json.loads(reply)["entities"]["drug"] == "ado-trastuzumab-emtansine"
            time.sleep(READ_TIMEOUT * 0.6)  # idle between requests, under the keep-alive limit
    finally:
        sock.close()


def test_past_the_connection_cap_a_new_client_gets_503_json(guarded):
    held = [connect(guarded) for _ in range(4)]  # the cap is 4 open connections
    try:
        time.sleep(0.2)
        extra = connect(guarded)
        try:
            extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            status, headers, body = read_response(extra)
            assert status == 503 and headers["retry-after"] == "1"
            assert json.loads(body)["error"] == "over_capacity"
            assert closed_by_server(extra)
        finally:
            extra.close()
    finally:
        for sock in held:
            sock.close()
    deadline = time.monotonic() + 10
    while True:  # the held ones are gone: room again, once the server has seen them close
        sock = connect(guarded)
        try:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            status = read_response(sock)[0]
        finally:
            sock.close()
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert status == 200


def refused_counts(server) -> dict[str, float]:
    from prometheus_client.parser import text_string_to_metric_families

    sock = connect(server)
    try:
        sock.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        status, _, body = read_response(sock)
    finally:
        sock.close()
    assert status == 200
    counts = {"read_timeout": 0.0, "capacity": 0.0}
    for family in text_string_to_metric_families(body.decode()):
        if family.name == "her2bot_connections_refused":
            for sample in family.samples:
                if sample.name.endswith("_total"):
                    counts[sample.labels["reason"]] = sample.value
    return counts


def test_guard_refusals_are_counted_in_metrics(guarded):
    before = refused_counts(guarded)
    sock = connect(guarded)
    try:
        assert read_response(sock)[0] == 408  # sent nothing
    finally:
        sock.close()
    after = refused_counts(guarded)
    assert after["read_timeout"] == before["read_timeout"] + 1
    assert after["capacity"] == before["capacity"]
