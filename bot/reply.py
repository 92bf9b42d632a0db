"""The Reply contract shared by the Python API, the CLI and HTTP, and the
serialisable conversation state.

Reply fields (README, "The Reply contract"): text (everything the user sees, disclaimer included),
kind (the message kind, one of KINDS), intent, confidence (0-1), entities,
fallback, suggestions, sources, citations (where on the fact sheet each fact
comes from), disclaimer, reply_id (names this reply within its conversation,
for feedback), calls (the emergency numbers the text tells the reader to call
now, in its order: front ends offer them as tap-to-call links).
``debug`` is extra detail for ``--debug``; it is never part of ``to_dict()``
unless asked for.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Debug:
    """Why the bot answered as it did: ranking, entities and the decision."""

    normalised: str
    masked: str
    kind: str
    kind_reason: str
    frame: str
    entities: tuple[dict[str, Any], ...]
    ranking: tuple[dict[str, Any], ...]
    decision: str
    reason: str
    threshold: float
    margin: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# The only numbers from outside the fact sheet the bot may give (docs/content.md, grounding rule 2).
CALL_NUMBERS = ("988", "911")

# The message kinds, in order of precedence when a message is several at once.
KINDS = ("crisis", "emergency", "symptom_report", "decision", "question", "social", "off_topic")


@dataclass(frozen=True)
class Citation:
    """A place on the fact sheet a person can find: a section and, within
    it, the part (a table row and column, a paragraph, a footnote)."""

    section: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"section": self.section, "detail": self.detail}


@dataclass(frozen=True)
class Reply:
    text: str
    kind: str
    intent: str | None
    confidence: float
    entities: dict[str, str]
    fallback: bool
    suggestions: tuple[str, ...]
    sources: tuple[str, ...]
    disclaimer: str
    citations: tuple[Citation, ...] = ()
    reply_id: str = ""
    calls: tuple[str, ...] = ()  # "988", "911": only the numbers CALL_NUMBERS allows
    debug: Debug | None = field(default=None, compare=False)

    def to_dict(self, include_debug: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "kind": self.kind,
            "intent": self.intent,
            "confidence": self.confidence,
            "entities": dict(self.entities),
            "fallback": self.fallback,
            "suggestions": list(self.suggestions),
            "sources": list(self.sources),
            "citations": [c.to_dict() for c in self.citations],
            "disclaimer": self.disclaimer,
            "reply_id": self.reply_id,
            "calls": list(self.calls),
        }
        if include_debug and self.debug is not None:
            data["debug"] = self.debug.to_dict()
        return data


# "<turn>-<8 hex digits>": the turn's number in its conversation and a digest
# of the reply, so the id is a pure function of (message, state) like the reply.
REPLY_ID_PATTERN = "^[0-9]{1,10}-[0-9a-f]{8}$"


def reply_id(turn: int, reply: Reply) -> str:
    """The id of the reply a conversation gives on its `turn`-th message."""
    digest = hashlib.blake2s(f"{reply.kind}\x1f{reply.intent}\x1f{reply.text}".encode("utf-8", "surrogatepass"),
                             digest_size=4).hexdigest()
    return f"{turn}-{digest}"


STATE_FIELDS = ("intent", "drug", "drug_2", "side_effect", "route", "awaiting", "listed", "turns")


@dataclass(frozen=True)
class State:
    """What a conversation remembers between turns. Plain JSON in and out."""

    intent: str | None = None  # last answered (or pending) intent
    drug: str | None = None
    drug_2: str | None = None
    side_effect: str | None = None  # the last answer's side effects, comma-separated
    route: str | None = None
    awaiting: str | None = None  # "drug" after the bot asked "which drug?"
    listed: str | None = None  # the drugs the last answer was about, comma-separated ("they", "those")
    turns: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in STATE_FIELDS}

    @classmethod
    def from_dict(cls, data: Any) -> "State":
        """Rebuild from saved JSON; raises ValueError naming what is wrong."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError("conversation state must be a JSON object")
        unknown = sorted(set(data) - set(STATE_FIELDS))
        if unknown:
            raise ValueError(f"unknown conversation state field(s): {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for name in STATE_FIELDS:
            value = data.get(name)
            if name == "turns":
                if value is None:
                    value = 0
                if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                    raise ValueError("conversation state field 'turns' must be a whole number")
            elif value is not None and not isinstance(value, str):
                raise ValueError(f"conversation state field '{name}' must be text or null")
            values[name] = value
        return cls(**values)

    def updated(self, **changes: Any) -> "State":
        return replace(self, **changes)
