"""Helpers shared by the sub-commands: loading the bot with a clear error."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core import Bot


def load_bot_or_exit(content: str | None) -> "Bot":
    """Load the bot; on content problems print them (file:line) and exit 2."""
    from bot.content import ContentError
    from bot.core import Bot

    try:
        return Bot.load(content)
    except ContentError as err:
        print(f"her2bot: cannot start, {err}", file=sys.stderr)
        print("Run `her2bot check` for details.", file=sys.stderr)
        raise SystemExit(2) from None
