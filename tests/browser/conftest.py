"""Browser-test fixtures: the real server (`her2bot serve` in a subprocess on a
free loopback port) and Debian's chromium driven by Playwright.

Playwright's own browser download is never used. Without /usr/bin/chromium
(or the playwright package) the tests skip with a reason, unless
HER2BOT_REQUIRE_SYSTEM_TESTS=1 is set (CI), where they fail instead.
"""

from __future__ import annotations

import http.server
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator

import pytest
from serving import ServerDidNotStart, wait_for_health

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
UNANSWERED = ARTIFACTS / "unanswered.sqlite"  # the server's --record-unanswered store


def _unavailable(reason: str) -> None:
    if os.environ.get("HER2BOT_REQUIRE_SYSTEM_TESTS") == "1":
        pytest.fail(f"{reason} (required: HER2BOT_REQUIRE_SYSTEM_TESTS=1); run `bash scripts/install-system-deps.sh`")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def helpdesk_port() -> int:
    """Port of a second loopback site (another origin) that embeds the widget.

    A different port on 127.0.0.1 is a different origin, so the widget's calls
    are cross-origin and need --allow-origin; being loopback too, Chromium's
    private-network rules don't get in the way as they would for a made-up
    public host name."""
    return free_port()


@pytest.fixture(scope="session")
def helpdesk_origin(server: str, helpdesk_port: int) -> Iterator[str]:
    """http://127.0.0.1:<port>/ serving an integrator's page with the one tag."""
    page = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Other helpdesk</title></head>'
            f'<body><main><h1>Another organisation\'s help page</h1></main>'
            f'<script src="{server}/widget.js" data-api="{server}" defer></script></body></html>').encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", helpdesk_port), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{helpdesk_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(helpdesk_port: int) -> Iterator[str]:
    """Base URL of a running `her2bot serve` (stopped after the session)."""
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    UNANSWERED.unlink(missing_ok=True)
    log = open(ARTIFACTS / "server.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "--content", str(REPO), "serve", "--port", str(port),
         "--allow-origin", f"http://127.0.0.1:{helpdesk_port}", "--no-access-log",
         "--record-unanswered", str(UNANSWERED)],
        stdout=log, stderr=subprocess.STDOUT, cwd=REPO,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for_health(base, proc)
        except ServerDidNotStart as err:
            raise RuntimeError(f"{err}; see {ARTIFACTS / 'server.log'}") from None
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is not installed (Debian package chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()
