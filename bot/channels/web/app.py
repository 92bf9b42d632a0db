"""The FastAPI application: chat API, Rasa-compatible webhook, health, widget.

``create_app(bot, settings)`` builds it. Routes are thin: read and check the
body, fetch the session's state from the store, call the engine, save the new
state, answer. Everything the routes need lives on the app (no globals), so
tests can build as many independent apps as they like.
"""

from __future__ import annotations

import inspect
import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from bot import __version__
from bot.core import Bot
from bot.channels.sessions import DEFAULT_MAX_SESSIONS, DEFAULT_TTL_SECONDS, SessionStore, open_store
from bot.channels.web.calls import call_buttons
from bot.channels.web.engine import Answerer
from bot.channels.web.errors import MAX_BODY_BYTES, BodyLimitMiddleware, install_error_handlers
from bot.channels.web.helpdesk import HelpDesk, add_routes
from bot.channels.web.requests import (
    ERROR_RESPONSES, ChatRequest, ChatResponse, HealthResponse, RasaMessage, RasaRequest,
    chat_fields, new_session_id, rasa_fields, read_json_object, request_body,
)

log = logging.getLogger("her2bot.web")

STATIC = Path(__file__).resolve().parents[2] / "static"  # bot/static
RASA_PREFIX = "rasa:"  # Rasa senders are client-chosen; keep them apart from our own ids


@dataclass
class Settings:
    """How the server behaves; `her2bot serve` fills this from its options."""

    allow_origins: list[str] = field(default_factory=list)
    session_ttl: float = DEFAULT_TTL_SECONDS
    max_sessions: int = DEFAULT_MAX_SESSIONS
    sessions_url: str | None = None  # None/"memory": in-process store
    log_messages: bool = False
    reply_cache: int = 4096  # replies remembered for repeated (message, state) pairs; 0 = off
    max_body_bytes: int = MAX_BODY_BYTES
    store: SessionStore | None = None  # a ready store (tests inject one with a fake clock)
    record_unanswered: str | None = None  # SQLite file for unanswered questions and feedback counts


def _static(name: str) -> bytes:
    return (STATIC / name).read_bytes()


def _no_telemetry() -> dict[str, Any]:
    """Newer FastAPI versions check for OpenTelemetry on every request; we
    don't use it, so switch it off where the option exists (older: no-op)."""
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters:
        return {"telemetry": {"tracing": False, "metrics": False, "logs": False}}
    return {}


def create_app(bot: Bot, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    store = settings.store or open_store(settings.sessions_url, ttl_seconds=settings.session_ttl, max_sessions=settings.max_sessions)
    answerer = Answerer(bot, settings.reply_cache)
    helpdesk = HelpDesk(bot, settings.record_unanswered)
    summary = bot.summary()
    widget_js = _static("widget.js")
    demo_html = _static("demo.html")
    log_messages = settings.log_messages

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await store.close()
        helpdesk.close()

    app = FastAPI(
        title="her2bot",
        version=__version__,
        description=(
            "Patient-education answers about HER2-targeted therapies for metastatic breast cancer, "
            "from one Susan G. Komen fact sheet. Educational only, not medical advice. "
            "Errors are JSON: {\"error\": code, \"detail\": words}."
        ),
        lifespan=lifespan,
        **_no_telemetry(),
    )
    app.state.store = store
    app.state.answerer = answerer
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.allow_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.allow_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
            max_age=600,
        )

    @app.post(
        "/api/chat",
        summary="Send one message, get the bot's reply",
        response_model=None,
        responses={200: {"model": ChatResponse, "description": "The reply, with the session id to send next time."}, **ERROR_RESPONSES},
        openapi_extra=request_body(ChatRequest),
    )
    async def chat(request: Request) -> Response:
        message, session_id = chat_fields(await read_json_object(request))
        state = await store.get(session_id) if session_id else None
        new_session = state is None
        # While a shared store is down, keep the client's id: its saved state
        # is still there once the store is back, so the conversation resumes.
        if new_session and not (session_id and getattr(store, "degraded", False)):
            session_id = new_session_id()
        state, recent = helpdesk.split(state)
        reply, new_state = answerer.answer(message, state)
        await store.put(session_id, await helpdesk.after_turn(message, reply, state, new_state, recent))
        if log_messages:
            log.info("chat session=%s intent=%s message=%r", session_id[:6], reply["intent"], message)
        return JSONResponse({"session_id": session_id, "new_session": new_session, **reply})

    @app.post(
        "/webhooks/rest/webhook",
        summary="Rasa REST channel: {sender, message} -> list of bot messages",
        response_model=None,
        responses={200: {"model": list[RasaMessage], "description": "The bot's messages (one), Rasa style."}, **ERROR_RESPONSES},
        openapi_extra=request_body(RasaRequest),
    )
    async def rasa_webhook(request: Request) -> Response:
        sender, message = rasa_fields(await read_json_object(request))
        key = RASA_PREFIX + sender
        state = await store.get(key)
        reply, new_state = answerer.answer(message, state)
        await store.put(key, await helpdesk.after_turn(message, reply, state, new_state, [], rateable=False))
        if log_messages:
            log.info("rasa intent=%s message=%r", reply["intent"], message)
        out = {
            "recipient_id": sender,
            "text": reply["text"],
            "buttons": [*call_buttons(reply["kind"], reply["fallback"], bot.content.helpline),
                        *({"title": s, "payload": s} for s in reply["suggestions"])],
            "custom": {"kind": reply["kind"], "intent": reply["intent"], "confidence": reply["confidence"], "fallback": reply["fallback"],
                       "citations": reply["citations"]},
        }
        return JSONResponse([out])

    # Serve the two POST endpoints through plain Starlette routes placed first:
    # the same handlers, minus FastAPI's per-request dependency solving, which
    # was ~40% of the cost of a cached reply. The FastAPI routes above still
    # describe them in /openapi.json and /docs.
    for path, endpoint in (("/api/chat", chat), ("/webhooks/rest/webhook", rasa_webhook)):
        app.router.routes.insert(0, Route(path, endpoint, methods=["POST"]))

    add_routes(app, helpdesk, store)

    @app.get("/healthz", summary="Liveness, content counts and session-store status", response_model=HealthResponse)
    async def healthz() -> JSONResponse:
        sessions: dict[str, Any] = await store.status()
        status = "ok" if sessions.get("status") == "ok" else "degraded"
        return JSONResponse({"status": status, "version": __version__, "content": summary, "sessions": sessions,
                             "reply_cache": answerer.stats()})

    @app.get("/widget.js", include_in_schema=False)
    async def widget() -> Response:
        return Response(
            widget_js,
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
        )

    @app.get("/", include_in_schema=False)
    async def demo() -> HTMLResponse:
        return HTMLResponse(demo_html, headers={"X-Content-Type-Options": "nosniff"})

    return app
