"""Feedback with the shared store: a reply given by one process is rated on
another (the recent-reply record lives in the Redis session state), and the
counts of several processes meet in one --record-unanswered file."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path


def post(server, path: str, body: dict) -> int:
    request = urllib.request.Request(server.base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def feedback_lines(server) -> list[str]:
    with urllib.request.urlopen(server.base + "/metrics/feedback", timeout=10) as response:
        return [line for line in response.read().decode().splitlines() if not line.startswith("#")]


def test_a_reply_from_one_process_is_rated_on_another(redis_server, serve, raw, tmp_path: Path):
    records = tmp_path / "records.sqlite"
    a = serve("--sessions", redis_server.url, "--record-unanswered", str(records))
    b = serve("--sessions", redis_server.url, "--record-unanswered", str(records))
    first = a.chat("what is kadcyla")
    sid = first["session_id"]
    second = b.chat("how is it given", sid)
    assert post(b, "/api/feedback", {"session_id": sid, "reply_id": first["reply_id"], "helpful": True}) == 204
    assert post(a, "/api/feedback", {"session_id": sid, "reply_id": second["reply_id"], "helpful": False}) == 204
    assert post(a, "/api/feedback", {"session_id": sid, "reply_id": first["reply_id"], "helpful": False}) == 204  # ignored
    expected = [f'her2bot_feedback_total{{intent="{first["intent"]}",kind="question",helpful="true"}} 1',
                f'her2bot_feedback_total{{intent="{second["intent"]}",kind="question",helpful="false"}} 1']
    assert sorted(feedback_lines(a)) == sorted(expected) == sorted(feedback_lines(b))
    # The conversation goes on, and Redis holds reply ids, intents and kinds: no message text.
    assert a.chat("how is it given", sid)["entities"]["drug"] == "ado-trastuzumab-emtansine"
    stored = raw.get(f"her2bot:session:{sid}").decode()
    assert first["reply_id"] in stored and "kadcyla" not in stored.lower()
    # "New conversation" forgets it on every process.
    assert post(b, "/api/reset", {"session_id": sid}) == 204
    assert raw.get(f"her2bot:session:{sid}") is None
    assert a.chat("how is it given", sid)["new_session"] is True


def test_workers_2_record_unanswered_questions_and_feedback_in_one_file(redis_server, serve, tmp_path: Path):
    import sqlite3
    import time

    records = tmp_path / "records.sqlite"
    server = serve("--workers", "2", "--sessions", redis_server.url, "--record-unanswered", str(records))
    deadline = time.monotonic() + 30
    while server.output().count("Application startup complete") < 2:  # both workers up
        assert time.monotonic() < deadline, server.output()
        time.sleep(0.1)
    replies = []
    sid = None
    for message in ("what is kadcyla", "how much does kadcyla cost", "how is it given", "what is the weather today"):
        reply = server.chat(message, sid)
        sid = reply["session_id"]
        replies.append(reply)
    for reply in replies:  # new connections: whichever worker takes each one finds the reply
        assert post(server, "/api/feedback", {"session_id": sid, "reply_id": reply["reply_id"], "helpful": True}) == 204
    with sqlite3.connect(records) as db:
        assert db.execute("SELECT sum(count) FROM feedback").fetchone()[0] == 4
        texts = [row[0] for row in db.execute("SELECT text FROM unanswered ORDER BY id")]
    assert texts == ["how much does kadcyla cost", "what is the weather today"]
