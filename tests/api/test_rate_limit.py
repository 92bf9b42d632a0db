"""--rate-limit against a real `her2bot serve` over real sockets: a token
bucket per client, 429 JSON with Retry-After past it, the client taken from
X-Forwarded-For only behind a --trusted-proxy; and the bucket itself."""

from __future__ import annotations

import asyncio
import threading
import urllib.error
import urllib.request

import pytest

from bot.channels.web.limits import MemoryBuckets

LIMIT = 5


def post(server, xff: str | None = None, path: str = "/api/chat"):
    headers = {"X-Forwarded-For": xff} if xff else {}
    body = {"message": "hi"} if path == "/api/chat" else {"sender": "s1", "message": "hi"}
    return server.request("POST", path, body, headers)


def statuses(server, n: int, xff: str | None = None) -> list[int]:
    return [post(server, xff)[0] for _ in range(n)]


def test_past_the_limit_a_client_gets_429_json_with_retry_after(serve):
    server = serve("--rate-limit", str(LIMIT))
    assert statuses(server, LIMIT) == [200] * LIMIT          # a burst up to the limit is fine
    status, body = post(server)
    assert status == 429 and body["error"] == "rate_limited" and str(LIMIT) in body["detail"]
    req = urllib.request.Request(server.base + "/webhooks/rest/webhook", method="POST",
                                 data=b'{"sender": "s", "message": "hi"}', headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:  # the webhook shares the client's bucket
        urllib.request.urlopen(req, timeout=10)
    retry_after = int(refused.value.headers["Retry-After"])
    assert 1 <= retry_after <= 60 // LIMIT + 1               # one token comes back every 12 s
    assert refused.value.headers["Content-Type"] == "application/json"
    assert server.request("GET", "/healthz")[0] == 200      # health checks are never limited
    with urllib.request.urlopen(server.base + "/metrics", timeout=10) as r:
        assert "her2bot_rate_limited_requests_total 2.0" in r.read().decode()


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(serve):
    server = serve("--rate-limit", str(LIMIT))
    # Each request claims another client: a spoofed header must not reset the bucket.
    codes = [post(server, xff=f"203.0.113.{i}")[0] for i in range(LIMIT + 2)]
    assert codes[:LIMIT] == [200] * LIMIT and codes[LIMIT:] == [429, 429]


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket(serve):
    server = serve("--rate-limit", str(LIMIT), "--trusted-proxy", "127.0.0.1")
    assert statuses(server, LIMIT, xff="203.0.113.7") == [200] * LIMIT
    assert post(server, xff="203.0.113.7")[0] == 429
    assert post(server, xff="198.51.100.9")[0] == 200        # another client behind the same proxy
    # The hop just before the trusted proxy counts, not what the client wrote in front of it.
    assert post(server, xff="10.9.9.9, 203.0.113.7")[0] == 429


def test_bad_trusted_proxy_is_a_clear_error(capsys):
    from bot.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--trusted-proxy", "proxy.example"])
    assert exit_info.value.code == 2 and "not an IP address or network" in capsys.readouterr().err


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_refills_at_the_rate_and_never_past_the_burst():
    clock = Clock()
    buckets = MemoryBuckets(60, clock=clock)               # 60 a minute: one token a second, burst 60
    loop = asyncio.new_event_loop()  # its own loop: another test may have left one running in this thread
    take = lambda client="a": asyncio.run_coroutine_threadsafe(buckets.take(client), loop).result(5)  # noqa: E731
    runner = threading.Thread(target=loop.run_forever, daemon=True)
    runner.start()
    assert [take() for _ in range(60)] == [0.0] * 60
    wait = take()
    assert wait == pytest.approx(1.0)                       # empty: the next token is a second away
    clock.now += 0.5
    assert take() == pytest.approx(0.5)
    clock.now += 0.5
    assert take() == 0.0                                    # refilled one token
    assert take("b") == 0.0                                 # clients are apart
    clock.now += 3600                                       # a long pause refills only up to the burst
    assert [take() for _ in range(60)] == [0.0] * 60 and take() > 0
    loop.call_soon_threadsafe(loop.stop)
    runner.join(5)
