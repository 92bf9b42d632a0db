"""Shared fixtures: one loaded Bot for the whole session (loading is the
expensive part; the Bot is immutable, so sharing it is safe)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests load many Bots from temporary content: no snapshots of those on disk
# (tests/test_snapshot.py turns them on in a folder of its own). Set before
# any Bot is loaded, and inherited by the CLI processes tests start.
os.environ["HER2BOT_CACHE_DIR"] = "off"

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
