"""The API docs pages in a real browser: Swagger UI (/docs) and ReDoc (/redoc)
render from files the server itself serves, under their Content-Security-Policy,
and the browser asks no other host for anything."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest

if os.environ.get("HER2BOT_REQUIRE_SYSTEM_TESTS") != "1":
    pytest.importorskip("playwright", reason="the playwright package is not installed")
from playwright.sync_api import Page, expect  # noqa: E402

CSP_VIOLATIONS = """() => { window.__csp = [];
  document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); }"""


def watch(page: Page) -> tuple[list[str], list[str]]:
    hosts: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: hosts.append(urlsplit(request.url.removeprefix("blob:")).netloc))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.add_init_script(CSP_VIOLATIONS.replace("() => {", "(() => {", 1) + ")()")
    return hosts, errors


@pytest.mark.parametrize("path, rendered", [
    ("/docs", ".opblock-summary-path[data-path='/api/chat']"),
    ("/redoc", "h2:has-text('Send one message, get the bot')"),
])
def test_docs_render_offline_under_their_csp(page: Page, server: str, path: str, rendered: str):
    hosts, errors = watch(page)
    page.goto(server + path)
    expect(page.locator(rendered).first).to_be_visible(timeout=20_000)
    own = urlsplit(server).netloc
    assert hosts and set(hosts) <= {own, ""}, hosts      # "" : data: URLs
    assert page.evaluate("() => window.__csp") == []
    assert not [e for e in errors if "Content Security Policy" in e], errors
