"""The Redis session store against a real redis-server: keys, JSON, TTL,
expiry, bad stored data, outage and recovery; and the web app on top of it."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
from concurrent.futures import ThreadPoolExecutor
import warnings
from typing import Any, Awaitable, Callable, TypeVar

import pytest

from bot import Bot, State
from bot.channels.sessions import MemorySessionStore, StoreUnavailable, open_store
from bot.channels.redis_store import KEY_PREFIX, RedisSessionStore

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from bot.channels.web import Settings, create_app

T = TypeVar("T")
SID = "s3ssionAAAAAAAAAAAAAAA"
LOGGER = "her2bot.sessions"
# Where a test is not about timing, a busy CI machine must not turn a slow answer
# into an outage (the store's own default is 0.5 s).
PATIENT = 5.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(make_store: Callable[[], RedisSessionStore], use: Callable[[RedisSessionStore], Awaitable[T]]) -> T:
    """Run `use(store)` on a fresh event loop with a store made inside it, then close the store.
    The loop runs in its own thread: other tests (Playwright's sync API) may
    have left an event loop running in this one."""
    async def main() -> T:
        store = make_store()
        try:
            return await use(store)
        finally:
            await store.close()
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, main()).result()


def test_open_store_picks_the_backend_from_the_url(redis_server):
    assert isinstance(open_store(None), MemorySessionStore)
    assert isinstance(open_store("memory"), MemorySessionStore)
    store = open_store(redis_server.url, ttl_seconds=60)
    assert isinstance(store, RedisSessionStore) and store.ttl_seconds == 60
    for bad, complaint in [("mysql://db/1", "unsupported session store"), ("redis://", "names no host"),
                           ("redis://h:port/0", "bad Redis URL"), ("redis://h:6379/zero", "must be a number")]:
        with pytest.raises(ValueError, match=complaint):
            open_store(bad)


def test_state_round_trips_as_plain_json_under_a_namespaced_key(redis_server, raw, bot: Bot):
    _, state = bot.respond("what is kadcyla", None)
    saved = state.to_dict()

    async def use(store: RedisSessionStore) -> dict[str, Any] | None:
        await store.put(SID, saved)
        return await store.get(SID)

    back = run(lambda: RedisSessionStore(redis_server.url, 60, timeout=PATIENT), use)
    assert back == saved and State.from_dict(back) == state
    assert json.loads(raw.get(KEY_PREFIX + SID)) == saved  # what another process (or language) reads
    assert raw.keys("*") == [(KEY_PREFIX + SID).encode()]


def test_unknown_session_is_none(redis_server):
    assert run(lambda: RedisSessionStore(redis_server.url, 60, timeout=PATIENT), lambda s: s.get("neverSeenBefore12345")) is None


def test_ttl_is_set_on_put_and_restarted_by_each_read_and_write(redis_server, raw):
    key = KEY_PREFIX + SID

    async def use(store: RedisSessionStore) -> list[int]:
        seen = []
        await store.put(SID, {"turns": 1})
        seen.append(raw.pttl(key))                 # set by put
        raw.pexpire(key, 5_000)                     # as if 1795 s had passed
        assert await store.get(SID) == {"turns": 1}
        seen.append(raw.pttl(key))                 # restarted by get (GETEX)
        raw.pexpire(key, 5_000)
        await store.put(SID, {"turns": 2})
        seen.append(raw.pttl(key))                 # restarted by put
        return seen

    ttl_ms = 1800 * 1000
    for pttl in run(lambda: RedisSessionStore(redis_server.url, 1800, timeout=PATIENT), use):
        assert ttl_ms - 60_000 < pttl <= ttl_ms


def test_session_expires_after_the_inactivity_timeout(redis_server, raw):
    async def use(store: RedisSessionStore) -> tuple[Any, Any]:
        await store.put(SID, {"turns": 1})
        await asyncio.sleep(0.9)
        kept = await store.get(SID)           # a use: the 1.5 s timer starts again ...
        await asyncio.sleep(0.9)
        still = await store.get(SID)          # ... so 1.8 s after the put it is still there
        await asyncio.sleep(1.8)              # 1.8 s idle: gone
        return (kept, still), await store.get(SID)

    (kept, still), after = run(lambda: RedisSessionStore(redis_server.url, 1.5, timeout=PATIENT), use)
    assert kept == still == {"turns": 1}
    assert after is None and raw.exists(KEY_PREFIX + SID) == 0  # Redis itself forgot it


@pytest.mark.parametrize("poison", ["json", "list", "wrongtype", "bytes"])
def test_bad_stored_data_is_a_new_conversation_logged_and_removed(redis_server, raw, caplog, poison):
    key = KEY_PREFIX + SID
    if poison == "json":
        raw.set(key, b'{"drug": "kadcyla", "secret patient text')
    elif poison == "list":
        raw.set(key, b"[1, 2, 3]")
    elif poison == "bytes":
        raw.set(key, b"\xff\xfe\x00garbage")
    else:
        raw.rpush(key, "a", "b")

    async def use(store: RedisSessionStore) -> tuple[Any, dict[str, Any]]:
        return await store.get(SID), await store.status()

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        got, status = run(lambda: RedisSessionStore(redis_server.url, 60, timeout=PATIENT), use)
    assert got is None
    assert status["status"] == "ok" and status["bad_records"] == 1  # bad data is not an outage
    assert raw.exists(key) == 0
    messages = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert len(messages) == 1 and "discarding stored state of session s3ssi" in messages[0]
    assert "secret" not in messages[0] and SID not in messages[0]  # content and full id stay out of the log


def test_outage_is_survived_logged_once_and_recovered_from_without_restart(redis_server, caplog):
    async def use(store: RedisSessionStore) -> None:
        await store.put(SID, {"turns": 1})
        redis_server.stop()
        for _ in range(5):
            with pytest.raises(StoreUnavailable):  # the web layer answers without context and says so
                await store.get(SID)
            with pytest.raises(StoreUnavailable):
                await store.put(SID, {"turns": 9})
            await asyncio.sleep(0.06)            # crosses several 0.1 s retry windows
        status = await store.status()
        assert status["status"] == "degraded" and status["outages"] == 1 and "ConnectionRefusedError" in status["error"]
        redis_server.start()                     # same port, empty (no persistence)
        await asyncio.sleep(0.15)
        status = await store.status()            # /healthz notices the recovery by itself
        assert status["status"] == "ok" and "error" not in status
        await store.put(SID, {"turns": 2})
        assert await store.get(SID) == {"turns": 2}

    with caplog.at_level(logging.INFO, logger=LOGGER):
        run(lambda: RedisSessionStore(redis_server.url, 60, timeout=PATIENT, retry_after=0.1), use)
    records = [r for r in caplog.records if r.name == LOGGER]
    assert [r.levelname for r in records] == ["ERROR", "WARNING"]  # once down, once back: not per request
    assert "unreachable" in records[0].getMessage() and "reachable again" in records[1].getMessage()


def test_a_session_written_during_an_outage_does_not_resume_its_older_state(redis_server, raw):
    """Redis stops answering (CLIENT PAUSE keeps the data): a save that fails
    then must not let the older saved state come back once Redis answers."""
    other = "otherSessionAAAAAAAAAAA"

    async def use(store: RedisSessionStore) -> tuple[Any, Any]:
        await store.put(SID, {"turns": 1})
        await store.put(other, {"turns": 5})
        raw.execute_command("CLIENT", "PAUSE", 1500, "ALL")
        with pytest.raises(StoreUnavailable):
            await store.put(SID, {"turns": 2})       # times out after 1 s: not saved
        await asyncio.sleep(0.8)                     # the pause is over
        return await store.get(SID), await store.get(other)

    mine, untouched = run(lambda: RedisSessionStore(redis_server.url, 60, timeout=1.0, retry_after=0.1), use)
    assert mine is None                              # starts afresh, not from {"turns": 1}
    assert untouched == {"turns": 5}                 # a session not used during the outage keeps its context
    assert raw.exists(KEY_PREFIX + SID) == 0


def test_unreachable_at_start_is_degraded_not_fatal(caplog):
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there

    async def use(store: RedisSessionStore) -> dict[str, Any]:
        for call in (store.get(SID), store.put(SID, {"turns": 1}), store.delete(SID)):
            with pytest.raises(StoreUnavailable):
                await call
        return await store.status()

    with caplog.at_level(logging.INFO, logger=LOGGER):
        status = run(lambda: RedisSessionStore(url, 60), use)
    assert status["status"] == "degraded" and status["server"] == url
    assert len([r for r in caplog.records if r.name == LOGGER]) == 1


def test_password_in_the_url_is_used_and_never_shown(redis_server, raw, caplog):
    raw.config_set("requirepass", "hunter2secret")
    good = f"redis://:hunter2secret@127.0.0.1:{redis_server.port}/0"
    wrong = f"redis://:wrongsecret@127.0.0.1:{redis_server.port}/0"

    with caplog.at_level(logging.INFO, logger=LOGGER):
        ok = run(lambda: RedisSessionStore(good, 60, timeout=PATIENT), lambda s: s.status())
        refused = run(lambda: RedisSessionStore(wrong, 60), lambda s: s.status())
    assert ok["status"] == "ok" and refused["status"] == "degraded"
    shown = json.dumps([ok, refused]) + caplog.text
    assert "hunter2secret" not in shown and "wrongsecret" not in shown
    assert ok["server"] == f"redis://127.0.0.1:{redis_server.port}/0"


# ---------------------------------------------------------------- the app on the Redis store
def _client(bot: Bot, url: str, ttl: float = 1800) -> TestClient:
    return TestClient(create_app(bot, Settings(sessions_url=url, session_ttl=ttl)), raise_server_exceptions=False)


def test_app_keeps_context_in_redis_and_healthz_shows_the_store(redis_server, raw, bot: Bot):
    with _client(bot, redis_server.url) as client:
        first = client.post("/api/chat", json={"message": "what is kadcyla"}).json()
        second = client.post("/api/chat", json={"message": "how is it given", "session_id": first["session_id"]}).json()
        health = client.get("/healthz").json()
    assert second["new_session"] is False and second["entities"]["drug"] == "ado-trastuzumab-emtansine"
    assert "IV" in second["text"]
    assert raw.exists(KEY_PREFIX + first["session_id"]) == 1
    assert health["status"] == "ok" and health["sessions"]["backend"] == "redis" and health["sessions"]["status"] == "ok"


def test_app_answers_a_corrupt_session_as_a_new_conversation(redis_server, raw, bot: Bot):
    with _client(bot, redis_server.url) as client:
        sid = client.post("/api/chat", json={"message": "what is kadcyla"}).json()["session_id"]
        raw.set(KEY_PREFIX + sid, b"{corrupt")
        reply = client.post("/api/chat", json={"message": "how is it given", "session_id": sid})
        wrong_shape = client.post("/webhooks/rest/webhook", json={"sender": "rasa-user", "message": "hi"})
        raw.set(KEY_PREFIX + "rasa:rasa-user", json.dumps({"drug": 42}))  # JSON, but not a state
        rasa = client.post("/webhooks/rest/webhook", json={"sender": "rasa-user", "message": "how is it given"})
    assert reply.status_code == 200 and reply.json()["new_session"] is True
    assert "drug" not in reply.json()["entities"]  # no context: it asks which drug
    assert wrong_shape.status_code == 200 and rasa.status_code == 200


def test_app_without_redis_answers_and_reports_degraded(bot: Bot):
    with _client(bot, f"redis://127.0.0.1:{free_port()}/0") as client:
        replies = [client.post("/api/chat", json={"message": m}) for m in ("what is kadcyla", "how is it given")]
        health = client.get("/healthz")
    assert [r.status_code for r in replies] == [200, 200]
    assert all(r.json()["new_session"] for r in replies)
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["sessions"]["backend"] == "redis" and health.json()["sessions"]["status"] == "degraded"
