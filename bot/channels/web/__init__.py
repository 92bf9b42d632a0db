"""The HTTP front end: JSON chat API, Rasa-compatible webhook, chat widget.

    from bot import Bot
    from bot.channels.web import Settings, create_app
    app = create_app(Bot.load(), Settings(allow_origins=["https://help.example.org"]))

Run it with ``her2bot serve`` (uvicorn). See docs/http-api.md.
"""

from bot.channels.web.app import Settings, create_app

__all__ = ["Settings", "create_app"]
