"""Shared fixtures: one loaded Bot for the whole session (loading is the
expensive part; the Bot is immutable, so sharing it is safe)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Snapshots (bot/content/snapshot.py) go to a folder of this session's own, removed at
# exit: never the user's cache, and the many CLI and server processes the tests start on
# the shipped content start from one, as they do for a user, instead of each reading and
# checking the content afresh (seconds each since stop 52's larger learned models).
# Set before any Bot is loaded, and inherited by those processes. tests/test_snapshot.py
# tests snapshots in folders of its own.
_SNAPSHOTS = tempfile.mkdtemp(prefix="her2bot-test-snapshots-")
atexit.register(shutil.rmtree, _SNAPSHOTS, ignore_errors=True)
os.environ["HER2BOT_CACHE_DIR"] = _SNAPSHOTS

from bot import Bot  # noqa: E402

pytest_plugins = ["bot.quality.pytest_plugin"]  # tests/conversations/*.yaml (docs/conversation-tests.md)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bot() -> Bot:
    return Bot.load(REPO)


@pytest.fixture
def chat(bot: Bot):
    """A fresh conversation."""
    return bot.conversation()
