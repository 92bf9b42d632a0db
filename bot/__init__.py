"""her2bot: answers questions about HER2-targeted therapies for metastatic
breast cancer from one Susan G. Komen fact sheet.

    from bot import Bot
    bot = Bot.load()                  # once
    chat = bot.conversation()         # one per user
    reply = chat.ask("what is kadcyla")
    reply.text, reply.intent, reply.to_dict(), chat.state
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from bot import compiled as _compiled

_compiled.install()  # before any compiled module is imported: a stale build must not run

if TYPE_CHECKING:
    from bot.content import ContentError, check_content, load_content
    from bot.core import Bot, Conversation
    from bot.reply import Reply, State

# Imported on first use, not with the package: `her2bot --version` and the
# chat's welcome need none of the matching machinery.
_EXPORTS = {"Bot": "bot.core", "Conversation": "bot.core", "Reply": "bot.reply", "State": "bot.reply",
            "ContentError": "bot.content", "check_content": "bot.content", "load_content": "bot.content"}

__all__ = ["Bot", "Conversation", "Reply", "State", "ContentError", "check_content", "load_content"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'bot' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
