"""`her2bot serve`: the HTTP API, the chat widget and a demo page (uvicorn)."""

from __future__ import annotations

import argparse
import gc
import re
import sys

HELP = "run the HTTP API, chat widget (/widget.js) and demo page (/)"
DESCRIPTION = """\
Serve the bot over HTTP:
  POST /api/chat                 {"message", "session_id"} -> reply + session_id
  POST /webhooks/rest/webhook    Rasa REST channel format
  GET  /healthz                  status, content counts, session store
  GET  /widget.js, GET /         the one-tag chat widget and a demo page
  GET  /docs, /openapi.json      API documentation

Conversations are kept in memory per session and forgotten after
--session-ttl seconds without a message. Message text is not logged unless
--log-messages is given (it is health information)."""

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
                        help="do not log one line per request (method, path, status; never bodies)")


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..web import Settings, create_app
    from ._common import load_bot_or_exit

    if args.reply_cache < 0:
        print("her2bot serve: --reply-cache must be 0 or more", file=sys.stderr)
        return 2
    bot = load_bot_or_exit(args.content)
    settings = Settings(
        allow_origins=args.allow_origins,
        session_ttl=args.session_ttl,
        max_sessions=args.max_sessions,
        log_messages=args.log_messages,
        reply_cache=args.reply_cache,
    )
    app = create_app(bot, settings)
    # The loaded content is long-lived and never freed: move it out of the
    # garbage collector's view so full collections stay short (lower p99).
    gc.collect()
    gc.freeze()
    print(f"her2bot: serving on http://{args.host}:{args.port}/  (demo page /, API docs /docs; Ctrl-C stops)", file=sys.stderr)
    # loop="asyncio", not uvloop: with 64 busy keep-alive connections (bench/load_http.py)
    # throughput was the same but uvloop's p99 was 3-10x worse (0.2-2.2 s vs 80-230 ms
    # on a loaded 2-core machine, interleaved runs): the standard loop serves
    # connections more evenly. httptools parses HTTP.
    # uvicorn reports a port in use itself ("address already in use") and exits with status 3.
    uvicorn.run(app, host=args.host, port=args.port, access_log=args.access_log, log_level="info",
                server_header=False, loop="asyncio", http="httptools")
    return 0
