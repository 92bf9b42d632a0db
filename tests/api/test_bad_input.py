"""Everything a client can get wrong gets a 4xx JSON error naming the problem."""

from __future__ import annotations

import json
import logging

import pytest

from bot.channels.sessions import MemorySessionStore
from bot.channels.web import Settings, create_app

JSON = {"Content-Type": "application/json"}
ENDPOINTS = ("/api/chat", "/webhooks/rest/webhook")


def body_for(endpoint: str, **fields):
    base = {"sender": "user-1"} if endpoint.endswith("webhook") else {}
    return {**base, **fields}


def assert_error(response, status: int, code: str | None = None):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"error", "detail"} and data["detail"]
    if code:
        assert data["error"] == code
    return data


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_missing_message(client, endpoint):
    data = assert_error(client.post(endpoint, json=body_for(endpoint)), 422, "missing_message")
    assert "'message'" in data["detail"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("value", [None, 42, 1.5, True, ["what is her2"], {"text": "hi"}])
def test_message_not_a_string(client, endpoint, value):
    data = assert_error(client.post(endpoint, json=body_for(endpoint, message=value)), 422, "invalid_message")
    assert "string" in data["detail"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])
def test_wrong_content_type(client, endpoint, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    body = json.dumps(body_for(endpoint, message="what is her2")).encode()
    data = assert_error(client.post(endpoint, content=body, headers=headers), 415, "unsupported_media_type")
    assert "application/json" in data["detail"]


def test_json_content_type_with_charset_is_fine(client):
    body = json.dumps({"message": "what is her2"}).encode()
    assert client.post("/api/chat", content=body, headers={"Content-Type": "application/json; charset=utf-8"}).status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("body", [b"", b"{", b"{'message': 'hi'}", b'{"message": "hi",}', b"\xff\xfe\xfa", b"NaN]"])
def test_invalid_json(client, endpoint, body):
    assert_error(client.post(endpoint, content=body, headers=JSON), 400, "invalid_json")


def test_deeply_nested_json_is_a_client_error(client):
    body = b"[" * 5000 + b"]" * 5000  # under 16 KB, deeper than the JSON parser's recursion limit
    assert_error(client.post("/api/chat", content=body, headers=JSON), 400, "invalid_json")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("body", ["[]", '"what is her2"', "42", "null"])
def test_body_must_be_an_object(client, endpoint, body):
    assert_error(client.post(endpoint, content=body, headers=JSON), 422, "invalid_request")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_body_over_16_kb_announced_by_content_length(client, endpoint):
    body = json.dumps(body_for(endpoint, message="x" * 17_000)).encode()
    assert_error(client.post(endpoint, content=body, headers=JSON), 413, "body_too_large")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_body_over_16_kb_streamed_without_content_length(client, endpoint):
    sent = json.dumps(body_for(endpoint, message="x" * 17_000)).encode()

    def chunks():
        for start in range(0, len(sent), 1024):
            yield sent[start:start + 1024]

    request = client.build_request("POST", endpoint, content=chunks(), headers=JSON)
    assert "content-length" not in request.headers  # chunked: only the real size can tell
    assert_error(client.send(request), 413, "body_too_large")


def test_body_just_under_the_limit_is_answered(client):
    body = json.dumps({"message": "what is kadcyla " + "x" * 16_000}).encode()
    assert len(body) <= 16 * 1024
    assert client.post("/api/chat", content=body, headers=JSON).status_code == 200


def test_lying_content_length_is_refused(client):
    request = client.build_request("POST", "/api/chat", content=b'{"message": "hi"}', headers={**JSON, "Content-Length": "abc"})
    assert client.send(request).status_code == 400


@pytest.mark.parametrize("session_id", [42, True, ["x" * 22], "short", "x" * 65, "../../etc/passwd", "a b c d e f g h i j", "é" * 20])
def test_bad_session_id(client, session_id):
    response = client.post("/api/chat", json={"message": "what is her2", "session_id": session_id})
    data = assert_error(response, 422, "invalid_session_id")
    assert "session_id" in data["detail"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_lone_surrogate_is_refused_not_crashed(client, endpoint):
    body = json.dumps(body_for(endpoint, message="hi \ud800 there")).encode()  # valid JSON, not valid Unicode
    assert_error(client.post(endpoint, content=body, headers=JSON), 422, "invalid_message")


@pytest.mark.parametrize("sender", [None, 7, "", "   ", "s" * 129])
def test_rasa_bad_sender(client, sender):
    body = {"message": "what is her2"} if sender is None else {"sender": sender, "message": "what is her2"}
    code = "missing_sender" if sender is None else "invalid_sender"
    assert_error(client.post("/webhooks/rest/webhook", json=body), 422, code)


def test_unknown_path_and_wrong_method_are_json(client):
    assert_error(client.get("/api/nothing"), 404, "not_found")
    assert_error(client.get("/api/chat"), 405, "method_not_allowed")
    assert_error(client.put("/webhooks/rest/webhook", json={}), 405, "method_not_allowed")


def test_odd_but_valid_text_is_answered(client):
    for message in ["", "   ", "\u0000", "🙂" * 50, "<script>alert(1)</script>", "ｗｈａｔ ｉｓ ｈｅｒ２", "\u202e"]:
        data = client.post("/api/chat", json={"message": message}).json()
        assert data["text"].endswith(data["disclaimer"])


class BrokenStore(MemorySessionStore):
    async def get(self, session_id):
        raise RuntimeError("store exploded")


def test_a_bug_is_a_logged_json_500_without_the_message(bot, client_for, caplog):
    client = client_for(create_app(bot, Settings(store=BrokenStore())))
    with caplog.at_level(logging.ERROR, logger="her2bot.web"):
        response = client.post("/webhooks/rest/webhook", json={"sender": "u", "message": "my secret symptom"})
    assert_error(response, 500, "internal_error")
    assert "store exploded" in caplog.text  # the traceback is logged ...
    assert "my secret symptom" not in caplog.text  # ... the health information is not


def test_message_text_is_not_logged_by_default(make_client, caplog):
    client = make_client()
    with caplog.at_level(logging.DEBUG):
        client.post("/api/chat", json={"message": "does kadcyla hurt my liver"})
        client.post("/webhooks/rest/webhook", json={"sender": "u", "message": "does kadcyla hurt my liver"})
        client.post("/api/chat", json={"message": "does kadcyla hurt my liver", "session_id": 5})
    assert "hurt my liver" not in caplog.text


def test_log_messages_option_logs_them(make_client, caplog):
    client = make_client(log_messages=True)
    with caplog.at_level(logging.INFO, logger="her2bot.web"):
        client.post("/api/chat", json={"message": "does kadcyla hurt my liver"})
    assert "hurt my liver" in caplog.text


def test_sender_of_unicode_spaces_is_blank(client):
    # Found by schemathesis: a no-break space alone is blank too (and the schema says so).
    assert_error(client.post("/webhooks/rest/webhook", json={"sender": "\u00a0\u2003", "message": "hi"}), 422, "invalid_sender")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("body, complaint", [
    (b'{"message": NaN}', "NaN"),
    (b'{"message": "hi", "x": Infinity}', "Infinity"),
    (b'{"message": "hi", "x": [-Infinity]}', "-Infinity"),
    (b'{"message": "hi", "message": "what is her2"}', "'message' more than once"),
    (b'{"message": "hi", "x": {"a": 1, "a": 2}}', "'a' more than once"),
    (b'\xef\xbb\xbf{"message": "hi"}', "byte order mark"),
    ('{"message": "hi"}'.encode("utf-16"), "UTF-8"),
])
def test_json_that_is_not_strict_json_is_a_400(client, endpoint, body, complaint):
    if endpoint.endswith("webhook"):
        body = body.replace(b'{"message"', b'{"sender": "s", "message"', 1) if body.startswith(b"{") else body
    data = assert_error(client.post(endpoint, content=body, headers=JSON), 400, "invalid_json")
    assert complaint in data["detail"]


@pytest.mark.parametrize("sender", ["\u200b", "\u200b\u200c\u200d", "\ufeff", " \u2060 ", "\u00ad", "\u202e\u202c"])
def test_sender_of_only_format_characters_is_blank(client, sender):
    # Zero-width and other invisible format characters (Unicode Cf) don't make a sender.
    assert_error(client.post("/webhooks/rest/webhook", json={"sender": sender, "message": "hi"}), 422, "invalid_sender")


def test_sender_with_a_visible_character_among_format_characters_is_fine(client):
    response = client.post("/webhooks/rest/webhook", json={"sender": "\u200bx\u200b", "message": "hi"})
    assert response.status_code == 200
