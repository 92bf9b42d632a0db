"""her2bot: answers questions about HER2-targeted therapies for metastatic
breast cancer from one Susan G. Komen fact sheet.

    from bot import Bot
    bot = Bot.load()                  # once
    chat = bot.conversation()         # one per user
    reply = chat.ask("what is kadcyla")
    reply.text, reply.intent, reply.to_dict(), chat.state
"""

from bot.content import ContentError, check_content, load_content
from bot.core import Bot, Conversation
from bot.reply import Reply, State

__all__ = ["Bot", "Conversation", "Reply", "State", "ContentError", "check_content", "load_content"]
__version__ = "0.1.0"
