"""The optional API key: the webhook needs it when set, /api/chat only with
--api-key-for-chat; over real sockets with HER2BOT_API_KEY, and in process."""

from __future__ import annotations

import pytest

KEY = "k3y-for-tests-0123456789abcdef"
WEBHOOK_BODY = {"sender": "desk-1", "message": "what is kadcyla"}
CHAT_BODY = {"message": "what is kadcyla"}


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize("headers, code", [
    ({}, "missing_api_key"),
    (bearer("wrong-key-0123456789abcdef"), "invalid_api_key"),
    ({"Authorization": f"Basic {KEY}"}, "invalid_api_key"),
    (bearer(KEY[:-1]), "invalid_api_key"),
])
def test_webhook_refuses_a_missing_or_wrong_key(make_client, headers, code):
    client = make_client(api_key=KEY)
    response = client.post("/webhooks/rest/webhook", json=WEBHOOK_BODY, headers=headers)
    assert response.status_code == 401 and response.json()["error"] == code
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_webhook_answers_with_the_key_and_chat_stays_open(make_client):
    client = make_client(api_key=KEY)
    assert client.post("/webhooks/rest/webhook", json=WEBHOOK_BODY, headers=bearer(KEY)).status_code == 200
    assert client.post("/api/chat", json=CHAT_BODY).status_code == 200  # the widget's endpoint


def test_api_key_for_chat_guards_chat_too(make_client):
    client = make_client(api_key=KEY, api_key_for_chat=True)
    refused = client.post("/api/chat", json=CHAT_BODY)
    assert refused.status_code == 401 and refused.json()["error"] == "missing_api_key"
    assert client.post("/api/chat", json=CHAT_BODY, headers=bearer(KEY)).status_code == 200


def test_no_key_configured_means_open_endpoints(client):
    assert client.post("/webhooks/rest/webhook", json=WEBHOOK_BODY).status_code == 200


def test_key_from_the_environment_over_real_sockets(serve):
    server = serve("--api-key-for-chat", env={"HER2BOT_API_KEY": KEY})
    assert server.request("POST", "/webhooks/rest/webhook", WEBHOOK_BODY)[0] == 401
    assert server.request("POST", "/api/chat", CHAT_BODY)[0] == 401
    assert server.request("POST", "/webhooks/rest/webhook", WEBHOOK_BODY, bearer(KEY))[0] == 200
    status, reply = server.request("POST", "/api/chat", CHAT_BODY, bearer(KEY))
    assert status == 200 and reply["entities"]["drug"] == "ado-trastuzumab-emtansine"
    assert KEY not in server.output()                        # never logged


@pytest.mark.parametrize("argv, env, complaint", [
    (["serve", "--api-key", "short"], {}, "at least 16"),
    (["serve", "--api-key-for-chat"], {}, "needs an API key"),
    (["serve"], {"HER2BOT_API_KEY": "has a space in it 0123456789"}, "without spaces"),
])
def test_bad_key_options_are_a_clear_error(argv, env, complaint, capsys, monkeypatch):
    from bot.cli import main

    monkeypatch.delenv("HER2BOT_API_KEY", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(argv) == 2
    assert complaint in capsys.readouterr().err


def test_requests_with_the_key_are_not_rate_limited_and_wrong_keys_are(make_client):
    # A help desk's server sends every user's messages from one address.
    client = make_client(api_key=KEY, rate_limit=2)
    codes = [client.post("/webhooks/rest/webhook", json=WEBHOOK_BODY, headers=bearer(KEY)).status_code for _ in range(5)]
    assert codes == [200] * 5
    guesses = [client.post("/webhooks/rest/webhook", json=WEBHOOK_BODY, headers=bearer(f"guess-{i:020d}")).status_code
               for i in range(4)]
    assert guesses == [401, 401, 429, 429]               # key guessing is slowed down by the limit
    assert client.post("/api/chat", json=CHAT_BODY).status_code == 429  # the same address, no key: limited
