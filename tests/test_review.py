"""`her2bot review FILE` on a store recorded through HTTP with planted
paraphrases: the groups are found, largest first, and the store holds no
session id, no digits and no e-mail address."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from bot import Bot
from bot.channels.web import Settings, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[1]
PLANTED = {
    "cost": ["how much does enhertu cost", "how much does enhertu cost", "how much does kadcyla cost",
             "what does tukysa cost", "cost of herceptin for 12 months"],
    "infusion time": ["how long does the herceptin infusion take", "how long does an enhertu infusion take",
                      "how long is each herceptin infusion",
                      "enhertu infusion, how long does it take? write to me at sam.k@example.net"],
    "insurance": ["does insurance cover enhertu", "will my insurance cover kadcyla"],
    "weather": ["what is the weather today"],
}


def her2bot(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "--content", str(REPO), *args],
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def recorded(bot: Bot, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A store filled by a real app, one session per planted question."""
    path = tmp_path_factory.mktemp("review") / "unanswered.sqlite"
    sessions = []
    with TestClient(create_app(bot, Settings(record_unanswered=str(path)))) as client:
        for questions in PLANTED.values():
            for question in questions:
                reply = client.post("/api/chat", json={"message": question}).json()
                assert reply["fallback"], question
                sessions.append(reply["session_id"])
        client.post("/api/chat", json={"message": "what is kadcyla"})  # answered: not recorded
    return path, sessions


def test_the_store_keeps_no_session_id_digits_or_email(recorded):
    path, sessions = recorded
    with sqlite3.connect(path) as db:
        dump = "\n".join(db.iterdump())
        texts = [row[0] for row in db.execute("SELECT text FROM unanswered")]
    assert len(texts) == sum(len(q) for q in PLANTED.values())
    assert not any(sid in dump for sid in sessions)
    assert not any(ch.isdigit() for ch in " ".join(texts))
    assert "sam.k" not in dump and "example.net" not in dump and "[email]" in " ".join(texts)


def test_review_json_groups_the_planted_paraphrases(recorded):
    path, _ = recorded
    done = her2bot("review", str(path), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["total"] == sum(len(q) for q in PLANTED.values())
    groups = data["groups"]
    counts = [g["count"] for g in groups]
    assert counts == sorted(counts, reverse=True)                       # most frequent first
    where = {}
    for index, group in enumerate(groups):
        for text in [group["example"], *group["variants"]]:
            where[text] = index
    for name, questions in PLANTED.items():
        # every planted question is in the store (scrubbed), and each family shares one group
        scrubbed = [q if "@" not in q and not any(c.isdigit() for c in q) else None for q in questions]
        homes = {where[q] for q in scrubbed if q is not None}
        assert len(homes) == 1, f"{name} is split over groups {homes}"
        home = groups[homes.pop()]
        assert home["count"] == len(questions), (name, home)
    assert len(groups) == len(PLANTED)
    cost = groups[0]
    assert cost["example"] == "how much does enhertu cost" and cost["count"] == 5
    assert cost["nearest_intent"] == "safety.out_of_scope_fact"       # the rule that turned them away
    assert "cost of herceptin for ## months" in cost["variants"]
    assert all(g["reasons"] == {"fallback": g["count"]} for g in groups)


def test_review_text_report_for_an_editor(recorded):
    path, _ = recorded
    done = her2bot("review", str(path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{sum(len(q) for q in PLANTED.values())} unanswered questions in {len(PLANTED)} groups, most frequent first:"
    assert lines[2].startswith('5 x  "how much does enhertu cost"')
    assert "nearest intent: safety.out_of_scope_fact" in lines[3]
    assert any('also: "what does tukysa cost"' in line for line in lines)


def test_the_threshold_decides_how_alike_a_group_is(recorded):
    path, _ = recorded
    anything = json.loads(her2bot("review", str(path), "--json", "--threshold", "0").stdout)["groups"]
    assert [g["count"] for g in anything] == [sum(len(q) for q in PLANTED.values())]
    assert her2bot("review", str(path), "--threshold", "101").returncode == 2


@pytest.mark.parametrize("make, complaint", [
    (lambda p: None, "no such file"),
    (lambda p: p.write_text("not a database"), "is not an unanswered-question store"),
])
def test_review_of_a_wrong_file_is_a_clear_error(tmp_path: Path, make, complaint):
    path = tmp_path / "store.sqlite"
    make(path)
    done = her2bot("review", str(path))
    assert done.returncode == 2
    assert complaint in done.stderr and "Traceback" not in done.stderr


def test_serve_refuses_a_store_it_cannot_write(tmp_path: Path):
    done = her2bot("serve", "--record-unanswered", str(tmp_path / "missing-folder" / "x.sqlite"))
    assert done.returncode == 2
    assert "--record-unanswered" in done.stderr and "Traceback" not in done.stderr
