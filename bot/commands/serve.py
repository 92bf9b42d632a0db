"""`her2bot serve`: the HTTP API, the chat widget and a demo page (uvicorn)."""

from __future__ import annotations

import argparse
import gc
import ipaddress
import json
import os
import re
import shutil
import sys
import tempfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.channels.web import Settings

HELP = "run the HTTP API, chat widget (/widget.js) and demo page (/)"
DESCRIPTION = """\
Serve the bot over HTTP:
  POST /api/chat                 {"message", "session_id"} -> reply + session_id
  POST /webhooks/rest/webhook    Rasa REST channel format
  POST /api/feedback             rate an answer; POST /api/reset forgets a conversation
  GET  /api/doctor-questions     the fact sheet's questions to ask your doctor
  GET  /metrics/feedback         feedback counts per intent (Prometheus text)
  GET  /healthz                  status, content counts, session store
  GET  /metrics                  Prometheus metrics (her2bot_...)
  GET  /widget.js, GET /         the one-tag chat widget and a demo page
  GET  /docs, /redoc, /openapi.json   API documentation (served offline)

Conversations are kept in memory per session and forgotten after
--session-ttl seconds without a message. With --sessions redis://host:6379/0
(or HER2BOT_SESSIONS) they live in Redis instead, shared by every process
that uses the same Redis, so --workers N and several machines behind a load
balancer serve one helpdesk (docs/scale-out.md). Message text is not logged
unless --log-messages is given (it is health information).

--record-unanswered FILE (off by default) keeps the questions the bot could
not answer in a SQLite file, scrubbed (no session id or IP, digits and
e-mail addresses masked, length and count capped), for `her2bot review FILE`;
feedback counts then go in the same file (else they are counted in memory).

On the internet: a request must arrive within --read-timeout seconds (else
408), at most --max-connections are open per process (else 503),
--rate-limit N allows N requests a minute per client, and --api-key (or
HER2BOT_API_KEY) guards the webhook (and /api/chat with --api-key-for-chat)."""

SESSIONS_ENV = "HER2BOT_SESSIONS"
MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"  # read by prometheus_client in each worker (bot/channels/web/metrics.py)
API_KEY_ENV = "HER2BOT_API_KEY"
_WORKER_ENV = "HER2BOT_SERVE_WORKER_SETTINGS"  # settings handed to --workers processes

_ORIGIN = re.compile(r"https?://[^/\s]+")


