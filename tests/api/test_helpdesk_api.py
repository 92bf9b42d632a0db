"""The help-desk loop over HTTP: feedback on answers, a new conversation, the
sheet's questions for the doctor, the unanswered-question record and its
privacy rules, and the OpenAPI description of all of it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from bot import Bot
from bot.answer.doctor_questions import sheet_questions

METRIC = re.compile(r'^her2bot_feedback_total\{intent="([^"]*)",kind="([^"]*)",helpful="(true|false)"\} (\d+)$')


def chat(client, message, session_id=None):
    response = client.post("/api/chat", json={"message": message, "session_id": session_id})
    assert response.status_code == 200, response.text
    return response.json()


def rate(client, session_id, reply_id, helpful):
    return client.post("/api/feedback", json={"session_id": session_id, "reply_id": reply_id, "helpful": helpful})


def counts(client) -> dict[tuple[str, str, bool], int]:
    response = client.get("/metrics/feedback")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    found = {}
    for line in response.text.splitlines():
        if line.startswith("#"):
            continue
        intent, kind, helpful, n = METRIC.match(line).groups()
        found[(intent, kind, helpful == "true")] = int(n)
    return found


# ---------------------------------------------------------------- feedback
def test_feedback_is_counted_per_intent_and_kind(client):
    first = chat(client, "what is kadcyla")
    second = chat(client, "how is it given", first["session_id"])
    assert first["reply_id"] != second["reply_id"]
    assert rate(client, first["session_id"], first["reply_id"], True).status_code == 204
    response = rate(client, first["session_id"], second["reply_id"], False)
    assert response.status_code == 204 and response.content == b""
    assert counts(client) == {(first["intent"], "question", True): 1, (second["intent"], "question", False): 1}


def test_one_vote_per_reply(client):
    reply = chat(client, "what is her2")
    for helpful in (True, True, False):
        assert rate(client, reply["session_id"], reply["reply_id"], helpful).status_code == 204
    assert counts(client) == {(reply["intent"], reply["kind"], True): 1}


def test_feedback_on_a_fallback_and_a_safety_reply_names_their_kind(client):
    fallback = chat(client, "what is the capital of peru")
    rate(client, fallback["session_id"], fallback["reply_id"], False)
    crisis = chat(client, "i want to kill myself")
    rate(client, crisis["session_id"], crisis["reply_id"], True)
    assert counts(client) == {("none", "question", False): 1, (crisis["intent"], "crisis", True): 1}


def test_feedback_does_not_disturb_the_conversation(client):
    first = chat(client, "what is kadcyla")
    rate(client, first["session_id"], first["reply_id"], True)
    follow = chat(client, "how is it given", first["session_id"])
    assert follow["new_session"] is False and "IV" in follow["text"]


def test_only_recent_replies_of_a_known_session_can_be_rated(client):
    first = chat(client, "what is kadcyla")
    sid = first["session_id"]
    other = chat(client, "what is enhertu")
    unknown_reply = rate(client, sid, other["reply_id"], True)  # a reply of another conversation
    assert unknown_reply.status_code == 404 and unknown_reply.json()["error"] == "unknown_reply"
    unknown_session = rate(client, "A" * 22, first["reply_id"], True)
    assert unknown_session.status_code == 404 and unknown_session.json()["error"] == "unknown_session"
    for _ in range(10):
        chat(client, "what is her2", sid)
    too_old = rate(client, sid, first["reply_id"], True)
    assert too_old.status_code == 404 and "last 10 replies" in too_old.json()["detail"]
    assert counts(client) == {}


@pytest.mark.parametrize("body, status, error", [
    ({"reply_id": "1-0a0b0c0d", "helpful": True}, 422, "missing_session_id"),
    ({"session_id": "A" * 22, "helpful": True}, 422, "missing_reply_id"),
    ({"session_id": "A" * 22, "reply_id": "1-0a0b0c0d"}, 422, "missing_helpful"),
    ({"session_id": "A" * 22, "reply_id": "1-0a0b0c0d", "helpful": "yes"}, 422, "invalid_helpful"),
    ({"session_id": "A" * 22, "reply_id": "1-0a0b0c0d", "helpful": 1}, 422, "invalid_helpful"),
    ({"session_id": "A" * 22, "reply_id": "<script>", "helpful": True}, 422, "invalid_reply_id"),
    ({"session_id": "short", "reply_id": "1-0a0b0c0d", "helpful": True}, 422, "invalid_session_id"),
    ([1, 2], 422, "invalid_request"),
])
def test_malformed_feedback_is_a_json_4xx(client, body, status, error):
    response = client.post("/api/feedback", json=body)
    assert response.status_code == status
    assert response.json()["error"] == error and response.json()["detail"]


def test_feedback_needs_json(client):
    response = client.post("/api/feedback", content=b"helpful", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415 and response.json()["error"] == "unsupported_media_type"
    broken = client.post("/api/feedback", content=b"{", headers={"Content-Type": "application/json"})
    assert broken.status_code == 400 and broken.json()["error"] == "invalid_json"


def test_feedback_goes_to_sqlite_without_text_when_recording(make_client, tmp_path: Path):
    path = tmp_path / "records.sqlite"
    client = make_client(record_unanswered=str(path))
    reply = chat(client, "what is kadcyla?")
    rate(client, reply["session_id"], reply["reply_id"], True)
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT * FROM feedback").fetchall()
    assert len(rows) == 1
    day, intent, kind, helpful, n = rows[0]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) and (intent, kind, helpful, n) == (reply["intent"], "question", 1, 1)
    # the counts survive a new app on the same file (a restart, or another worker)
    again = make_client(record_unanswered=str(path))
    assert counts(again) == {(reply["intent"], "question", True): 1}


# ---------------------------------------------------------------- new conversation
def test_reset_forgets_the_conversation_on_the_server(client):
    first = chat(client, "what is kadcyla")
    response = client.post("/api/reset", json={"session_id": first["session_id"]})
    assert response.status_code == 204
    after = chat(client, "how is it given", first["session_id"])
    assert after["new_session"] is True and after["session_id"] != first["session_id"]
    assert "Which drug" in after["text"]
    assert client.post("/api/reset", json={"session_id": first["session_id"]}).status_code == 204  # idempotent
    assert client.post("/api/reset", json={"session_id": 5}).json()["error"] == "invalid_session_id"


# ---------------------------------------------------------------- questions for the doctor
def test_doctor_questions_come_from_the_knowledge_base(client, bot: Bot):
    data = client.get("/api/doctor-questions").json()
    assert data["questions"] == list(sheet_questions(bot.content))
    assert len(data["questions"]) >= 3 and all(q.endswith("?") for q in data["questions"])
    topic = bot.content.topics["doctor_questions"]
    assert data["title"] == topic.title
    assert [c["section"] for c in data["citations"]] == [topic.section]


# ---------------------------------------------------------------- unanswered questions
def test_unanswered_questions_are_recorded_scrubbed(make_client, tmp_path: Path):
    path = tmp_path / "unanswered.sqlite"
    client = make_client(record_unanswered=str(path))
    sid = chat(client, "what is kadcyla")["session_id"]                       # answered: not recorded
    chat(client, "is kanjinti like nerlynx? call me on 555 0134 or mail ann.lee@example.com", sid)
    chat(client, "i want to die")                                               # crisis: never recorded
    chat(client, "should i skip my enhertu dose")                               # a decision: never recorded
    chat(client, "how much does enhertu cost")                                  # the sheet lacks costs
    # long (not "grapefruit" a hundred times: since stop 52 the learned decision model reads
    # that as asking about a food with their drug, a decision, which is never recorded)
    chat(client, "tell me about " + "gardening " * 100)
    with sqlite3.connect(path) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(unanswered)")]
        rows = db.execute("SELECT * FROM unanswered ORDER BY id").fetchall()
        dump = "\n".join(db.iterdump())
    assert columns == ["id", "day", "text", "reason", "nearest_intent", "score"]  # no session, no IP, no time of day
    texts = [row[2] for row in rows]
    assert texts[0] == "is kanjinti like nerlynx? call me on ### #### or mail [email]"
    assert rows[0][3] == "fallback" and rows[0][4]                              # with the nearest intent
    assert texts[1] == "how much does enhertu cost" and rows[1][4]
    assert len(texts) == 3 and len(texts[2]) <= 200
    assert sid not in dump and "555" not in dump and "example.com" not in dump
    assert not re.search(r"\d", " ".join(texts))
    assert "die" not in dump and "skip" not in dump


def test_the_unanswered_store_keeps_at_most_its_cap(tmp_path: Path):
    from bot.channels.records import Records

    records = Records(tmp_path / "capped.sqlite", max_rows=5)
    for i in range(12):
        records.add_unanswered(f"question number {'x' * i}", "fallback", None, 0.0)
    kept = [r.text for r in records.unanswered()]
    assert len(kept) == 5 and kept[-1] == "question number " + "x" * 11
    records.close()


def test_nothing_is_recorded_by_default(client, tmp_path: Path):
    chat(client, "how much does enhertu cost")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- OpenAPI
def test_openapi_documents_the_new_fields_and_endpoints(client):
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    chat_fields = schemas["ChatResponse"]["properties"]
    assert {"citations", "reply_id"} <= set(chat_fields)
    assert chat_fields["citations"]["items"]["$ref"].endswith("/CitationModel")
    assert set(schemas["CitationModel"]["properties"]) == {"section", "detail"}
    feedback = spec["paths"]["/api/feedback"]["post"]
    body = feedback["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["required"]) == {"session_id", "reply_id", "helpful"}
    assert {"204", "404", "422"} <= set(feedback["responses"])
    assert "no message text" in feedback["description"]
    assert {"/api/reset", "/api/doctor-questions", "/metrics/feedback"} <= set(spec["paths"])
