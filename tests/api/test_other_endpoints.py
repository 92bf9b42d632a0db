"""The Rasa webhook, /healthz, CORS, OpenAPI, the widget and the demo page."""

from __future__ import annotations

import re

from bot import Bot

WEBHOOK = "/webhooks/rest/webhook"


def rasa(client, sender, message):
    response = client.post(WEBHOOK, json={"sender": sender, "message": message})
    assert response.status_code == 200, response.text
    messages = response.json()
    assert isinstance(messages, list) and len(messages) == 1
    return messages[0]


def test_rasa_message_shape_matches_the_reply(client, bot: Bot):
    msg = rasa(client, "visitor-1", "does enhertu affect lungs?")
    reply, _ = bot.respond("does enhertu affect lungs?")
    assert set(msg) == {"recipient_id", "text", "buttons", "custom"}
    assert msg["recipient_id"] == "visitor-1"
    assert msg["text"] == reply.text
    assert msg["buttons"] == [{"title": s, "payload": s} for s in reply.suggestions]
    assert msg["buttons"], "this question has follow-up suggestions"
    assert msg["custom"] == {"kind": reply.kind, "intent": reply.intent, "confidence": reply.confidence, "fallback": reply.fallback,
                             "citations": [c.to_dict() for c in reply.citations]}
    assert msg["custom"]["citations"], "this answer names where on the sheet it comes from"


def test_rasa_fallback_is_flagged(client):
    msg = rasa(client, "visitor-1", "what is the capital of peru")
    assert msg["custom"]["fallback"] is True
    assert "1-877-465-6636" in msg["text"]


def test_rasa_crisis_and_emergency_replies_carry_call_buttons(client):
    crisis = rasa(client, "visitor-9", "i want to kill myself")
    assert crisis["custom"]["kind"] == "crisis"
    links = [(b["title"], b["url"]) for b in crisis["buttons"] if b.get("url")]
    assert ("Call 911", "tel:911") in links and any(url == "tel:988" for _, url in links)
    assert any(url == "sms:988" for _, url in links)
    assert crisis["buttons"][0]["url"] == "tel:988"                  # 988 first, as in the text
    emergency = rasa(client, "visitor-10", "i cant breathe")
    assert emergency["custom"]["kind"] == "emergency"
    assert emergency["buttons"][0] == {"title": "Call 911", "payload": "tel:911", "url": "tel:911", "type": "web_url"}
    assert "911" in emergency["text"]


def test_rasa_reply_to_a_message_it_cannot_read_carries_911_and_988_then_a_person(client):
    msg = rasa(client, "visitor-13", "我爸爸很不舒服怎么办")   # "my dad feels very unwell, what should I do"
    links = [b["url"] for b in msg["buttons"] if b.get("url")]
    assert links == ["tel:911", "tel:988", "sms:988", "tel:+18774656636"]
    assert msg["custom"]["fallback"] is True


def test_rasa_fallback_offers_a_person(client, bot: Bot):
    msg = rasa(client, "visitor-11", "what is the capital of peru")
    first = msg["buttons"][0]
    assert first["url"] == "tel:+18774656636" and bot.content.helpline.phone in first["title"]
    assert [b["payload"] for b in msg["buttons"][1:]] == list(bot.respond("what is the capital of peru")[0].suggestions)
    plain = rasa(client, "visitor-12", "what is kadcyla")
    assert not any("url" in b for b in plain["buttons"])              # ordinary answers: suggestions only


def test_rasa_sender_keeps_context_and_senders_are_isolated(client):
    rasa(client, "alice", "what is kadcyla")
    assert "IV" in rasa(client, "alice", "how is it given")["text"]
    assert "Which drug" in rasa(client, "bob", "how is it given")["text"]


def test_rasa_sender_and_chat_session_ids_do_not_collide(client):
    sid = client.post("/api/chat", json={"message": "what is kadcyla"}).json()["session_id"]
    assert "Which drug" in rasa(client, sid, "how is it given")["text"]


def test_a_button_payload_sent_back_is_answered(client):
    first = rasa(client, "carol", "does enhertu affect lungs?")
    payload = first["buttons"][0]["payload"]
    second = rasa(client, "carol", payload)
    assert second["custom"]["fallback"] is False
    assert second["custom"]["intent"]


def test_healthz(client, bot: Bot):
    data = client.get("/healthz").json()
    assert data["status"] == "ok"
    assert data["content"] == bot.summary()
    assert data["content"]["intents"] > 0 and data["content"]["drugs"] > 0
    assert data["sessions"]["backend"] == "memory" and data["sessions"]["status"] == "ok"
    before = data["sessions"]["sessions"]
    client.post("/api/chat", json={"message": "hi"})
    assert client.get("/healthz").json()["sessions"]["sessions"] == before + 1


def test_openapi_documents_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/chat", WEBHOOK, "/healthz"} <= set(spec["paths"])
    chat = spec["paths"]["/api/chat"]["post"]
    body = chat["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["message"]
    assert {"200", "400", "413", "415", "422"} <= set(chat["responses"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_cors_allows_only_the_listed_origins(make_client):
    client = make_client(allow_origins=["https://help.example.org"])
    ok = client.post("/api/chat", json={"message": "hi"}, headers={"Origin": "https://help.example.org"})
    assert ok.headers["access-control-allow-origin"] == "https://help.example.org"
    other = client.post("/api/chat", json={"message": "hi"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = client.options("/api/chat", headers={
        "Origin": "https://help.example.org",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    })
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://help.example.org"
    too_big = client.post("/api/chat", content=b"x" * 20_000, headers={"Origin": "https://help.example.org", "Content-Type": "application/json"})
    assert too_big.status_code == 413  # errors carry CORS headers too, so the widget can read them
    assert too_big.headers["access-control-allow-origin"] == "https://help.example.org"


def test_no_cors_headers_without_allow_origin(client):
    response = client.post("/api/chat", json={"message": "hi"}, headers={"Origin": "https://help.example.org"})
    assert "access-control-allow-origin" not in response.headers


def test_widget_script_is_served_as_javascript(client):
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert "attachShadow" in response.text


def test_demo_page_embeds_the_widget_with_one_tag(client):
    response = client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    tags = re.findall(r"<script\b[^>]*>", response.text)
    assert len(tags) == 1
    assert 'src="/widget.js"' in tags[0] and "data-api=" in tags[0] and "defer" in tags[0]
