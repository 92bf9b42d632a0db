"""The FastAPI application: chat API, Rasa-compatible webhook, health, metrics, widget, docs.

``create_app(bot, settings)`` builds it. Routes are thin: check the caller
(rate limit, API key), read and check the body, run the turn (turns.py),
answer. Everything the routes need lives on the app (no globals), so tests
can build as many independent apps as they like. ``app.state.metrics`` is
the :class:`~bot.channels.web.metrics.Metrics` of the app (e.g. for
``record_feedback``).
"""

from __future__ import annotations

import inspect
import json
import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from bot import __version__
from bot.core import Bot
from bot.channels.sessions import (
    DEFAULT_MAX_SESSIONS, DEFAULT_TTL_SECONDS, MemorySessionStore, SessionStore, open_store,
)
from bot.channels.web.auth import ApiKey
from bot.channels.web.calls import call_buttons
from bot.channels.web.cors import JsonCORSMiddleware
from bot.channels.web.docs import ASSET_PREFIX, PAGES as DOC_PAGES, install_docs
from bot.channels.web.edge import EdgeMiddleware
from bot.channels.web.engine import Answerer
from bot.channels.web.errors import MAX_BODY_BYTES, BodyLimitMiddleware, install_error_handlers
from bot.channels.web.helpdesk import HelpDesk, add_routes
from bot.channels.web.limits import MemoryBuckets, RateLimit, RedisBuckets
from bot.channels.web.metrics import CONTENT_TYPE as METRICS_TYPE, Metrics
from bot.channels.web.protocol import REFUSED_HOOK
from bot.channels.web.requests import (
    ERROR_RESPONSES, ChatRequest, ChatResponse, HealthResponse, RasaMessage, RasaRequest,
    chat_fields, rasa_fields, read_json_object, request_body,
)
from bot.channels.web.turns import Turns

log = logging.getLogger("her2bot.web")

STATIC = Path(__file__).resolve().parents[2] / "static"  # bot/static
CHAT, WEBHOOK = "/api/chat", "/webhooks/rest/webhook"
ROUTES = frozenset({CHAT, WEBHOOK, "/healthz", "/metrics", "/", "/widget.js", "/openapi.json", *DOC_PAGES})
PAGES = frozenset({"/", *DOC_PAGES})
ASSETS = frozenset({"/widget.js", ASSET_PREFIX})


@dataclass
class Settings:
    """How the server behaves; `her2bot serve` fills this from its options."""

    allow_origins: list[str] = field(default_factory=list)
    session_ttl: float = DEFAULT_TTL_SECONDS
    max_sessions: int = DEFAULT_MAX_SESSIONS
    sessions_url: str | None = None  # None/"memory": in-process store
    log_messages: bool = False
    access_log: bool = True  # one line per request: method, path, status, time taken
    reply_cache: int = 4096  # replies remembered for repeated (message, state) pairs; 0 = off
    max_body_bytes: int = MAX_BODY_BYTES
    rate_limit: int = 0  # requests a minute per client on the POST endpoints; 0 = off
    api_key: str | None = None  # Bearer key for the webhook (and /api/chat if api_key_for_chat)
    api_key_for_chat: bool = False
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


def _rate_limit(settings: Settings, store: SessionStore, metrics: Metrics) -> RateLimit | None:
    if not settings.rate_limit:
        return None
    from bot.channels.redis_store import RedisSessionStore  # loads no client library itself

    buckets = (RedisBuckets(store, settings.rate_limit) if isinstance(store, RedisSessionStore)
               else MemoryBuckets(settings.rate_limit))
    return RateLimit(settings.rate_limit, buckets, metrics.record_rate_limited)


