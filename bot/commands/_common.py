"""Helpers shared by the sub-commands: loading the bot with a clear error."""

from __future__ import annotations

import shlex
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
        print(check_hint(content), file=sys.stderr)
        raise SystemExit(2) from None


def check_hint(content: str | None) -> str:
    """The command that shows every content problem, for the folder in use."""
    command = "her2bot check" if content is None else f"her2bot check --content {shlex.quote(str(content))}"
    return f"Run `{command}` for details."
