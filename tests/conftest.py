"""Shared fixtures: one loaded Bot for the whole session (loading is the
expensive part; the Bot is immutable, so sharing it is safe)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import Bot

pytest_plugins = ["bot.quality.pytest_plugin"]  # tests/conversations/*.yaml (docs/conversation-tests.md)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bot() -> Bot:
    return Bot.load(REPO)


@pytest.fixture
def chat(bot: Bot):
    """A fresh conversation."""
    return bot.conversation()
