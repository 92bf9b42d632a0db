"""Tap-to-call buttons for the Rasa webhook: a person one tap away.

Crisis replies get 988 (call or text) and 911, emergencies 911: the only
numbers from outside the fact sheet the bot may give. Fallbacks get the
Susan G. Komen helpline from the knowledge base. Each is a Rasa button with
a ``url`` (``tel:`` / ``sms:``) to open, not text to send back; its
``payload`` is the same link.
"""

from __future__ import annotations

import re
from typing import Any

from bot.content.model import Helpline

CALLS: dict[str, tuple[tuple[str, str], ...]] = {
    "crisis": (("Call 988 (Suicide & Crisis Lifeline)", "tel:988"), ("Text 988", "sms:988"), ("Call 911", "tel:911")),
    "emergency": (("Call 911", "tel:911"),),
}


def tel(phone: str) -> str:
    """A tel: link for a printed number ("1-877-465-6636" -> "tel:+18774656636")."""
    digits = re.sub(r"\D", "", phone)
    return f"tel:+{digits}" if len(digits) == 11 and digits.startswith("1") else f"tel:{digits}"


def call_buttons(kind: str, fallback: bool, helpline: Helpline) -> list[dict[str, Any]]:
    """The link buttons a reply of this kind carries (first, before suggestions)."""
    calls = list(CALLS.get(kind, ()))
    if fallback:
        calls.append((f"Talk to a person: {helpline.organisation} {helpline.phone}", tel(helpline.phone)))
    return [{"title": title, "payload": url, "url": url, "type": "web_url"} for title, url in calls]
