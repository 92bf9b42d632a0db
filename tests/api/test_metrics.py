"""GET /metrics: Prometheus text format, every series her2bot_..., and the
counts it promises (requests, latency, replies by kind, feedback, sessions)."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from bot import Bot
from bot.channels.web.metrics import reply_label


def scrape(client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_every_series_is_named_her2bot(client):
    client.post("/api/chat", json={"message": "what is kadcyla"})
    names = {name for name, _ in scrape(client)}
    assert names and all(name.startswith("her2bot_") for name in names), sorted(names)


def test_requests_are_counted_by_route_method_and_status_and_timed(client):
    before = scrape(client)
    for _ in range(3):
        client.post("/api/chat", json={"message": "what is kadcyla"})
    client.post("/api/chat", json={"no": "message"})
    client.head("/healthz")
    client.get("/no/such/path/12345")
    after = scrape(client)
    key = dict(route="/api/chat", method="POST")
    assert value(after, "her2bot_http_requests_total", **key, status="200") - value(before, "her2bot_http_requests_total", **key, status="200") == 3
    assert value(after, "her2bot_http_requests_total", **key, status="422") == value(before, "her2bot_http_requests_total", **key, status="422") + 1
    assert value(after, "her2bot_http_requests_total", route="/healthz", method="HEAD", status="200") >= 1
    assert value(after, "her2bot_http_requests_total", route="other", method="GET", status="404") >= 1  # no label per unknown path
    count = value(after, "her2bot_http_request_duration_seconds_count", route="/api/chat")
    assert count - value(before, "her2bot_http_request_duration_seconds_count", route="/api/chat") == 4
    assert value(after, "her2bot_http_request_duration_seconds_bucket", route="/api/chat", le="+Inf") == count


def test_replies_are_counted_by_kind_as_the_engine_labels_them(client, bot: Bot):
    messages = ["what is kadcyla", "what is the capital of peru", "I want to end my life", "I have chest pain now",
                "should I stop taking herceptin", "thanks", "how is it given"]
    expected: dict[str, int] = {}
    for message in messages:
        reply, _ = bot.respond(message)
        label = reply_label(reply.to_dict())
        expected[label] = expected.get(label, 0) + 1
    assert len(expected) >= 5  # the set covers several kinds (fallback, crisis, emergency, decision, clarify...)
    before = scrape(client)
    for message in messages:
        client.post("/api/chat", json={"message": message})
    after = scrape(client)
    for label, n in expected.items():
        assert value(after, "her2bot_replies_total", kind=label) - value(before, "her2bot_replies_total", kind=label) == n, label


def test_reply_label_rules():
    assert reply_label({"kind": "question", "intent": "clarify", "fallback": False}) == "clarify"
    assert reply_label({"kind": "question", "intent": None, "fallback": True}) == "fallback"
    assert reply_label({"kind": "off_topic", "intent": None, "fallback": True}) == "fallback"
    assert reply_label({"kind": "crisis", "intent": "crisis", "fallback": True}) == "crisis"
    assert reply_label({"kind": "symptom_report", "intent": "x", "fallback": False}) == "symptom_report"


def test_sessions_started_and_held_are_counted(client):
    before = scrape(client)
    sid = client.post("/api/chat", json={"message": "what is kadcyla"}).json()["session_id"]
    client.post("/api/chat", json={"message": "how is it given", "session_id": sid})
    client.post("/webhooks/rest/webhook", json={"sender": "desk-9", "message": "hi"})
    after = scrape(client)
    assert value(after, "her2bot_sessions_started_total", channel="chat") - value(before, "her2bot_sessions_started_total", channel="chat") == 1
    assert value(after, "her2bot_sessions_started_total", channel="rasa") - value(before, "her2bot_sessions_started_total", channel="rasa") == 1
    assert value(after, "her2bot_sessions_active") == value(before, "her2bot_sessions_active") + 2


def test_feedback_hook_counts_by_intent_and_helpfulness(client):
    metrics = client.app.state.metrics
    metrics.record_feedback("drug_overview", True)
    metrics.record_feedback("drug_overview", True)
    metrics.record_feedback("drug_overview", False)
    metrics.record_feedback(None, False)
    after = scrape(client)
    assert value(after, "her2bot_feedback_total", intent="drug_overview", helpful="true") == 2
    assert value(after, "her2bot_feedback_total", intent="drug_overview", helpful="false") == 1
    assert value(after, "her2bot_feedback_total", intent="none", helpful="false") == 1
