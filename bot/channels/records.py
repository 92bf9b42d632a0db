"""What the help desk learns from its users, kept with care: the questions
the bot could not answer, and how users rated answers.

Both are off unless asked for. ``her2bot serve --record-unanswered FILE``
opens a :class:`Records` SQLite file (Python's sqlite3; WAL, so several
``--workers`` processes can share it) with two tables:

- ``unanswered``: the scrubbed text of a fallback or clarification, the
  nearest intent and its score, why (``fallback`` / ``clarify``) and the day
  (UTC). No session id, no IP, no time of day; digits and e-mail addresses
  masked; at most ``MAX_TEXT_CHARS`` characters a row and ``max_rows`` rows
  (the oldest go first).
- ``feedback``: counts per (day, intent, kind, helpful). No message text, no
  session or reply id: just the counts.

Without a file, feedback is counted in memory (:class:`MemoryFeedback`, per
process). ``her2bot review FILE`` reads the ``unanswered`` table back.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

MAX_TEXT_CHARS = 200
MAX_UNANSWERED = 5000

_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+@[^\s@<>()\[\],;:\"']+\.[^\s@<>()\[\],;:\"']+")
_DIGIT = re.compile(r"\d")  # every Unicode digit, not only 0-9
_SPACE = re.compile(r"\s+")

SCHEMA = """
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    text TEXT NOT NULL,
    reason TEXT NOT NULL,
    nearest_intent TEXT,
    score REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    day TEXT NOT NULL,
    intent TEXT NOT NULL,
    kind TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, intent, kind, helpful)
);
"""


def scrub(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """The text with e-mail addresses and digits masked, one line, capped."""
    text = _EMAIL.sub("[email]", text)
    text = _DIGIT.sub("#", text)
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _day(now: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(now))


@dataclass(frozen=True)
class Unanswered:
    day: str
    text: str
    reason: str
    nearest_intent: str | None
    score: float


class FeedbackCounts(Protocol):
    def add_feedback(self, intent: str, kind: str, helpful: bool) -> None: ...

    def feedback_counts(self) -> dict[tuple[str, str, bool], int]: ...


class MemoryFeedback:
    """Feedback counted in this process's memory (lost on restart)."""

    backend = "memory"

    def __init__(self) -> None:
        self._counts: Counter[tuple[str, str, bool]] = Counter()
        self._lock = threading.Lock()

    def add_feedback(self, intent: str, kind: str, helpful: bool) -> None:
        with self._lock:
            self._counts[(intent, kind, bool(helpful))] += 1

    def feedback_counts(self) -> dict[tuple[str, str, bool], int]:
        with self._lock:
            return dict(self._counts)


class Records:
    """The SQLite file of unanswered questions and feedback counts."""

    backend = "sqlite"

    def __init__(self, path: str | Path, *, max_rows: int = MAX_UNANSWERED,
                 clock: Callable[[], float] = time.time) -> None:
        if max_rows < 1:
            raise ValueError("the unanswered store must keep at least 1 row")
        self.path = Path(path)
        self.max_rows = max_rows
        self._clock = clock
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(str(self.path), timeout=5.0, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(SCHEMA)
        except sqlite3.Error as err:
            raise ValueError(f"cannot use {self.path} as the unanswered-question store: {err}") from None

    # ------------------------------------------------------------ unanswered
    def add_unanswered(self, text: str, reason: str, nearest_intent: str | None, score: float) -> None:
        cleaned = scrub(text)
        if not cleaned:
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "INSERT INTO unanswered (day, text, reason, nearest_intent, score) VALUES (?, ?, ?, ?, ?)",
                    (_day(self._clock()), cleaned, reason, nearest_intent, round(float(score), 1)))
                self._db.execute("DELETE FROM unanswered WHERE id <= (SELECT max(id) FROM unanswered) - ?", (self.max_rows,))
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def unanswered(self) -> list[Unanswered]:
        with self._lock:
            rows = self._db.execute("SELECT day, text, reason, nearest_intent, score FROM unanswered ORDER BY id").fetchall()
        return [Unanswered(*row) for row in rows]

    # ------------------------------------------------------------ feedback
    def add_feedback(self, intent: str, kind: str, helpful: bool) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO feedback (day, intent, kind, helpful, count) VALUES (?, ?, ?, ?, 1) "
                "ON CONFLICT (day, intent, kind, helpful) DO UPDATE SET count = count + 1",
                (_day(self._clock()), intent, kind, int(bool(helpful))))

    def feedback_counts(self) -> dict[tuple[str, str, bool], int]:
        with self._lock:
            rows = self._db.execute("SELECT intent, kind, helpful, sum(count) FROM feedback GROUP BY intent, kind, helpful").fetchall()
        return {(intent, kind, bool(helpful)): int(count) for intent, kind, helpful, count in rows}

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_records(path: str | Path) -> Records:
    """Open an existing records file for reading (``her2bot review``); a
    clear ValueError if it is missing or not one."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file (record one with `her2bot serve --record-unanswered {path}`)")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            db.execute("SELECT count(*) FROM unanswered").fetchone()
    except sqlite3.Error:
        raise ValueError(f"{path} is not an unanswered-question store made by `her2bot serve --record-unanswered`") from None
    return Records(path)
