"""Scale-out as deployed: several real `her2bot serve` processes sharing one
real redis-server, a conversation's turns going to different processes, and
Redis stopped and started again under them."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KADCYLA = "ado-trastuzumab-emtansine"
ENHERTU = "trastuzumab-deruxtecan"


def wait_for(predicate, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.1)


def test_two_processes_share_one_conversation_and_keep_sessions_apart(redis_server, serve):
    a = serve("--sessions", redis_server.url)
    b = serve("--sessions", redis_server.url)
    assert a.health()["sessions"]["backend"] == b.health()["sessions"]["backend"] == "redis"

    first = a.chat("what is kadcyla")
    sid = first["session_id"]
    given = b.chat("how is it given", sid)                      # the next turn lands on the other process
    assert given["session_id"] == sid and given["new_session"] is False
    assert given["entities"]["drug"] == KADCYLA and "IV" in given["text"]

    other = b.chat("what is enhertu")                            # a second conversation, started on B
    assert other["session_id"] != sid
    other_given = a.chat("what are the side effects", other["session_id"])
    assert other_given["entities"]["drug"] == ENHERTU

    back = a.chat("is it a pill", sid)                           # the first one still has its own drug
    assert back["entities"]["drug"] == KADCYLA
    assert b.chat("how is it given", other["session_id"])["entities"]["drug"] == ENHERTU


def test_redis_outage_mid_conversation_then_recovery(redis_server, serve):
    a = serve("--sessions", redis_server.url)
    b = serve("--sessions", redis_server.url)
    sid = a.chat("what is kadcyla")["session_id"]
    assert b.chat("how is it given", sid)["entities"]["drug"] == KADCYLA

    redis_server.stop()
    # Replies keep coming (Server.chat asserts 200 on every one), without context, and say so.
    replies = [server.chat(message, sid) for server in (a, b, a, b) for message in ("how is it given", "what is kadcyla")]
    assert all(r["context_lost"] is True and r["new_session"] for r in replies)
    assert all(r["session_id"] != sid for r in replies)         # a fresh id: the old context must not come back
    assert "Which drug do you mean?" in replies[0]["text"]     # the follow-up had no context to lean on
    assert all(r["disclaimer"] in r["text"] for r in replies)
    for server in (a, b):
        health = server.health()                                 # 200, and says what is wrong
        assert health["status"] == "degraded" and health["sessions"]["status"] == "degraded"

    redis_server.start()                                         # same port, no data (no persistence)
    for server in (a, b):
        wait_for(lambda: server.health()["sessions"]["status"] == "ok")
    first = b.chat("what is kadcyla", replies[-1]["session_id"])
    assert "context_lost" not in first
    again = a.chat("how is it given", first["session_id"])
    assert again["new_session"] is False and again["entities"]["drug"] == KADCYLA and "IV" in again["text"]

    for server in (a, b):
        log = server.output()
        assert log.count("is unreachable") == 1, log             # once per outage, not once per request
        assert log.count("is reachable again") == 1, log
        assert "what is kadcyla" not in log and "how is it given" not in log  # no message text in logs


def test_a_session_answered_during_a_blip_starts_fresh_afterwards(redis_server, serve):
    """Redis stops answering for a moment (CLIENT PAUSE, data kept). The turn
    during the blip says it lost the context; afterwards that conversation
    starts afresh (under the new id, and under the old one too) instead of
    resuming the older context. A conversation not used during the blip keeps
    its context."""
    import redis

    a = serve("--sessions", redis_server.url)
    b = serve("--sessions", redis_server.url)
    sid = a.chat("what is kadcyla")["session_id"]
    idle = b.chat("what is enhertu")["session_id"]
    client = redis.Redis.from_url(redis_server.url)
    try:
        client.execute_command("CLIENT", "PAUSE", 2500, "ALL")
        during = a.chat("how is it given", sid)
        assert during["context_lost"] is True and during["new_session"] is True and during["session_id"] != sid
        assert "Which drug do you mean?" in during["text"]
        wait_for(lambda: a.health()["sessions"]["status"] == "ok")
        wait_for(lambda: b.health()["sessions"]["status"] == "ok")
    finally:
        client.close()
    for server, session in ((b, during["session_id"]), (b, sid)):  # the other process, both ids
        after = server.chat("how is it given", session)
        assert "context_lost" not in after and after["new_session"] is True
        assert "drug" not in after["entities"] and "Which drug do you mean?" in after["text"]
    kept = a.chat("what are the side effects", idle)
    assert kept["new_session"] is False and kept["entities"]["drug"] == ENHERTU


def test_rasa_sender_answered_during_a_blip_starts_fresh_afterwards(redis_server, serve):
    import redis

    a = serve("--sessions", redis_server.url)
    status, first = a.request("POST", "/webhooks/rest/webhook", {"sender": "desk-7", "message": "what is kadcyla"})
    assert status == 200 and "context_lost" not in first[0]["custom"]
    client = redis.Redis.from_url(redis_server.url)
    try:
        client.execute_command("CLIENT", "PAUSE", 2500, "ALL")
        status, during = a.request("POST", "/webhooks/rest/webhook", {"sender": "desk-7", "message": "how is it given"})
        assert status == 200 and during[0]["custom"]["context_lost"] is True
        wait_for(lambda: a.health()["sessions"]["status"] == "ok")
    finally:
        client.close()
    status, after = a.request("POST", "/webhooks/rest/webhook", {"sender": "desk-7", "message": "how is it given"})
    assert status == 200 and "Which drug do you mean?" in after[0]["text"]  # not Kadcyla's older context


def test_workers_2_with_redis_runs_two_processes_sharing_context(redis_server, serve):
    server = serve("--workers", "2", "--sessions", redis_server.url)
    wait_for(lambda: server.output().count("Application startup complete") == 2, 30)  # both workers up
    assert server.output().count("Started server process") == 2
    sid = server.chat("what is kadcyla")["session_id"]
    for _ in range(6):  # each request is a new connection: whichever worker takes it, the context is there
        reply = server.chat("how is it given", sid)
        assert reply["entities"]["drug"] == KADCYLA and reply["new_session"] is False


def test_sessions_url_can_come_from_the_environment(redis_server, serve):
    server = serve(env={"HER2BOT_SESSIONS": redis_server.url})
    assert server.health()["sessions"]["backend"] == "redis"


@pytest.mark.parametrize("argv, env, complaint", [
    (["--workers", "2"], {}, "--workers 2 needs a shared session store"),
    (["--workers", "3", "--sessions", "memory"], {}, "--workers 3 needs a shared session store"),
    (["--sessions", "mysql://db/1"], {}, "must be 'memory' or a Redis URL"),
    ([], {"HER2BOT_SESSIONS": "redis://host:port/0"}, "$HER2BOT_SESSIONS: bad Redis URL"),
])
def test_bad_store_options_are_a_clear_error_with_status_2(argv, env, complaint):
    import os

    full_env = {k: v for k, v in os.environ.items() if k != "HER2BOT_SESSIONS"} | env
    done = subprocess.run([sys.executable, "-m", "bot", "serve", "--port", "9", *argv], capture_output=True,
                          text=True, cwd=REPO, env=full_env, timeout=30)
    assert done.returncode == 2
    assert complaint in done.stderr and "Traceback" not in done.stderr
