"""POST /api/chat: the Reply contract over HTTP, sessions, expiry, the LRU cap."""

from __future__ import annotations

import re

from bot import Bot

KADCYLA = "ado-trastuzumab-emtansine"
CONTRACT = {"text", "kind", "intent", "confidence", "entities", "fallback", "suggestions", "sources", "citations", "disclaimer",
            "reply_id", "calls"}


def ask(client, message, session_id=None):
    response = client.post("/api/chat", json={"message": message, "session_id": session_id})
    assert response.status_code == 200, response.text
    return response.json()


def test_reply_is_the_engine_reply_plus_a_new_session(client, bot: Bot):
    data = ask(client, "does enhertu affect lungs?")
    expected, _ = bot.respond("does enhertu affect lungs?")
    assert set(data) == CONTRACT | {"session_id", "new_session"}
    assert {k: data[k] for k in CONTRACT} == expected.to_dict()
    assert data["new_session"] is True
    assert re.fullmatch(r"[A-Za-z0-9_-]{16,64}", data["session_id"])
    assert data["text"].endswith(data["disclaimer"])


def test_calls_name_the_numbers_the_reply_gives_in_its_order(client):
    """What the widget turns into tap-to-call links: crisis 988 then 911, emergency 911,
    a message in a script the bot can't read 911 then 988; an answer none."""
    cases = (("i want to kill myself", "crisis", ["988", "911"]), ("my dad collapsed and wont wake up", "emergency", ["911"]),
             ("我爸爸很不舒服怎么办", None, ["911", "988"]),  # "my dad feels very unwell, what should I do"
             ("what is kadcyla", "question", []))
    for message, kind, calls in cases:
        data = ask(client, message)
        assert data["calls"] == calls, (message, data["kind"])
        assert kind is None or data["kind"] == kind
        text = data["text"]
        assert [n for _, n in sorted((text.index(n), n) for n in calls)] == calls  # the text's order


def test_session_id_may_be_omitted(client):
    response = client.post("/api/chat", json={"message": "what is her2"})
    assert response.status_code == 200
    assert response.json()["new_session"] is True


def test_each_new_conversation_gets_its_own_id(client):
    ids = {ask(client, "what is her2")["session_id"] for _ in range(20)}
    assert len(ids) == 20


def test_follow_up_uses_the_session_context(client):
    first = ask(client, "what is kadcyla")
    assert first["entities"].get("drug") == KADCYLA
    second = ask(client, "how is it given", first["session_id"])
    assert second["session_id"] == first["session_id"]
    assert second["new_session"] is False
    assert second["entities"].get("drug") == KADCYLA
    assert "IV" in second["text"]


def test_two_sessions_do_not_share_context(client):
    a = ask(client, "what is kadcyla")
    b = ask(client, "what is tukysa")
    b2 = ask(client, "how is it given", b["session_id"])
    a2 = ask(client, "how is it given", a["session_id"])
    assert a2["entities"].get("drug") == KADCYLA and "IV" in a2["text"]
    assert b2["entities"].get("drug") != KADCYLA and "IV" not in b2["text"]
    # A third user who never named a drug is asked which one they mean.
    c = ask(client, "how is it given")
    assert c["entities"] == {}
    assert "Which drug" in c["text"]
    assert "Kadcyla" in c["suggestions"]


def test_session_expires_after_inactivity(make_client, clock):
    client = make_client(ttl=60)
    first = ask(client, "what is kadcyla")
    clock.advance(59)
    kept = ask(client, "how is it given", first["session_id"])  # in time, and restarts the timer
    assert kept["new_session"] is False and "IV" in kept["text"]
    clock.advance(59)
    assert ask(client, "what is kadcyla", first["session_id"])["new_session"] is False
    clock.advance(61)
    late = ask(client, "how is it given", first["session_id"])
    assert late["new_session"] is True
    assert late["session_id"] != first["session_id"]
    assert late["entities"] == {} and "Which drug" in late["text"]
    sessions = client.get("/healthz").json()["sessions"]
    assert sessions["expired"] == 1


def test_least_recently_used_session_is_dropped_at_the_cap(make_client):
    client = make_client(max_sessions=2)
    a = ask(client, "what is kadcyla")["session_id"]
    b = ask(client, "what is kadcyla")["session_id"]
    ask(client, "what is her2", a)  # a is now more recent than b
    c = ask(client, "what is kadcyla")["session_id"]  # third session: b goes
    assert client.get("/healthz").json()["sessions"]["sessions"] == 2
    assert ask(client, "how is it given", a)["new_session"] is False
    assert ask(client, "how is it given", c)["new_session"] is False
    dropped = ask(client, "how is it given", b)
    assert dropped["new_session"] is True and "Which drug" in dropped["text"]
    assert client.get("/healthz").json()["sessions"]["evicted"] >= 1


def test_unknown_but_well_formed_session_id_starts_a_new_session(client):
    data = ask(client, "how is it given", "A" * 22)
    assert data["new_session"] is True
    assert data["session_id"] != "A" * 22


def test_long_message_is_cut_with_a_note_like_the_cli(client, bot: Bot):
    message = "what is kadcyla " + "very " * 1000  # over 2,000 characters, under 16 KB
    data = ask(client, message)
    expected, _ = bot.respond(message)
    assert data["text"] == expected.text
    assert "2000" in data["text"] or "2,000" in data["text"]


def test_reply_cache_gives_the_same_answers_as_the_engine(make_client, bot: Bot):
    cached = make_client(reply_cache=64)
    uncached = make_client(reply_cache=0)
    for _ in range(3):  # repeated questions are served from the cache
        for question in ("what is kadcyla", "how is it given", "can it be cured", "<b>hi</b>"):
            one = ask(cached, question)
            two = ask(uncached, question)
            assert {k: one[k] for k in CONTRACT} == {k: two[k] for k in CONTRACT}
    stats = cached.get("/healthz").json()["reply_cache"]
    assert stats["hits"] >= 8 and stats["entries"] <= 64
    assert uncached.get("/healthz").json()["reply_cache"]["entries"] == 0
    s = ask(cached, "what is kadcyla")["session_id"]
    assert "IV" in ask(cached, "how is it given", s)["text"]