def _origin(value: str) -> str:
    value = value.rstrip("/")
    if value != "*" and not _ORIGIN.fullmatch(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an origin such as https://help.example.org (or *)")
    return value


def _positive(kind: type):
    def parse(value: str):
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
        if number <= 0:
            raise argparse.ArgumentTypeError(f"{value!r} must be more than 0")
        return number
    return parse


def _network(value: str) -> str:
    try:
        return str(ipaddress.ip_network(value, strict=False))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an IP address or network such as 10.0.0.5 or 10.0.0.0/8") from None


def _port(value: str) -> int:
    port = _positive(int)(value)
    if port > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1-65535)")
    return port


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument("--allow-origin", dest="allow_origins", metavar="ORIGIN", type=_origin, action="append", default=[],
                        help="let pages on ORIGIN (e.g. https://help.example.org) call the API; repeatable")
    parser.add_argument("--session-ttl", type=_positive(float), default=1800.0, metavar="SECONDS",
                        help="forget a conversation after this long without a message (default: 1800)")
    parser.add_argument("--max-sessions", type=_positive(int), default=10_000, metavar="N",
                        help="keep at most N conversations; the least recently used goes first (default: 10000)")
    parser.add_argument("--reply-cache", type=int, default=4096, metavar="N",
                        help="remember N replies to repeated questions (0: off; default: 4096)")
    parser.add_argument("--log-messages", action="store_true",
                        help="write message text to the log (off by default: it is health information)")
    parser.add_argument("--no-access-log", dest="access_log", action="store_false",
                        help="do not log one line per request (method, path without query, status, time taken)")
    parser.add_argument("--sessions", metavar="URL", default=None,
                        help="where conversations are kept: 'memory' (default) or redis://[:password@]host:6379/0, "
                             f"shared by all processes (default: ${SESSIONS_ENV}, else memory)")
    parser.add_argument("--record-unanswered", metavar="FILE", default=None,
                        help="keep unanswered questions (scrubbed) and feedback counts in this SQLite file, "
                             "for `her2bot review FILE` (default: off)")
    parser.add_argument("--workers", type=_positive(int), default=1, metavar="N",
                        help="run N server processes on the port; N > 1 needs --sessions redis://... (default: 1)")
    guard = parser.add_argument_group("on the internet")
    guard.add_argument("--read-timeout", type=_positive(float), default=10.0, metavar="SECONDS",
                       help="a request's headers and body must arrive within this time, else 408 (default: 10)")
    guard.add_argument("--max-connections", type=_positive(int), default=1000, metavar="N",
                       help="open connections per process; past it new ones get 503 (default: 1000)")
    guard.add_argument("--rate-limit", type=_positive(int), default=None, metavar="N",
                       help="allow each client N requests a minute on the POST endpoints, else 429 (default: off); "
                            "shared through Redis with --sessions redis://...")
    guard.add_argument("--trusted-proxy", dest="trusted_proxies", metavar="ADDRESS", type=_network, action="append",
                       default=[], help="a reverse proxy (IP or network) whose X-Forwarded-For names the client; repeatable")
    guard.add_argument("--api-key", default=None, metavar="KEY",
                       help=f"require Authorization: Bearer KEY on the Rasa webhook (better: ${API_KEY_ENV}, "
                            "since command lines are visible in ps)")
    guard.add_argument("--api-key-for-chat", action="store_true",
                       help="require the API key on /api/chat too (the browser widget can't send it: server-to-server only)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from bot.channels.web import Settings, create_app
    from bot.commands._common import load_bot_or_exit

    if args.reply_cache < 0:
        print("her2bot serve: --reply-cache must be 0 or more", file=sys.stderr)
        return 2
    sessions = _sessions_url(args)
    if isinstance(sessions, int):
        return sessions
    records = _records_file(args.record_unanswered)
    if isinstance(records, int):
        return records
    api_key = _api_key(args)
    if isinstance(api_key, int):
        return api_key
    settings = Settings(
        allow_origins=args.allow_origins,
        session_ttl=args.session_ttl,
        max_sessions=args.max_sessions,
        sessions_url=sessions,
        log_messages=args.log_messages,
        access_log=args.access_log,
        reply_cache=args.reply_cache,
        record_unanswered=records,
        rate_limit=args.rate_limit or 0,
        api_key=api_key,
        api_key_for_chat=args.api_key_for_chat,
    )
    _log_to_stderr()
    if args.workers > 1:
        return _run_workers(args, settings)
    bot = load_bot_or_exit(args.content)
    app = create_app(bot, settings)
    # The loaded content is long-lived and never freed: move it out of the
    # garbage collector's view so full collections stay short (lower p99).
    gc.collect()
    gc.freeze()
    print(f"her2bot: serving on http://{args.host}:{args.port}/  (demo page /, API docs /docs; sessions in "
          f"{_shown(settings.sessions_url)}; Ctrl-C stops)", file=sys.stderr)
    # loop="asyncio", not uvloop: with 64 busy keep-alive connections (bench/load_http.py)
    # throughput was the same but uvloop's p99 was 3-10x worse (0.2-2.2 s vs 80-230 ms
    # on a loaded 2-core machine, interleaved runs): the standard loop serves
    # connections more evenly. httptools parses HTTP.
    # uvicorn reports a port in use itself ("address already in use") and exits with status 3.
    uvicorn.run(app, host=args.host, port=args.port, **_uvicorn_options(args))
    return 0


def _uvicorn_options(args: argparse.Namespace) -> dict[str, Any]:
    """What both the one-process and the --workers server tell uvicorn."""
    from bot.channels.web.protocol import guarded_protocol

    return {
        # The app writes its own access log (no query strings, no addresses).
        "access_log": False,
        "log_level": "info",
        "server_header": False,
        "loop": "asyncio",
        # httptools, plus the read timeout, the connection cap and JSON for malformed HTTP.
        "http": guarded_protocol(args.read_timeout, args.max_connections),
        "ws": "none",
        # X-Forwarded-For is believed only from the proxies named (none by default).
        "proxy_headers": bool(args.trusted_proxies),
        "forwarded_allow_ips": args.trusted_proxies or None,
    }


def _api_key(args: argparse.Namespace) -> str | None | int:
    """The API key from --api-key or $HER2BOT_API_KEY, checked; or exit status 2."""
    from bot.channels.web.auth import check_key

    key = args.api_key if args.api_key is not None else (os.environ.get(API_KEY_ENV) or None)
    if key is None:
        if args.api_key_for_chat:
            print(f"her2bot serve: --api-key-for-chat needs an API key (--api-key or ${API_KEY_ENV})", file=sys.stderr)
            return 2
        return None
    try:
        check_key(key)
    except ValueError as err:
        print(f"her2bot serve: {err}", file=sys.stderr)
        return 2
    return key


def _sessions_url(args: argparse.Namespace) -> str | None | int:
    """The session-store URL from --sessions or $HER2BOT_SESSIONS, checked;
    or the exit status 2 after a clear message."""
    from bot.channels.sessions import is_redis_url

    url = args.sessions if args.sessions is not None else (os.environ.get(SESSIONS_ENV) or None)
    source = "--sessions" if args.sessions is not None else f"${SESSIONS_ENV}"
    if url is not None and url != "memory":
        if not is_redis_url(url):
            print(f"her2bot serve: {source} must be 'memory' or a Redis URL such as redis://host:6379/0", file=sys.stderr)
            return 2
        from bot.channels.redis_store import check_url

        try:
            check_url(url)
        except ValueError as err:
            print(f"her2bot serve: {source}: {err}", file=sys.stderr)
            return 2
    if args.workers > 1 and not is_redis_url(url):
        print(f"her2bot serve: --workers {args.workers} needs a shared session store: add --sessions redis://host:6379/0 "
              f"(or set {SESSIONS_ENV}). With the in-memory store each process would keep its own conversations, "
              "and follow-up questions sent to another process would lose their context.", file=sys.stderr)
        return 2
    return url


def _records_file(path: str | None) -> str | None | int:
    """The --record-unanswered file as an absolute path, checked by opening
    it once; or the exit status 2 after a clear message."""
    if path is None:
        return None
    from bot.channels.records import Records

    try:
        Records(path).close()
    except ValueError as err:
        print(f"her2bot serve: --record-unanswered: {err}", file=sys.stderr)
        return 2
    return os.path.abspath(path)


def _log_to_stderr() -> None:
    """Show the bot's own log lines (session-store outages, --log-messages)
    beside uvicorn's, at INFO, in the same style."""
    import logging  # not at the top: `her2bot ask` must start fast

    logger = logging.getLogger("her2bot")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-9s %(name)s[%(process)d]: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def _run_workers(args: argparse.Namespace, settings: "Settings") -> int:
    """--workers N: uvicorn's process manager runs N processes on one socket;
    each builds its own app through :func:`worker_app` from settings passed
    in the environment (worker processes start fresh, they are not forks)."""
    import dataclasses

    import uvicorn

    from bot.commands._common import load_bot_or_exit

    load_bot_or_exit(args.content)  # content errors: one clear message here, not N tracebacks
    os.environ[_WORKER_ENV] = json.dumps({"content": args.content, "settings": dataclasses.asdict(settings)})
    # Metrics: every worker writes its counts to files here, and /metrics adds
    # them up (prometheus_client multiprocess mode), so any worker shows the
    # totals. Made fresh for this run, removed when it ends.
    metrics_dir = tempfile.mkdtemp(prefix="her2bot-metrics-")
    os.environ[MULTIPROC_ENV] = metrics_dir
    print(f"her2bot: serving on http://{args.host}:{args.port}/ with {args.workers} processes, sessions in "
          f"{_shown(settings.sessions_url)}  (Ctrl-C stops)", file=sys.stderr)
    try:
        uvicorn.run("bot.commands.serve:worker_app", factory=True, workers=args.workers, host=args.host, port=args.port,
                    **_uvicorn_options(args))
    finally:
        shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0


def worker_app():  # -> FastAPI; not annotated so this module never imports fastapi at load time
    """The app factory uvicorn calls in each --workers process."""
    from bot.core import Bot
    from bot.channels.web import Settings, create_app

    _log_to_stderr()
    spec = json.loads(os.environ[_WORKER_ENV])
    bot = Bot.load(content_dir=spec["content"])
    app = create_app(bot, Settings(**spec["settings"]))
    gc.collect()
    gc.freeze()
    return app


def _shown(url: str | None) -> str:
    if url is None or url == "memory":
        return "memory"
    from bot.channels.redis_store import redacted

    return f"Redis {redacted(url)}"
