"""One conversation turn over HTTP: fetch the session's state, answer, save the new state.

Both endpoints share this. While the session store is down the turn is still
answered, without context, and says so (``context_lost``). A session
answered while the store was down must not resume an older saved state
later: a /api/chat turn then gets a fresh session id (so the client's next
message starts afresh), and the store deletes the keys it could not write
or read once it is reachable again (the Rasa webhook's sender ids are the
client's, so only the latter applies there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.channels.session_store import SessionStore, StoreUnavailable
from bot.channels.web.engine import Answerer
from bot.channels.web.helpdesk import HelpDesk
from bot.channels.web.metrics import Metrics
from bot.channels.web.requests import new_session_id

RASA_PREFIX = "rasa:"  # Rasa senders are client-chosen; keep them apart from our own ids


@dataclass(frozen=True)
class Turn:
    reply: dict[str, Any]
    reply_json: bytes  # the reply's JSON members (engine.encoded)
    session_id: str
    new_session: bool
    context_lost: bool


class Turns:
    """Runs turns against one store and one answerer, and counts them."""

    def __init__(self, store: SessionStore, answerer: Answerer, metrics: Metrics, helpdesk: HelpDesk) -> None:
        self.store = store
        self.answerer = answerer
        self.metrics = metrics
        self.helpdesk = helpdesk  # keeps recent reply ids for feedback, records unanswered questions

    async def chat(self, message: str, session_id: str | None) -> Turn:
        lost = False
        saved = None
        if session_id is not None:
            saved, lost = await self._get(session_id)
            if lost:
                await self._forget(session_id)
        state, recent = self.helpdesk.split(saved)
        reply, new_state, reply_json = self.answerer.answer_with_json(message, state)
        sid = session_id if saved is not None else new_session_id()
        to_save = await self.helpdesk.after_turn(message, reply, state, new_state, recent)
        if not await self._put(sid, to_save):
            lost = True
            if sid == session_id:
                sid = new_session_id()  # the older saved state must not come back under this id
        new_session = sid != session_id
        self.metrics.record_reply(reply, new_session, "chat", lost)
        return Turn(reply, reply_json, sid, new_session, lost)

    async def rasa(self, sender: str, message: str) -> Turn:
        key = RASA_PREFIX + sender
        state, lost = await self._get(key)
        reply, new_state, reply_json = self.answerer.answer_with_json(message, state)
        to_save = await self.helpdesk.after_turn(message, reply, state, new_state, [], rateable=False)
        if not await self._put(key, to_save):
            lost = True
        self.metrics.record_reply(reply, state is None, "rasa", lost)
        return Turn(reply, reply_json, sender, state is None, lost)

    async def _get(self, key: str) -> tuple[dict[str, Any] | None, bool]:
        try:
            return await self.store.get(key), False
        except StoreUnavailable:
            self.metrics.record_store_error()
            return None, True

    async def _forget(self, key: str) -> None:
        """Ask the store to drop the key; while it is down it does so once back."""
        try:
            await self.store.delete(key)
        except StoreUnavailable:
            pass  # expected while the store is down: it is remembered and deleted later

    async def _put(self, key: str, state: dict[str, Any]) -> bool:
        try:
            await self.store.put(key, state)
        except StoreUnavailable:
            self.metrics.record_store_error()
            return False
        return True
