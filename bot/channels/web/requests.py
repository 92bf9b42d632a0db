"""Reading and checking request bodies, plus the models that document them.

The routes parse JSON themselves (instead of letting FastAPI bind a model) so
that each mistake gets its own status and a message naming the field, and so
the hot path stays a handful of dictionary look-ups. The pydantic models
below describe the same contract for OpenAPI (/openapi.json, /docs).
"""

from __future__ import annotations

import json
import re
import itertools
import secrets
import unicodedata
from typing import Any

from fastapi import Request
from pydantic import BaseModel, Field

from bot.channels.web.errors import ApiError
from bot.reply import REPLY_ID_PATTERN

SESSION_ID_PATTERN = "^[A-Za-z0-9_-]{16,64}$"
# Checked with re.search, exactly as JSON-Schema validators in Python read the
# OpenAPI pattern (so a trailing newline passes both; such an id is simply unknown).
SESSION_ID = re.compile(SESSION_ID_PATTERN)
MAX_SENDER_CHARS = 128


def _format_characters() -> str:
    """A regex class body of every Unicode format character (category Cf:
    zero-width space and joiners, bidi marks, soft hyphen, BOM ...).
    Planes 2-13 and 15-16 hold only letters, unassigned and private-use
    code points, so only planes 0, 1 and 14 are read (quick at start-up)."""
    runs: list[tuple[int, int]] = []
    for code in itertools.chain(range(0x20000), range(0xE0000, 0xF0000)):
        if unicodedata.category(chr(code)) == "Cf":
            if runs and runs[-1][1] == code - 1:
                runs[-1] = (runs[-1][0], code)
            else:
                runs.append((code, code))

    def esc(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return "".join(esc(a) if a == b else f"{esc(a)}-{esc(b)}" for a, b in runs)


# Not blank: some character that is neither white space nor a format character.
# The same rule in the check below and in the OpenAPI schema.
NOT_BLANK = re.compile(f"[^\\s{_format_characters()}]")


def new_session_id() -> str:
    """128 random bits, URL-safe: unguessable, so sessions can't be hijacked by guessing."""
    return secrets.token_urlsafe(16)


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


async def read_json_object(request: Request) -> dict[str, Any]:
    """The body as a JSON object, or an ApiError (415, 400, 422) saying why not."""
    content_type = request.headers.get("content-type", "")
    if not _is_json(content_type):
        shown = content_type or "none"
        raise ApiError(415, "unsupported_media_type", f"Send the body as JSON with Content-Type: application/json (got {shown}).")
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(400, "invalid_json", "The body is not valid UTF-8 text.") from None
    if text.startswith("\ufeff"):
        raise ApiError(400, "invalid_json", "The body starts with a byte order mark (BOM): send UTF-8 JSON without one.")
    try:
        data = _DECODER.decode(text)
    except json.JSONDecodeError as err:
        raise ApiError(400, "invalid_json", f"The body is not valid JSON: {err.msg} at character {err.pos}.") from None
    except ValueError:  # e.g. an integer too long to convert
        raise ApiError(400, "invalid_json", "The body is not valid JSON.") from None
    except RecursionError:
        raise ApiError(400, "invalid_json", "The body is nested too deeply.") from None
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_request", "The body must be a JSON object, such as {\"message\": \"what is her2?\"}.")
    return data


def _no_constant(name: str) -> Any:
    raise ApiError(400, "invalid_json", f"The body is not valid JSON: {name} is not a JSON number.")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        raise ApiError(400, "invalid_json", f"The body has the key {twice!r} more than once: send each field once.")
    return data


# Strict JSON: no NaN or Infinity (not JSON, though Python's parser takes them)
# and no key twice in one object (which one would win is a guess).
_DECODER = json.JSONDecoder(parse_constant=_no_constant, object_pairs_hook=_object)


def _text_field(data: dict[str, Any], name: str) -> str:
    if name not in data:
        raise ApiError(422, f"missing_{name}", f"The field '{name}' is missing.")
    value = data[name]
    if not isinstance(value, str):
        raise ApiError(422, f"invalid_{name}", f"The field '{name}' must be a string.")
    _check_unicode(value, name)
    return value


def _check_unicode(value: str, name: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(422, f"invalid_{name}", f"The field '{name}' contains invalid Unicode (a lone surrogate).") from None


def chat_fields(data: dict[str, Any]) -> tuple[str, str | None]:
    """(message, session_id or None) from a /api/chat body."""
    message = _text_field(data, "message")
    session_id = data.get("session_id")
    if session_id is not None:
        if not isinstance(session_id, str):
            raise ApiError(422, "invalid_session_id", "The field 'session_id' must be a string or null.")
        if not SESSION_ID.search(session_id):
            raise ApiError(
                422, "invalid_session_id",
                "The field 'session_id' must be an id this server gave out (16-64 letters, digits, '-' or '_'), or null.",
            )
    return message, session_id


def rasa_fields(data: dict[str, Any]) -> tuple[str, str]:
    """(sender, message) from a Rasa REST-channel body."""
    sender = _text_field(data, "sender")
    if not NOT_BLANK.search(sender) or len(sender) > MAX_SENDER_CHARS:
        raise ApiError(422, "invalid_sender", f"The field 'sender' must be 1-{MAX_SENDER_CHARS} characters and not blank.")
    message = _text_field(data, "message")
    return sender, message


# ---------------------------------------------------------------- OpenAPI models
class ChatRequest(BaseModel):
    message: str = Field(description="What the user typed. Over 2,000 characters is cut, with a note in the reply.",
                         examples=["does enhertu affect lungs?"])
    session_id: str | None = Field(
        default=None, pattern=SESSION_ID_PATTERN,
        description="The id from an earlier reply, to continue that conversation; null or absent to start one.",
    )


class CitationModel(BaseModel):
    section: str = Field(description="A section of the fact sheet, by its heading (or the drug table).",
                         examples=["HER2-targeted therapy drugs for MBC (table)"])
    detail: str = Field(description="Where in that section: a table row and column, a paragraph, a footnote.",
                        examples=["Enhertu — Brand name and (how given)"])


class ChatResponse(BaseModel):
    session_id: str = Field(description="Send this back with the next message to keep the conversation's context.")
    new_session: bool = Field(description="True when a new conversation was started (no id given, or the old one expired).")
    text: str = Field(description="Everything to show the user, disclaimer included.")
    kind: str = Field(description="The message kind: crisis, emergency, symptom_report, decision, question, social or "
                                  "off_topic. Show crisis and emergency replies prominently.")
    intent: str | None
    confidence: float = Field(ge=0, le=1)
    entities: dict[str, str]
    fallback: bool = Field(description="True when the bot could not answer; the text then gives the Komen helpline.")
    suggestions: list[str] = Field(description="Follow-up questions the user can pick; send one back as the message.")
    sources: list[str] = Field(description="Knowledge entry ids the answer came from.")
    citations: list[CitationModel] = Field(
        description="Where on the fact sheet each fact of the answer can be found (named, never quoted). "
                    "Empty for fallbacks and for replies that state no fact from the sheet.")
    disclaimer: str
    reply_id: str = Field(pattern=REPLY_ID_PATTERN,
                          description="Names this reply within its conversation ('<turn>-<digest>'); send it to "
                                      "POST /api/feedback with the session id to rate the answer.")
    calls: list[str] = Field(
        description="The numbers the text tells the reader to call now, in its order: \"988\" (call or text the "
                    "Suicide & Crisis Lifeline) and \"911\". Set on crisis and emergency replies, and on the reply to a "
                    "message the bot could not read. Show them as tap-to-call links (tel:988, sms:988, tel:911).",
        examples=[["988", "911"]])
    context_lost: bool | None = Field(
        default=None, description="Only present (true) while the session store is unreachable: the answer was given "
                                  "without the conversation's context, and the session_id is a fresh one. Tell the "
                                  "user, e.g. \"I may have lost track of our conversation\".")


class RasaRequest(BaseModel):
    sender: str = Field(min_length=1, max_length=MAX_SENDER_CHARS, pattern=NOT_BLANK.pattern,
                        description="The conversation id, chosen by the client; not blank.")
    message: str


class RasaButton(BaseModel):
    title: str
    payload: str = Field(description="The text to send back as the next message; for a link button, the link.")
    url: str | None = Field(default=None, description="Only on link buttons: a tel: or sms: link to open "
                                                      "(crisis: 988 and 911; emergency: 911; fallback: the Komen helpline).")
    type: str | None = Field(default=None, description="'web_url' on link buttons.")


class RasaCustom(BaseModel):
    kind: str
    intent: str | None
    confidence: float
    fallback: bool
    citations: list[CitationModel]
    context_lost: bool | None = Field(default=None, description="Only present (true) while the session store is "
                                                                "unreachable: answered without context.")


class RasaMessage(BaseModel):
    recipient_id: str
    text: str
    buttons: list[RasaButton]
    custom: RasaCustom


class ErrorBody(BaseModel):
    error: str = Field(description="A short code, e.g. missing_message, invalid_json, body_too_large.")
    detail: str = Field(description="What is wrong, in words.")


class HealthResponse(BaseModel):
    status: str = Field(description="'ok', or 'degraded' when the session store has a problem (answers still come).")
    version: str
    content: dict[str, int]
    sessions: dict[str, Any]
    reply_cache: dict[str, int] = Field(description="size, entries, hits and misses of the reply cache.")


def request_body(model: type[BaseModel]) -> dict[str, Any]:
    """openapi_extra for a route that reads its JSON body itself."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": model.model_json_schema()}}}}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The body is not valid (strict) JSON, or the HTTP request is malformed."},
    413: {"model": ErrorBody, "description": "The body is over 16 KB."},
    415: {"model": ErrorBody, "description": "The body is not sent as application/json."},
    401: {"model": ErrorBody, "description": "With --api-key: the Authorization: Bearer key is missing or wrong "
                                            "(the webhook; /api/chat only with --api-key-for-chat)."},
    422: {"model": ErrorBody, "description": "A field is missing or has the wrong type."},
    429: {"model": ErrorBody, "description": "With --rate-limit: too many requests from this client; see Retry-After."},
}
