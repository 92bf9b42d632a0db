"""The help-desk loop over HTTP: feedback on answers, starting over, the
sheet's questions for the doctor, and the unanswered-question record.

Routes (added to the app by :func:`add_routes`):

    POST /api/feedback          {"session_id", "reply_id", "helpful"} -> 204
    POST /api/reset             {"session_id"} -> 204: forget the conversation
    GET  /api/doctor-questions  the sheet's questions for the doctor (from the knowledge base)
    GET  /metrics/feedback      feedback counts per intent, kind and rating (Prometheus text)

Feedback must find the intent and kind of the reply it rates. The chat
route calls :meth:`HelpDesk.after_turn` for every reply: it keeps the last
``RECENT`` reply ids of the session, each with its intent and kind, inside
the session's saved state (key ``replies``), so any session store (memory
or Redis, one process or ``--workers N``) serves it. No message text is
kept there. The same hook writes fallbacks and clarifications to the
unanswered-question store when ``--record-unanswered`` is on.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from bot.answer.doctor_questions import TOPIC, sheet_questions
from bot.channels.records import FeedbackCounts, MemoryFeedback, Records
from bot.channels.session_store import JSONState, SessionStore, StoreUnavailable
from bot.channels.web.errors import ApiError
from bot.channels.web.requests import (
    ERROR_RESPONSES, SESSION_ID, SESSION_ID_PATTERN, CitationModel, ErrorBody, read_json_object, request_body,
)
from bot.core import Bot
from bot.reply import REPLY_ID_PATTERN, State

RECENT = 10  # replies per session that can still be rated
RECORD_KEY = "replies"
REPLY_ID = re.compile(REPLY_ID_PATTERN)
# Messages about a person's own health situation are never written down,
# even if one day such a reply were a fallback.
NEVER_RECORDED = frozenset({"crisis", "emergency", "symptom_report", "decision"})
NO_INTENT = "none"


class HelpDesk:
    """Per-app state of the loop: the feedback counts and, if configured,
    the SQLite records file (which then holds the counts too)."""

    def __init__(self, bot: Bot, record_unanswered: str | None = None,
                 on_feedback: Callable[[str | None, bool], None] | None = None) -> None:
        self.bot = bot
        self.records = Records(record_unanswered) if record_unanswered else None
        self.feedback: FeedbackCounts = self.records if self.records is not None else MemoryFeedback()
        self.on_feedback = on_feedback  # e.g. the /metrics counters

    # ------------------------------------------------------------ chat hook
    @staticmethod
    def split(saved: JSONState | None) -> tuple[JSONState | None, list[list[Any]]]:
        """(the conversation state, the recent-reply record) from a saved session."""
        if saved is None or RECORD_KEY not in saved:
            return saved, []
        state = dict(saved)
        recent = state.pop(RECORD_KEY)
        if not isinstance(recent, list) or not all(_is_entry(e) for e in recent):
            recent = []  # written by something else: start the record afresh
        return state, recent

    async def after_turn(self, message: str, reply: dict[str, Any], state: JSONState | None,
                         new_state: JSONState, recent: list[list[Any]], *, rateable: bool = True) -> JSONState:
        """The state to save after this reply: the new conversation state plus
        (if the channel can rate replies) the updated recent-reply record.
        Records the message if it went unanswered and recording is on."""
        if self.records is not None and reply["kind"] not in NEVER_RECORDED:
            reason = "fallback" if reply["fallback"] else "clarify" if reply["intent"] == "clarify" else None
            if reason:
                await asyncio.to_thread(self._record, message, reason, state, reply)
        if not rateable:
            return new_state
        entry = [reply["reply_id"], reply["intent"] or NO_INTENT, reply["kind"], False]
        kept = [e for e in recent if e[0] != entry[0]][-(RECENT - 1):]
        return {**new_state, RECORD_KEY: [*kept, entry]}

    def _record(self, message: str, reason: str, saved: JSONState | None, reply: dict[str, Any]) -> None:
        """Write the question down with the intent it came nearest to: the
        best-ranked one (the reply cache keeps no ranking, so ask again with
        debug on), else the rule that answered (e.g. safety.out_of_scope_fact)."""
        assert self.records is not None
        try:
            state = State.from_dict(saved)
        except ValueError:
            state = State()
        if reply["intent"] and reply["intent"] != "clarify":  # a named rule turned it away (safety.out_of_scope_fact)
            nearest, score = reply["intent"], 100.0
        else:
            again, _ = self.bot.respond(message, state, debug=True)
            ranking = again.debug.ranking if again.debug else ()
            nearest, score = (ranking[0]["intent"], ranking[0]["score"]) if ranking else (None, 0.0)
        self.records.add_unanswered(message, reason, nearest, score)

    # ------------------------------------------------------------ feedback
    async def rate(self, store: SessionStore, session_id: str, reply_id: str, helpful: bool) -> None:
        try:
            await self._rate(store, session_id, reply_id, helpful)
        except StoreUnavailable:
            raise ApiError(503, "store_unavailable", "The conversation store can't be reached just now, so the "
                                                      "rating could not be saved. Please try again later.") from None

    async def _rate(self, store: SessionStore, session_id: str, reply_id: str, helpful: bool) -> None:
        saved = await store.get(session_id)
        if saved is None:
            raise ApiError(404, "unknown_session", "This conversation is not known (it may have ended). Feedback needs a "
                                                    "session_id from a recent reply.")
        state, recent = self.split(saved)
        for index, entry in enumerate(recent):
            if entry[0] == reply_id:
                break
        else:
            raise ApiError(404, "unknown_reply", f"No recent reply {reply_id!r} in this conversation (only the last "
                                                  f"{RECENT} replies can be rated).")
        if entry[3]:
            return  # rated already: one vote per reply
        recent = [*recent[:index], [*entry[:3], True], *recent[index + 1:]]
        await store.put(session_id, {**(state or {}), RECORD_KEY: recent})
        if isinstance(self.feedback, Records):
            await asyncio.to_thread(self.feedback.add_feedback, entry[1], entry[2], helpful)
        else:
            self.feedback.add_feedback(entry[1], entry[2], helpful)
        if self.on_feedback is not None:  # the intent is ours (kept with the reply id), never the client's
            self.on_feedback(entry[1], helpful)

    def metrics(self) -> str:
        """The feedback counts in the Prometheus text format."""
        lines = [
            "# HELP her2bot_feedback_total Answers rated by users (thumbs up/down), per intent, kind and rating.",
            "# TYPE her2bot_feedback_total counter",
        ]
        for (intent, kind, helpful), count in sorted(self.feedback.feedback_counts().items()):
            lines.append(f'her2bot_feedback_total{{intent="{_label(intent)}",kind="{_label(kind)}",'
                         f'helpful="{str(helpful).lower()}"}} {count}')
        return "\n".join(lines) + "\n"

    def close(self) -> None:
        if self.records is not None:
            self.records.close()


def _is_entry(entry: Any) -> bool:
    return (isinstance(entry, list) and len(entry) == 4 and all(isinstance(x, str) for x in entry[:3])
            and isinstance(entry[3], bool))


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


# ---------------------------------------------------------------- requests
def _session_id(data: dict[str, Any]) -> str:
    value = data.get("session_id")
    if "session_id" not in data:
        raise ApiError(422, "missing_session_id", "The field 'session_id' is missing.")
    if not isinstance(value, str) or not SESSION_ID.search(value):
        raise ApiError(422, "invalid_session_id", "The field 'session_id' must be an id this server gave out.")
    return value


def feedback_fields(data: dict[str, Any]) -> tuple[str, str, bool]:
    """(session_id, reply_id, helpful) from a /api/feedback body."""
    session_id = _session_id(data)
    if "reply_id" not in data:
        raise ApiError(422, "missing_reply_id", "The field 'reply_id' is missing.")
    reply_id = data["reply_id"]
    if not isinstance(reply_id, str) or not REPLY_ID.search(reply_id):
        raise ApiError(422, "invalid_reply_id", "The field 'reply_id' must be the reply_id of a reply, such as \"2-9f3a0c1e\".")
    if "helpful" not in data:
        raise ApiError(422, "missing_helpful", "The field 'helpful' is missing.")
    helpful = data["helpful"]
    if not isinstance(helpful, bool):
        raise ApiError(422, "invalid_helpful", "The field 'helpful' must be true or false.")
    return session_id, reply_id, helpful


class FeedbackRequest(BaseModel):
    session_id: str = Field(pattern=SESSION_ID_PATTERN, description="The session id of the conversation.")
    reply_id: str = Field(pattern=REPLY_ID_PATTERN, description="The reply_id of the answer being rated.",
                          examples=["2-9f3a0c1e"])
    helpful: bool = Field(description="true: the answer helped (thumbs up); false: it did not.")


class ResetRequest(BaseModel):
    session_id: str = Field(pattern=SESSION_ID_PATTERN, description="The conversation to forget.")


class DoctorQuestions(BaseModel):
    title: str
    questions: list[str] = Field(description="The questions the fact sheet suggests asking your doctor.")
    citations: list[CitationModel]


def add_routes(app: FastAPI, helpdesk: HelpDesk, store: SessionStore) -> None:
    """Register the help-desk routes on the app."""
    bot = helpdesk.bot
    topic = bot.content.topics.get(TOPIC)
    questions = {
        "title": topic.title if topic else "",
        "questions": list(sheet_questions(bot.content)),
        "citations": [c.to_dict() for c in bot.citations.cite([f"topic:{TOPIC}"])] if topic else [],
    }
    no_content = {204: {"description": "Done (no body)."}}
    unknown = {404: {"model": ErrorBody, "description": "The session or the reply is not known (any more)."}}

    @app.post(
        "/api/feedback",
        summary="Rate an answer: helpful or not",
        description=("Stores only the rated reply's intent and kind, the rating and the day: no message text, no "
                     "session id. One vote per reply (a repeat is accepted and ignored). Only the last "
                     f"{RECENT} replies of a conversation can be rated."),
        status_code=204, response_class=Response,
        responses={**no_content, **unknown, **ERROR_RESPONSES},
        openapi_extra=request_body(FeedbackRequest),
    )
    async def feedback(request: Request) -> Response:
        session_id, reply_id, helpful = feedback_fields(await read_json_object(request))
        await helpdesk.rate(store, session_id, reply_id, helpful)
        return Response(status_code=204)

    @app.post(
        "/api/reset",
        summary="Forget a conversation (the widget's \"New conversation\")",
        status_code=204, response_class=Response,
        responses={**no_content, **ERROR_RESPONSES},
        openapi_extra=request_body(ResetRequest),
    )
    async def reset(request: Request) -> Response:
        session_id = _session_id(await read_json_object(request))
        try:
            await store.delete(session_id)
        except StoreUnavailable:
            pass  # the store drops it once it is reachable again
        return Response(status_code=204)

    @app.get("/api/doctor-questions", summary="The fact sheet's questions to ask your doctor",
             response_model=DoctorQuestions)
    async def doctor_questions() -> JSONResponse:
        return JSONResponse(questions)

    @app.get("/metrics/feedback", summary="Feedback counts per intent, kind and rating (Prometheus text format)",
             response_class=Response, responses={200: {"content": {"text/plain": {}}, "description": "Counters."}})
    async def feedback_metrics() -> Response:
        return Response(await asyncio.to_thread(helpdesk.metrics), media_type="text/plain; version=0.0.4; charset=utf-8")
