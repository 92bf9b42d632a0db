"""The on-disk snapshot of a loaded Bot (bot/content/snapshot.py): a second
load reuses it, any change to the content makes a new one, bad content is
never saved, and a damaged snapshot is rebuilt, not trusted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import Bot
from bot.content import ContentError, snapshot

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for part in ("knowledge", "intents"):
        shutil.copytree(REPO / part, root / part)
    return root


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(snapshot.ENV_VAR, str(where))
    return where


def snapshots(where: Path) -> list[Path]:
    return sorted(where.glob(f"*{snapshot.SUFFIX}"))


def test_a_second_load_comes_from_the_snapshot_and_answers_alike(content, cache, monkeypatch):
    first = Bot.load(content)
    [saved] = snapshots(cache)
    calls = []
    monkeypatch.setattr("bot.core.load_content", lambda root: calls.append(root))  # must not be needed
    second = Bot.load(content)
    assert calls == []
    for text in ("what is kad cyla", "i cant catch my breath", "does enhertu cause nausea and hair loss", "hi"):
        a, b = first.respond(text)[0], second.respond(text)[0]
        assert (a.text, a.kind, a.intent, a.citations) == (b.text, b.kind, b.intent, b.citations)
    assert snapshots(cache) == [saved]


def test_changed_content_is_loaded_again_not_taken_from_the_old_snapshot(content, cache):
    Bot.load(content)
    contact = content / "knowledge" / "contact.yaml"
    contact.write_text(contact.read_text(encoding="utf-8").replace("education only", "learning only"), encoding="utf-8")
    bot = Bot.load(content)
    assert "learning only" in bot.respond("hi")[0].text
    assert len(snapshots(cache)) == 2


def test_bad_content_raises_and_is_never_saved(content, cache):
    (content / "intents" / "drugs.yaml").write_text("intents: [\n", encoding="utf-8")
    with pytest.raises(ContentError):
        Bot.load(content)
    assert snapshots(cache) == []


def test_a_damaged_snapshot_is_rebuilt(content, cache):
    Bot.load(content)
    [saved] = snapshots(cache)
    saved.write_bytes(b"not a pickle")
    assert Bot.load(content).respond("what is kadcyla")[0].intent == "drug_overview"
    assert saved.read_bytes() != b"not a pickle"


def test_off_means_no_snapshot_and_an_unwritable_folder_is_no_error(content, tmp_path, monkeypatch):
    monkeypatch.setenv(snapshot.ENV_VAR, "off")
    Bot.load(content)
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv(snapshot.ENV_VAR, str(blocker / "cache"))
    assert Bot.load(content).respond("hi")[0].disclaimer
