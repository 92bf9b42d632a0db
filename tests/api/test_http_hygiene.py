"""What a real `her2bot serve` sends over real sockets: HEAD wherever GET,
caching and security headers, error JSON for malformed HTTP and refused CORS
preflights, an access log without query strings, API docs from the package."""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.request
from html.parser import HTMLParser

import pytest

ORIGIN = "https://help.example.org"
GET_PATHS = ["/", "/healthz", "/metrics", "/widget.js", "/docs", "/redoc", "/openapi.json",
             "/static/docs/swagger-ui-bundle.js"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from serving import serving_processes

    with serving_processes(tmp_path_factory.mktemp("hygiene")) as start:
        yield start("--allow-origin", ORIGIN)


def raw_exchange(server, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read until the server closes or the response is complete."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while True:
            head, sep, body = data.partition(b"\r\n\r\n")
            if sep:
                length = re.search(rb"(?i)content-length:\s*(\d+)", head)
                if length and len(body) >= int(length.group(1)):
                    break
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    return int(lines[0].split(" ")[1]), headers, body


def fetch(server, method: str, path: str, headers: dict[str, str] | None = None, body: bytes | None = None):
    request = urllib.request.Request(server.base + path, method=method, headers=headers or {}, data=body)
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


@pytest.mark.parametrize("path", GET_PATHS)
def test_head_is_answered_wherever_get_is(server, path):
    get_status, get_headers, get_body = fetch(server, "GET", path)
    head_status, head_headers, head_body = fetch(server, "HEAD", path)
    assert get_status == head_status == 200
    assert head_body == b"" and get_body
    assert head_headers["content-type"] == get_headers["content-type"]
    if path in ("/healthz", "/metrics"):  # counts change between the two requests
        assert int(head_headers["content-length"]) > 0
    else:
        assert int(head_headers["content-length"]) == len(get_body)


@pytest.mark.parametrize("method, path, body", [
    ("POST", "/api/chat", b'{"message": "what is kadcyla"}'),
    ("POST", "/webhooks/rest/webhook", b'{"sender": "s", "message": "hi"}'),
    ("POST", "/api/chat", b"{"),                     # errors too
    ("GET", "/healthz", None),
    ("GET", "/nowhere", None),
])
def test_api_answers_are_never_cached(server, method, path, body):
    status, headers, _ = fetch(server, method, path, {"Content-Type": "application/json"}, body)
    assert status in (200, 400, 404)
    assert headers["cache-control"] == "no-store"
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/docs", "/redoc"])
def test_pages_have_a_content_security_policy(server, path):
    status, headers, _ = fetch(server, "GET", path)
    assert status == 200 and headers["content-type"].startswith("text/html")
    csp = headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [v for k, v in attrs.items() if k in ("src", "href", "spec-url") and v]
        self._in_script = tag == "script" and "src" not in attrs

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_reference_no_other_host_and_their_files_are_served(server, path):
    page = _Links()
    page.feed(fetch(server, "GET", path)[2].decode())
    assert page.urls and page.inline_scripts == 0
    for url in page.urls:
        assert "//" not in url, f"{path} references another host: {url}"
        status, headers, body = fetch(server, "GET", "/" + url.lstrip("/"))
        assert status == 200 and body, url
    bundles = [u for u in page.urls if u.endswith(".js")]
    assert bundles


def test_non_numeric_content_length_is_json_over_a_real_socket(server):
    status, headers, body = raw_exchange(
        server, b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}")
    assert status == 400 and headers["content-type"] == "application/json"
    assert json.loads(body)["error"] == "bad_content_length"


def test_garbage_instead_of_http_is_json(server):
    status, headers, body = raw_exchange(server, b"HELLO THERE\r\n\r\n")
    assert status == 400 and json.loads(body)["error"] == "bad_request"


@pytest.mark.parametrize("origin, method, request_headers", [
    ("https://evil.example", "POST", "content-type"),   # not an allowed origin
    (ORIGIN, "DELETE", "content-type"),                 # not an allowed method
    (ORIGIN, "POST", "x-secret"),                       # not an allowed header
])
def test_refused_cors_preflight_is_json(server, origin, method, request_headers):
    status, headers, body = fetch(server, "OPTIONS", "/api/chat", {
        "Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": request_headers})
    assert status == 400 and headers["content-type"] == "application/json"
    data = json.loads(body)
    assert data["error"] == "cors_refused" and data["detail"]


def test_allowed_cors_preflight_still_passes(server):
    status, headers, _ = fetch(server, "OPTIONS", "/api/chat", {
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert status == 200 and headers["access-control-allow-origin"] == ORIGIN


def test_access_log_has_method_path_status_and_time_but_no_query_string(server):
    secret = "my+secret+diagnosis"

    def logged() -> list[str]:
        return [line for line in server.output().splitlines() if "her2bot.access" in line and "POST /api/chat" in line]

    before = len(logged())
    status, _, _ = fetch(server, "POST", f"/api/chat?message={secret}&x=1", {"Content-Type": "application/json"},
                         b'{"message": "hi"}')
    assert status == 200
    deadline = time.monotonic() + 5
    while len(logged()) == before and time.monotonic() < deadline:  # the line is written just after the answer is sent
        time.sleep(0.05)
    lines = logged()
    assert len(lines) == before + 1, server.output()[-2000:]
    assert re.search(r"her2bot\.access\[\d+\]: POST /api/chat 200 \d+\.\d ms$", lines[-1])
    assert "secret" not in server.output() and "?" not in lines[-1]
    assert "127.0.0.1" not in lines[-1]                     # no client address either
