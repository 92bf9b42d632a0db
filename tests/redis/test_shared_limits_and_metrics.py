"""With a real redis-server: the rate limit is shared by every process,
/metrics totals every --workers process, and each process talks to Redis
over one pipelined connection."""

from __future__ import annotations

import asyncio
import json
import re
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from prometheus_client.parser import text_string_to_metric_families

from bot.channels.redis_store import RedisSessionStore

LIMIT = 6


def metric(server, name: str, **labels: str) -> float:
    with urllib.request.urlopen(server.base + "/metrics", timeout=10) as r:
        text = r.read().decode()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


def test_two_processes_share_one_rate_limit_through_redis(redis_server, raw, serve):
    a = serve("--sessions", redis_server.url, "--rate-limit", str(LIMIT))
    b = serve("--sessions", redis_server.url, "--rate-limit", str(LIMIT))
    codes = [(a if i % 2 else b).request("POST", "/api/chat", {"message": "hi"})[0] for i in range(LIMIT + 2)]
    assert codes == [200] * LIMIT + [429, 429]               # one bucket for the client, whichever process answers
    status, body = a.request("POST", "/webhooks/rest/webhook", {"sender": "s", "message": "hi"})
    assert status == 429 and body["error"] == "rate_limited"
    keys = [k.decode() for k in raw.keys("her2bot:rate:*")]
    assert keys == ["her2bot:rate:127.0.0.1"] and 0 < raw.pttl(keys[0]) <= 60_000 // LIMIT * LIMIT + 1000


def test_while_redis_is_down_each_process_limits_on_its_own(redis_server, serve):
    a = serve("--sessions", redis_server.url, "--rate-limit", str(LIMIT))
    redis_server.stop()
    codes = [a.request("POST", "/api/chat", {"message": "hi"})[0] for _ in range(LIMIT + 1)]
    assert codes == [200] * LIMIT + [429]                    # neither refused nor unlimited


def test_metrics_total_every_worker(redis_server, serve):
    server = serve("--workers", "2", "--sessions", redis_server.url)
    deadline = time.monotonic() + 30
    while server.output().count("Application startup complete") < 2:
        assert time.monotonic() < deadline, server.output()
        time.sleep(0.1)
    n = 40

    def one(i: int) -> int:  # a new connection each: either worker may take it
        return server.request("POST", "/api/chat", {"message": f"what is kadcyla {i}"})[0]

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(one, range(n))) == {200}
    time.sleep(0.3)
    served_by = set(re.findall(r"her2bot\.access\[(\d+)\]: POST /api/chat 200", server.output()))
    assert len(served_by) == 2, "both workers should have answered some requests"
    seen = {metric(server, "her2bot_http_requests_total", route="/api/chat", method="POST", status="200")
            for _ in range(6)}
    assert seen == {float(n)}                                # every scrape, from either worker: the total
    assert metric(server, "her2bot_sessions_started_total", channel="chat") == n


def test_one_connection_per_process_and_commands_share_round_trips(redis_server, raw):
    """Concurrent turns in one process go over one connection, many commands per write."""
    async def use() -> dict:
        store = RedisSessionStore(redis_server.url, 60, timeout=5.0)  # a busy CI machine is no outage
        try:
            await asyncio.gather(*(store.put(f"session{i:016d}", {"turns": i}) for i in range(200)))
            states = await asyncio.gather(*(store.get(f"session{i:016d}") for i in range(200)))
            assert [s["turns"] for s in states] == list(range(200))
            clients = [line for line in raw.client_list() if line["cmd"] != "client|list"]
            status = await store.status()
            status["connections"] = len(clients)
            return status
        finally:
            await store.close()

    with ThreadPoolExecutor(1) as pool:
        status = pool.submit(asyncio.run, use()).result()
    assert status["connections"] == 1
    assert status["commands"] >= 401 and status["round_trips"] <= 5  # 400 commands + a PING in a handful of writes


def test_a_turn_costs_one_command_for_a_first_message_and_two_for_a_follow_up(redis_server, raw, serve):
    server = serve("--sessions", redis_server.url)

    def calls() -> dict[str, int]:  # the server's commands, not this test's own CONFIG and INFO
        return {k: v["calls"] for k, v in raw.info("commandstats").items()
                if not k.startswith(("cmdstat_config", "cmdstat_info"))}

    raw.config_resetstat()
    sid = server.chat("what is kadcyla")["session_id"]
    first = calls()
    server.chat("how is it given", sid)
    second = calls()
    assert first == {"cmdstat_set": 1}
    assert {k: second[k] - first.get(k, 0) for k in second} == {"cmdstat_set": 1, "cmdstat_getex": 1}
    assert json.loads(raw.get("her2bot:session:" + sid))["drug"] == "ado-trastuzumab-emtansine"
