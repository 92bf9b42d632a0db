"""The call from a web request into the engine, with an exact reply cache.

``Bot.respond`` is a pure function of (message, state) for loaded content, so
a reply computed once can be reused for the same message in the same state.
Helpdesk traffic repeats itself ("what is her2?"), and one reply costs about
1.3 ms of CPU in the engine, so a small LRU cache is what lets one process
serve well over 1,000 requests a second. It is bounded (``size`` entries,
only messages up to ``MAX_CACHED_CHARS``), lives in memory only, and can be
turned off (size 0).
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from typing import Any, NamedTuple

from bot.core import Bot
from bot.reply import STATE_FIELDS, State

log = logging.getLogger("her2bot.web")

MAX_CACHED_CHARS = 300
Key = tuple[str, tuple[Any, ...]]


class Answer(NamedTuple):
    reply: dict[str, Any]
    state: dict[str, Any]
    json: bytes  # the reply's JSON members, without braces


def encoded(reply: dict[str, Any]) -> bytes:
    """The reply's JSON members without the braces, as Starlette's JSONResponse
    would write them, so a route can put its own fields around them."""
    return json.dumps(reply, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()[1:-1]


class Answerer:
    """Turns (message, saved JSON state) into (reply dict, new JSON state).

    The cache also keeps each reply's JSON, so a repeated question costs no
    encoding either (``answer_with_json``)."""

    def __init__(self, bot: Bot, size: int = 4096) -> None:
        if size < 0:
            raise ValueError("the reply cache size must be 0 or more")
        self.bot = bot
        self.size = size
        self._cache: OrderedDict[Key, Answer] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def answer(self, message: str, saved: dict[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
        reply, state, _ = self.answer_with_json(message, saved)
        return reply, state

    def answer_with_json(self, message: str, saved: dict[str, Any] | None) -> Answer:
        """(reply dict, new JSON state, the reply's JSON members from :func:`encoded`)."""
        state = self._state(saved)
        cacheable = self.size > 0 and len(message) <= MAX_CACHED_CHARS
        if cacheable:
            key: Key = (message, tuple(getattr(state, name) for name in STATE_FIELDS))
            with self._lock:
                hit = self._cache.get(key)
                if hit is not None:
                    self._cache.move_to_end(key)
                    self.hits += 1
                    return hit
        reply, new_state = self.bot.respond(message, state)
        as_dict = reply.to_dict()
        result = Answer(as_dict, new_state.to_dict(), encoded(as_dict))
        if cacheable:
            with self._lock:
                self.misses += 1
                self._cache[key] = result
                if len(self._cache) > self.size:
                    self._cache.popitem(last=False)
        return result

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"size": self.size, "entries": len(self._cache), "hits": self.hits, "misses": self.misses}

    @staticmethod
    def _state(saved: dict[str, Any] | None) -> State:
        if saved is None:
            return State()
        try:
            return State.from_dict(saved)
        except ValueError as err:
            # A store holding state this version can't read (e.g. after an
            # upgrade): start the conversation afresh rather than fail.
            log.warning("discarding unreadable session state: %s", err)
            return State()
