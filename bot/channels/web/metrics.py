"""Prometheus metrics of the HTTP server (GET /metrics), every series named her2bot_….

Counted here: requests by route, method and status, latency by route,
replies by kind, feedback, sessions started, replies that lost their
context, session-store errors, rate-limited requests and connections the
connection guard refused (408, 503).

With ``--workers N`` each process writes its counts to files in one shared
directory (prometheus_client's multiprocess mode: ``serve`` sets
``PROMETHEUS_MULTIPROC_DIR`` before the workers start) and every scrape
adds them up, so whichever worker answers ``/metrics`` shows the totals of
all of them. One process keeps its counts in memory.

Other parts call the ``record_*`` methods; ``record_feedback(intent, helpful)``
is the hook for the feedback endpoint.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterator

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = CONTENT_TYPE_LATEST
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
OTHER_ROUTE = "other"  # unknown paths share one label, so a scan of random URLs can't grow the series


def reply_label(reply: dict[str, Any]) -> str:
    """The "kind" label of a reply: clarify, fallback, or the message kind."""
    if reply.get("intent") == "clarify":
        return "clarify"
    if reply.get("fallback") and reply.get("kind") in ("question", "off_topic"):
        return "fallback"
    return str(reply.get("kind"))


class _LiveSessions:
    """A collector for the in-memory store's session count, read at scrape time."""

    def __init__(self, count: Callable[[], int]) -> None:
        self._count = count

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield GaugeMetricFamily("her2bot_sessions_active", "Conversations held in this process's memory.",
                                value=self._count())


class Metrics:
    """The server's counters and histograms, and their text exposition."""

    def __init__(self, routes: frozenset[str], prefixes: tuple[str, ...] = ()) -> None:
        self.routes = routes
        self.prefixes = prefixes  # e.g. "/static/docs/": all its files share one label, "/static/docs/*"
        self.multiprocess = bool(os.environ.get(MULTIPROC_ENV))
        own = CollectorRegistry(auto_describe=True)
        self.requests = Counter("her2bot_http_requests", "HTTP requests answered, by route, method and status.",
                                ["route", "method", "status"], registry=own)
        self.latency = Histogram("her2bot_http_request_duration_seconds",
                                 "Time from the request's headers to the end of the response, by route.",
                                 ["route"], buckets=LATENCY_BUCKETS, registry=own)
        self.replies = Counter("her2bot_replies", "Bot replies by kind: question, fallback, clarify, crisis, emergency, "
                               "symptom_report, decision, social, off_topic.", ["kind"], registry=own)
        self.feedback = Counter("her2bot_feedback", "Feedback on replies, by intent and whether it helped.",
                                ["intent", "helpful"], registry=own)
        self.sessions_started = Counter("her2bot_sessions_started", "Conversations started, by channel (chat, rasa).",
                                        ["channel"], registry=own)
        self.context_lost = Counter("her2bot_context_lost_replies",
                                    "Replies given without the conversation's context because the session store was down.",
                                    registry=own)
        self.store_errors = Counter("her2bot_session_store_errors", "Session-store calls that failed (outages).",
                                    registry=own)
        self.rate_limited = Counter("her2bot_rate_limited_requests", "Requests refused with 429 by the rate limit.",
                                    registry=own)
        self.refused = Counter("her2bot_connections_refused",
                               "Connections answered by the connection guard: 408 read_timeout or 503 capacity.",
                               ["reason"], registry=own)
        if self.multiprocess:
            self._exposed = CollectorRegistry()
            MultiProcessCollector(self._exposed)
        else:
            self._exposed = own
        self._request_children: dict[tuple[str, str, int], Any] = {}
        self._latency_children: dict[str, Any] = {}
        self._reply_children: dict[str, Any] = {}
        self._started_children: dict[str, Any] = {}

    def watch_sessions(self, count: Callable[[], int]) -> None:
        """Expose a live session count (the in-memory store; one process only)."""
        if not self.multiprocess:
            self._exposed.register(_LiveSessions(count))

    # ------------------------------------------------------------ recording
    def route_of(self, path: str) -> str:
        if path in self.routes:
            return path
        for prefix in self.prefixes:
            if path.startswith(prefix):
                return prefix + "*"
        return OTHER_ROUTE

    def record_request(self, route: str, method: str, status: int, seconds: float) -> None:
        key = (route, method, status)
        child = self._request_children.get(key)
        if child is None:  # label look-ups cost a lock and a tuple; keep the children
            child = self._request_children[key] = self.requests.labels(route, method, str(status))
        child.inc()
        hist = self._latency_children.get(route)
        if hist is None:
            hist = self._latency_children[route] = self.latency.labels(route)
        hist.observe(seconds)

    def record_reply(self, reply: dict[str, Any], new_session: bool, channel: str, context_lost: bool) -> None:
        label = reply_label(reply)
        child = self._reply_children.get(label)
        if child is None:
            child = self._reply_children[label] = self.replies.labels(label)
        child.inc()
        if new_session:
            started = self._started_children.get(channel)
            if started is None:
                started = self._started_children[channel] = self.sessions_started.labels(channel)
            started.inc()
        if context_lost:
            self.context_lost.inc()

    def record_feedback(self, intent: str | None, helpful: bool) -> None:
        """The hook for POST /api/feedback: one count per feedback given."""
        self.feedback.labels(intent or "none", "true" if helpful else "false").inc()

    def record_store_error(self) -> None:
        self.store_errors.inc()

    def record_rate_limited(self) -> None:
        self.rate_limited.inc()

    def record_refused(self, reason: str) -> None:
        self.refused.labels(reason).inc()

    # ------------------------------------------------------------ exposition
    def exposition(self) -> bytes:
        return generate_latest(self._exposed)