def create_app(bot: Bot, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    bot.warm_up()  # every index built before the first request, not during it
    store = settings.store or open_store(settings.sessions_url, ttl_seconds=settings.session_ttl, max_sessions=settings.max_sessions)
    metrics = Metrics(ROUTES, prefixes=(ASSET_PREFIX,))
    if isinstance(store, MemorySessionStore):
        metrics.watch_sessions(store.count)
    helpdesk = HelpDesk(bot, settings.record_unanswered, metrics.record_feedback)
    turns = Turns(store, Answerer(bot, settings.reply_cache), metrics, helpdesk)
    limit = _rate_limit(settings, store, metrics)
    key = ApiKey(settings.api_key) if settings.api_key else None
    chat_key = key if settings.api_key_for_chat else None
    summary = bot.summary()
    widget_js = _static("widget.js")
    demo_html = _static("demo.html")
    log_messages = settings.log_messages

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        yield {REFUSED_HOOK: metrics.record_refused}  # the connection guard (protocol.py) counts its 408s and 503s
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
        docs_url=None,
        redoc_url=None,
        **_no_telemetry(),
    )
    app.state.store = store
    app.state.answerer = turns.answerer
    app.state.metrics = metrics
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.allow_origins:
        app.add_middleware(
            JsonCORSMiddleware,
            allow_origins=settings.allow_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Authorization"],
            max_age=600,
        )
    app.add_middleware(EdgeMiddleware, metrics=metrics, pages=PAGES, assets=ASSETS, log_requests=settings.access_log)

    async def guard(request: Request, needed: ApiKey | None) -> None:
        """The right API key passes; otherwise the rate limit, then the key (401) if one is needed."""
        if needed is not None and needed.valid(request):
            return
        if limit is not None:
            await limit.check(request)
        if needed is not None:
            needed.check(request)

    @app.post(
        "/api/chat",
        summary="Send one message, get the bot's reply",
        response_model=None,
        responses={200: {"model": ChatResponse, "description": "The reply, with the session id to send next time."}, **ERROR_RESPONSES},
        openapi_extra=request_body(ChatRequest),
    )
    async def chat(request: Request) -> Response:
        await guard(request, chat_key)
        message, session_id = chat_fields(await read_json_object(request))
        turn = await turns.chat(message, session_id)
        if log_messages:
            log.info("chat session=%s intent=%s message=%r", turn.session_id[:6], turn.reply["intent"], message)
        # The reply's JSON comes ready from the answerer (cached with the reply): only the session is new.
        head = b'{"session_id":%s,"new_session":%s,' % (json.dumps(turn.session_id).encode(),
                                                        b"true" if turn.new_session else b"false")
        tail = b',"context_lost":true}' if turn.context_lost else b"}"
        return Response(head + turn.reply_json + tail, media_type="application/json")

    @app.post(
        "/webhooks/rest/webhook",
        summary="Rasa REST channel: {sender, message} -> list of bot messages",
        response_model=None,
        responses={200: {"model": list[RasaMessage], "description": "The bot's messages (one), Rasa style."}, **ERROR_RESPONSES},
        openapi_extra=request_body(RasaRequest),
    )
    async def rasa_webhook(request: Request) -> Response:
        await guard(request, key)
        sender, message = rasa_fields(await read_json_object(request))
        turn = await turns.rasa(sender, message)
        reply = turn.reply
        if log_messages:
            log.info("rasa intent=%s message=%r", reply["intent"], message)
        custom = {"kind": reply["kind"], "intent": reply["intent"], "confidence": reply["confidence"], "fallback": reply["fallback"]}
        if turn.context_lost:
            custom["context_lost"] = True
        out = {
            "recipient_id": sender,
            "text": reply["text"],
            "buttons": [*call_buttons(reply["calls"], reply["fallback"], bot.content.helpline),
                        *({"title": s, "payload": s} for s in reply["suggestions"])],
            "custom": {**custom, "citations": reply["citations"]},
        }
        return JSONResponse([out])

    # Serve the two POST endpoints through plain Starlette routes placed first:
    # the same handlers, minus FastAPI's per-request dependency solving, which
    # was ~40% of the cost of a cached reply. The FastAPI routes above still
    # describe them in /openapi.json and /docs.
    for path, endpoint in ((CHAT, chat), (WEBHOOK, rasa_webhook)):
        app.router.routes.insert(0, Route(path, endpoint, methods=["POST"]))

    add_routes(app, helpdesk, store)

    @app.get("/healthz", summary="Liveness, content counts and session-store status", response_model=HealthResponse)
    async def healthz() -> JSONResponse:
        sessions: dict[str, Any] = await store.status()
        status = "ok" if sessions.get("status") == "ok" else "degraded"
        return JSONResponse({"status": status, "version": __version__, "content": summary, "sessions": sessions,
                             "reply_cache": turns.answerer.stats()})

    @app.get("/metrics", summary="Prometheus metrics (text format): every series named her2bot_...",
             response_class=Response, responses={200: {"content": {METRICS_TYPE: {}}}})
    async def prometheus_metrics() -> Response:
        return Response(metrics.exposition(), media_type=METRICS_TYPE)

    @app.get("/widget.js", include_in_schema=False)
    async def widget() -> Response:
        return Response(widget_js, media_type="text/javascript; charset=utf-8", headers={"Cache-Control": "public, max-age=300"})

    @app.get("/", include_in_schema=False)
    async def demo() -> HTMLResponse:
        return HTMLResponse(demo_html)

    install_docs(app)
    return app
